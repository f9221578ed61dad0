"""The finished summary and schedule as files, through the real gateway, engine and actions:
shown again, downloaded as Word and PDF, for this conversation only, and forgotten."""

from __future__ import annotations

import io

import httpx
import pypdfium2 as pdfium
import pytest
from chat_client import Chat
from docx import Document as DocxDocument
from test_safety_planning import answer_all, card_of, start

pytestmark = pytest.mark.e2e


def finished(gateway: httpx.Client) -> Chat:
    chat = start(gateway)
    answer_all(chat)
    return chat


def urls(card: dict) -> dict[str, str]:
    return {d["format"]: d["url"] for d in card["downloads"]}


def pdf_text(data: bytes) -> str:
    pdf = pdfium.PdfDocument(data)
    return " ".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))


def test_the_summary_downloads_as_word_and_pdf_with_the_answers(gateway: httpx.Client) -> None:
    chat = finished(gateway)
    links = urls(card_of(chat))
    assert set(links) == {"docx", "pdf"}
    # A text-only client gets the links as a line of text too.
    assert any("/api/documents/" in t and "30 minutes" in t for t in chat.texts())

    word = gateway.get(links["docx"])
    assert word.status_code == 200
    assert word.headers["cache-control"] == "no-store"
    assert word.headers["content-disposition"] == (
        'attachment; filename="safety-planning-summary.docx"'
    )
    doc = DocxDocument(io.BytesIO(word.content))
    body = "\n".join(p.text for p in doc.paragraphs) + "\n".join(
        c.text for t in doc.tables for r in t.rows for c in r.cells
    )
    for expected in ("Safety-planning summary", "Case reference", "Controlling money",
                     "abused her while she held the baby", "The referral criteria are met",
                     "Recommended next steps", "Sources:"):  # fmt: skip
        assert expected in body, expected
    assert doc.core_properties.author == ""

    pdf = gateway.get(links["pdf"])
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    text = " ".join(pdf_text(pdf.content).split())
    assert "Controlling money" in text and "The referral criteria are met" in text


def test_show_it_again_and_ask_for_a_pdf_later_in_the_conversation(gateway: httpx.Client) -> None:
    chat = finished(gateway)
    first = card_of(chat)["text"]
    chat.say("what is coercive control?")  # something else in between
    chat.say("can you show me the summary again")
    assert chat.texts()[0] == "Here is your safety-planning summary again.\n" + first
    chat.say("can I get a PDF of it")
    assert chat.texts()[0].startswith("Here is your safety-planning summary as PDF")
    pdf = gateway.get(urls(card_of(chat))["pdf"])
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"


def test_links_belong_to_their_conversation_and_cannot_be_forged(gateway: httpx.Client) -> None:
    chat = finished(gateway)
    word = urls(card_of(chat))["docx"]
    token = word.split("/")[3]
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    for bad in (
        word.replace(token, forged),
        word.replace(".docx", ".csv"),  # not a format of this document
        word.replace("safety-planning-summary", "../etc/passwd"),
        "/api/documents/not-a-token/safety-planning-summary.docx",
    ):
        response = gateway.get(bad)
        assert response.status_code == 404, bad
    # Another conversation holds no document: a new chat is told so.
    other = Chat(gateway)
    other.say("show me the summary again")
    assert other.texts()[0].startswith("There's no finished summary")
    # Starting again forgets the summary: its links find nothing.
    chat.say("I need to do safety planning for another family")
    assert gateway.get(word).status_code == 404
