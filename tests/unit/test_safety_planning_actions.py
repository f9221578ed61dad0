"""The walkthrough's actions as rasa-sdk runs them."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.documents import ActionForgetDocument, ActionShowDocument
from actions.safety_planning import (
    ActionFinishSafetyPlanning,
    ActionStartSafetyPlanning,
    ActionSurvivorQuestions,
    ValidateSafetyPlanningForm,
)
from bot.documents.codec import from_data
from bot.safety_planning.content import walkthrough

DOMAIN: dict[str, Any] = {
    "forms": {"safety_planning_form": {"required_slots": walkthrough().slots}},
    "slots": {s: {"type": "any", "mappings": [{"type": "from_text"}]} for s in walkthrough().slots},
}


@pytest.fixture
def tracker(make_tracker: Any) -> Any:
    """In the walkthrough's form, after `text`; `requested` is the step being answered."""

    def build(slots: dict[str, Any], text: str = "", requested: str | None = None) -> Tracker:
        answered = [{"event": "slot", "name": requested, "value": slots.get(requested)}]
        return make_tracker(
            text,
            intent="walkthrough_answer",
            slots={**slots, "requested_slot": requested},
            events=[{"event": "user", "text": text}, *(answered if requested else [])],
            active_loop="safety_planning_form",
        )

    return build


@pytest.fixture
def validate(tracker: Any) -> Any:
    """The form's validation of `text` as the answer to `requested`: the slots it sets."""

    def run(slots: dict[str, Any], requested: str, text: str) -> dict[str, Any]:
        dispatcher = CollectingDispatcher()
        events = asyncio.run(
            ValidateSafetyPlanningForm().run(
                dispatcher, tracker({**slots, requested: text}, text, requested), DOMAIN
            )
        )
        return {e["name"]: e["value"] for e in events if e["event"] == "slot"}

    return run


def test_a_typed_list_fills_the_step(validate: Any) -> None:
    set_ = validate({}, "sp_pattern", "controlling money, threats")
    assert set_["sp_pattern"] == ["Controlling money", "Threats or intimidation"]


def test_stop_empties_the_required_slots_so_the_form_ends(validate: Any) -> None:
    set_ = validate({"sp_pattern": ["Controlling money"]}, "sp_child_harm", "stop")
    assert set_["sp_stopped"] is True
    assert set_["requested_slot"] is None


def test_back_asks_the_previous_step_again(validate: Any) -> None:
    set_ = validate({"sp_pattern": ["Controlling money"]}, "sp_child_harm", "back")
    assert set_["sp_pattern"] is None and set_["sp_child_harm"] is None


def test_start_resets_and_explains(tracker: Any) -> None:
    dispatcher = CollectingDispatcher()
    events = ActionStartSafetyPlanning().run(dispatcher, tracker({"sp_pattern": ["x"]}), DOMAIN)
    assert "don't need names or identifying details" in dispatcher.messages[0]["text"]
    assert '"skip", "back", "stop" or "start again"' in dispatcher.messages[0]["text"]
    assert {"event": "slot", "name": "sp_pattern", "value": None, "timestamp": None} in events


def test_finish_gives_summary_card_and_records_only_the_outcome(tracker: Any) -> None:
    slots = {
        "sp_pattern": ["Controlling money"],
        "sp_child_harm": "skipped",
        "sp_protective": ["Made a safety plan or code word with the children"],
        "sp_impact": ["Changes in behaviour"],
        "sp_factors": "None known",
        "sp_dash": 14,
        "sp_incidents": 1,
        "sp_marac_history": "never",
        "sp_judgement": "not_high",
        "sp_skipped": ["sp_child_harm"],
    }
    dispatcher = CollectingDispatcher()
    events = ActionFinishSafetyPlanning().run(dispatcher, tracker(slots), DOMAIN)
    text, card, offer = dispatcher.messages
    assert text["text"].startswith("Step 7 of 7: summary")
    assert "Controlling money" in text["text"] and "**" not in text["text"]
    assert card["custom"]["type"] == "document" and card["custom"]["document"] == "safety_plan"
    assert "only while this conversation lasts" in offer["text"]
    outcome = next(e["value"] for e in events if e.get("name") == "journey_outcome")
    assert outcome["outcome"] == "marac_referral"
    assert outcome["criteria"] == ["visible_high_risk"]
    assert outcome["skipped"] == ["sp_child_harm"]
    assert "Controlling money" not in str(outcome)
    cleared = {e["name"] for e in events if e.get("value") is None}
    assert set(walkthrough().slots) <= cleared
    # The document alone is kept, for "show it again" and the downloads.
    kept = next(e["value"] for e in events if e.get("name") == "sp_document")
    assert from_data(kept).title == "Safety-planning summary"
    assert "Controlling money" in str(kept)


def test_the_summary_is_shown_again_and_offered_as_word_then_forgotten(tracker: Any) -> None:
    finish = CollectingDispatcher()
    events = ActionFinishSafetyPlanning().run(finish, tracker({"sp_dash": 3}), DOMAIN)
    kept = next(e["value"] for e in events if e.get("name") == "sp_document")
    again = CollectingDispatcher()
    ActionShowDocument().run(again, tracker({"sp_document": kept}, "show me the summary again"),
                             DOMAIN)  # fmt: skip
    assert again.messages[0]["text"].startswith("Here is your safety-planning summary again.")
    assert again.messages[1]["custom"]["document"] == "safety_plan"
    word = CollectingDispatcher()
    ActionShowDocument().run(word, tracker({"sp_document": kept}, "can I get it in Word"), DOMAIN)
    assert word.messages[0]["text"].startswith("Here is your safety-planning summary as Word")
    csv = CollectingDispatcher()
    ActionShowDocument().run(csv, tracker({"sp_document": kept}, "as a csv"), DOMAIN)
    assert "comes as Word (.docx) or PDF" in csv.messages[0]["text"]
    gone = CollectingDispatcher()
    forgotten = ActionForgetDocument().run(gone, tracker({"sp_document": kept}), DOMAIN)
    assert {e["name"]: e["value"] for e in forgotten} == {"sp_document": None, "cm_document": None}
    nothing = CollectingDispatcher()
    ActionShowDocument().run(nothing, tracker({}, "show the summary"), DOMAIN)
    assert nothing.messages[0]["text"].startswith("There's no finished summary")


def test_finish_after_stop_keeps_nothing(tracker: Any) -> None:
    dispatcher = CollectingDispatcher()
    events = ActionFinishSafetyPlanning().run(dispatcher, tracker({"sp_stopped": True}), DOMAIN)
    assert dispatcher.messages[0]["text"].startswith("Stopped. I haven't kept any of your answers.")
    assert not any(e.get("name") == "journey_outcome" for e in events)


def test_survivor_question_bank_is_sourced_and_downloadable(tracker: Any) -> None:
    dispatcher = CollectingDispatcher()
    ActionSurvivorQuestions().run(dispatcher, tracker({}), DOMAIN)
    text, card = dispatcher.messages
    assert "Has he ever interfered with you trying to leave" in text["text"]
    assert "Source:" in text["text"]
    assert card["custom"]["markdown"] == text["text"]
