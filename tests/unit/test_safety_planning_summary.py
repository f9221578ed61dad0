"""The summary, against golden files a practice lead can read and approve."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from bot.knowledge.areas import load_area
from bot.knowledge.directory import national_directory
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


def render(slots: dict[str, Any]) -> str:
    area = load_area("example")
    decision = decide(risk_answers(walkthrough(), slots), area.marac)
    return build_summary(walkthrough(), slots, decision, next_steps(), national_directory(), area)


@pytest.mark.parametrize("name", sorted(CASES))
def test_summary_matches_golden_file(name: str) -> None:
    golden = GOLDEN / f"{name}.md"
    rendered = render(CASES[name])
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(rendered)
    assert rendered == golden.read_text(), f"run with UPDATE_GOLDEN=1 and review {golden}"


def test_referral_summary_names_criteria_and_next_steps() -> None:
    text = render(CASES["summary_marac_referral"])
    assert "**MARAC: the referral criteria are met**" in text
    assert "Visible high risk: 15" in text and "Professional judgement" in text
    assert "Refer to your local MARAC" in text and "IDVA" in text
    assert "0808 802 4040" in text  # the perpetrator route, from the directory
    assert "front door (MASH)" in text  # children were harmed


def test_skipped_steps_are_listed_and_topic_counts_flagged() -> None:
    text = render(CASES["summary_below_threshold_with_skips"])
    assert "criteria are not met" in text
    assert "more than 12 months ago" in text
    assert "Skipped: The perpetrator's actions taken to harm the child; " in text
    assert "confirm it with SafeLives' checklist" in text
    assert "front door" not in text  # no harm to children was recorded
