"""From what the gateway saw in a turn to one entry of the interaction log."""

from __future__ import annotations

from datetime import datetime

from bot.engine.rasa_client import TurnSummary
from bot.knowledge.decide import DIRECT_JOURNEYS
from bot.knowledge.topics import dsl_topics
from bot.storage.interactions import TurnEntry
from bot.vocabulary import (
    DSL_NEXT_STEPS,
    FALLBACK_ACTIONS,
    FALLBACK_INTENTS,
    FALLBACK_RESPONSES,
    JOURNEY_BY_ACTION,
    JOURNEY_BY_LOOP,
    WALKTHROUGH_ANSWER,
)

# One-action journeys the knowledge action can run when the meaning of a question is
# sure of them: the turn's topic is then the journey's intent, not the retrieval guess.
JOURNEY_INTENT_BY_ACTION = {action: intent for intent, action in DIRECT_JOURNEYS.items()}
# Payload intents whose topic is the walkthrough, not a question.
NOT_TOPICS = frozenset({WALKTHROUGH_ANSWER})


def topic_of(turn: TurnSummary) -> str | None:
    """The retrieval answer given (`faq/dash_checklist`) or else the intent."""
    if turn.answered_topic:
        return turn.answered_topic
    if is_fallback(turn):
        return None
    for action in reversed(turn.actions):
        if action in JOURNEY_INTENT_BY_ACTION:
            return JOURNEY_INTENT_BY_ACTION[action]
    if turn.retrieval_key:
        return turn.retrieval_key
    if turn.intent in NOT_TOPICS:
        return None
    return turn.intent


def journey_of(turn: TurnSummary, topic: str | None) -> str | None:
    if turn.active_loop in JOURNEY_BY_LOOP:
        return JOURNEY_BY_LOOP[turn.active_loop]
    for action in reversed(turn.actions):
        if action in JOURNEY_BY_ACTION:
            return JOURNEY_BY_ACTION[action]
        if action in JOURNEY_BY_LOOP:
            return JOURNEY_BY_LOOP[action]
    if topic in dsl_topics():
        return DSL_NEXT_STEPS
    return None


def is_fallback(turn: TurnSummary) -> bool:
    if turn.answered_topic:
        return False  # e.g. action_suggest_topics answered, the matcher being clear
    return (
        turn.intent in FALLBACK_INTENTS
        or any(a in FALLBACK_ACTIONS for a in turn.actions)
        or any(r in FALLBACK_RESPONSES for r in turn.responses)
    )


def turn_entry(
    *,
    conversation_id: str,
    turn: TurnSummary,
    moment: datetime,
    latency_ms: int,
    crisis: bool,
    anonymised: frozenset[str],
    text: str | None,
) -> TurnEntry:
    """`text` must already be anonymised, and None unless LOG_TEXT is on.

    Even then it is kept only for an unanswered question: the fallback fired, outside
    any journey (a walkthrough or checklist answer is never a question, and may
    describe a family) and not in a crisis. Content owners need those questions,
    nothing else. The purge clears it after LOG_TEXT_RETENTION_DAYS
    (`bot/storage/retention.py`).
    """
    topic = topic_of(turn)
    fallback = is_fallback(turn)
    journey = journey_of(turn, topic)
    question = fallback and not crisis and journey is None and turn.active_loop is None
    step = turn.slots.get("requested_slot") if turn.active_loop else None
    return TurnEntry(
        conversation_id=conversation_id,
        moment=moment,
        latency_ms=latency_ms,
        role=turn.slots.get("role") if isinstance(turn.slots.get("role"), str) else None,
        intent=turn.intent,
        confidence=turn.confidence,
        topic=topic,
        action=turn.actions[-1] if turn.actions else None,
        journey=journey,
        step=step if isinstance(step, str) else None,
        fallback=fallback,
        crisis=crisis,
        anonymised=tuple(sorted(anonymised)),
        text=text if question else None,
        journey_outcome=turn.slots.get("journey_outcome")
        if isinstance(turn.slots.get("journey_outcome"), dict)
        else None,
    )
