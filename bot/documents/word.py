"""A `Document` as a Word file (.docx), made with python-docx.

Real Word structure, so the practitioner can edit it and a screen reader can
navigate it: the Title style, Heading 1 per section, the List Bullet and List
Number styles (each numbered list restarts at 1), and tables in the Table Grid
style whose header row repeats on every page. Blank fields are empty, tall cells
to write in. The core properties carry the title and date but never an author:
the file is made by the assistant, not by a person. A4, 2 cm margins, "Page N of
M" in the page footer. Byte-for-byte the same for the same `Document`.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from datetime import datetime, time

from docx import Document as new_document
from docx.document import Document as WordDocument
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Row
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Emu, Length, Pt, RGBColor
from docx.table import Table as WordTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as WordParagraph

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

PAGE_WIDTH = Cm(21.0)
PAGE_HEIGHT = Cm(29.7)
MARGIN = Cm(2.0)
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
HEADER_FILL = "D9D9D9"
FOOTER_SIZE = Pt(9)
GREY = RGBColor(0x40, 0x40, 0x40)
# For column widths: an average character of 11 pt text, and a cell's side margins.
CHAR, PADDING = Pt(5.8), Cm(0.45)
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def render_docx(doc: Document) -> bytes:
    """The document as the bytes of a .docx file."""
    word = new_document()
    _set_up(word, doc)
    word.add_heading(_clean(doc.title), level=0)
    created = word.add_paragraph(f"Created {long_date(doc.created)}")
    created.runs[0].font.color.rgb = GREY
    if doc.fields:
        _fields(word, doc)
    for line in doc.intro:
        word.add_paragraph(_clean(line))
    for section in doc.sections:
        word.add_heading(_clean(section.heading), level=1)
        for block in section.blocks:
            _block(word, block)
    if doc.footer:
        word.add_paragraph().paragraph_format.space_after = Pt(0)
        for line in doc.footer:
            paragraph = word.add_paragraph()
            paragraph.paragraph_format.space_after = Pt(3)
            run = paragraph.add_run(_clean(line))
            run.font.size = FOOTER_SIZE
            run.font.color.rgb = GREY
    buffer = io.BytesIO()
    word.save(buffer)
    return _fixed_zip_dates(buffer.getvalue(), doc)


def _clean(text: str) -> str:
    """The text without the characters XML cannot hold (controls, lone surrogates)."""
    return _NOT_XML.sub("", text)


def _set_up(word: WordDocument, doc: Document) -> None:
    section = word.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)
    _page_numbers(section.footer.paragraphs[0])
    # British English for spelling and grammar checks (the template says en-US).
    for lang in word.styles.element.iter(qn("w:lang")):
        lang.set(qn("w:val"), "en-GB")
    when = datetime.combine(doc.created, time(0, 0))
    props = word.core_properties
    props.title = _clean(doc.title)
    props.author = ""
    props.last_modified_by = ""
    props.comments = ""
    props.language = "en-GB"
    props.created = props.modified = when
    props.revision = 1


def _page_numbers(paragraph: WordParagraph) -> None:
    """'Page N of M' from Word's own PAGE and NUMPAGES fields."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    paragraph.add_run("Page ")
    _field(paragraph, "PAGE")
    paragraph.add_run(" of ")
    _field(paragraph, "NUMPAGES")
    for run in paragraph.runs:
        run.font.size = FOOTER_SIZE


def _field(paragraph: WordParagraph, code: str) -> None:
    paragraph.add_run()._r.append(_field_char("begin"))
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = f" {code} "
    paragraph.add_run()._r.append(instruction)
    paragraph.add_run()._r.append(_field_char("separate"))
    paragraph.add_run("1")  # shown until Word updates the field
    paragraph.add_run()._r.append(_field_char("end"))


def _field_char(kind: str) -> BaseOxmlElement:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    return char


def _fields(word: WordDocument, doc: Document) -> None:
    table = word.add_table(rows=0, cols=2)
    table.style = word.styles["Table Grid"]
    for item in doc.fields:
        row = table.add_row()
        label, value = row.cells
        label.paragraphs[0].add_run(_clean(item.label)).bold = True
        if item.value:
            value.paragraphs[0].add_run(_clean(item.value))
        else:
            # Nothing written: a tall empty cell is the space to write in by hand.
            row.height = Cm(1.0)
            row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    _widths(table, (Cm(5.0), Emu(TEXT_WIDTH - Cm(5.0))))
    word.add_paragraph()


def _block(word: WordDocument, block: Block) -> None:
    if isinstance(block, Paragraph):
        word.add_paragraph().add_run(_clean(block.text)).bold = block.strong
    elif isinstance(block, Bullets):
        _list(word, block)
    elif isinstance(block, Answer):
        label = word.add_paragraph()
        label.add_run(_clean(block.label)).bold = True
        label.paragraph_format.keep_with_next = True
        label.paragraph_format.space_after = Pt(2)
        for n, line in enumerate(block.lines, start=1):
            paragraph = word.add_paragraph(_clean(line))
            paragraph.paragraph_format.left_indent = Cm(0.6)
            if n < len(block.lines):
                paragraph.paragraph_format.space_after = Pt(2)
    else:
        _table(word, block)


def _list(word: WordDocument, block: Bullets) -> None:
    style = "List Number" if block.numbered else "List Bullet"
    num_id = _restarted_numbering(word, style) if block.numbered else None
    paragraph = None
    for item in block.items:
        paragraph = word.add_paragraph(_clean(item), style=style)
        if num_id is not None:
            num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = 0
            num_pr.get_or_add_numId().val = num_id
    if paragraph is not None:
        paragraph.paragraph_format.space_after = Pt(10)


def _restarted_numbering(word: WordDocument, style: str) -> int:
    """A fresh numbering instance of the style's list, so this list starts at 1.

    Every "List Number" paragraph shares one numbering instance, so a second list
    would carry on from the first (6, 7, ...) without this.
    """
    numbering = word.part.numbering_part.element
    style_num_id = word.styles[style].element.pPr.numPr.numId.val
    abstract_id = numbering.num_having_numId(style_num_id).abstractNumId.val
    num = numbering.add_num(abstract_id)
    num.add_lvlOverride(ilvl=0).add_startOverride(1)
    return int(num.numId)


def _table(word: WordDocument, block: Table) -> None:
    columns = max([len(block.headers), *(len(row) for row in block.rows)])
    if not columns:
        return
    table = word.add_table(rows=0, cols=columns)
    table.style = word.styles["Table Grid"]
    if block.headers:
        header = table.add_row()
        _repeat_as_header(header._tr)
        for cell, text in zip(header.cells, _padded(block.headers, columns), strict=True):
            cell.paragraphs[0].add_run(_clean(text)).bold = True
            _shade(cell)
    for values in block.rows:
        row = table.add_row()
        _no_split(row._tr)
        for cell, text in zip(row.cells, _padded(values, columns), strict=True):
            cell.paragraphs[0].add_run(_clean(text))
    _widths(table, _column_widths(block, columns))
    word.add_paragraph()


def _padded(values: tuple[str, ...], columns: int) -> list[str]:
    return [*values[:columns], *[""] * (columns - len(values))]


def _column_widths(block: Table, columns: int) -> list[Length]:
    """Short columns get the width of their longest entry; long ones share the rest."""
    natural = [
        max(len(row[n]) for row in (block.headers, *block.rows) if n < len(row)) * CHAR + PADDING
        for n in range(columns)
    ]
    return [Emu(int(w)) for w in fit_widths(natural, float(TEXT_WIDTH))]


def _widths(table: WordTable, widths: Sequence[Length]) -> None:
    table.autofit = False
    for n, column in enumerate(table.columns):
        column.width = widths[n]
        for cell in column.cells:
            cell.width = widths[n]


def _repeat_as_header(tr: CT_Row) -> None:
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    tr.get_or_add_trPr().append(flag)
    _no_split(tr)


def _no_split(tr: CT_Row) -> None:
    flag = OxmlElement("w:cantSplit")
    flag.set(qn("w:val"), "true")
    tr.get_or_add_trPr().append(flag)


def _shade(cell: _Cell) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), HEADER_FILL)
    cell._tc.get_or_add_tcPr().append(shading)


def _fixed_zip_dates(data: bytes, doc: Document) -> bytes:
    """The same bytes for the same document: zip entries dated by the document."""
    stamp = (max(doc.created.year, 1980), doc.created.month, doc.created.day, 0, 0, 0)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()
