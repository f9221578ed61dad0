"""Tables. No message text and no raw sender id is ever stored."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String
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
