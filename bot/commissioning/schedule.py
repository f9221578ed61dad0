"""The contract requirements schedule, built from the commissioner's answers only.

A `bot.documents.model.Document` whose main part is one table a procurement team
can put into a specification: requirement, clause, evidence, KPI, review, status,
reason. Every answer is kept, the reasons for "not applicable" included, and
requirements not yet decided are listed as such.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from bot.commissioning.content import Requirement, Requirements, Service, Tiers
from bot.documents.model import Bullets, Document, Field, Paragraph, Section, Table

Status = Literal["in_contract", "add", "not_applicable", "skipped"]
STATUS_LABELS: dict[str, str] = {
    "in_contract": "Already in the contract",
    "add": "To add",
    "not_applicable": "Not applicable",
    "skipped": "Not yet decided",
}
HEADERS = ("Requirement", "Suggested clause", "Evidence", "KPI or data return", "Review",
           "Status", "Reason")  # fmt: skip
TITLE = "Contract requirements schedule"
SLUG = "contract-requirements-schedule"


@dataclass(frozen=True)
class Answer:
    status: Status
    reason: str | None = None  # why a requirement is not applicable, in the user's words


def _row(requirement: Requirement, tier: str, answer: Answer, service: Service | None) -> tuple:
    what = f"{requirement.title}. What good looks like: {requirement.good_for(tier)}"
    note = service.notes.get(requirement.id) if service else None
    if note and service:
        what += f" Note for {service.name}: {note}"
    reason = answer.reason or ("No reason given." if answer.status == "not_applicable" else "")
    return (what, requirement.clause, requirement.evidence, requirement.kpi, requirement.review,
            STATUS_LABELS[answer.status], reason)  # fmt: skip


def build_schedule(
    service_name: str,
    tier: str,
    answers: dict[str, Answer],
    requirements: Requirements,
    tiers: Tiers,
    today: date,
    service: Service | None = None,
) -> Document:
    """`service_name` is the service as the commissioner named or chose it."""
    tier_info = tiers.tier(tier)
    applicable = requirements.for_tier(tier)
    status = {r.id: answers.get(r.id, Answer("skipped")) for r in applicable}
    order = ("add", "in_contract", "not_applicable", "skipped")
    ranked = sorted(applicable, key=lambda r: order.index(status[r.id].status))
    rows = tuple(_row(r, tier, status[r.id], service) for r in ranked)

    def titles(wanted: str) -> tuple[str, ...]:
        return tuple(r.title for r in applicable if status[r.id].status == wanted)

    gaps = titles("add")
    kept = sum(1 for a in status.values() if a.status in ("in_contract", "add"))
    sections = [
        Section(
            "Summary",
            (
                Paragraph(
                    f"{kept} of {len(applicable)} requirements kept for this contract, "
                    f"{len(gaps)} of them not yet in it."
                ),
            ),
        ),
        Section("Requirements", (Table(HEADERS, rows),)),
        Section("Gap list: to add to the contract", (Bullets(gaps or ("None.",)),)),
    ]
    undecided = titles("skipped")
    if undecided:
        sections.append(Section("Not yet decided", (Bullets(undecided),)))
    return Document(
        title=TITLE,
        created=today,
        slug=SLUG,
        fields=(
            Field("Service", service_name),
            Field("Tier", f"{tier_info.name}: {tier_info.description}"),
            Field("Contract reference"),
            Field("Prepared by"),
        ),
        intro=(
            "Domestic-abuse requirements for this contract, from the horizontal-commissioning "
            "checklist. Clause wording is a starting point: agree it with your procurement "
            "and legal colleagues. Small-number suppression applies to every data return.",
        ),
        sections=tuple(sections),
        footer=(
            f"Sources: {'; '.join(s.cite() for s in requirements.sources)}. "
            f"{requirements.status()}.",
        ),
    )
