"""A small async client for the parts of the Rasa engine the gateway uses."""

from __future__ import annotations

from typing import Any

import httpx


class EngineUnavailable(Exception):
    """The engine did not answer, or answered with a server error."""


class RasaClient:
    """The REST channel webhook, the token-protected tracker API, and health checks.

    One shared `httpx.AsyncClient` keeps connections to the engine alive, which
    matters for latency: a new TCP connection per turn is measurable.
    """

    def __init__(
        self,
        http: httpx.AsyncClient,
        engine_url: str,
        actions_url: str,
        token: str,
        timeout: float,
    ) -> None:
        self._http = http
        self._engine_url = engine_url.rstrip("/")
        self._actions_url = actions_url.rstrip("/")
        self._token = token
        self._timeout = timeout

    async def send(self, conversation_id: str, text: str) -> list[dict[str, Any]]:
        """Send one user message through the REST channel; return the bot's messages."""
        try:
            response = await self._http.post(
                f"{self._engine_url}/webhooks/rest/webhook",
                json={"sender": conversation_id, "message": text},
                timeout=self._timeout,
            )
        except httpx.HTTPError as exc:
            raise EngineUnavailable(type(exc).__name__) from exc
        if response.status_code >= 500:
            raise EngineUnavailable(f"engine answered {response.status_code}")
        response.raise_for_status()
        messages = response.json()
        if not isinstance(messages, list):
            raise EngineUnavailable("engine answered with something other than a list")
        return messages

    async def slots(self, conversation_id: str) -> dict[str, Any]:
        """The conversation's current slot values, from the token-protected tracker API."""
        response = await self._http.get(
            f"{self._engine_url}/conversations/{conversation_id}/tracker",
            params={"include_events": "NONE", "token": self._token},
            timeout=self._timeout,
        )
        response.raise_for_status()
        return response.json().get("slots", {})

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
