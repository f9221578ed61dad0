"""Answering a knowledge question, or, when the model isn't sure which topic it is,
offering the closest topics instead of guessing."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.knowledge.decide import JOURNEY_BUTTONS, Decision, decide
from bot.knowledge.topics import topics_by_key


def suggest(
    dispatcher: CollectingDispatcher, keys: list[str] | tuple[str, ...], journey: str | None = None
) -> None:
    topics = topics_by_key()
    keys = [k for k in keys if k in topics]
    if not keys and not journey:
        dispatcher.utter_message(response="utter_default")
        return
    # A journey's button starts it; a topic's button sends the topic's title, which
    # is one of its training examples.
    buttons = [{"title": JOURNEY_BUTTONS[journey], "payload": "/" + journey}] if journey else []
    buttons += [{"title": topics[k].title, "payload": topics[k].title} for k in keys]
    buttons.append({"title": "Something else: what can you help with?", "payload": "/help"})
    dispatcher.utter_message(response="utter_suggest_topics", buttons=buttons)


def respond(dispatcher: CollectingDispatcher, parse: dict[str, Any]) -> list[EventType]:
    """Answer the topic the matcher is clear about, or offer the closest topics."""
    semantic = parse.get("semantic") or {}
    previous = semantic.get("previous_topic") if isinstance(semantic, dict) else None
    topics = topics_by_key()
    # A suggestion button sends its topic's title: that is the topic, however the
    # models read it.
    said = " ".join((parse.get("text") or "").split()).casefold()
    titled = next((k for k, t in topics.items() if t.title.casefold() == said), None)
    decision = (
        Decision(titled, reason="title")
        if titled
        else decide(parse, set(topics), previous if previous in topics else None)
    )
    if decision.run:
        return [FollowupAction(decision.run)]
    if decision.answer is None:
        suggest(dispatcher, decision.choices, decision.journey)
        return []
    if decision.in_context and previous and decision.answer != previous:
        dispatcher.utter_message(
            text=f"Following on from {topics[previous].title.lower()}:"
            if not topics[previous].title.startswith('"')
            else f"Following on from {topics[previous].title}:"
        )
    # The retrieval response itself, e.g. utter_faq/coercive_control.
    dispatcher.utter_message(response="utter_faq/" + decision.answer.split("/", 1)[1])
    return []


class ActionAnswerKnowledge(Action):
    """The answer to a knowledge question, when the model is sure which topic it is."""

    def name(self) -> str:
        return "action_answer_knowledge"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        return respond(dispatcher, tracker.latest_message)


class ActionSuggestTopics(Action):
    """The intent classifier is unsure (nlu_fallback): the same decision, which still
    answers when the semantic matcher is clear about one topic."""

    def name(self) -> str:
        return "action_suggest_topics"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        return respond(dispatcher, tracker.latest_message)
