"""What the guided walkthroughs' form validations share (safety planning, commissioning)."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Collection
from typing import Any

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.knowledge.decide import decide
from bot.knowledge.topics import topics_by_key
from bot.safety_planning.flow import QUESTION_BANK
from bot.walkthrough.controls import control_word, normalise

# A question asked in the middle of a step ("do I need consent for this?").
_QUESTION = re.compile(
    r"\?\s*$|^(?:do|does|did|can|could|should|shall|must|would|will|what|whats|what's|how|"
    r"who|whom|when|where|why|which|is|are|am)\b",
    re.IGNORECASE,
)


# Held answers waiting for the practitioner's choice: their replies are not asides.
_WAITING = ("sp_wording", "sp_back", "cm_pending_reason")


def aside_answer(text: str, parse: dict[str, Any]) -> str | None:
    """The knowledge topic to answer when the message is a clear guidance question
    (not a control word, not the question bank's "what should I ask her")."""
    if not _QUESTION.search(text.strip()) or len(text.split()) < 3:
        return None
    if control_word(text) or normalise(text) in QUESTION_BANK:
        return None
    topics = topics_by_key()
    decision = decide(parse, set(topics))
    return decision.answer if decision.answer in topics else None


class WalkthroughValidation(FormValidationAction, ABC):
    """Each answer to a step goes through a pure handler that returns slot updates.

    `stopped_slot` set means "stop": no required slots are left, so the form ends
    and the finishing action decides what stopping means for that walkthrough.
    """

    stopped_slot = ""

    @abstractmethod
    def step_slots(self) -> Collection[str]: ...

    @abstractmethod
    def handle(
        self, slot: str, text: str, tracker: Tracker, dispatcher: CollectingDispatcher
    ) -> dict[str, Any]:
        """The slot updates for `text` given as the answer to `slot`."""

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        return [] if tracker.get_slot(self.stopped_slot) else domain_slots

    async def get_validation_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        requested = tracker.get_slot("requested_slot")
        candidates = tracker.slots_to_validate()
        if requested not in candidates or requested not in self.step_slots():
            return [SlotSet(slot, value) for slot, value in candidates.items()]
        text = str(candidates[requested])
        waiting = any(tracker.get_slot(s) for s in _WAITING)
        topic = None if waiting else aside_answer(text, tracker.latest_message)
        if topic is not None:
            # Answer the question, then ask the same step again: nothing is lost.
            dispatcher.utter_message(response="utter_faq/" + topic.split("/", 1)[1])
            dispatcher.utter_message(text="Back to where we were:")
            return [SlotSet(requested, None)]
        updates = self.handle(requested, text, tracker, dispatcher)
        # The step stays empty (so it is asked again) unless the answer filled it.
        events: list[EventType] = [SlotSet(requested, updates.get(requested))]
        return events + [SlotSet(k, v) for k, v in updates.items() if k != requested]
