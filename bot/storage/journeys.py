"""Finished journeys: which one, its outcome category, which steps were skipped."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot.storage.models import JourneyEvent
from bot.vocabulary import JOURNEYS

_NAME = re.compile(r"^[a-z0-9_]{1,40}$")
_EVENT_ID = re.compile(r"^[0-9a-f]{32}$")


def _names(values: Any) -> str | None:
    """Only identifier-like names (slot and criterion names) are kept; anything else is dropped."""
    if not isinstance(values, list):
        return None
    kept = [v for v in values if isinstance(v, str) and _NAME.match(v)]
    return ",".join(kept)[:400] or None


def journey_event(conversation_id: str, outcome: Any, hour: datetime) -> JourneyEvent | None:
    """The row for a `journey_outcome` slot value, or None if it is not a valid outcome."""
    if not isinstance(outcome, dict):
        return None
    event_id = outcome.get("id")
    if not (isinstance(event_id, str) and _EVENT_ID.match(event_id)):
        return None
    if outcome.get("journey") not in JOURNEYS:
        return None
    category = outcome.get("outcome")
    return JourneyEvent(
        id=event_id,
        conversation_id=conversation_id,
        journey=outcome["journey"],
        completed=bool(outcome.get("completed")),
        outcome=category if isinstance(category, str) and _NAME.match(category) else None,
        criteria=_names(outcome.get("criteria")),
        skipped=_names(outcome.get("skipped")),
        hour=hour,
    )


def add_once(session: Session, event: JourneyEvent) -> bool:
    """Add the event unless it is already stored: the slot stays set for later turns."""
    if session.get(JourneyEvent, event.id) is not None:
        return False
    session.add(event)
    return True
