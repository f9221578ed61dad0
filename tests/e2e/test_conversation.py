"""Real HTTP through the real gateway, engine and action server.

Tests marked `stops_processes` run last (see conftest.py), in file order.
"""

from __future__ import annotations

import re
import sqlite3
import time
import uuid
from pathlib import Path

import httpx
import pytest

from bot.pseudonym import conversation_id
from bot.safety.messages import crisis_message_text
from bot.supervisor import Stack

pytestmark = pytest.mark.e2e

CRISIS_TEXT = crisis_message_text()


def new_sender() -> str:
    return f"e2e-{uuid.uuid4().hex[:12]}"


def say(gateway: httpx.Client, sender: str, message: str) -> list[dict]:
    response = gateway.post("/api/chat", json={"sender": sender, "message": message})
    assert response.status_code == 200, response.text
    return response.json()


def texts(messages: list[dict]) -> list[str]:
    return [m["text"] for m in messages if "text" in m]


def test_health_reports_every_part_up(gateway: httpx.Client) -> None:
    response = gateway.get("/health")
    assert response.status_code == 200
    assert response.json()["components"] == {"engine": "up", "actions": "up", "database": "up"}


def test_greeting_says_what_it_is_for_and_offers_roles(gateway: httpx.Client) -> None:
    sender = new_sender()
    messages = say(gateway, sender, "hello there")
    assert all(m["recipient_id"] == sender for m in messages)
    assert "Safe & Together" in messages[0]["text"]
    assert "999" in messages[0]["text"]
    buttons = messages[-1]["buttons"]
    assert [b["payload"] for b in buttons] == [
        "/role_practitioner",
        "/role_dsl",
        "/role_commissioner",
    ]


def test_role_is_remembered_and_can_be_changed(gateway: httpx.Client, stack: Stack) -> None:
    sender = new_sender()
    say(gateway, sender, "/greet")  # as the page does on load: offers the role buttons
    intro = texts(say(gateway, sender, "/role_practitioner"))[0]
    assert "you work with families" in intro
    assert (
        "Which of these fits you best" in texts(say(gateway, sender, "I picked the wrong role"))[0]
    )
    dsl = texts(say(gateway, sender, "/role_dsl"))[0]
    assert "designated safeguarding lead" in dsl

    cid = conversation_id(sender, stack.settings.pseudonym_secret)
    deadline = time.monotonic() + 10
    row = None
    while time.monotonic() < deadline:
        with sqlite3.connect(
            Path(stack.settings.database_url.removeprefix("sqlite:///"))
        ) as connection:
            row = connection.execute(
                "SELECT role, turns FROM conversations WHERE id = ?", (cid,)
            ).fetchone()
        if row and row[1] >= 4:
            break
        time.sleep(0.2)
    assert row == ("school_dsl", 4)  # greet, role, "wrong role", role


def test_helplines_come_from_the_action_server(gateway: httpx.Client) -> None:
    """Proves the rasa-sdk 3.21 action server protocol against the 3.6.21 engine."""
    sender = new_sender()
    say(gateway, sender, "/greet")  # as the page does on load: offers the role buttons
    say(gateway, sender, "/role_dsl")
    messages = say(gateway, sender, "what helpline numbers are there?")
    text = texts(messages)[0]
    assert "0808 2000 247" in text and "0800 1111" in text
    assert "not all yet verified" in text and "last checked" not in text
    [custom] = [m["custom"] for m in messages if "custom" in m]
    assert custom["services"][1]["tel"] == "tel:08001111"  # Childline leads for a DSL


def test_out_of_scope_says_what_it_can_help_with(gateway: httpx.Client) -> None:
    # The out-of-scope answer, or the low-confidence fallback: never silence, never a guess.
    messages = say(gateway, new_sender(), "can you book me a train to Leeds")
    text = messages[0]["text"]
    assert "outside what I can help with" in text or "I'd rather not guess" in text
    assert "help with" in text


def test_sourced_answer(gateway: httpx.Client) -> None:
    messages = say(gateway, new_sender(), "how many yes answers on the dash is high risk?")
    assert "14 or more" in messages[0]["text"]
    assert re.search(r"\nSources?: ", messages[0]["text"])


def test_gibberish_gets_the_fallback_not_silence(gateway: httpx.Client) -> None:
    messages = say(gateway, new_sender(), "qwzx plmokn vvvv")
    assert "I'd rather not guess" in messages[0]["text"]


@pytest.mark.parametrize(
    "message",
    [
        "he's outside the house right now",
        "she just rang, he's got a knife",
        "hes strangeling her",
        "the kids are locked in the bedroom and he won't let them out",
    ],
)
def test_crisis_gets_999_first(gateway: httpx.Client, message: str) -> None:
    messages = say(gateway, new_sender(), message)
    assert messages[0]["text"] == CRISIS_TEXT
    assert texts(messages).count(CRISIS_TEXT) == 1


def test_crisis_interrupts_whatever_came_before(gateway: httpx.Client) -> None:
    sender = new_sender()
    say(gateway, sender, "/greet")
    say(gateway, sender, "/role_practitioner")
    say(gateway, sender, "what is the DASH?")
    messages = say(gateway, sender, "he's at the door now and she's terrified")
    assert messages[0]["text"] == CRISIS_TEXT
    assert "next steps" in messages[1]["text"]


def test_a_general_question_about_strangulation_is_not_a_crisis(gateway: httpx.Client) -> None:
    messages = say(gateway, new_sender(), "what is strangulation in DASH?")
    assert CRISIS_TEXT not in texts(messages)


def test_bad_input_is_a_clear_4xx(gateway: httpx.Client) -> None:
    response = gateway.post("/api/chat", json={"sender": "x", "message": "   "})
    assert response.status_code == 422
    assert response.json()["error"] == "invalid_request"


def test_engine_api_refuses_requests_without_the_token(engine: httpx.Client) -> None:
    assert engine.get("/conversations/anyone/tracker").status_code in (401, 403)
    assert engine.get("/status").status_code in (401, 403)


def test_gateway_does_not_proxy_engine_routes(gateway: httpx.Client) -> None:
    for path in ("/conversations/x/tracker", "/model", "/webhooks/rest/webhook", "/status"):
        assert gateway.get(path).status_code == 404, path


@pytest.mark.stops_processes
def test_gateway_restart_mid_conversation_loses_nothing(
    gateway: httpx.Client, stack: Stack
) -> None:
    """The conversation lives in the engine, under the pseudonymous id: a new gateway
    process (same secret) carries on the same walkthrough."""
    sender = new_sender()
    say(gateway, sender, "I need to do safety planning for a family")
    replies = texts(say(gateway, sender, "controlling money, isolation"))
    assert any(t.startswith("Step 2 of 7") for t in replies)
    stack.stop_process("gateway")
    with pytest.raises(httpx.TransportError):
        gateway.get("/health", timeout=2)
    stack.start_process("gateway")
    stack.wait_healthy("gateway", timeout=60)
    replies = texts(say(gateway, sender, "hurt her while she held the baby"))
    assert any(t.startswith("Step 3 of 7") for t in replies)


@pytest.mark.stops_processes
def test_action_server_down_is_named_and_never_a_500(gateway: httpx.Client, stack: Stack) -> None:
    stack.stop_process("actions")
    health = gateway.get("/health")
    assert health.status_code == 503
    assert health.json()["down"] == ["actions"]
    messages = say(gateway, new_sender(), "helpline numbers please")
    assert "isn't working" in messages[0]["text"]
    # the engine still answers what it can on its own
    assert "Safe & Together" in say(gateway, new_sender(), "good morning")[0]["text"]
