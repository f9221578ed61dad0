"""The walkthrough's actions as rasa-sdk runs them."""

from __future__ import annotations

import asyncio
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.safety_planning import (
    ActionFinishSafetyPlanning,
    ActionStartSafetyPlanning,
    ActionSurvivorQuestions,
    ValidateSafetyPlanningForm,
)
from bot.safety_planning.content import walkthrough

DOMAIN: dict[str, Any] = {
    "forms": {"safety_planning_form": {"required_slots": walkthrough().slots}},
    "slots": {s: {"type": "any", "mappings": [{"type": "from_text"}]} for s in walkthrough().slots},
}


def tracker(slots: dict[str, Any], text: str = "", requested: str | None = None) -> Tracker:
    return Tracker(
        sender_id="t",
        slots={**slots, "requested_slot": requested},
        latest_message={"text": text, "intent": {"name": "walkthrough_answer"}, "entities": []},
        events=[
            {"event": "user", "text": text},
            *(
                [{"event": "slot", "name": requested, "value": slots.get(requested)}]
                if requested
                else []
            ),
        ],
        paused=False,
        followup_action=None,
        active_loop={"name": "safety_planning_form"},
        latest_action_name="action_listen",
    )


def validate(slots: dict[str, Any], requested: str, text: str) -> dict[str, Any]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(
        ValidateSafetyPlanningForm().run(
            dispatcher, tracker({**slots, requested: text}, text, requested), DOMAIN
        )
    )
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def test_a_typed_list_fills_the_step() -> None:
    set_ = validate({}, "sp_pattern", "controlling money, threats")
    assert set_["sp_pattern"] == ["Controlling money", "Threats or intimidation"]


def test_stop_empties_the_required_slots_so_the_form_ends() -> None:
    set_ = validate({"sp_pattern": ["Controlling money"]}, "sp_child_harm", "stop")
    assert set_["sp_stopped"] is True
    assert set_["requested_slot"] is None


def test_back_asks_the_previous_step_again() -> None:
    set_ = validate({"sp_pattern": ["Controlling money"]}, "sp_child_harm", "back")
    assert set_["sp_pattern"] is None and set_["sp_child_harm"] is None


def test_start_resets_and_explains() -> None:
    dispatcher = CollectingDispatcher()
    events = ActionStartSafetyPlanning().run(dispatcher, tracker({"sp_pattern": ["x"]}), DOMAIN)
    assert "don't need names or identifying details" in dispatcher.messages[0]["text"]
    assert '"skip", "back", "stop" or "start again"' in dispatcher.messages[0]["text"]
    assert {"event": "slot", "name": "sp_pattern", "value": None, "timestamp": None} in events


def test_finish_gives_summary_card_and_records_only_the_outcome() -> None:
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
    assert card["custom"]["type"] == "summary" and card["custom"]["markdown"].startswith("#")
    assert "isn't stored anywhere" in offer["text"]
    outcome = next(e["value"] for e in events if e.get("name") == "journey_outcome")
    assert outcome["outcome"] == "marac_referral"
    assert outcome["criteria"] == ["visible_high_risk"]
    assert outcome["skipped"] == ["sp_child_harm"]
    assert "Controlling money" not in str(outcome)
    cleared = {e["name"] for e in events if e.get("value") is None}
    assert set(walkthrough().slots) <= cleared


def test_finish_after_stop_keeps_nothing() -> None:
    dispatcher = CollectingDispatcher()
    events = ActionFinishSafetyPlanning().run(dispatcher, tracker({"sp_stopped": True}), DOMAIN)
    assert dispatcher.messages[0]["text"].startswith("Stopped. I haven't kept any of your answers.")
    assert not any(e.get("name") == "journey_outcome" for e in events)


def test_survivor_question_bank_is_sourced_and_downloadable() -> None:
    dispatcher = CollectingDispatcher()
    ActionSurvivorQuestions().run(dispatcher, tracker({}), DOMAIN)
    text, card = dispatcher.messages
    assert "Has he ever interfered with you trying to leave" in text["text"]
    assert "Source:" in text["text"]
    assert card["custom"]["markdown"] == text["text"]
