"""A conversation with the real gateway, as the end-to-end tests hold one."""

from __future__ import annotations

import uuid

import httpx


class Chat:
    def __init__(self, gateway: httpx.Client) -> None:
        self.gateway = gateway
        self.sender = f"e2e-{uuid.uuid4().hex[:12]}"
        self.last: list[dict] = []

    def say(self, message: str) -> list[str]:
        """Send a message; return the texts of the replies (all replies are in `last`)."""
        response = self.gateway.post("/api/chat", json={"sender": self.sender, "message": message})
        assert response.status_code == 200, response.text
        self.last = response.json()
        return self.texts()

    def texts(self) -> list[str]:
        return [m["text"] for m in self.last if "text" in m]

    def buttons(self) -> dict[str, str]:
        return {b["title"]: b["payload"] for m in self.last for b in m.get("buttons", [])}

    def click(self, title: str) -> list[str]:
        """Press a button of the latest replies, as the web page does: send its payload."""
        payload = self.buttons().get(title)
        if payload is None:
            raise AssertionError(f"no button {title!r} in {self.texts()}")
        return self.say(payload)

    def asking(self) -> str:
        """The walkthrough step being asked now ("Step N of 7: <title>")."""
        for text in reversed(self.texts()):
            if text.startswith("Step "):
                return text.splitlines()[0]
        raise AssertionError(f"not asking a step: {self.texts()}")
