"""What the chat shows of a document, and which one a user asks for again.

`card` is the custom payload a finished walkthrough sends: the gateway adds the
download links to it (`bot.documents.links.add_downloads`). `wanted` reads "show me
the summary again", "can I get a PDF", "the schedule as a spreadsheet".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.documents.links import FORMAT_LABELS, KINDS
from bot.documents.model import Document
from bot.documents.text import render_text

NAMES = {"safety_plan": "safety-planning summary", "schedule": "contract requirements schedule"}
_KIND_WORDS = {
    "schedule": re.compile(r"\b(schedule|contract|commissioning|checklist|spec\w*)\b", re.I),
    "safety_plan": re.compile(r"\b(summary|safety[- ]?plan\w*|plan|family|dash|marac)\b", re.I),
}
_FORMAT_WORDS = {
    "docx": re.compile(r"\b(word|docx?|ms ?word)\b", re.I),
    "pdf": re.compile(r"\bpdf\b", re.I),
    "csv": re.compile(r"\b(csv|spreadsheet|excel|xlsx?)\b", re.I),
}


def chat_text(doc: Document) -> str:
    """The document as one chat message: no blank lines, which chat channels split at."""
    return re.sub(r"\n\s*\n+", "\n", render_text(doc)).strip()


def card(kind: str, doc: Document, text: str) -> dict[str, Any]:
    """The card beside the document's text (`chat_text(doc)`, rendered once by the
    caller): its title, the text for copying, and (added by the gateway) its downloads."""
    return {
        "type": "document",
        "document": kind,
        "title": doc.title,
        "slug": doc.slug,
        "text": text,
    }


@dataclass(frozen=True)
class Wanted:
    kind: str | None  # None: no document is held in this conversation
    format: str | None  # a format asked for by name, if any
    offered: bool = True  # whether that format is offered for the kind


def wanted(text: str, held: set[str]) -> Wanted:
    """Which held document the user means (the one named, else the only or first one)."""
    named = [k for k, pattern in _KIND_WORDS.items() if pattern.search(text)]
    fmt = next((f for f, pattern in _FORMAT_WORDS.items() if pattern.search(text)), None)
    choices = [k for k in named if k in held] or [k for k in KINDS if k in held]
    if fmt == "csv" and "schedule" in held and not named:
        choices = ["schedule"]
    if not choices:
        return Wanted(None, fmt)
    kind = choices[0]
    return Wanted(kind, fmt, fmt is None or fmt in KINDS[kind][1])


def formats_sentence(kind: str) -> str:
    labels = [FORMAT_LABELS[f] for f in KINDS[kind][1]]
    return " or ".join(labels)
