"""One way to build a rasa-sdk `Tracker` for action tests (the `make_tracker` fixture)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker


def make_tracker(
    text: str = "",
    *,
    intent: str = "x",
    entities: list[dict[str, Any]] | None = None,
    slots: dict[str, Any] | None = None,
    events: list[dict[str, Any]] | None = None,
    active_loop: str | None = None,
    latest: dict[str, Any] | None = None,
    sender_id: str = "t",
) -> Tracker:
    """A tracker after the user's message `text`, read as `intent`, with `slots` set.

    `latest` replaces the whole parse (for metadata or a ranking); `active_loop`
    names a form in progress.
    """
    return Tracker(
        sender_id=sender_id,
        slots=dict(slots or {}),
        latest_message=latest
        if latest is not None
        else {"text": text, "intent": {"name": intent}, "entities": entities or []},
        events=list(events or []),
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name="action_listen",
    )
