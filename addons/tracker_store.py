"""Tracker stores that keep no text and forget idle conversations.

Selected in `endpoints.yml` (in memory, one engine) and `deploy/endpoints.redis.yml`
(Redis, several engines). Each is Rasa's own store with one change on the way in:
before a tracker is stored, at the end of every turn, it is serialised as Rasa
would and passed through `bot.tracker_scrub.scrub_dialogue`, which removes user
text, bot text and superseded free-text slot values (see that module). The turn
itself ran on the full tracker in the engine's memory; what stays is what the
dialogue needs next: intents, entity types, actions, and current slot values.

Conversations expire `expiry_minutes` after their last save (default 120, from
CONVERSATION_EXPIRY_MINUTES): in memory by a sweep on every save, retrieve and
listing; in Redis by the key's TTL, renewed on each save.

Rasa's Redis store merges the stored tracker with the one being saved (to keep
earlier sessions); that merge would compare scrubbed with unscrubbed events and
duplicate them, so this one stores the tracker as the processor holds it (the
current session), which also means earlier sessions are not kept.

Runs inside the engine (Rasa 3.6, Python 3.10): keep it 3.10-compatible.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterable
from typing import Any

from rasa.core.tracker_store import InMemoryTrackerStore, RedisTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker

from bot.tracker_scrub import private_slot_names, scrub_dialogue

logger = logging.getLogger(__name__)
DEFAULT_EXPIRY_MINUTES = 120


def _minutes(value: Any) -> float:
    """`expiry_minutes` from endpoints.yml (a string after ${...} substitution)."""
    try:
        minutes = float(value) if value not in (None, "") else DEFAULT_EXPIRY_MINUTES
    except (TypeError, ValueError):
        minutes = DEFAULT_EXPIRY_MINUTES
    return max(minutes, 1.0)


def private_serialisation(tracker: DialogueStateTracker, domain: Domain) -> str:
    """The tracker as Rasa serialises it, without text (`bot.tracker_scrub`)."""
    dialogue = tracker.as_dialogue().as_dict()
    current = {name: slot.value for name, slot in tracker.slots.items()}
    scrub_dialogue(dialogue, current, private_slot_names(list(domain.slots)))
    return json.dumps(dialogue)


class PrivateInMemoryTrackerStore(InMemoryTrackerStore):
    """Rasa's in-memory store, without text, forgetting conversations idle too long."""

    def __init__(
        self,
        domain: Domain | None = None,
        host: str | None = None,
        event_broker: Any = None,
        expiry_minutes: Any = None,
        **kwargs: dict[str, Any],
    ) -> None:
        super().__init__(domain, event_broker, **kwargs)
        self.expiry_seconds = _minutes(expiry_minutes) * 60
        self.last_saved: dict[str, float] = {}

    def _expire(self) -> None:
        cutoff = time.monotonic() - self.expiry_seconds
        for sender_id in [s for s, saved in self.last_saved.items() if saved < cutoff]:
            self.store.pop(sender_id, None)
            self.last_saved.pop(sender_id, None)

    async def save(self, tracker: DialogueStateTracker) -> None:
        await self.stream_events(tracker)
        self._expire()
        self.store[tracker.sender_id] = private_serialisation(tracker, self.domain)
        self.last_saved[tracker.sender_id] = time.monotonic()

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        self._expire()
        return await super().retrieve(sender_id)

    async def retrieve_full_tracker(self, sender_id: str) -> DialogueStateTracker | None:
        self._expire()
        return await super().retrieve_full_tracker(sender_id)

    async def keys(self) -> Iterable[str]:
        self._expire()
        return list(self.store.keys())


class PrivateRedisTrackerStore(RedisTrackerStore):
    """Rasa's Redis store, without text, each conversation's key expiring when idle."""

    def __init__(
        self,
        domain: Domain | None = None,
        host: str = "localhost",
        port: Any = 6379,
        db: Any = 0,
        expiry_minutes: Any = None,
        **kwargs: Any,
    ) -> None:
        kwargs.pop("record_exp", None)  # the expiry is expiry_minutes, always set
        super().__init__(domain, host=host, port=int(port), db=int(db), **kwargs)
        self.record_exp = int(_minutes(expiry_minutes) * 60)

    async def save(self, tracker: DialogueStateTracker, timeout: float | None = None) -> None:
        await self.stream_events(tracker)
        self.red.set(
            self.key_prefix + tracker.sender_id,
            private_serialisation(tracker, self.domain),
            ex=int(timeout or self.record_exp),
        )
