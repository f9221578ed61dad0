"""The commissioning checklist: its data, the flow and the schedule (golden files)."""

from __future__ import annotations

import csv
import io
import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bot.commissioning.content import Requirements, Tiers, requirements, tiers
from bot.commissioning.flow import (
    DONE,
    handle_requirement,
    handle_service,
    handle_tier,
    next_requirement,
)
from bot.commissioning.schedule import Answer, build_schedule
from bot.config import PROJECT_ROOT
from bot.documents.model import Table
from bot.documents.spreadsheet import render_csv
from bot.documents.text import render_text
from bot.knowledge.files import KnowledgeFileError, load_yaml_model

GOLDEN = PROJECT_ROOT / "tests" / "data" / "golden"
R = requirements()
T = tiers()


def test_every_tier_has_requirements_and_the_specialist_tier_has_them_all() -> None:
    universal, targeted, specialist = (
        {r.id for r in R.for_tier(t)} for t in ("universal", "targeted", "specialist")
    )
    assert universal == {"workplace_policy", "staff_training"}
    assert universal < targeted < specialist == {r.id for r in R.requirements}
    assert specialist - targeted == {
        "marac_attendance",
        "risk_assessment",
        "outcomes",
        "service_user_involvement",
    }


def test_every_requirement_has_clause_evidence_kpi_and_review() -> None:
    for requirement in R.requirements:
        for tier in requirement.tiers:
            assert requirement.good_for(tier)
        assert requirement.clause.startswith("The Provider shall"), requirement.id
        assert requirement.evidence and requirement.kpi and requirement.review


def test_a_new_requirement_needs_only_data(tmp_path: Path) -> None:
    text = (PROJECT_ROOT / "data" / "commissioning" / "requirements.yml").read_text()
    text += """
  - id: perpetrator_disclosure
    title: Responding to staff who use abuse
    tiers: [targeted]
    means: m
    why: w
    good: g
    clause: The Provider shall respond.
    evidence: e
    kpi: k
    review: Annually
"""
    path = tmp_path / "requirements.yml"
    path.write_text(text)
    extended = load_yaml_model(path, Requirements)
    assert "perpetrator_disclosure" in {r.id for r in extended.for_tier("targeted")}
    slots: dict[str, Any] = {
        "cm_tier": "targeted",
        "cm_answers": {r.id: {"status": "add"} for r in extended.for_tier("targeted")[:-1]},
    }
    assert next_requirement(extended, slots)[1].id == "perpetrator_disclosure"  # type: ignore[index]


def test_schema_rejects_a_tier_that_does_not_exist(tmp_path: Path) -> None:
    path = tmp_path / "r.yml"
    path.write_text(
        "sources: [{title: A guidance note, publisher: SafeLives, year: 2017}]\n"
        "entered_on: 2026-11-22\nrequirements:\n"
        "  - {id: x, title: t, tiers: [everything], means: m, why: w, good: g, clause: c,"
        " evidence: e, kpi: k, review: r}\n"
    )
    with pytest.raises(KnowledgeFileError, match="tiers"):
        load_yaml_model(path, Requirements)
    path.write_text(
        "sources: [{title: A guidance note, publisher: SafeLives, year: 2017}]\n"
        "entered_on: 2026-11-22\ntiers: []\nservices: []\n"
    )
    with pytest.raises(KnowledgeFileError):
        load_yaml_model(path, Tiers)


@pytest.mark.parametrize(
    ("said", "service"),
    [
        ("what should go in the housing support contract?", "housing_support"),
        ("our bins contract", "refuse_collection"),
        ("a talking therapies and mental health service", "mental_health"),
        ("housing_support", "housing_support"),
        ("drug and alcohol recovery", "substance_misuse"),
    ],
)
def test_services_are_recognised_from_the_commissioners_words(said: str, service: str) -> None:
    assert handle_service(T, said).updates["cm_service"]["id"] == service


def test_an_unknown_service_is_kept_by_name_and_the_tier_is_asked() -> None:
    outcome = handle_service(T, "community transport for older people")
    assert outcome.updates["cm_service"] == {
        "id": None,
        "name": "community transport for older people",
    }
    assert handle_tier(T, "yes", {"cm_service": {"id": None}}).note


def test_the_proposed_tier_can_be_accepted_or_changed() -> None:
    slots = {"cm_service": {"id": "refuse_collection", "name": "Refuse collection"}}
    assert handle_tier(T, "yes", slots).updates == {"cm_tier": "universal"}
    assert handle_tier(T, "targeted", slots).updates == {"cm_tier": "targeted"}
    assert handle_tier(T, "Specialist domestic-abuse service", slots).updates == {
        "cm_tier": "specialist"
    }


def _answer_all(tier: str, say: str = "add") -> dict[str, Any]:
    slots: dict[str, Any] = {"cm_tier": tier, "cm_answers": {}}
    for _ in R.for_tier(tier):
        slots.update(handle_requirement(R, say, slots).updates)
    return slots


def test_answering_every_requirement_completes_the_checklist() -> None:
    slots = _answer_all("universal")
    assert slots["cm_requirement"] == DONE
    assert set(slots["cm_answers"]) == {"workplace_policy", "staff_training"}


def test_not_applicable_asks_for_a_reason_then_moves_on() -> None:
    slots: dict[str, Any] = {"cm_tier": "targeted", "cm_answers": {}}
    slots.update(handle_requirement(R, "not applicable", slots).updates)
    assert slots["cm_pending_reason"] == "workplace_policy"
    slots.update(handle_requirement(R, "they are a sole trader with no staff", slots).updates)
    assert slots["cm_answers"]["workplace_policy"] == {
        "status": "not_applicable",
        "reason": "they are a sole trader with no staff",
    }
    assert next_requirement(R, slots)[1].id == "staff_training"  # type: ignore[index]
    slots.update(handle_requirement(R, "n/a because it's a one-off purchase", slots).updates)
    assert slots["cm_answers"]["staff_training"]["reason"] == "it's a one-off purchase"


def test_back_skip_change_tier_stop_and_start_again() -> None:
    slots: dict[str, Any] = {"cm_tier": "targeted", "cm_answers": {}}
    slots.update(handle_requirement(R, "already in the contract", slots).updates)
    slots.update(handle_requirement(R, "back", slots).updates)
    assert slots["cm_answers"] == {}
    slots.update(handle_requirement(R, "skip", slots).updates)
    assert slots["cm_answers"]["workplace_policy"]["status"] == "skipped"
    assert handle_requirement(R, "change the tier", slots).updates["cm_tier"] is None
    assert handle_requirement(R, "stop", slots).updates == {"cm_paused": True}
    assert all(v is None for v in handle_requirement(R, "start again", slots).updates.values())
    assert handle_requirement(R, "maybe?", slots).note


def test_back_says_what_it_kept_and_the_answer_can_be_kept() -> None:
    slots: dict[str, Any] = {"cm_tier": "targeted", "cm_answers": {}}
    slots.update(handle_requirement(R, "already in the contract", slots).updates)
    slots.update(
        handle_requirement(R, "n/a because staff are trained by the council", slots).updates
    )
    back = handle_requirement(R, "back", slots)
    assert back.note == (
        'Back to "Staff training at the right level". You had said "not applicable", because '
        '"staff are trained by the council": answer again, or say "keep my answer".'
    )
    slots.update(back.updates)
    assert "staff_training" not in slots["cm_answers"]
    slots.update(handle_requirement(R, "keep my answer", slots).updates)
    assert slots["cm_answers"]["staff_training"] == {
        "status": "not_applicable",
        "reason": "staff are trained by the council",
    }
    assert slots["cm_back"] is None
    assert next_requirement(R, slots)[1].id == "enquiry"  # type: ignore[index]
    # Answering again replaces it, and the held answer goes.
    slots.update(handle_requirement(R, "back", slots).updates)
    slots.update(handle_requirement(R, "add it then", slots).updates)
    assert slots["cm_answers"]["staff_training"]["status"] == "add" and slots["cm_back"] is None


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(text)
    assert text == path.read_text(), f"{name} changed: UPDATE_GOLDEN=1 to accept"


TODAY = date(2026, 11, 26)
TARGETED = {
    "workplace_policy": Answer("in_contract"),
    "staff_training": Answer("add"),
    "enquiry": Answer("add"),
    "referral_pathway": Answer("in_contract"),
    "data_reporting": Answer("not_applicable", "reported through the housing contract"),
    "information_sharing": Answer("add"),
    "supervision": Answer("skipped"),
}


def test_golden_targeted_schedule_with_gaps_and_not_applicable() -> None:
    doc = build_schedule("Housing-related support", "targeted", TARGETED, R, T, TODAY,
                         T.service("housing_support"))  # fmt: skip
    _golden("commissioning_targeted.txt", render_text(doc))


def test_golden_universal_and_specialist_schedules() -> None:
    doc = build_schedule("Refuse collection", "universal",
                         {"workplace_policy": Answer("add"), "staff_training": Answer("add")},
                         R, T, TODAY, T.service("refuse_collection"))  # fmt: skip
    _golden("commissioning_universal.txt", render_text(doc))
    everything = {r.id: Answer("in_contract") for r in R.for_tier("specialist")}
    doc = build_schedule("IDVA service", "specialist", everything, R, T, TODAY)
    _golden("commissioning_specialist.txt", render_text(doc))


def test_every_answer_is_kept_in_the_table_reasons_included() -> None:
    doc = build_schedule("Housing-related support", "targeted", TARGETED, R, T, TODAY)
    table = next(b for s in doc.sections for b in s.blocks if isinstance(b, Table))
    assert table.headers == ("Requirement", "Suggested clause", "Evidence",
                             "KPI or data return", "Review", "Status", "Reason")  # fmt: skip
    assert len(table.rows) == len(R.for_tier("targeted"))
    by_title = {row[0].split(".")[0]: row for row in table.rows}
    data = by_title[R.get("data_reporting").title]  # type: ignore[union-attr]
    assert data[5:] == ("Not applicable", "reported through the housing contract")
    assert by_title[R.get("supervision").title][5] == "Not yet decided"  # type: ignore[union-attr]
    assert [row[5] for row in table.rows][:3] == ["To add"] * 3  # the gaps first


def test_the_schedule_is_tailored_to_the_service_where_the_data_allows() -> None:
    assert R.check_notes(T) == []
    leisure = T.service("leisure")
    doc = build_schedule("Leisure services", "universal", {}, R, T, TODAY, leisure)
    assert "Note for Leisure services: Include staff who run children's activities" in (
        render_text(doc)
    )
    plain = build_schedule("Leisure services", "universal", {}, R, T, TODAY)
    assert "children's activities" not in render_text(plain)


def test_the_schedule_as_csv_keeps_reasons_and_defuses_formulas() -> None:
    answers = {**TARGETED, "enquiry": Answer("not_applicable", '=HYPERLINK("x")')}
    doc = build_schedule("Housing-related support", "targeted", answers, R, T, TODAY)
    data = render_csv(doc)
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][5:] == ["Status", "Reason"]
    assert len(rows) == 1 + len(R.for_tier("targeted"))
    assert ["Not applicable", "reported through the housing contract"] in [r[5:] for r in rows]
    assert ["Not applicable", '\'=HYPERLINK("x")'] in [r[5:] for r in rows]


@pytest.mark.parametrize(
    ("said", "status"),
    [("add it then", "add"), ("yes put it in", "add"), ("got it already", "in_contract"),
     ("not for us", "not_applicable")],
)  # fmt: skip
def test_ordinary_answers_to_a_requirement(said: str, status: str) -> None:
    from bot.commissioning.content import requirements
    from bot.commissioning.flow import handle_requirement

    slots = {"cm_tier": "universal", "cm_answers": {}}
    outcome = handle_requirement(requirements(), said, slots)
    first = requirements().for_tier("universal")[0].id
    if status == "not_applicable":
        assert outcome.updates["cm_pending_reason"] == first
    else:
        assert outcome.updates["cm_answers"][first]["status"] == status


def test_not_applicable_with_its_reason_in_one_message_keeps_the_reason() -> None:
    from bot.commissioning.content import requirements
    from bot.commissioning.flow import handle_requirement

    slots = {"cm_tier": "universal", "cm_answers": {}}
    outcome = handle_requirement(requirements(), "n/a because we have no staff on site", slots)
    first = requirements().for_tier("universal")[0].id
    assert outcome.updates["cm_answers"][first] == {
        "status": "not_applicable",
        "reason": "we have no staff on site",
    }


def test_a_word_starting_na_is_not_not_applicable() -> None:
    from bot.commissioning.content import requirements
    from bot.commissioning.flow import handle_requirement

    slots = {"cm_tier": "universal", "cm_answers": {}}
    outcome = handle_requirement(requirements(), "national contract covers it", slots)
    assert "cm_answers" not in outcome.updates or not outcome.updates["cm_answers"]
