"""Body size and rate limits, and CORS closed unless configured."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient
from helpers.support import make_settings

from bot.gateway.app import create_app
from bot.gateway.limits import RateLimiter


def _engine(request: httpx.Request) -> httpx.Response:
    if request.url.path == "/webhooks/gateway/webhook":
        return httpx.Response(200, json={"messages": [{"text": "ok"}], "turn": {}})
    return httpx.Response(200, json={})


@pytest.fixture
def client_with(tmp_path) -> Iterator:  # type: ignore[no-untyped-def]
    clients: list[TestClient] = []

    def build(**overrides: object) -> TestClient:
        app = create_app(
            make_settings(tmp_path, **overrides), transport=httpx.MockTransport(_engine)
        )
        client = TestClient(app)
        client.__enter__()
        clients.append(client)
        return client

    yield build
    for client in clients:
        client.__exit__(None, None, None)


def test_limiter_counts_a_sliding_window() -> None:
    limiter = RateLimiter(limit=2, window=60)
    assert limiter.check("a", now=0) == 0
    assert limiter.check("a", now=1) == 0
    assert limiter.check("a", now=2) == 58
    assert limiter.check("b", now=2) == 0
    assert limiter.check("a", now=61) == 0  # the first hit left the window


def test_too_many_messages_from_one_conversation_get_429(client_with) -> None:  # type: ignore[no-untyped-def]
    client = client_with(rate_limit_per_sender=3)
    for _ in range(3):
        assert client.post("/api/chat", json={"sender": "s1", "message": "hi"}).status_code == 200
    response = client.post("/api/chat", json={"sender": "s1", "message": "hi"})
    assert response.status_code == 429
    assert int(response.headers["retry-after"]) >= 1
    body = response.json()
    assert body["error"] == "rate_limited" and "999" in body["message"]
    assert client.post("/api/chat", json={"sender": "s2", "message": "hi"}).status_code == 200


def test_too_many_requests_from_one_address_get_429(client_with) -> None:  # type: ignore[no-untyped-def]
    client = client_with(rate_limit_per_ip=2)
    codes = [
        client.post("/api/chat", json={"sender": f"s{i}", "message": "hi"}).status_code
        for i in range(3)
    ]
    assert codes == [200, 200, 429]


def test_a_large_body_gets_413_with_or_without_content_length(client_with) -> None:  # type: ignore[no-untyped-def]
    client = client_with(max_body_bytes=2048)
    big = b'{"sender": "s", "message": "' + b"a" * 5000 + b'"}'
    response = client.post("/api/chat", content=big, headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert response.json()["error"] == "body_too_large"

    def chunks() -> Iterator[bytes]:
        yield big[:1000]
        yield big[1000:]

    response = client.post(
        "/api/chat", content=chunks(), headers={"content-type": "application/json"}
    )
    assert response.status_code == 413


def test_cors_is_closed_by_default_and_opens_only_to_configured_origins(client_with) -> None:  # type: ignore[no-untyped-def]
    preflight = {
        "Origin": "https://intranet.example.org",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
    }
    closed = client_with()
    response = closed.options("/api/chat", headers=preflight)
    assert "access-control-allow-origin" not in response.headers
    opened = client_with(cors_origins="https://intranet.example.org")
    response = opened.options("/api/chat", headers=preflight)
    assert response.headers["access-control-allow-origin"] == "https://intranet.example.org"
    other = opened.options("/api/chat", headers={**preflight, "Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers


def test_openapi_documents_the_limits(client_with) -> None:  # type: ignore[no-untyped-def]
    responses = client_with().get("/openapi.json").json()["paths"]["/api/chat"]["post"]["responses"]
    assert {"413", "429"} <= set(responses)
