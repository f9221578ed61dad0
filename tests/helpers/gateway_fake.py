"""A fake engine and action server for the gateway's unit tests (httpx.MockTransport)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
from fastapi.testclient import TestClient


@dataclass
class FakeRasa:
    """Plays the engine and the action server; records what the gateway sent."""

    replies: Callable[[str], list[dict[str, Any]]] = lambda text: [{"text": f"echo {text}"}]
    engine_down: bool = False
    engine_status: int = 200
    actions_down: bool = False
    turn: Callable[[str], dict[str, Any]] = lambda text: {"intent": "greet", "confidence": 0.97}
    received: list[dict[str, Any]] = field(default_factory=list)
    secrets: list[str | None] = field(default_factory=list)

    def handler(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if request.url.port == 5055:
            if self.actions_down:
                raise httpx.ConnectError("refused")
            return httpx.Response(200, json={"status": "ok"})
        if self.engine_down:
            raise httpx.ConnectError("refused")
        if path == "/":
            return httpx.Response(200, text="Hello from Rasa: 3.6.21")
        if path == "/webhooks/gateway/webhook":
            self.secrets.append(request.headers.get("X-Engine-Secret"))
            body = json.loads(request.content)
            self.received.append(body)
            if self.engine_status != 200:
                return httpx.Response(self.engine_status, json={})
            replies = [{"recipient_id": body["sender"], **m} for m in self.replies(body["message"])]
            return httpx.Response(
                200, json={"messages": replies, "turn": self.turn(body["message"])}
            )
        return httpx.Response(404)


def chat(client: TestClient, message: Any, sender: Any = "web-abc123") -> httpx.Response:
    return client.post("/api/chat", json={"sender": sender, "message": message})
