"""A document as plain data: what it says, not how it looks.

The safety-planning summary and the commissioning schedule are built as a
`Document` by their own packages; `bot.documents.text`, `.docx` and `.pdf` render
the same `Document` for the chat, Word and PDF, so the three never disagree.
Every string here is final, readable text: no Markdown, no HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Paragraph:
    text: str
    # Shown as a label before the text ("MARAC: the referral criteria are met."), in bold
    # where the format has bold.
    strong: bool = False


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]
    numbered: bool = False


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Answer:
    """One question and what was answered to it (a label and its lines)."""

    label: str
    lines: tuple[str, ...]


Block = Paragraph | Bullets | Table | Answer


@dataclass(frozen=True)
class Section:
    heading: str
    blocks: tuple[Block, ...] = ()


@dataclass(frozen=True)
class Field:
    """A line at the top: filled (`value`) or left blank for the practitioner to write."""

    label: str
    value: str | None = None


@dataclass(frozen=True)
class Document:
    title: str
    created: date
    # The short name used for downloads: "safety-planning-summary" -> .docx / .pdf.
    slug: str
    fields: tuple[Field, ...] = ()
    intro: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()
    # Closing notes: sources, status of the content, what the document is not.
    footer: tuple[str, ...] = field(default=())


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(day: date) -> str:
    """'26 November 2026': UK order, no leading zero, the same under any locale."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def fit_widths(natural: list[float], total: float) -> list[float]:
    """Column widths within `total`: every column its natural width scaled up when all
    fit; otherwise short columns keep their natural width and long ones share the rest
    in proportion (used by the Word and PDF renderers alike)."""
    if sum(natural) <= total:
        return [w * total / sum(natural) for w in natural]
    widths: dict[int, float] = {}
    flexible, room = list(range(len(natural))), float(total)
    while fitting := [n for n in flexible if natural[n] <= room / len(flexible)]:
        widths.update((n, natural[n]) for n in fitting)
        room -= sum(natural[n] for n in fitting)
        flexible = [n for n in flexible if n not in fitting]
    rest = sum(natural[n] for n in flexible)
    widths.update((n, room * natural[n] / rest) for n in flexible)
    return [widths[n] for n in range(len(natural))]
