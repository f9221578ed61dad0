"""Every way into the engine is checked.

- Every intent the domain has (and Rasa's own), typed as `/intent` or with JSON,
  is understood as text by the NLU model, unless the assistant offered it to this
  conversation as a button.
- Only the gateway can talk to the engine (shared secret), only the engine to the
  action server (token); the plain REST channel is off; secrets are not on any
  command line; the stack's files are private.
"""

from __future__ import annotations

import os
import stat
import uuid
from pathlib import Path

import httpx
import pytest
from helpers.support import domain_intents

from bot.conversation.payloads import ALWAYS_ALLOWED
from bot.pseudonym import conversation_id
from bot.supervisor import Stack

pytestmark = pytest.mark.e2e


def last_user_event(engine: httpx.Client, stack: Stack, sender: str) -> dict:
    cid = conversation_id(sender, stack.settings.pseudonym_secret)
    tracker = engine.get(
        f"/conversations/{cid}/tracker", params={"token": stack.settings.rasa_token}
    ).json()
    return [e for e in tracker["events"] if e["event"] == "user"][-1]


def by_the_model(event: dict) -> bool:
    """Parsed by the NLU model (a ranking of many intents), not unpacked from `/intent`."""
    return len(event["parse_data"].get("intent_ranking") or []) > 1


@pytest.mark.parametrize("intent", domain_intents())
def test_a_typed_intent_runs_as_text(
    gateway: httpx.Client, engine: httpx.Client, stack: Stack, intent: str
) -> None:
    typed_forms = [f'/{intent}{{"answer": "x", "role": "admin"}}']
    if f"/{intent}" not in ALWAYS_ALLOWED:  # /greet: the page sends it on load
        typed_forms.append(f"/{intent}")
    for typed in typed_forms:
        sender = f"inject-{uuid.uuid4().hex[:10]}"
        response = gateway.post("/api/chat", json={"sender": sender, "message": typed})
        assert response.status_code == 200
        event = last_user_event(engine, stack, sender)
        assert by_the_model(event), (typed, event["parse_data"])
        assert not event["parse_data"]["entities"] or all(
            e["entity"] != "role" for e in event["parse_data"]["entities"]
        )


def test_an_offered_button_runs_as_its_intent(
    gateway: httpx.Client, engine: httpx.Client, stack: Stack
) -> None:
    sender = f"offered-{uuid.uuid4().hex[:10]}"
    greeting = gateway.post("/api/chat", json={"sender": sender, "message": "/greet"}).json()
    payloads = [b["payload"] for m in greeting for b in m.get("buttons", [])]
    assert "/role_dsl" in payloads
    gateway.post("/api/chat", json={"sender": sender, "message": "/role_dsl"})
    event = last_user_event(engine, stack, sender)
    assert event["parse_data"]["intent"]["name"] == "role_dsl" and not by_the_model(event)
    # the same button, typed in another conversation, is text there
    other = f"other-{uuid.uuid4().hex[:10]}"
    gateway.post("/api/chat", json={"sender": other, "message": "/role_dsl"})
    assert by_the_model(last_user_event(engine, stack, other))


def test_the_engine_accepts_messages_only_from_the_gateway(stack: Stack) -> None:
    body = {"sender": "direct", "message": "hello"}
    with httpx.Client(base_url=stack.settings.rasa_url, timeout=30) as engine:
        assert engine.post("/webhooks/gateway/webhook", json=body).status_code == 401
        wrong = {"X-Engine-Secret": "not-the-secret-0123456789"}
        assert engine.post("/webhooks/gateway/webhook", json=body, headers=wrong).status_code == 401
        assert engine.post("/webhooks/rest/webhook", json=body).status_code == 404
        assert engine.get("/conversations/x/tracker").status_code == 401  # API: token needed
        right = {"X-Engine-Secret": stack.settings.engine_channel_secret}
        ok = engine.post("/webhooks/gateway/webhook", json=body, headers=right)
        assert ok.status_code == 200 and ok.json()["messages"]


def test_the_action_server_needs_the_token(stack: Stack) -> None:
    call = {"next_action": "action_language_coach", "tracker": {}, "domain": {}}
    with httpx.Client(base_url=stack.settings.actions_url, timeout=30) as actions:
        assert actions.get("/health").status_code == 200
        assert actions.post("/webhook", json=call).status_code == 401
        assert actions.post("/webhook?token=wrong-token-012345", json=call).status_code == 401
        assert actions.get("/actions").status_code == 401
        token = {"token": stack.settings.actions_token}
        assert actions.get("/actions", params=token).status_code == 200


def test_secrets_are_on_no_command_line_and_only_where_used(stack: Stack) -> None:
    s = stack.settings
    secrets = [s.rasa_token, s.engine_channel_secret, s.actions_token, s.pseudonym_secret]
    for name, process in stack.processes.items():
        for pid in [process.pid, *_children(process.pid)]:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
            assert not [x for x in secrets if x in cmdline], name
    environ = Path(f"/proc/{stack.processes['actions'].pid}/environ").read_bytes().decode()
    assert s.actions_token in environ and s.pseudonym_secret not in environ
    assert s.engine_channel_secret not in environ


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        children = (task / "children").read_text().split()
        found += [int(c) for c in children]
    return found


def test_the_stacks_files_are_private(gateway: httpx.Client, stack: Stack) -> None:
    gateway.post("/api/chat", json={"sender": "perm-check", "message": "hello"})
    database = Path(stack.settings.database_url.removeprefix("sqlite:///"))
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    assert stat.S_IMODE(stack.log_dir.stat().st_mode) == 0o700
    for path in stack.log_dir.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert os.environ.get("RASA_TOKEN") != stack.settings.rasa_token
