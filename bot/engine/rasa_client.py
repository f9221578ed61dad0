"""A small async client for the parts of the Rasa engine the gateway uses."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import httpx


class EngineUnavailable(Exception):
    """The engine did not answer, or answered with a server error."""


@dataclass(frozen=True)
class Ranked:
    name: str
    confidence: float


@dataclass(frozen=True)
class TurnSummary:
    """What the engine understood and did in one turn (see `addons/gateway_channel.py`)."""

    intent: str | None = None
    confidence: float | None = None
    intent_ranking: tuple[Ranked, ...] = ()
    retrieval_key: str | None = None
    retrieval_confidence: float | None = None
    retrieval_ranking: tuple[Ranked, ...] = ()
    actions: tuple[str, ...] = ()
    responses: tuple[str, ...] = ()
    active_loop: str | None = None
    slots: dict[str, Any] = field(default_factory=dict)
    # The model read `crisis` and the engine set it aside, as asked (addons/crisis_gate.py).
    crisis_set_aside: bool = False

    @property
    def answered_topic(self) -> str | None:
        """The knowledge topic actually answered (`faq/...`), whoever chose it."""
        for response in self.responses:
            if response.startswith("utter_faq/"):
                return "faq/" + response.removeprefix("utter_faq/")
        return None

    @classmethod
    def parse(cls, raw: dict[str, Any]) -> TurnSummary:
        """Tolerant of anything missing: a summary is useful, never required."""
        retrieval = raw.get("retrieval") if isinstance(raw.get("retrieval"), dict) else {}
        return cls(
            intent=_str(raw.get("intent")),
            confidence=_float(raw.get("confidence")),
            intent_ranking=_ranking(raw.get("intent_ranking"), "name"),
            retrieval_key=_str(retrieval.get("key")),
            retrieval_confidence=_float(retrieval.get("confidence")),
            retrieval_ranking=_ranking(retrieval.get("ranking"), "key"),
            actions=tuple(a for a in raw.get("actions") or () if isinstance(a, str)),
            responses=tuple(r for r in raw.get("responses") or () if isinstance(r, str)),
            active_loop=_str(raw.get("active_loop")),
            slots=raw["slots"] if isinstance(raw.get("slots"), dict) else {},
            crisis_set_aside=raw.get("crisis_set_aside") is True,
        )


@dataclass(frozen=True)
class EngineReply:
    messages: list[dict[str, Any]]
    turn: TurnSummary


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _float(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def _ranking(value: Any, key: str) -> tuple[Ranked, ...]:
    ranked = []
    for item in value if isinstance(value, list) else ():
        if isinstance(item, dict) and isinstance(item.get(key), str):
            ranked.append(Ranked(item[key], _float(item.get("confidence")) or 0.0))
    return tuple(ranked)


class RasaClient:
    """The gateway channel's webhook and health checks.

    One shared `httpx.AsyncClient` keeps connections to the engine alive, which
    matters for latency: a new TCP connection per turn is measurable.
    """

    def __init__(
        self,
        http: httpx.AsyncClient,
        engine_url: str,
        actions_url: str,
        timeout: float,
        channel_secret: str = "",
    ) -> None:
        self._http = http
        # Sent with every message: the engine's gateway channel refuses anything without it.
        self._headers = {"X-Engine-Secret": channel_secret}
        self._engine_url = engine_url.rstrip("/")
        self._actions_url = actions_url.rstrip("/")
        self._timeout = timeout

    async def send(
        self, conversation_id: str, text: str, metadata: dict[str, str] | None = None
    ) -> EngineReply:
        """Send one user message through the gateway channel; return the replies and turn."""
        body: dict[str, Any] = {"sender": conversation_id, "message": text}
        if metadata:
            body["metadata"] = metadata
        try:
            response = await self._http.post(
                f"{self._engine_url}/webhooks/gateway/webhook",
                json=body,
                headers=self._headers,
                timeout=self._timeout,
            )
        except httpx.HTTPError as exc:
            raise EngineUnavailable(type(exc).__name__) from exc
        if response.status_code >= 500:
            raise EngineUnavailable(f"engine answered {response.status_code}")
        if response.status_code in (401, 403):  # ENGINE_CHANNEL_SECRET differs: a 503, not a 500
            raise EngineUnavailable("engine refused the gateway's channel secret")
        response.raise_for_status()
        body = response.json()
        messages = body.get("messages") if isinstance(body, dict) else None
        if not isinstance(messages, list):
            raise EngineUnavailable("engine answered without a list of messages")
        turn = body.get("turn")
        return EngineReply(messages, TurnSummary.parse(turn if isinstance(turn, dict) else {}))

    async def document(self, conversation_id: str, slot: str) -> dict[str, Any] | None:
        """The document a conversation holds in `slot` (see `addons/gateway_channel.py`)."""
        try:
            response = await self._http.get(
                f"{self._engine_url}/webhooks/gateway/document",
                params={"sender": conversation_id, "slot": slot},
                headers=self._headers,
                timeout=self._timeout,
            )
        except httpx.HTTPError as exc:
            raise EngineUnavailable(type(exc).__name__) from exc
        if response.status_code != 200:
            raise EngineUnavailable(f"engine answered {response.status_code}")
        body = response.json()
        document = body.get("document") if isinstance(body, dict) else None
        return document if isinstance(document, dict) else None

    async def engine_up(self) -> bool:
        return await self._up(f"{self._engine_url}/")

    async def actions_up(self) -> bool:
        return await self._up(f"{self._actions_url}/health")

    async def _up(self, url: str) -> bool:
        try:
            response = await self._http.get(url, timeout=2.0)
        except httpx.HTTPError:
            return False
        return response.status_code == 200
