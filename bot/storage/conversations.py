"""Recording that a conversation happened, and in which role, without its content."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.exc import IntegrityError

from bot.storage.db import Database
from bot.storage.models import Conversation

ROLES = frozenset({"practitioner", "school_dsl", "commissioner"})


def hour_bucket(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


class ConversationStore:
    def __init__(self, database: Database) -> None:
        self._db = database

    def record_turn(self, conversation_id: str, role: str | None, now: datetime) -> None:
        """Count one turn; set the role when the conversation has one (unknown ones are dropped)."""
        role = role if role in ROLES else None
        hour = hour_bucket(now)
        for attempt in range(2):
            try:
                with self._db.session() as session, session.begin():
                    row = session.get(Conversation, conversation_id, with_for_update=True)
                    if row is None:
                        session.add(
                            Conversation(
                                id=conversation_id,
                                role=role,
                                started_hour=hour,
                                last_active_hour=hour,
                                turns=1,
                            )
                        )
                    else:
                        row.turns += 1
                        row.last_active_hour = hour
                        if role:
                            row.role = role
                return
            except IntegrityError:
                # Two first turns of one conversation raced to insert; the loser updates.
                if attempt:
                    raise

    def get(self, conversation_id: str) -> Conversation | None:
        with self._db.session() as session:
            return session.get(Conversation, conversation_id)
