"""Download links for a conversation's document, and the gateway route that serves them,
against a fake engine (the real stack is in tests/e2e/test_document_conversations.py)."""

from __future__ import annotations

import io
import json
from datetime import date
from typing import Any

import httpx
import pytest
from docx import Document as DocxDocument
from fastapi.testclient import TestClient

from bot.config import Settings
from bot.documents import links
from bot.documents.asking import card, chat_text, wanted
from bot.documents.codec import from_data, to_data
from bot.documents.model import Bullets, Document, Field, Section, Table
from bot.gateway.app import create_app
from bot.pseudonym import conversation_id

SECRET = "test-secret-0123456789"  # tests/support.py's pseudonym secret
CID = "0123456789abcdef0123456789abcdef"
DOC = Document(
    title="Contract requirements schedule",
    created=date(2026, 11, 26),
    slug="contract-requirements-schedule",
    fields=(Field("Service", "Leisure services"), Field("Prepared by")),
    sections=(
        Section("Summary", (Bullets(("2 of 2 kept",)),)),
        Section(
            "Requirements",
            (
                Table(
                    ("Requirement", "Status", "Reason"),
                    (("Training", "Not applicable", "=1+1 trained already"),),
                ),
            ),
        ),
    ),
)


def test_a_token_carries_its_grant_and_nothing_else() -> None:
    token = links.sign(links.Grant("schedule", CID, 2_000), SECRET)
    assert links.verify(token, SECRET, now=1_000) == links.Grant("schedule", CID, 2_000)
    assert links.verify(token, SECRET, now=2_001) is None  # expired
    assert links.verify(token, "another-secret-0123456789", now=1_000) is None
    assert links.verify(token[:-1] + ("A" if token[-1] != "A" else "B"), SECRET, 1_000) is None
    assert links.verify("../../etc/passwd", SECRET, 1_000) is None
    forged = links.sign(links.Grant("everything", CID, 2_000), SECRET)
    assert links.verify(forged, SECRET, 1_000) is None  # not a kind


def test_downloads_are_added_to_document_cards_only() -> None:
    messages = [{"text": "hello"}, {"custom": card("schedule", DOC, chat_text(DOC))}]
    out = links.add_downloads(messages, CID, SECRET, now=1_000)
    assert out[0] == {"text": "hello"}
    downloads = out[1]["custom"]["downloads"]
    assert [d["format"] for d in downloads] == ["docx", "csv"]
    assert all(d["url"].startswith("/api/documents/") for d in downloads)
    assert out[2]["custom"] == {"type": "download_links"} and "30 minutes" in out[2]["text"]
    token = downloads[0]["url"].split("/")[3]
    grant = links.verify(token, SECRET, now=1_000)
    assert grant is not None and grant.expires == 1_000 + links.LINK_MINUTES * 60


@pytest.mark.parametrize(
    ("said", "held", "kind", "fmt", "offered"),
    [
        ("show me the summary again", {"safety_plan", "schedule"}, "safety_plan", None, True),
        ("the schedule as a spreadsheet", {"safety_plan", "schedule"}, "schedule", "csv", True),
        ("can I get a PDF", {"schedule"}, "schedule", "pdf", False),
        ("csv please", {"safety_plan", "schedule"}, "schedule", "csv", True),
        ("word version", {"safety_plan"}, "safety_plan", "docx", True),
        ("show the summary", set(), None, None, True),
    ],
)
def test_which_document_and_format_a_user_asks_for(
    said: str, held: set[str], kind: str | None, fmt: str | None, offered: bool
) -> None:
    asked = wanted(said, held)
    assert (asked.kind, asked.format) == (kind, fmt)
    if kind:
        assert asked.offered is offered


def test_the_codec_refuses_anything_malformed() -> None:
    assert from_data(to_data(DOC)) == DOC
    data = to_data(DOC)
    for broken in (None, [], {**data, "version": 2}, {**data, "slug": "../x"},
                   {**data, "sections": [{"heading": "x", "blocks": [{"type": "script"}]}]},
                   {**data, "created": "yesterday"}, {**data, "fields": "x"}):  # fmt: skip
        with pytest.raises(ValueError):
            from_data(broken)


class Engine:
    """Plays the engine's document endpoint."""

    def __init__(self) -> None:
        self.document: Any = to_data(DOC)
        self.down = False
        self.asked: list[dict[str, str]] = []

    def handler(self, request: httpx.Request) -> httpx.Response:
        if self.down:
            raise httpx.ConnectError("refused")
        if request.url.path == "/webhooks/gateway/document":
            assert request.headers["X-Engine-Secret"] == "test-channel-secret-0123456789"
            self.asked.append(dict(request.url.params))
            return httpx.Response(200, json={"document": self.document})
        return httpx.Response(404)


def _url(fmt: str, kind: str = "schedule", expires: int = 4_000_000_000) -> str:
    token = links.sign(links.Grant(kind, CID, expires), SECRET)
    return f"/api/documents/{token}/contract-requirements-schedule.{fmt}"


def test_the_route_renders_the_conversations_document_and_keeps_nothing(
    settings: Settings,
) -> None:
    engine = Engine()
    app = create_app(settings, transport=httpx.MockTransport(engine.handler))
    with TestClient(app, raise_server_exceptions=False) as client:
        word = client.get(_url("docx"))
        assert word.status_code == 200
        assert word.headers["cache-control"] == "no-store"
        cells = [c.text for t in DocxDocument(io.BytesIO(word.content)).tables
                 for r in t.rows for c in r.cells]  # fmt: skip
        assert "=1+1 trained already" in cells  # the reason, kept
        spreadsheet = client.get(_url("csv"))
        assert "'=1+1 trained already" in spreadsheet.content.decode("utf-8-sig")
        assert engine.asked[0] == {"sender": CID, "slot": "cm_document"}

        assert client.get(_url("pdf")).status_code == 404  # not a format of the schedule
        assert client.get(_url("docx", expires=1)).status_code == 404
        assert (
            client.get(_url("docx").replace("/api/documents/", "/api/documents/x")).status_code
            == 404
        )
        engine.document = None  # "start again": the conversation no longer holds it
        gone = client.get(_url("docx"))
        assert gone.status_code == 404 and "has gone" in gone.json()["message"]
        engine.document = {"version": 1, "title": "<script>"}  # malformed: still a 404
        assert client.get(_url("docx")).status_code == 404
        engine.down = True
        assert client.get(_url("docx")).status_code == 503


CARD = card("schedule", DOC, chat_text(DOC))


def test_the_chat_reply_carries_working_links(settings: Settings) -> None:
    engine = Engine()

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/webhooks/gateway/webhook":
            body = json.loads(request.content)
            return httpx.Response(200, json={
                "messages": [{"recipient_id": body["sender"], "custom": CARD}],
                "turn": {"actions": ["action_finish_commissioning"]},
            })  # fmt: skip
        return engine.handler(request)

    app = create_app(settings, transport=httpx.MockTransport(handler))
    with TestClient(app, raise_server_exceptions=False) as client:
        reply = client.post("/api/chat", json={"sender": "web-1", "message": "done"}).json()
        url = reply[0]["custom"]["downloads"][0]["url"]
        assert client.get(url).status_code == 200
        cid = conversation_id("web-1", settings.pseudonym_secret)
        assert engine.asked == [{"sender": cid, "slot": "cm_document"}]
