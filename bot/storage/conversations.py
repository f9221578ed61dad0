"""Counting a conversation's turns and its role, without its content."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import Session

from bot.storage.models import Conversation
from bot.vocabulary import ROLES


def hour_bucket(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


def as_utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; everything stored is UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def known_role(role: object) -> str | None:
    """Only the three roles are stored; anything else (free text included) is dropped."""
    return role if isinstance(role, str) and role in ROLES else None


def count_turn(session: Session, conversation_id: str, role: str | None, hour: datetime) -> None:
    """Count one turn; set the role when the turn has one. Runs inside the caller's transaction."""
    role = known_role(role)
    row = session.get(Conversation, conversation_id, with_for_update=True)
    if row is None:
        row = Conversation(
            id=conversation_id, role=role, started_hour=hour, last_active_hour=hour, turns=0
        )
        session.add(row)
    row.turns += 1
    row.last_active_hour = max(hour, as_utc(row.last_active_hour))
    if role:
        row.role = role
