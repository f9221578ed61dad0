"""Liveness, readiness, metrics and the request log, against a fake engine."""

from __future__ import annotations

import json
import logging
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from helpers.support import DASHBOARD_PASSWORD

from bot.config import Settings
from bot.gateway.app import create_app
from bot.gateway.metrics import crisis_nets, journey_label

AUTH = ("dashboard", DASHBOARD_PASSWORD)


class Engine:
    def __init__(self) -> None:
        self.down = False

    def handler(self, request: httpx.Request) -> httpx.Response:
        if self.down:
            raise httpx.ConnectError("refused")
        if request.url.port == 5055 or request.url.path == "/":
            return httpx.Response(200, json={"status": "ok"})
        body = json.loads(request.content)
        crisis = body["message"] == "/crisis"
        return httpx.Response(200, json={
            "messages": [{"recipient_id": body["sender"], "text": "an answer"}],
            "turn": {"intent": "crisis" if crisis else "faq", "confidence": 0.9,
                     "actions": ["action_answer_knowledge"]},
        })  # fmt: skip


@pytest.fixture
def engine() -> Engine:
    return Engine()


@pytest.fixture
def client(settings: Settings, engine: Engine) -> Any:
    app = create_app(settings, transport=httpx.MockTransport(engine.handler))
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def test_live_ready_and_health(client: TestClient, engine: Engine) -> None:
    assert client.get("/livez").json() == {"status": "alive"}
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["components"]["engine"] == "up"
    engine.down = True
    assert client.get("/readyz").status_code == 503
    assert client.get("/livez").status_code == 200  # still alive
    assert client.get("/health").json()["down"] == ["engine", "actions"]


def test_a_database_outage_is_reported_but_does_not_make_the_gateway_unready(
    client: TestClient,
) -> None:
    client.app.state.services.database.ping = lambda: False  # type: ignore[attr-defined]
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["components"]["database"] == "down"
    assert client.get("/health").status_code == 503


def test_metrics_count_turns_crisis_nets_and_carry_no_text(client: TestClient) -> None:
    assert client.get("/metrics").status_code == 401
    client.post("/api/chat", json={"sender": "web-1", "message": "what is coercive control?"})
    client.post(
        "/api/chat", json={"sender": "web-2", "message": "he has a knife and is at the door"}
    )
    page = client.get("/metrics", auth=AUTH)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/plain")
    text = page.text
    assert 'assistant_turns_total{journey="question"} 2.0' in text
    assert 'assistant_crisis_triggers_total{net="phrases"} 1.0' in text
    assert "assistant_turn_seconds_bucket" in text and "assistant_log_queue_depth" in text
    assert "coercive" not in text and "knife" not in text and "web-1" not in text


def test_each_request_is_one_json_line_with_the_route_template(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    logger = logging.getLogger("bot.gateway.requests")
    logger.addHandler(caplog.handler)
    try:
        response = client.get(
            "/api/documents/sometoken1234/x.docx", headers={"X-Request-ID": "abc12345-check"}
        )
        client.post("/api/chat", json={"sender": "web-3", "message": "my name is Jo Bloggs"})
    finally:
        logger.removeHandler(caplog.handler)
    assert response.headers["X-Request-ID"] == "abc12345-check"
    fields = [r.fields for r in caplog.records if r.name == "bot.gateway.requests"]  # type: ignore[attr-defined]
    assert fields[0]["route"] == "/api/documents/{token}/{name}"
    assert fields[0]["request_id"] == "abc12345-check" and fields[0]["status"] == 404
    assert fields[1]["route"] == "/api/chat" and fields[1]["status"] == 200
    assert "sometoken" not in json.dumps(fields) and "Bloggs" not in json.dumps(fields)


def test_labels_are_small_fixed_sets() -> None:
    assert journey_label(None) == "question"
    assert journey_label("anything else") == "other"
    assert crisis_nets(("weapon_now", "semantic_clear"), True) == [
        "phrases",
        "meaning_clear",
        "model",
    ]
    assert crisis_nets(("semantic_possible",), False) == ["meaning_possible"]
    # The model read danger in a message all in the past, and the engine set it aside.
    assert crisis_nets(("model_set_aside",), False) == ["model_set_aside"]
