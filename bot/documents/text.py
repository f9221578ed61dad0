"""A `Document` as plain text, for the chat window or pasting into a case record.

No Markdown, no HTML: a chat widget or a case-management system shows it as it is.
Headings stand alone between blank lines, bullets are "•", numbered items "1.",
and a table becomes one block per row with each value after its column's header,
because neither a chat bubble nor a case note can show a grid.
"""

from __future__ import annotations

import re
from itertools import zip_longest

from bot.documents.model import Answer, Block, Bullets, Document, Paragraph, Table, long_date

# What a blank field shows: room for the practitioner to write by hand.
BLANK = "____________"
# What an empty table cell shows, so a row never reads as if a line were missing.
EMPTY_CELL = "–"
# Control characters and lone surrogates: nothing to show, and they break UTF-8 and XML.
_UNSHOWABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def render_text(doc: Document) -> str:
    """The whole document as plain text, blocks separated by one blank line."""
    chunks: list[str] = [f"{doc.title}\nCreated {long_date(doc.created)}"]
    if doc.fields:
        chunks.append("\n".join(f"{f.label}: {f.value or BLANK}" for f in doc.fields))
    chunks.extend(doc.intro)
    for section in doc.sections:
        chunks.append(section.heading)
        chunks.extend(_block(block) for block in section.blocks)
    if doc.footer:
        chunks.append("\n".join(doc.footer))
    text = "\n\n".join(_tidy(chunk) for chunk in chunks if chunk.strip())
    return _UNSHOWABLE.sub("", text)


def _block(block: Block) -> str:
    if isinstance(block, Paragraph):
        return block.text
    if isinstance(block, Bullets):
        if block.numbered:
            return "\n".join(f"{n}. {item}" for n, item in enumerate(block.items, start=1))
        return "\n".join(f"• {item}" for item in block.items)
    if isinstance(block, Answer):
        return "\n".join((_label(block.label), *block.lines))
    return _table(block)


def _table(table: Table) -> str:
    rows = []
    for row in table.rows:
        lines = [
            f"{header}: {cell.strip() or EMPTY_CELL}" if header else cell
            for header, cell in zip_longest(table.headers, row, fillvalue="")
            if header or cell.strip()
        ]
        rows.append("\n".join(lines))
    return "\n\n".join(rows)


def _label(label: str) -> str:
    """A question label reads as one: "Incidents" -> "Incidents:", "What?" stays."""
    label = label.strip()
    return label if label.endswith((":", "?", ".", "!")) else f"{label}:"


def _tidy(chunk: str) -> str:
    return "\n".join(line.rstrip() for line in chunk.strip("\n").splitlines())
