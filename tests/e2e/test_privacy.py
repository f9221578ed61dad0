"""No identifier reaches the database, any log file, the engine's tracker or an export.

Typed messages, free-text walkthrough answers and hand-made payloads carrying
names, phone numbers and postcodes go through the real gateway; then the database,
every file in the stack's log folder, the engine's tracker (read through its API,
on for these tests with a token from the environment) and the exports are searched.
"""

from __future__ import annotations

import json
import re
import sqlite3
import uuid
from pathlib import Path

import httpx
import pytest
from chat_client import Chat

from bot.dashboard.stats import REPORTS
from bot.pseudonym import conversation_id
from bot.supervisor import Stack
from bot.tracker_scrub import REMOVED

pytestmark = pytest.mark.e2e

MESSAGES = [
    "Mum Zuleika Okonkwo-Barrett told me dad hits her",
    "her mobile is 07700 900871 and she lives at 58 Quillfeather Road, LS6 2AB",
    "email z.okonkwo@brightwater.sch.uk, NHS 943 476 5919, NI QQ 12 34 56 C",
    "DOB 17/04/2016, case ref 2025/77123, dad is Thaddeus",
    "I need to do safety planning for Zuleika",
    "Thaddeus controls the money, Zuleika keeps the children's routines going",
    # hand-made payloads: never offered, so sent as text, anonymised first
    '/walkthrough_answer{"answer": "Zuleika Okonkwo 07700 900871 LS6 2AB"}',
    '/crisis{"answer": "Thaddeus Quillfeather"}',
    "/ask_referral_pathway Zuleika 07700900871",
]
IDENTIFIERS = [
    "Zuleika", "Okonkwo", "900871", "Quillfeather", "LS6 2AB", "brightwater",
    "943 476 5919", "QQ 12 34 56 C", "17/04/2016", "77123", "Thaddeus", "07700900871",
]  # fmt: skip


def tracker_of(engine: httpx.Client, stack: Stack, sender: str) -> dict:
    cid = conversation_id(sender, stack.settings.pseudonym_secret)
    response = engine.get(
        f"/conversations/{cid}/tracker", params={"token": stack.settings.rasa_token}
    )
    assert response.status_code == 200
    return response.json()


def everything_stored(gateway: httpx.Client, stack: Stack) -> dict[str, str]:
    database = Path(stack.settings.database_url.removeprefix("sqlite:///"))
    with sqlite3.connect(database) as connection:
        dump = "\n".join(connection.iterdump())
    logs = "\n".join(p.read_text(errors="replace") for p in stack.log_dir.rglob("*") if p.is_file())
    auth = {"Authorization": f"Bearer {stack.settings.dashboard_password}"}
    exports = [
        gateway.get(f"/api/stats/{name}", params={"format": fmt}, headers=auth).text
        for name in REPORTS
        for fmt in ("json", "csv")
    ]
    return {"database": dump, "logs": logs, "exports": "\n".join(exports)}


def leaked(content: str) -> list[str]:
    """Identifiers found whole: a number inside a longer one (a timestamp's
    microseconds held "77123" once) is not a leak; the run-together phone number
    is an identifier of its own."""
    return [
        i
        for i in IDENTIFIERS
        if re.search(rf"(?<![0-9A-Za-z]){re.escape(i)}(?![0-9A-Za-z])", content, re.IGNORECASE)
    ]


def test_identifiers_go_nowhere(gateway: httpx.Client, engine: httpx.Client, stack: Stack) -> None:
    sender = f"privacy-{uuid.uuid4().hex[:10]}"
    replies = []
    for message in MESSAGES:
        response = gateway.post("/api/chat", json={"sender": sender, "message": message})
        assert response.status_code == 200
        replies.append(response.text)
    assert "I've removed what looked like names" in replies[0]
    assert sum("I've removed" in r for r in replies) == 1

    tracker = tracker_of(engine, stack, sender)
    stored = {"replies": "\n".join(replies), "engine tracker": json.dumps(tracker)}
    stored |= everything_stored(gateway, stack)
    for where, content in stored.items():
        assert leaked(content) == [], where
    cid = conversation_id(sender, stack.settings.pseudonym_secret)
    assert sender not in stored["engine tracker"] and sender not in stored["database"]
    assert cid in stored["engine tracker"]
    # the tracker keeps what the dialogue needs (intents), never what was typed
    users = [e for e in tracker["events"] if e["event"] == "user"]
    assert len(users) >= len(MESSAGES)
    assert all(e["text"] == "" and e["parse_data"]["text"] == "" for e in users)
    assert all(e["parse_data"]["intent"]["name"] for e in users)
    assert all(e["text"] in (None, "") for e in tracker["events"] if e["event"] == "bot")


def test_walkthrough_answers_live_only_while_needed(
    gateway: httpx.Client, engine: httpx.Client, stack: Stack
) -> None:
    chat = Chat(gateway)
    chat.say("I need to do safety planning for a family")
    chat.click("Controlling money")
    chat.click("Done")
    # Worded so that no crisis net reads it as danger now: this test is about storage.
    chat.say("Thaddeus Quillfeather on 07700 900871 takes her bank card and reads her texts")
    during = tracker_of(engine, stack, chat.sender)
    answers = {k: v for k, v in during["slots"].items() if k.startswith("sp_") and v}
    assert answers, during["slots"]  # the walkthrough still needs them: kept, anonymised
    assert "900871" not in json.dumps(during) and "<PHONE>" in json.dumps(answers)
    # (a name the anonymiser missed would sit here until the walkthrough ends: that is
    # recall's part; what follows does not depend on it)

    chat.say("stop")
    assert chat.texts()[-1].startswith("Stopped. I haven't kept any of your answers.")
    after = tracker_of(engine, stack, chat.sender)
    # True of the tracker: no answer in any slot, and every earlier value removed
    assert not [k for k, v in after["slots"].items() if k.startswith("sp_") and v]
    values = [
        e["value"]
        for e in after["events"]
        if e["event"] == "slot" and e["name"].startswith("sp_") and e["value"] is not None
    ]
    assert values and set(map(str, values)) <= {REMOVED, "True", "False", "[]"}, values
    assert "<PHONE>" not in json.dumps(after) and "reads her texts" not in json.dumps(after)
    assert leaked(json.dumps(after)) == []
    # ... and of the database: no text at all for a turn that was answered
    database = Path(stack.settings.database_url.removeprefix("sqlite:///"))
    cid = conversation_id(chat.sender, stack.settings.pseudonym_secret)
    with sqlite3.connect(database) as connection:
        texts = connection.execute(
            "SELECT text FROM turns WHERE conversation_id = ? AND text IS NOT NULL", (cid,)
        ).fetchall()
    assert texts == []


def test_restart_forgets_the_answers(gateway: httpx.Client, engine: httpx.Client, stack: Stack):
    chat = Chat(gateway)
    chat.say("I need to do safety planning for a family")
    chat.say("he hurt her while she held the baby and controls the money")
    chat.say("start again")
    tracker = tracker_of(engine, stack, chat.sender)
    assert "held the baby" not in json.dumps(tracker)


def test_a_finished_walkthrough_keeps_only_its_summary_until_told_to_forget_it(
    gateway: httpx.Client, engine: httpx.Client, stack: Stack
) -> None:
    from test_safety_planning import answer_all, card_of, summary_of

    chat = Chat(gateway)
    chat.say("I need to do safety planning for a family")
    answer_all(chat)
    assert "held the baby" in summary_of(chat)
    word = next(d["url"] for d in card_of(chat)["downloads"] if d["format"] == "docx")
    # Held once, as the summary (for "show it again" and the downloads), not as answers.
    held = tracker_of(engine, stack, chat.sender)
    assert json.dumps(held["events"]).count("held the baby") == 1  # the one SlotSet
    assert "held the baby" in json.dumps(held["slots"]["sp_document"])
    chat.say("I've saved it, you can delete the summary now")
    assert chat.texts()[0].startswith("Done: I no longer hold the safety-planning summary")
    tracker = json.dumps(tracker_of(engine, stack, chat.sender))
    assert "held the baby" not in tracker and "will believe her" not in tracker  # ... gone
    assert gateway.get(word).status_code == 404  # and so are its downloads


def test_the_commissioning_schedule_export_carries_no_typed_text(
    gateway: httpx.Client, engine: httpx.Client, stack: Stack
) -> None:
    chat = Chat(gateway)
    chat.say("I'm writing a contract for refuse collection")
    chat.click("Yes, that's right")
    chat.click("Not applicable")
    chat.say("our trainer Mr Okonkwo on 07700 900871, LS6 2AB, does the training")
    chat.click("Add it")
    cards = [m["custom"] for m in chat.last if m.get("custom", {}).get("document") == "schedule"]
    assert len(cards) == 1, chat.texts()
    url = next(d["url"] for d in cards[0]["downloads"] if d["format"] == "csv")
    download = gateway.get(url)
    assert download.status_code == 200
    exported = download.content.decode("utf-8-sig") + url
    # The reason is kept, as it reached the engine: anonymised.
    assert "does the training" in exported and leaked(exported) == []
    assert leaked(json.dumps(tracker_of(engine, stack, chat.sender))) == []
    assert leaked(everything_stored(gateway, stack)["database"]) == []
