"""A `Document` as a PDF, made with ReportLab.

Why ReportLab rather than fpdf2: it is pure Python (its wheel needs no system
library, and its only dependencies, Pillow and charset-normalizer, ship wheels
too), BSD-licensed (fpdf2 is LGPL), maintained for over twenty years, and its
layout engine (platypus) does what a case document needs without hand-placed
coordinates: wrapped paragraphs, headings kept with what follows, and tables that
split between rows across pages with the header row repeated.

Text is set in Helvetica, one of the PDF standard fonts, whose Windows-1252
encoding covers ordinary UK text: ’ “ ” – — £ € é •. Any other character is made
safe before it reaches the PDF (`safe_text`): a compatible form where there is one
("ŵ" -> "w", "ﬁ" -> "fi"), nothing for invisible marks, and "?" otherwise, so an
emoji or Chinese text never stops the document being made. A4, 10.5 pt body text,
"Page N of M" in the footer, the title in the PDF's metadata and no author.
"""

from __future__ import annotations

import io
import unicodedata
from datetime import date
from functools import lru_cache, partial
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    ListFlowable,
    ListItem,
    PageTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Paragraph as Para
from reportlab.platypus import Table as Grid
from reportlab.platypus.flowables import HRFlowable

from bot.documents.model import (
    Answer,
    Block,
    Bullets,
    Document,
    Paragraph,
    Table,
    fit_widths,
    long_date,
)

FONT, BOLD = "Helvetica", "Helvetica-Bold"
MARGIN = 2 * cm
TEXT_WIDTH = A4[0] - 2 * MARGIN
BOTTOM = MARGIN + 0.4 * cm  # room for the page footer below the text
GREY = colors.HexColor("#404040")
RULE = colors.HexColor("#808080")
HEADER_FILL = colors.HexColor("#D9D9D9")
PADDING = 5  # points either side of a table cell's text
FALLBACK = "?"
# Characters outside Windows-1252 with a plain equivalent that NFKD does not give.
SUBSTITUTES = {"\u2010": "-", "\u2011": "-", "\u2012": "–", "\u2015": "—", "\u2212": "-"}
SUBSTITUTES |= {"\u2190": "<-", "\u2192": "->", "\u2264": "<=", "\u2265": ">="}
SUBSTITUTES |= {"\u2713": "Yes", "\u2714": "Yes", "\u2717": "No", "\u2718": "No"}
SUBSTITUTES |= {"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i", "ħ": "h", "Ħ": "H"}

BODY = ParagraphStyle("body", fontName=FONT, fontSize=10.5, leading=14, spaceAfter=6)
STRONG = ParagraphStyle("strong", BODY, fontName=BOLD)
TITLE = ParagraphStyle("title", BODY, fontName=BOLD, fontSize=20, leading=24, spaceAfter=2)
CREATED = ParagraphStyle("created", BODY, fontSize=10, textColor=GREY, spaceAfter=12)
HEADING = ParagraphStyle("heading", BODY, fontName=BOLD, fontSize=13.5, leading=17, spaceBefore=12)
# A heading starts a new page unless this much room is left below it. (keepWithNext
# would carry a long table whole to the next page, leaving a gap.)
HEADING_ROOM = 4 * cm
LABEL = ParagraphStyle("label", STRONG, spaceAfter=2, keepWithNext=1)
LINE = ParagraphStyle("line", BODY, leftIndent=0.6 * cm, spaceAfter=2)
LAST_LINE = ParagraphStyle("last-line", LINE, spaceAfter=8)
ITEM = ParagraphStyle("item", BODY, spaceAfter=2)
CELL = ParagraphStyle("cell", BODY, fontSize=9.5, leading=12, spaceAfter=0)
HEAD_CELL = ParagraphStyle("head-cell", CELL, fontName=BOLD)
FOOTNOTE = ParagraphStyle("footnote", BODY, fontSize=8.5, leading=11, textColor=GREY, spaceAfter=3)


def render_pdf(doc: Document) -> bytes:
    """The document as the bytes of a PDF file."""
    buffer = io.BytesIO()
    template = BaseDocTemplate(
        buffer,
        pagesize=A4,
        title=safe_text(doc.title),
        author="",
        subject="",
        creator="",
        lang="en-GB",
        invariant=1,  # fixed document ID: the same bytes for the same document
    )
    # No padding inside the frame: text, tables and the page footer share one edge.
    frame = Frame(MARGIN, BOTTOM, TEXT_WIDTH, A4[1] - MARGIN - BOTTOM, 0, 0, 0, 0)
    template.addPageTemplates([PageTemplate("page", [frame])])
    canvas = partial(_NumberedCanvas, title=safe_text(doc.title), created=doc.created)
    template.build(_story(doc), canvasmaker=canvas)
    return buffer.getvalue()


def safe_text(text: str) -> str:
    """The text with only characters the standard fonts can show (see the module doc)."""
    return "".join(_safe_char(ch) for ch in text)


@lru_cache(maxsize=4096)
def _safe_char(ch: str) -> str:
    if ch in "\t\n\r":
        return " "
    category = unicodedata.category(ch)
    if _encodable(ch) and not category.startswith("C"):
        return ch
    if ch in SUBSTITUTES:
        return SUBSTITUTES[ch]
    if category in ("Mn", "Me", "Cc", "Cf", "Sk"):
        # Combining marks, variation selectors, joiners, controls, skin-tone modifiers.
        return ""
    folded = "".join(
        c
        for c in unicodedata.normalize("NFKD", ch)
        if _encodable(c) and not unicodedata.combining(c) and c.isprintable()
    )
    return folded or FALLBACK


def _encodable(ch: str) -> bool:
    try:
        ch.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def _para(text: str, style: ParagraphStyle) -> Para:
    return Para(escape(safe_text(text)), style)


def _story(doc: Document) -> list[Flowable]:
    story: list[Flowable] = [
        _para(doc.title, TITLE),
        _para(f"Created {long_date(doc.created)}", CREATED),
    ]
    if doc.fields:
        story.append(_fields(doc))
    story.extend(_para(line, BODY) for line in doc.intro)
    for section in doc.sections:
        story.append(CondPageBreak(HEADING_ROOM))
        story.append(_para(section.heading, HEADING))
        for block in section.blocks:
            story.extend(_block(block))
    if doc.footer:
        story.append(Spacer(1, 0.3 * cm))
        story.append(HRFlowable(width="100%", thickness=0.5, color=RULE, spaceAfter=6))
        story.extend(_para(line, FOOTNOTE) for line in doc.footer)
    return story


def _fields(doc: Document) -> Grid:
    rows = [[_para(f.label, STRONG), _para(f.value or "", BODY)] for f in doc.fields]
    # A blank field is a tall empty box, to write in by hand.
    heights = [0 if f.value else 0.9 * cm for f in doc.fields]
    grid = Grid(
        rows,
        colWidths=[5 * cm, TEXT_WIDTH - 5 * cm],
        minRowHeights=heights,
        hAlign="LEFT",
        spaceAfter=10,
    )
    grid.setStyle(_grid_style(header=False))
    return grid


def _block(block: Block) -> list[Flowable]:
    if isinstance(block, Paragraph):
        return [_para(block.text, STRONG if block.strong else BODY)]
    if isinstance(block, Bullets):
        items = [ListItem(_para(item, ITEM)) for item in block.items]
        if not items:
            return []
        return [
            ListFlowable(
                items,
                bulletType="1" if block.numbered else "bullet",
                start=None if block.numbered else "•",
                bulletFormat="%s." if block.numbered else None,
                bulletFontName=FONT,
                bulletFontSize=BODY.fontSize,
                leftIndent=0.6 * cm,
                spaceAfter=6,
            )
        ]
    if isinstance(block, Answer):
        last = len(block.lines)
        lines = [_para(t, LINE if n < last else LAST_LINE) for n, t in enumerate(block.lines, 1)]
        return [_para(block.label, LABEL), *lines]
    return [_table(block)]


def _table(block: Table) -> Flowable:
    columns = max([len(block.headers), *(len(row) for row in block.rows)])
    if not columns:
        return Spacer(1, 0)
    rows = [[_para(cell, CELL) for cell in _padded(row, columns)] for row in block.rows]
    if block.headers:
        rows.insert(0, [_para(cell, HEAD_CELL) for cell in _padded(block.headers, columns)])
    grid = Grid(
        rows,
        colWidths=_column_widths(block, columns),
        repeatRows=1 if block.headers else 0,
        splitInRow=1,  # a cell taller than a page goes on over the page break
        hAlign="LEFT",
        spaceBefore=4,
        spaceAfter=10,
    )
    grid.setStyle(_grid_style(header=bool(block.headers)))
    return grid


def _padded(values: tuple[str, ...], columns: int) -> list[str]:
    return [*values[:columns], *[""] * (columns - len(values))]


def _column_widths(block: Table, columns: int) -> list[float]:
    """Short columns get the width of their longest entry; long ones share the rest."""
    natural = []
    for n in range(columns):
        head = [(block.headers[n], BOLD)] if n < len(block.headers) else []
        body = [(row[n], FONT) for row in block.rows if n < len(row)]
        longest = max(stringWidth(safe_text(t), f, CELL.fontSize) for t, f in [*head, *body])
        natural.append(longest + 2 * PADDING + 1)
    return fit_widths(natural, TEXT_WIDTH)


def _grid_style(*, header: bool) -> TableStyle:
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL))
    return TableStyle(commands)


class _NumberedCanvas(Canvas):
    """Holds every page until the end, so each footer can say "Page N of M"."""

    def __init__(self, *args: Any, title: str, created: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._title = title
        self._pages: list[dict[str, Any]] = []
        stamp = f"D:{created:%Y%m%d}000000+00'00'"
        self.setDateFormatter(lambda *_: stamp)

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._footer(number, total)
            super().showPage()
        super().save()

    def _footer(self, number: int, total: int) -> None:
        self.saveState()
        self.setFont(FONT, 9)
        self.setFillColor(GREY)
        y = MARGIN - 0.9 * cm
        page = f"Page {number} of {total}"
        self.drawRightString(A4[0] - MARGIN, y, page)
        room = TEXT_WIDTH - stringWidth(page, FONT, 9) - cm
        title = self._title
        while title and stringWidth(title, FONT, 9) > room:
            title = title[:-2] + "…"
        self.drawString(MARGIN, y, title)
        self.restoreState()
