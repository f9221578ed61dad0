"""Tables. No raw sender id is ever stored, and no message text unless LOG_TEXT is on (see Turn)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, Float, Index, Integer, String, Text
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
    last_active_hour: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
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
    hour: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class Turn(Base):
    """One turn of the interaction log: what was asked about and how it went, not who.

    `text` is empty unless LOG_TEXT is on, and then holds only the anonymised text of
    an unanswered question, so content owners can read what the assistant could not
    answer; the purge clears it after LOG_TEXT_RETENTION_DAYS.
    """

    __tablename__ = "turns"
    __table_args__ = (
        Index("ix_turns_hour", "hour"),
        Index("ix_turns_conversation", "conversation_id"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    conversation_id: Mapped[str] = mapped_column(String(64))
    hour: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    role: Mapped[str | None] = mapped_column(String(32))
    intent: Mapped[str | None] = mapped_column(String(80))
    confidence: Mapped[float | None] = mapped_column(Float)
    topic: Mapped[str | None] = mapped_column(String(120))
    action: Mapped[str | None] = mapped_column(String(80))
    journey: Mapped[str | None] = mapped_column(String(40))
    step: Mapped[str | None] = mapped_column(String(60))
    fallback: Mapped[bool] = mapped_column(Boolean, default=False)
    crisis: Mapped[bool] = mapped_column(Boolean, default=False)
    anonymised: Mapped[str | None] = mapped_column(String(120))
    latency_ms: Mapped[int] = mapped_column(Integer)
    text: Mapped[str | None] = mapped_column(Text)


class Feedback(Base):
    """An answer to "Was this helpful?", against the topic that was answered."""

    __tablename__ = "feedback"
    __table_args__ = (Index("ix_feedback_hour", "hour"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    conversation_id: Mapped[str] = mapped_column(String(64))
    hour: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    topic: Mapped[str] = mapped_column(String(120))
    helpful: Mapped[bool] = mapped_column(Boolean)
