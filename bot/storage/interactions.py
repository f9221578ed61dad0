"""The interaction log's entries and the one transaction that writes a batch of them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.storage.conversations import count_turn, hour_bucket, known_role
from bot.storage.db import Database
from bot.storage.journeys import add_once, journey_event
from bot.storage.models import Feedback, Turn


def new_id() -> str:
    return uuid.uuid4().hex


@dataclass(frozen=True)
class TurnEntry:
    """One turn as the gateway saw it. Every field is a category, a name or a number,
    except `text`, which is the anonymised message and is set only when LOG_TEXT is on."""

    conversation_id: str
    moment: datetime
    latency_ms: int
    role: str | None = None
    intent: str | None = None
    confidence: float | None = None
    topic: str | None = None
    action: str | None = None
    journey: str | None = None
    step: str | None = None
    fallback: bool = False
    crisis: bool = False
    anonymised: tuple[str, ...] = ()
    text: str | None = None
    journey_outcome: dict[str, Any] | None = None
    id: str = field(default_factory=new_id)


@dataclass(frozen=True)
class FeedbackEntry:
    conversation_id: str
    moment: datetime
    topic: str
    helpful: bool
    id: str = field(default_factory=new_id)


Entry = TurnEntry | FeedbackEntry


def _cut(value: str | None, length: int) -> str | None:
    return value[:length] if value else None


class InteractionStore:
    """Writes entries; a batch is all or nothing, and writing it twice changes nothing."""

    def __init__(self, database: Database) -> None:
        self._db = database

    def write(self, entries: list[Entry]) -> None:
        for attempt in range(2):
            try:
                with self._db.session() as session, session.begin():
                    for entry in entries:
                        if isinstance(entry, TurnEntry):
                            self._add_turn(session, entry)
                        else:
                            self._add_feedback(session, entry)
                return
            except IntegrityError:
                # Another gateway process created the same conversation first; retry once.
                if attempt:
                    raise

    def _add_turn(self, session: Session, entry: TurnEntry) -> None:
        if session.get(Turn, entry.id) is not None:
            return  # already written by an earlier attempt whose reply was lost
        hour = hour_bucket(entry.moment)
        session.add(
            Turn(
                id=entry.id,
                conversation_id=entry.conversation_id,
                hour=hour,
                role=known_role(entry.role),
                intent=_cut(entry.intent, 80),
                confidence=entry.confidence,
                topic=_cut(entry.topic, 120),
                action=_cut(entry.action, 80),
                journey=_cut(entry.journey, 40),
                step=_cut(entry.step, 60),
                fallback=entry.fallback,
                crisis=entry.crisis,
                anonymised=",".join(sorted(entry.anonymised))[:120] or None,
                latency_ms=entry.latency_ms,
                text=entry.text,
            )
        )
        count_turn(session, entry.conversation_id, entry.role, hour)
        event = journey_event(entry.conversation_id, entry.journey_outcome, hour)
        if event is not None:
            session.flush()
            add_once(session, event)

    def _add_feedback(self, session: Session, entry: FeedbackEntry) -> None:
        if session.get(Feedback, entry.id) is None:
            session.add(
                Feedback(
                    id=entry.id,
                    conversation_id=entry.conversation_id,
                    hour=hour_bucket(entry.moment),
                    topic=entry.topic[:120],
                    helpful=entry.helpful,
                )
            )
