"""The language coach: check a practitioner's wording against Safe & Together language."""

from __future__ import annotations

import uuid
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.language.coach import CANCEL, as_text, coach, strip_request
from bot.vocabulary import LANGUAGE_COACH

MIN_WORDS = 3


class ValidateLanguageCoachForm(FormValidationAction):
    def name(self) -> str:
        return "validate_language_coach_form"

    def validate_coach_text(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        text = strip_request(str(slot_value or ""))
        if text.lower().strip(" .!") in CANCEL:
            dispatcher.utter_message(
                text="OK, I've stopped. Ask me anything else when you're ready."
            )
            return {"coach_text": ""}  # filled, so the form ends; the coach has nothing to do
        if len(text.split()) < MIN_WORDS:
            return {"coach_text": None}  # ask for the text
        return {"coach_text": text}


class ActionLanguageCoach(Action):
    def name(self) -> str:
        return "action_language_coach"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        text = tracker.get_slot("coach_text") or ""
        events: list[EventType] = [SlotSet("coach_text", None)]
        if not text:
            return events
        result = coach(text)
        markdown = as_text(result)
        dispatcher.utter_message(text=markdown)
        if not result.clean:
            dispatcher.utter_message(
                json_message={
                    "type": "coaching",
                    "title": "Suggested wording",
                    "markdown": markdown,
                }
            )
        outcome = {
            "id": uuid.uuid4().hex,
            "journey": LANGUAGE_COACH,
            "completed": True,
            "outcome": "flagged" if result.findings else "clean",
        }
        return [*events, SlotSet("journey_outcome", outcome)]
