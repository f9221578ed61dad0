"""Recording finished journeys: which one, its outcome category, which steps were skipped."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from bot.storage.conversations import hour_bucket
from bot.storage.db import Database
from bot.storage.models import JourneyEvent

JOURNEYS = frozenset({"safety_planning", "referral_pathway", "consultation_requested"})
_NAME = re.compile(r"^[a-z0-9_]{1,40}$")


def _names(values: Any) -> str | None:
    """Only identifier-like names (slot and criterion names) are kept; anything else is dropped."""
    if not isinstance(values, list):
        return None
    kept = [v for v in values if isinstance(v, str) and _NAME.match(v)]
    return ",".join(kept)[:400] or None


class JourneyStore:
    def __init__(self, database: Database) -> None:
        self._db = database

    def record(self, conversation_id: str, outcome: dict[str, Any], now: datetime) -> bool:
        """Store a journey outcome once (its id makes repeats harmless); False if ignored."""
        event_id = outcome.get("id")
        journey = outcome.get("journey")
        if not (isinstance(event_id, str) and re.fullmatch(r"[0-9a-f]{32}", event_id)):
            return False
        if journey not in JOURNEYS:
            return False
        category = outcome.get("outcome")
        with self._db.session() as session, session.begin():
            if session.get(JourneyEvent, event_id) is not None:
                return False
            session.add(
                JourneyEvent(
                    id=event_id,
                    conversation_id=conversation_id,
                    journey=journey,
                    completed=bool(outcome.get("completed")),
                    outcome=category
                    if isinstance(category, str) and _NAME.match(category)
                    else None,
                    criteria=_names(outcome.get("criteria")),
                    skipped=_names(outcome.get("skipped")),
                    hour=hour_bucket(now),
                )
            )
        return True

    def all(self) -> list[JourneyEvent]:
        with self._db.session() as session:
            return list(session.query(JourneyEvent).order_by(JourneyEvent.hour))
