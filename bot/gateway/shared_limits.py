"""Rate limits shared by every gateway through Redis (RATE_LIMIT_REDIS_URL).

Behind a load balancer each gateway alone would allow its own share of the limit;
counting in Redis makes "N messages a minute" hold for the whole deployment. Fixed
one-minute windows (INCR and EXPIRE in one round trip). Keys are hashes of the
sender or address, never the values themselves. If Redis does not answer, the
gateway's own in-memory limiter decides: a limit must never stop the chat.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time

from redis.asyncio import Redis
from redis.exceptions import RedisError

from bot.gateway.limits import WINDOW_SECONDS, RateLimiter

logger = logging.getLogger(__name__)


class SharedRateLimiter:
    def __init__(self, redis: Redis, name: str, limit: int, window: float = WINDOW_SECONDS) -> None:
        self._redis = redis
        self._name = name
        self.limit = limit
        self.window = window
        self._local = RateLimiter(limit, window)

    async def check(self, key: str, now: float | None = None) -> int:
        """0 if allowed (and counted), else the seconds to wait before trying again."""
        now = time.time() if now is None else now
        bucket = int(now // self.window)
        digest = hashlib.sha256(key.encode()).hexdigest()[:32]
        redis_key = f"assistant:limit:{self._name}:{digest}:{bucket}"
        try:
            async with self._redis.pipeline(transaction=True) as pipe:
                pipe.incr(redis_key)
                pipe.expire(redis_key, math.ceil(self.window) + 5)
                count, _ = await pipe.execute()
        except (RedisError, OSError) as exc:
            logger.warning("shared rate limit unavailable: %s", type(exc).__name__)
            return self._local.check(key)
        if int(count) > self.limit:
            return max(1, math.ceil((bucket + 1) * self.window - now))
        return 0
