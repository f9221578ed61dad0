"""Rate limits shared through a real Redis (127.0.0.1:6379, as on CI), across gateways,
and the proxy settings the supervisor hands uvicorn."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest
import redis
from fastapi.testclient import TestClient
from helpers.support import empty_redis, make_settings

from bot.gateway.app import create_app
from bot.gateway.shared_limits import SharedRateLimiter
from bot.supervisor import Stack

REDIS_URL = "redis://127.0.0.1:6379/4"


@pytest.fixture
def redis_db() -> str:
    return empty_redis(REDIS_URL)


def _engine(request: httpx.Request) -> httpx.Response:
    if request.url.path == "/webhooks/gateway/webhook":
        return httpx.Response(200, json={"messages": [{"text": "hello"}], "turn": {}})
    return httpx.Response(200, json={})


def test_two_gateways_share_one_limit(tmp_path: Path, redis_db: str) -> None:
    settings = make_settings(tmp_path, rate_limit_per_sender=3, rate_limit_redis_url=redis_db)
    first = create_app(settings, transport=httpx.MockTransport(_engine))
    second = create_app(settings, transport=httpx.MockTransport(_engine))
    with TestClient(first) as one, TestClient(second) as two:
        codes = [
            gateway.post("/api/chat", json={"sender": "web-1", "message": "hi"}).status_code
            for gateway in (one, two, one, two)
        ]
        assert codes == [200, 200, 200, 429]
        assert two.post("/api/chat", json={"sender": "web-2", "message": "hi"}).status_code == 200
    keys = [k.decode() for k in redis.Redis.from_url(redis_db).keys("*")]
    assert keys and all("web-1" not in k and "web-2" not in k for k in keys)  # hashed


def test_without_redis_the_gateways_own_limit_decides() -> None:
    from redis.asyncio import Redis

    limiter = SharedRateLimiter(Redis.from_url("redis://127.0.0.1:1/0"), "sender", limit=2)

    async def three() -> list[int]:
        return [await limiter.check("web-1") for _ in range(3)]

    waits = asyncio.run(three())
    assert waits[:2] == [0, 0] and waits[2] > 0


def test_the_gateway_believes_forwarded_addresses_only_from_trusted_proxies(
    tmp_path: Path,
) -> None:
    def gateway_command(**overrides: object) -> list[str]:
        stack = Stack(make_settings(tmp_path, **overrides), Path("rasa"), Path("m"), tmp_path)
        return stack.specs()["gateway"].command

    trusted = gateway_command(trusted_proxies="10.0.0.5")
    assert trusted[trusted.index("--forwarded-allow-ips") + 1] == "10.0.0.5"
    assert "--no-proxy-headers" in gateway_command()
