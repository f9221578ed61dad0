"""No identifier reaches the engine, the action server, the database or any log."""

from __future__ import annotations

import json
import sqlite3
import uuid
from pathlib import Path

import httpx
import pytest

from bot.pseudonym import conversation_id
from bot.supervisor import Stack

pytestmark = pytest.mark.e2e

MESSAGES = [
    "Mum Zuleika Okonkwo-Barrett told me dad hits her",
    "her mobile is 07700 900871 and she lives at 58 Quillfeather Road, LS6 2AB",
    "email z.okonkwo@brightwater.sch.uk, NHS 943 476 5919, NI QQ 12 34 56 C",
    "DOB 17/04/2016, case ref 2025/77123, dad is Thaddeus",
    "I need to do safety planning for Zuleika",
    "Thaddeus controls the money, Zuleika keeps the children's routines going",
]
IDENTIFIERS = [
    "Zuleika", "Okonkwo", "900871", "Quillfeather", "LS6 2AB", "brightwater",
    "943 476 5919", "QQ 12 34 56 C", "17/04/2016", "77123", "Thaddeus",
]  # fmt: skip


def test_identifiers_go_nowhere(gateway: httpx.Client, engine: httpx.Client, stack: Stack) -> None:
    sender = f"privacy-{uuid.uuid4().hex[:10]}"
    replies = []
    for message in MESSAGES:
        response = gateway.post("/api/chat", json={"sender": sender, "message": message})
        assert response.status_code == 200
        replies.append(response.text)
    assert "I've removed what looked like names" in replies[0]
    assert sum("I've removed" in r for r in replies) == 1

    cid = conversation_id(sender, stack.settings.pseudonym_secret)
    tracker = engine.get(
        f"/conversations/{cid}/tracker", params={"token": stack.settings.rasa_token}
    ).text
    database = Path(stack.settings.database_url.removeprefix("sqlite:///"))
    with sqlite3.connect(database) as connection:
        dump = "\n".join(connection.iterdump())
    logs = "\n".join(p.read_text(errors="replace") for p in stack.log_dir.glob("*.log"))

    for where, content in {
        "replies": "\n".join(replies),
        "engine tracker": tracker,
        "database": dump,
        "logs": logs,
    }.items():
        leaked = [i for i in IDENTIFIERS if i.lower() in content.lower()]
        assert leaked == [], where
    assert sender not in tracker and sender not in dump
    user_texts = [e["text"] for e in json.loads(tracker)["events"] if e["event"] == "user"]
    assert any("<PERSON>" in text for text in user_texts)
