"""Tables. No message text and no raw sender id is ever stored."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, Index, Integer, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Conversation(Base):
    """One conversation, known only by its pseudonymous id.

    Times are bucketed to the hour so that rows cannot be matched to a person by
    exact timing.
    """

    __tablename__ = "conversations"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    role: Mapped[str | None] = mapped_column(String(32))
    started_hour: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    last_active_hour: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    turns: Mapped[int] = mapped_column(Integer, default=0)


class JourneyEvent(Base):
    """A journey (e.g. the safety-planning walkthrough) finished, with its outcome category.

    Only categories and step names are kept: never an answer the practitioner gave.
    """

    __tablename__ = "journey_events"
    __table_args__ = (Index("ix_journey_events_journey_hour", "journey", "hour"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    conversation_id: Mapped[str] = mapped_column(String(64))
    journey: Mapped[str] = mapped_column(String(40))
    completed: Mapped[bool] = mapped_column(Boolean)
    outcome: Mapped[str | None] = mapped_column(String(40))
    criteria: Mapped[str | None] = mapped_column(String(200))
    skipped: Mapped[str | None] = mapped_column(String(400))
    hour: Mapped[datetime] = mapped_column(DateTime(timezone=True))
