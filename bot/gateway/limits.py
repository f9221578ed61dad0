"""Request limits: body size, and messages per sender and per client address.

In memory, per gateway process, with sliding windows of one minute; or, with
RATE_LIMIT_REDIS_URL set, shared by every gateway through Redis
(`bot.gateway.shared_limits`), so the limits hold across a load balancer. The
client address is the proxy's X-Forwarded-For only from TRUSTED_PROXIES (uvicorn's
`--forwarded-allow-ips`, set by the supervisor).
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict, deque
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.config import Settings

WINDOW_SECONDS = 60.0
MAX_KEYS = 100_000


class RateLimiter:
    def __init__(self, limit: int, window: float = WINDOW_SECONDS) -> None:
        self.limit = limit
        self.window = window
        self._hits: OrderedDict[str, deque[float]] = OrderedDict()

    def check(self, key: str, now: float | None = None) -> int:
        """0 if allowed (and counted), else the seconds to wait before trying again."""
        now = time.monotonic() if now is None else now
        hits = self._hits.pop(key, None) or deque()
        while hits and hits[0] <= now - self.window:
            hits.popleft()
        self._hits[key] = hits
        if len(self._hits) > MAX_KEYS:
            self._hits.popitem(last=False)
        if len(hits) >= self.limit:
            return max(1, math.ceil(hits[0] + self.window - now))
        hits.append(now)
        return 0


class AsyncLimiter:
    """The in-memory limiter behind the same awaitable interface as the shared one."""

    def __init__(self, limit: int) -> None:
        self._local = RateLimiter(limit)

    async def check(self, key: str) -> int:
        return self._local.check(key)


def limiters(settings: Settings) -> tuple[Any, Any]:
    """(per sender, per address): shared through Redis when configured."""
    if settings.rate_limit_redis_url:
        from redis.asyncio import Redis

        from bot.gateway.shared_limits import SharedRateLimiter

        redis = Redis.from_url(settings.rate_limit_redis_url, socket_timeout=0.5)
        return (
            SharedRateLimiter(redis, "sender", settings.rate_limit_per_sender),
            SharedRateLimiter(redis, "address", settings.rate_limit_per_ip),
        )
    return AsyncLimiter(settings.rate_limit_per_sender), AsyncLimiter(settings.rate_limit_per_ip)


class BodySizeLimit:
    """Pure ASGI middleware: refuse bodies over `max_bytes` with 413, whether or not the
    client sent Content-Length. The body (at most `max_bytes`) is read first and then
    handed to the app, so nothing past the limit is ever read or parsed."""

    def __init__(
        self,
        app: ASGIApp,
        max_bytes: int,
        reject: Callable[[Scope, Receive, Send], Awaitable[None]],
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.reject = reject

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self.reject(scope, receive, send)
            return
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            if len(body) > self.max_bytes:
                await self.reject(scope, receive, send)
                return
            if not message.get("more_body", False):
                break
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if delivered:
                return await receive()
            delivered = True
            return {"type": "http.request", "body": bytes(body), "more_body": False}

        await self.app(scope, replay, send)
