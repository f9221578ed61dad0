"""The summary, against golden files a practice lead can read and approve.

The golden files are the summary as the chat shows it (plain text); the Word and
PDF renderings of the same document are checked in test_documents.py and end to
end in tests/e2e/test_document_conversations.py.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bot.documents.codec import from_data, to_data
from bot.documents.model import Document
from bot.documents.text import render_text
from bot.knowledge.areas import load_area
from bot.knowledge.directory import national_directory
from bot.knowledge.topics import topics_by_key
from bot.risk.marac import decide
from bot.safety_planning.content import next_steps, walkthrough
from bot.safety_planning.summary import build_summary, risk_answers

GOLDEN = Path(__file__).parent.parent / "data" / "golden"

CASES: dict[str, dict[str, Any]] = {
    "summary_marac_referral": {
        "sp_pattern": ["Controlling money", "Threats or intimidation", "he reads her texts"],
        "sp_child_harm": ["Abused her in front of the children or while she held them"],
        "sp_protective": ["Kept the children away from him during incidents"],
        "sp_impact": ["Sleep problems or bedwetting"],
        "sp_factors": "He uses her anxiety against her; money is tight since he took her card.",
        "sp_dash": 15,
        "sp_dash_source": "entered",
        "sp_incidents": 2,
        "sp_marac_history": "never",
        "sp_judgement": "high",
        "sp_skipped": [],
    },
    "summary_below_threshold_with_skips": {
        "sp_pattern": ["Isolating her from family or friends"],
        "sp_child_harm": "skipped",
        "sp_protective": ["Sought help from family, friends, police or services"],
        "sp_impact": "skipped",
        "sp_factors": "None known",
        "sp_dash": 9,
        "sp_dash_source": "topics",
        "sp_incidents": "unknown",
        "sp_marac_history": "older",
        "sp_judgement": "unsure",
        "sp_skipped": ["sp_child_harm", "sp_impact"],
    },
}


def document(slots: dict[str, Any]) -> Document:
    area = load_area("example")
    decision = decide(risk_answers(walkthrough(), slots), area.marac)
    return build_summary(
        walkthrough(), slots, decision, next_steps(), national_directory(), area,
        topics_by_key(), date(2026, 11, 26),
    )  # fmt: skip


def render(slots: dict[str, Any]) -> str:
    return render_text(document(slots))


@pytest.mark.parametrize("name", sorted(CASES))
def test_summary_matches_golden_file(name: str) -> None:
    golden = GOLDEN / f"{name}.txt"
    rendered = render(CASES[name])
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(rendered)
    assert rendered == golden.read_text(), f"run with UPDATE_GOLDEN=1 and review {golden}"


def test_referral_summary_names_criteria_and_next_steps() -> None:
    text = render(CASES["summary_marac_referral"])
    assert "The referral criteria are met (Example Borough (fictional)'s criteria)." in text
    assert "Visible high risk: 15" in text and "Professional judgement" in text
    assert "Refer to your local MARAC" in text and "IDVA" in text
    assert "0808 802 4040" in text  # the perpetrator route, from the directory
    assert "front door (MASH)" in text  # children were harmed


def test_skipped_steps_are_listed_and_topic_counts_flagged() -> None:
    text = render(CASES["summary_below_threshold_with_skips"])
    assert "criteria are not met" in text
    assert "more than 12 months ago" in text
    assert "Skipped\n\n• The perpetrator's actions taken to harm the child\n" in text
    assert "confirm it with SafeLives' checklist" in text
    assert "front door" not in text  # no harm to children was recorded


def test_the_document_has_the_date_and_blank_fields_for_the_practitioner() -> None:
    doc = document(CASES["summary_marac_referral"])
    fields = {f.label: f.value for f in doc.fields}
    assert doc.created == date(2026, 11, 26)
    assert "Created 26 November 2026" in render_text(doc)
    assert fields["Case reference"] is None and fields["Completed by"] is None
    text = render_text(doc)
    assert "#" not in text and "**" not in text and "<" not in text
    assert from_data(to_data(doc)) == doc  # it survives the slot it is kept in


TAILORED = {
    # what was entered -> the next step it must bring in
    "she is 20 weeks pregnant": "tell her midwife",
    "there is a 3 month old baby": "health visitor",
    "on a spousal visa, NRPF": "specialist immigration advice",
    "he keeps turning up at her work": "specialist stalking advice",
    "she left him last month": "Separation is a time of higher risk",
    "the eldest is 16 years old and being targeted": "young people's violence advisor (YPVA)",
}


@pytest.mark.parametrize("note, step", sorted(TAILORED.items()))
def test_next_steps_follow_what_was_entered(note: str, step: str) -> None:
    slots = {**CASES["summary_below_threshold_with_skips"], "sp_factors": note}
    assert step in render(slots)
    assert step not in render(CASES["summary_below_threshold_with_skips"])


def test_dash_topics_answered_yes_or_dont_know_are_listed_and_tailor_the_steps() -> None:
    answers = ["no"] * 24
    answers[6] = "yes"  # stalking, harassment or constant contact
    answers[7] = "unknown"  # pregnancy or a new baby
    slots = {
        **CASES["summary_below_threshold_with_skips"],
        "sp_dash": 1,
        "sp_dash_answers": answers,
    }
    text = render(slots)
    assert "DASH topics answered yes:\nStalking, harassment or constant contact" in text
    assert "DASH topics answered don't know:\nPregnancy or a new baby" in text
    assert "specialist stalking advice" in text
    assert "tell her midwife" not in text  # "don't know" is not "yes"


def test_a_previous_marac_brings_in_the_repeat_step_with_its_source() -> None:
    slots = {**CASES["summary_below_threshold_with_skips"], "sp_marac_history": "repeat"}
    text = render(slots)
    assert "a repeat case whatever the DASH score" in text
    assert 'Ask me about "' in text
    assert "SafeLives" in text.split("Sources:")[-1]


def test_an_area_with_no_directory_uses_the_national_criteria_and_says_so() -> None:
    from bot.knowledge.areas import not_configured_area

    slots = CASES["summary_marac_referral"]
    area = not_configured_area("wales")
    decision = decide(risk_answers(walkthrough(), slots), area.marac)
    doc = build_summary(walkthrough(), slots, decision, next_steps(), national_directory(), area,
                        topics_by_key(), date(2026, 11, 26))  # fmt: skip
    text = render_text(doc)
    assert "Area: Not configured here: SafeLives' national MARAC criteria used" in text
    assert "The referral criteria are met (national criteria)." in text
    assert "Example Borough" not in text
