"""Answering a knowledge question, or, when the model isn't sure which topic it is,
offering the closest topics instead of guessing."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.knowledge.topics import topics_by_key

MAX_SUGGESTIONS = 3
# Below this, the ResponseSelector's choice is a guess: on this model clear questions
# score 0.6 and more, vague ones ("stuff about dads") under 0.2.
MIN_ANSWER_CONFIDENCE = 0.25


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


def chosen_topic(parse: dict[str, Any]) -> tuple[str | None, float]:
    """The topic the ResponseSelector chose for this message, and its confidence."""
    selectors = parse.get("response_selector") or {}
    chosen = (selectors.get("faq") or selectors.get("default") or {}).get("response") or {}
    return chosen.get("intent_response_key"), float(chosen.get("confidence") or 0.0)


def suggest(dispatcher: CollectingDispatcher, parse: dict[str, Any]) -> None:
    keys = closest_topics(parse)
    if not keys:
        dispatcher.utter_message(response="utter_default")
        return
    topics = topics_by_key()
    # A button sends the topic's title, which is one of its training examples.
    buttons = [{"title": topics[k].title, "payload": topics[k].title} for k in keys]
    buttons.append({"title": "Something else: what can you help with?", "payload": "/help"})
    dispatcher.utter_message(response="utter_suggest_topics", buttons=buttons)


class ActionAnswerKnowledge(Action):
    """The answer to a knowledge question, when the model is sure which topic it is."""

    def name(self) -> str:
        return "action_answer_knowledge"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        key, confidence = chosen_topic(tracker.latest_message)
        if key in topics_by_key() and confidence >= MIN_ANSWER_CONFIDENCE:
            # The retrieval response itself, e.g. utter_faq/coercive_control.
            dispatcher.utter_message(response="utter_faq/" + key.split("/", 1)[1])
        else:
            suggest(dispatcher, tracker.latest_message)
        return []


class ActionSuggestTopics(Action):
    """The model is not sure of the intent at all (nlu_fallback)."""

    def name(self) -> str:
        return "action_suggest_topics"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        suggest(dispatcher, tracker.latest_message)
        return []
