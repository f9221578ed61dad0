"""What a conversation remembers between turns, in one place, local or shared.

The gateway remembers a little about each conversation: which buttons it was
offered, its open "Was this helpful?" offers, whether it was told that details
were removed, the name words found earlier (so a name typed again without a cue
is removed again), and the topic answered last (for follow-ups).

- `LocalMemory`: this process only, bounded. Enough for one gateway, or several
  behind a balancer with sticky sessions.
- `RedisMemory`: shared by every gateway through Redis (`GATEWAY_MEMORY_REDIS_URL`),
  so a conversation's turns may go to any gateway. Each conversation is one hash
  that expires `ttl_seconds` after its last turn.

Nothing typed is kept in either: button payloads and name words are stored only
as keyed digests (`digest`), which can be checked against a later message but not
read back; topic keys and counters are our own vocabulary. If Redis is down, reads
return nothing and writes are dropped, which fails safe: a button is then sent as
text, and a feedback click is thanked for but not recorded. Two things are lost
while it is down: a name typed earlier with a cue and again later without one is
not recognised by its digest (it is still removed whenever the anonymiser finds
it on its own), and the walkthrough under way is not known, so a step's answer
that reads like a request for another journey may start it. After a failure the
memory is not tried again for `RETRY_AFTER_S`, so an outage costs a gateway one
short timeout now and then, not one on every call.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
from collections import OrderedDict
from typing import Any, Protocol

logger = logging.getLogger(__name__)

MAX_CONVERSATIONS = 50_000


def digest(secret: str, value: str) -> str:
    """A keyed digest of `value`: the same value gives the same digest, nothing reads it back.

    The key is derived for this use alone, so no other digest made with the same
    secret (conversation ids, download links) can be matched against these."""
    key = hmac.new(secret.encode(), b"conversation-memory", hashlib.sha256).digest()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()[:32]


class Memory(Protocol):
    def get(self, conversation: str, field: str) -> Any: ...

    def snapshot(self, conversation: str) -> dict[str, Any]: ...

    def set(self, conversation: str, field: str, value: Any) -> None: ...


class LocalMemory:
    """In this process's memory only; the least recently used conversations go first."""

    def __init__(self, max_conversations: int = MAX_CONVERSATIONS) -> None:
        self._conversations: OrderedDict[str, dict[str, Any]] = OrderedDict()
        self._max = max_conversations

    def get(self, conversation: str, field: str) -> Any:
        return self._conversations.get(conversation, {}).get(field)

    def snapshot(self, conversation: str) -> dict[str, Any]:
        """Every field of a conversation at once (a copy)."""
        return dict(self._conversations.get(conversation, {}))

    def set(self, conversation: str, field: str, value: Any) -> None:
        fields = self._conversations.setdefault(conversation, {})
        self._conversations.move_to_end(conversation)
        if value is None:
            fields.pop(field, None)
        else:
            fields[field] = value
        while len(self._conversations) > self._max:
            self._conversations.popitem(last=False)


class RedisMemory:
    """Shared by every gateway; one Redis hash per conversation, expiring after the last turn."""

    WARN_EVERY_S = 60.0
    RETRY_AFTER_S = 15.0

    def __init__(self, url: str, ttl_seconds: int, prefix: str = "assistant:gateway") -> None:
        import redis

        self._redis = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)
        self._errors = (redis.RedisError, OSError)
        self._ttl = ttl_seconds
        self._prefix = prefix
        self._warned = 0.0
        self._down_until = 0.0

    def _key(self, conversation: str) -> str:
        return f"{self._prefix}:{conversation}"

    def _failed(self, exc: Exception) -> None:
        self._down_until = time.monotonic() + self.RETRY_AFTER_S
        if time.monotonic() - self._warned > self.WARN_EVERY_S:
            self._warned = time.monotonic()
            logger.warning("conversation memory unavailable: %s", type(exc).__name__)

    def _down(self) -> bool:
        return time.monotonic() < self._down_until

    def get(self, conversation: str, field: str) -> Any:
        if self._down():
            return None
        try:
            raw = self._redis.hget(self._key(conversation), field)
        except self._errors as exc:
            self._failed(exc)
            return None
        return _decoded(raw) if raw is not None else None

    def snapshot(self, conversation: str) -> dict[str, Any]:
        """Every field of a conversation in one round trip."""
        if self._down():
            return {}
        try:
            raw = self._redis.hgetall(self._key(conversation))
        except self._errors as exc:
            self._failed(exc)
            return {}
        fields = {k.decode(): _decoded(v) for k, v in raw.items()}
        return {k: v for k, v in fields.items() if v is not None}

    def set(self, conversation: str, field: str, value: Any) -> None:
        if self._down():
            return
        key = self._key(conversation)
        try:
            with self._redis.pipeline(transaction=False) as pipe:
                if value is None:
                    pipe.hdel(key, field)
                else:
                    pipe.hset(key, field, json.dumps(value, separators=(",", ":")))
                pipe.expire(key, self._ttl)
                pipe.execute()
        except self._errors as exc:
            self._failed(exc)

    def ping(self) -> bool:
        if self._down():
            return False
        try:
            return bool(self._redis.ping())
        except self._errors:
            return False


def _decoded(raw: bytes) -> Any:
    try:
        return json.loads(raw)
    except ValueError:
        return None  # not ours, or from another version: as if nothing were kept


def memory_for(redis_url: str | None, ttl_seconds: int) -> LocalMemory | RedisMemory:
    """Shared memory when a Redis URL is configured, else this process's own."""
    return RedisMemory(redis_url, ttl_seconds) if redis_url else LocalMemory()
