"""Pathway, area and consultation actions as rasa-sdk runs them."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.pathways import ActionCaseConsultation, ActionReferralPathway, ActionSetArea


@pytest.fixture
def tracker(make_tracker: Any) -> Any:
    """After `text` (with these entities), with these slots set."""
    return lambda text, entities=None, **slots: make_tracker(text, entities=entities, slots=slots)


def run(action: Any, t: Tracker) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    dispatcher = CollectingDispatcher()
    events = action.run(dispatcher, t, {})
    return dispatcher.messages, events


def test_pathway_from_text_records_only_the_situation(tracker: Any) -> None:
    messages, events = run(ActionReferralPathway(), tracker("she's 16 and her boyfriend hits her"))
    assert messages[0]["text"].startswith("Referral pathway for: the victim is 16 or 17.")
    [outcome] = [e["value"] for e in events if e["name"] == "journey_outcome"]
    assert outcome["journey"] == "referral_pathway" and outcome["outcome"] == "victim_16_17"


def test_pathway_from_a_button_entity(tracker: Any) -> None:
    messages, _ = run(
        ActionReferralPathway(),
        tracker("/ask_referral_pathway", [{"entity": "situation", "value": "clares_law"}]),
    )
    assert "right to ask" in messages[0]["text"]


def test_unclear_question_offers_every_situation_as_a_button(tracker: Any) -> None:
    messages, events = run(ActionReferralPathway(), tracker("who do I call?"))
    assert len(messages[0]["buttons"]) == 15
    assert messages[0]["buttons"][0]["payload"] == (
        '/ask_referral_pathway{"situation": "immediate_danger"}'
    )
    assert events == []


def test_area_is_set_only_for_a_configured_area(tracker: Any) -> None:
    messages, events = run(ActionSetArea(), tracker("I work in Example Borough"))
    assert events == [{"event": "slot", "timestamp": None, "name": "area", "value": "example"}]
    assert "not real services" in messages[0]["text"]
    messages, events = run(ActionSetArea(), tracker("I'm based in Leeds"))
    assert events[0]["value"] == "_not_configured:england"  # a marker, never the place name
    assert "don't have a local directory" in messages[0]["text"]


def test_consultation_is_counted_with_the_role_only(tracker: Any) -> None:
    messages, events = run(ActionCaseConsultation(), tracker("consultation", role="practitioner"))
    assert "safeandtogether@example.org" in messages[0]["text"]
    [outcome] = [e["value"] for e in events]
    assert outcome["journey"] == "consultation_requested"
    assert outcome["outcome"] == "practitioner"


@pytest.mark.parametrize(
    ("text", "slots"),
    [
        ("I'm the DSL, a pupil disclosed that her dad hits her mum", {}),
        ("a pupil disclosed abuse at home", {"role": "school_dsl"}),
    ],
)
def test_a_dsl_is_not_told_to_tell_the_dsl(text: str, slots: dict[str, Any], tracker: Any) -> None:
    messages, _ = run(ActionReferralPathway(), tracker(text, **slots))
    assert "Tell the DSL" not in messages[0]["text"]
    assert "front door" in messages[0]["text"].lower() or "NSPCC" in messages[0]["text"]


def test_anyone_else_is_told_to_tell_the_dsl(tracker: Any) -> None:
    messages, _ = run(ActionReferralPathway(), tracker("a pupil disclosed abuse at home"))
    assert "Tell the DSL straight away" in messages[0]["text"]


def test_mentioning_the_dsl_is_not_being_the_dsl(tracker: Any) -> None:
    messages, _ = run(
        ActionReferralPathway(),
        tracker("a pupil disclosed abuse, do I pass it to someone such as the DSL?"),
    )
    assert "Tell the DSL straight away" in messages[0]["text"]
