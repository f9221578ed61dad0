"""The safety-planning walkthrough's actions: start, validate, ask, finish, question bank."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.walkthrough import WalkthroughValidation
from bot.documents.asking import card, chat_text
from bot.documents.codec import to_data
from bot.knowledge.areas import resolve_area
from bot.knowledge.directory import national_directory
from bot.knowledge.topics import topics_by_key
from bot.risk.marac import decide
from bot.safety_planning.content import next_steps, question_bank, walkthrough
from bot.safety_planning.flow import HELPER_SLOTS, handle_answer, question
from bot.safety_planning.summary import build_summary, risk_answers
from bot.vocabulary import SAFETY_PLANNING

FORM = "safety_planning_form"
DOCUMENT_SLOT = "sp_document"


def _reset_events() -> list[EventType]:
    """Forget every answer: the tracker keeps nothing of the family once we are done."""
    return [SlotSet(slot, None) for slot in (*walkthrough().slots, *HELPER_SLOTS)]


class ActionStartSafetyPlanning(Action):
    def name(self) -> str:
        return "action_start_safety_planning"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        content = walkthrough()
        dispatcher.utter_message(text=f"{content.introduction}\n{content.controls}")
        return [*_reset_events(), SlotSet(DOCUMENT_SLOT, None)]


class ValidateSafetyPlanningForm(WalkthroughValidation):
    stopped_slot = "sp_stopped"

    def name(self) -> str:
        return f"validate_{FORM}"

    def step_slots(self) -> list[str]:
        return walkthrough().slots

    def handle(
        self, slot: str, text: str, tracker: Tracker, dispatcher: CollectingDispatcher
    ) -> dict[str, Any]:
        from_button = any(
            e.get("entity") == "answer" for e in tracker.latest_message.get("entities", [])
        )
        outcome = handle_answer(walkthrough(), slot, text, tracker.slots, from_button)
        if outcome.note:
            dispatcher.utter_message(text=outcome.note)
        if outcome.show_question_bank:
            dispatcher.utter_message(text=question_bank().as_text())
        return outcome.updates


class AskStep(Action):
    """Asks one step; a subclass per step slot is made below (Rasa looks them up by name)."""

    slot = ""

    def name(self) -> str:
        return f"action_ask_{self.slot}"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        text, buttons = question(walkthrough(), self.slot, tracker.slots)
        dispatcher.utter_message(text=text, buttons=buttons)
        return []


# One ask action per step in the data file. They must be module attributes: the
# action server's worker processes find classes by name when they unpickle them.
for _slot in walkthrough().slots:
    _name = f"AskStep_{_slot}"
    globals()[_name] = type(_name, (AskStep,), {"slot": _slot, "__qualname__": _name})


class ActionFinishSafetyPlanning(Action):
    def name(self) -> str:
        return "action_finish_safety_planning"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if tracker.get_slot("sp_stopped"):
            dispatcher.utter_message(
                text=(
                    "Stopped. I haven't kept any of your answers. You can start again at any time."
                ),
                buttons=[{"title": "Start safety planning", "payload": "/start_safety_planning"}],
            )
            return _reset_events()

        content = walkthrough()
        slots: dict[str, Any] = tracker.slots
        area = resolve_area(tracker.get_slot("area"))
        decision = decide(risk_answers(content, slots), area.marac)
        document = build_summary(content, slots, decision, next_steps(), national_directory(),
                                 area, topics_by_key(), date.today())  # fmt: skip
        text = chat_text(document)
        dispatcher.utter_message(
            text=f"Step {content.total_steps} of {content.total_steps}: summary\n{text}"
        )
        dispatcher.utter_message(json_message=card("safety_plan", document, text))
        dispatcher.utter_message(
            text='I keep this summary only while this conversation lasts: say "show the '
            'summary again" or "download it as Word" at any time, until you start again '
            'or say "delete the summary". ' + next_steps().consultation,
            buttons=[
                {
                    "title": "Questions to ask her about safety",
                    "payload": "/ask_survivor_questions",
                },
                {"title": "National helplines", "payload": "/ask_helplines"},
                {"title": "Start again with another family", "payload": "/start_safety_planning"},
            ],
        )
        outcome = {
            "id": uuid.uuid4().hex,
            "journey": SAFETY_PLANNING,
            "completed": True,
            "outcome": decision.outcome,
            "criteria": sorted(decision.met),
            "skipped": list(slots.get("sp_skipped") or []),
        }
        return [
            *_reset_events(),
            SlotSet(DOCUMENT_SLOT, to_data(document)),
            SlotSet("journey_outcome", outcome),
        ]


class ActionSurvivorQuestions(Action):
    def name(self) -> str:
        return "action_survivor_questions"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        bank = question_bank()
        text = bank.as_text()
        dispatcher.utter_message(text=text)
        dispatcher.utter_message(
            json_message={"type": "question_bank", "title": bank.title, "markdown": text}
        )
        return []
