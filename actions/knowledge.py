"""When the model isn't confident: offer the closest knowledge topics instead of guessing."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.knowledge.topics import topics_by_key

MAX_SUGGESTIONS = 3


def closest_topics(parse: dict[str, Any], limit: int = MAX_SUGGESTIONS) -> list[str]:
    """Knowledge topic keys the response selector ranked highest for this message."""
    selectors = parse.get("response_selector") or {}
    topics = topics_by_key()
    keys: list[str] = []
    for name, selected in selectors.items():
        if name == "all_retrieval_intents" or not isinstance(selected, dict):
            continue
        for ranked in selected.get("ranking") or []:
            key = ranked.get("intent_response_key")
            if key in topics and key not in keys:
                keys.append(key)
    return keys[:limit]


class ActionSuggestTopics(Action):
    def name(self) -> str:
        return "action_suggest_topics"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        keys = closest_topics(tracker.latest_message)
        if not keys:
            dispatcher.utter_message(response="utter_default")
            return []
        topics = topics_by_key()
        # A button sends the topic's title, which is one of its training examples.
        buttons = [{"title": topics[k].title, "payload": topics[k].title} for k in keys]
        buttons.append({"title": "Something else: what can you help with?", "payload": "/help"})
        dispatcher.utter_message(response="utter_suggest_topics", buttons=buttons)
        return []
