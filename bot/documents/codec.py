"""A `Document` as JSON-safe data, and back: how it travels in a slot and to the gateway.

The finished walkthrough keeps its document in a private slot (`sp_document`,
`cm_document`) for the rest of the conversation, so it can be shown again and
downloaded; the gateway reads it back from the engine to render a download.
`from_data` trusts nothing: anything malformed raises `ValueError`.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from bot.documents.model import Answer, Block, Bullets, Document, Field, Paragraph, Section, Table

VERSION = 1


def _block(block: Block) -> dict[str, Any]:
    match block:
        case Paragraph(text, strong):
            return {"type": "paragraph", "text": text, "strong": strong}
        case Bullets(items, numbered):
            return {"type": "bullets", "items": list(items), "numbered": numbered}
        case Table(headers, rows):
            return {"type": "table", "headers": list(headers), "rows": [list(r) for r in rows]}
        case Answer(label, lines):
            return {"type": "answer", "label": label, "lines": list(lines)}
    raise TypeError(f"not a block: {type(block).__name__}")


def to_data(doc: Document) -> dict[str, Any]:
    return {
        "version": VERSION,
        "title": doc.title,
        "created": doc.created.isoformat(),
        "slug": doc.slug,
        "fields": [{"label": f.label, "value": f.value} for f in doc.fields],
        "intro": list(doc.intro),
        "sections": [
            {"heading": s.heading, "blocks": [_block(b) for b in s.blocks]} for s in doc.sections
        ],
        "footer": list(doc.footer),
    }


def _text(value: Any, name: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{name} must be text")
    return value


def _texts(value: Any, name: str) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise ValueError(f"{name} must be a list")
    return tuple(_text(v, name) for v in value)


def _read_block(data: Any) -> Block:
    if not isinstance(data, dict):
        raise ValueError("a block must be an object")
    kind = data.get("type")
    if kind == "paragraph":
        return Paragraph(_text(data.get("text"), "text"), bool(data.get("strong")))
    if kind == "bullets":
        return Bullets(_texts(data.get("items"), "items"), bool(data.get("numbered")))
    if kind == "table":
        headers = _texts(data.get("headers"), "headers")
        rows = data.get("rows")
        if not isinstance(rows, list):
            raise ValueError("rows must be a list")
        table_rows = tuple(_texts(r, "row") for r in rows)
        if any(len(r) != len(headers) for r in table_rows):
            raise ValueError("every row must have one cell per header")
        return Table(headers, table_rows)
    if kind == "answer":
        return Answer(_text(data.get("label"), "label"), _texts(data.get("lines"), "lines"))
    raise ValueError(f"unknown block type {kind!r}")


def from_data(data: Any) -> Document:
    if not isinstance(data, dict) or data.get("version") != VERSION:
        raise ValueError("not a document")
    try:
        created = date.fromisoformat(_text(data.get("created"), "created"))
    except ValueError as exc:
        raise ValueError("created must be an ISO date") from exc
    fields = data.get("fields")
    sections = data.get("sections")
    if not isinstance(fields, list) or not isinstance(sections, list):
        raise ValueError("fields and sections must be lists")
    for item in (*fields, *sections):
        if not isinstance(item, dict):
            raise ValueError("fields and sections must be objects")
    slug = _text(data.get("slug"), "slug")
    if not re.fullmatch(r"[a-z0-9-]{1,60}", slug):
        raise ValueError("slug must be lower-case letters, digits and hyphens")
    return Document(
        title=_text(data.get("title"), "title"),
        created=created,
        slug=slug,
        fields=tuple(
            Field(
                _text(f.get("label"), "label"),
                None if f.get("value") is None else _text(f.get("value"), "value"),
            )
            for f in fields
        ),
        intro=_texts(data.get("intro"), "intro"),
        sections=tuple(
            Section(
                _text(s.get("heading"), "heading"),
                tuple(_read_block(b) for b in s.get("blocks") or []),
            )
            for s in sections
        ),
        footer=_texts(data.get("footer"), "footer"),
    )
