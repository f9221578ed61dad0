"""Showing a finished summary or schedule again, and offering its downloads."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.documents.asking import NAMES, card, chat_text, formats_sentence, wanted
from bot.documents.codec import from_data
from bot.documents.links import FORMAT_LABELS, KINDS


class ActionShowDocument(Action):
    def name(self) -> str:
        return "action_show_document"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        held: dict[str, Any] = {}
        for kind, (slot, _) in KINDS.items():
            try:
                held[kind] = from_data(tracker.get_slot(slot))
            except ValueError:
                continue
        asked = wanted(tracker.latest_message.get("text") or "", set(held))
        if asked.kind is None:
            dispatcher.utter_message(
                text="There's no finished summary or schedule in this conversation. I keep "
                "one only until you start again, ask me to delete it or leave the chat for a "
                "while, so it may have gone. You can go through the walkthrough again.",
                buttons=[
                    {"title": "Start safety planning", "payload": "/start_safety_planning"},
                    {"title": "Commissioning checklist", "payload": "/start_commissioning"},
                ],
            )
            return []
        document = held[asked.kind]
        name = NAMES[asked.kind]
        text = chat_text(document)
        if asked.format is None:
            dispatcher.utter_message(text=f"Here is your {name} again.\n{text}")
            dispatcher.utter_message(json_message=card(asked.kind, document, text))
            return []
        if not asked.offered:
            dispatcher.utter_message(
                text=f"I can't make a {FORMAT_LABELS.get(asked.format, asked.format)} of the "
                f"{name}: it comes as {formats_sentence(asked.kind)}."
            )
        else:
            dispatcher.utter_message(
                text=f"Here is your {name} as {FORMAT_LABELS[asked.format]}, with the other "
                "formats."
            )
        dispatcher.utter_message(json_message=card(asked.kind, document, text))
        return []


class ActionForgetDocument(Action):
    def name(self) -> str:
        return "action_forget_document"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        held = [kind for kind, (slot, _) in KINDS.items() if tracker.get_slot(slot)]
        if held:
            names = " and the ".join(NAMES[k] for k in held)
            text = (
                f"Done: I no longer hold the {names}, and its download links have stopped working."
            )
        else:
            text = "I'm not holding a summary or schedule in this conversation."
        dispatcher.utter_message(text=text)
        return [SlotSet(slot, None) for slot, _ in KINDS.values()]
