"""What the guided walkthroughs' form validations share (safety planning, commissioning)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Collection
from typing import Any

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict


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
        updates = self.handle(requested, str(candidates[requested]), tracker, dispatcher)
        # The step stays empty (so it is asked again) unless the answer filled it.
        events: list[EventType] = [SlotSet(requested, updates.get(requested))]
        return events + [SlotSet(k, v) for k, v in updates.items() if k != requested]
