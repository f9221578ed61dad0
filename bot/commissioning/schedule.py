"""The contract requirements schedule, built from the commissioner's answers only."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.commissioning.content import Requirements, Tiers

Status = Literal["in_contract", "add", "not_applicable", "skipped"]
STATUS_LABELS: dict[str, str] = {
    "in_contract": "already in the contract",
    "add": "to add",
    "not_applicable": "not applicable",
    "skipped": "not yet decided",
}


@dataclass(frozen=True)
class Answer:
    status: Status
    reason: str | None = None  # why a requirement is not applicable, in the user's words


def build_schedule(
    service: str,
    tier: str,
    answers: dict[str, Answer],
    requirements: Requirements,
    tiers: Tiers,
) -> str:
    """Markdown a commissioner can paste into a specification.

    `service` is the service's name as shown (the commissioner's own words are never
    stored; this text lives only in the conversation and the document).
    """
    tier_info = tiers.tier(tier)
    applicable = requirements.for_tier(tier)
    lines = [
        f"# Domestic-abuse requirements schedule: {service}",
        "",
        f"**Tier:** {tier_info.name}. {tier_info.description}",
        "",
        "## Requirements",
    ]
    included = [r for r in applicable if answers.get(r.id, Answer("skipped")).status
                in ("in_contract", "add")]  # fmt: skip
    if not included:
        lines += ["", "None of the requirements were kept for this contract."]
    for number, requirement in enumerate(included, 1):
        status = STATUS_LABELS[answers[requirement.id].status]
        lines += [
            "",
            f"### {number}. {requirement.title} ({status})",
            f"- **Suggested clause:** {requirement.clause}",
            f"- **What good looks like:** {requirement.good_for(tier)}",
            f"- **Evidence the provider should supply:** {requirement.evidence}",
            f"- **KPI or data return:** {requirement.kpi}",
            f"- **Review:** {requirement.review}",
        ]
    gaps = [r.title for r in applicable if answers.get(r.id, Answer("skipped")).status == "add"]
    lines += ["", "## Gap list: not yet in the contract"]
    lines += [f"- {title}" for title in gaps] or ["- None: everything kept is already in."]
    not_applicable = [
        (r.title, answers[r.id].reason)
        for r in applicable
        if answers.get(r.id, Answer("skipped")).status == "not_applicable"
    ]
    if not_applicable:
        lines += ["", "## Not applicable"]
        lines += [f"- {title}: {reason or 'no reason given'}" for title, reason in not_applicable]
    undecided = [
        r.title for r in applicable if answers.get(r.id, Answer("skipped")).status == "skipped"
    ]
    if undecided:
        lines += ["", "## Not yet decided"]
        lines += [f"- {title}" for title in undecided]
    lines += [
        "",
        "Clause wording is a starting point: agree it with your procurement and legal "
        "colleagues. Small-number suppression applies to every data return.",
        "",
        f"Sources: {'; '.join(s.cite() for s in requirements.sources)}. {requirements.status()}.",
    ]
    return "\n".join(lines) + "\n"
