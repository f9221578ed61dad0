"""One `Document`, three renderers: chat text, Word and PDF, read back and checked."""

from __future__ import annotations

import io
import os
import re
from datetime import date

import docx
import pypdfium2 as pdfium
import pytest
from docx.oxml.ns import qn

from bot.config import PROJECT_ROOT
from bot.documents.model import (
    Answer,
    Bullets,
    Document,
    Field,
    Paragraph,
    Section,
    Table,
    long_date,
)
from bot.documents.pdf import render_pdf, safe_text
from bot.documents.text import render_text
from bot.documents.word import render_docx

GOLDEN = PROJECT_ROOT / "tests" / "data" / "golden" / "documents"
ARTIFACTS = PROJECT_ROOT / "test-artifacts" / "documents"

PATTERN = Answer(
    "What has he done to control or frighten her?",
    (
        "He took her bank card — she has had no money of her own since March.",
        "He reads her texts and calls her “useless” in front of the children.",
    ),
)
HARM = Answer(
    "How has his behaviour affected the children?",
    (
        "The eldest says he ‘can’t sleep when Dad shouts’.",
        "Rent arrears of £1,200 since he stopped paying 💔",
        "They stayed at the Café Rouge refuge for two nights.",
    ),
)
NEXT_STEPS = (
    "If anyone is in immediate danger, call 999.",
    "Refer to your local MARAC now, through your MARAC coordinator.",
    "Offer her a referral to the local IDVA service.",
    "Contact your children’s social care front door (MASH) if a child may be at risk.",
    "Plan how to engage him as a father, only when it is safe for her.",
)
REQUIREMENTS = (
    "Staff are trained in the Safe & Together model",
    "The provider has a domestic abuse policy that names perpetrator accountability",
    "Case records describe his behaviour, not “a volatile relationship”",
    "Referrals to MARAC are made within one working day",
    "Supervision includes case consultation on domestic abuse",
)
TABLE = Table(
    ("Requirement", "Clause", "Status"),
    tuple(
        (
            f"{n}. {REQUIREMENTS[n % len(REQUIREMENTS)]}",
            f"Schedule 2, clause {n}.{n % 4 + 1}",
            "In the contract" if n % 3 else "To add — £0 cost",
        )
        for n in range(1, 41)
    ),
)
SAMPLE = Document(
    title="Safety-planning summary",
    created=date(2026, 11, 26),
    slug="safety-planning-summary",
    fields=(Field("Date", "26 November 2026"), Field("Case reference"), Field("Completed by")),
    intro=("Safe & Together mapping. No names or identifying details; no copy is kept.",),
    sections=(
        Section("1. Pattern of his behaviour", (PATTERN, HARM)),
        Section(
            "MARAC",
            (
                Paragraph("MARAC: the referral criteria are met.", strong=True),
                Bullets(
                    (
                        "Visible high risk: 15 “yes” answers on the DASH (threshold 14).",
                        "Professional judgement: you believe she is at high risk.",
                    )
                ),
            ),
        ),
        Section("Recommended next steps", (Bullets(NEXT_STEPS, numbered=True),)),
        Section("Commissioning requirements", (TABLE,)),
    ),
    footer=(
        "Sources: Safe & Together Institute; SafeLives DASH risk checklist and MARAC guidance.",
        "This summary supports, and does not replace, your professional judgement.",
    ),
)
HEADINGS = [s.heading for s in SAMPLE.sections]
ANSWER_LINES = [*PATTERN.lines, *HARM.lines]


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# --- text -------------------------------------------------------------------


def test_long_date_is_uk_style_without_a_leading_zero() -> None:
    assert long_date(date(2026, 11, 26)) == "26 November 2026"
    assert long_date(date(2027, 1, 5)) == "5 January 2027"


def test_text_matches_golden_file_and_has_no_markup() -> None:
    text = render_text(SAMPLE)
    golden = GOLDEN / "safety-plan.txt"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text + "\n")
    assert text + "\n" == golden.read_text(), "safety-plan.txt changed: UPDATE_GOLDEN=1 to accept"
    for symbol in ("#", "**", "<", ">", "|", "__init"):
        assert symbol not in text
    assert "Case reference: ____________\nCompleted by: ____________" in text
    assert "\n\n1. Pattern of his behaviour\n\n" in text
    assert "• Visible high risk" in text
    assert "\n5. Plan how to engage him" in text
    assert (
        "Requirement: 40. Staff are trained in the Safe & Together model\n"
        "Clause: Schedule 2, clause 40.1\n"
        "Status: In the contract"
    ) in text


# --- Word -------------------------------------------------------------------


def test_word_document_has_real_structure() -> None:
    data = render_docx(SAMPLE)
    assert data == render_docx(SAMPLE), "the same document gives the same bytes"
    word = docx.Document(io.BytesIO(data))
    paragraphs = word.paragraphs
    assert (paragraphs[0].style.name, paragraphs[0].text) == ("Title", SAMPLE.title)
    assert [p.text for p in paragraphs if p.style.name == "Heading 1"] == HEADINGS
    texts = [p.text for p in paragraphs]
    for line in ANSWER_LINES:
        assert line in texts
    labels = [p for p in paragraphs if p.text in (PATTERN.label, HARM.label)]
    assert len(labels) == 2 and all(p.runs[0].bold for p in labels)
    strong = next(p for p in paragraphs if p.text.startswith("MARAC:"))
    assert strong.runs[0].bold
    assert [p.text for p in paragraphs if p.style.name == "List Number"] == list(NEXT_STEPS)
    assert len([p for p in paragraphs if p.style.name == "List Bullet"]) == 2
    footer = [p for p in paragraphs if p.text in SAMPLE.footer]
    assert len(footer) == 2 and all(p.runs[0].font.size.pt < 11 for p in footer)

    fields, table = word.tables
    assert [[c.text for c in row.cells] for row in fields.rows] == [
        ["Date", "26 November 2026"],
        ["Case reference", ""],
        ["Completed by", ""],
    ]
    assert [[c.text for c in row.cells] for row in table.rows] == [
        list(TABLE.headers),
        *(list(row) for row in TABLE.rows),
    ]
    assert table.style.name == "Table Grid"
    header = table.rows[0]._tr.trPr
    assert header is not None and header.find(qn("w:tblHeader")) is not None
    assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)

    section = word.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.left_margin.cm, 1) == 2.0
    footer_xml = section.footer.paragraphs[0]._p.xml
    assert "NUMPAGES" in footer_xml and "PAGE" in footer_xml

    props = word.core_properties
    assert props.title == SAMPLE.title
    assert props.author == "" and props.last_modified_by == ""
    assert props.created is not None and props.created.date() == SAMPLE.created


def test_each_numbered_list_in_word_starts_at_one() -> None:
    two_lists = Document(
        title="Two lists",
        created=date(2026, 11, 26),
        slug="two-lists",
        sections=(
            Section("First", (Bullets(("a", "b"), numbered=True),)),
            Section("Second", (Bullets(("c",), numbered=True),)),
        ),
    )
    word = docx.Document(io.BytesIO(render_docx(two_lists)))
    numbered = [p for p in word.paragraphs if p.style.name == "List Number"]
    ids = [p._p.pPr.numPr.numId.val for p in numbered]
    assert ids[0] == ids[1] != ids[2]


# --- PDF --------------------------------------------------------------------


def pdf_pages(data: bytes) -> list[str]:
    pdf = pdfium.PdfDocument(data)
    try:
        return [squash(pdf[n].get_textpage().get_text_range()) for n in range(len(pdf))]
    finally:
        pdf.close()


def test_pdf_has_every_part_of_the_document() -> None:
    data = render_pdf(SAMPLE)
    pages = pdf_pages(data)
    assert len(pages) > 1
    text = " ".join(pages)
    for expected in (SAMPLE.title, "Created 26 November 2026", *HEADINGS, *SAMPLE.footer):
        assert squash(expected) in text
    for line in ANSWER_LINES:
        assert squash(safe_text(line)) in text
    assert "Rent arrears of £1,200 since he stopped paying ?" in text
    assert "“useless”" in text and "‘can’t sleep" in text and "—" in text
    for row in (TABLE.headers, *TABLE.rows):
        for cell in row:
            assert squash(cell) in text
    for n, page in enumerate(pages, start=1):
        assert page.endswith(f"Page {n} of {len(pages)}")


def test_pdf_table_repeats_its_header_row_on_each_page() -> None:
    pages = pdf_pages(render_pdf(SAMPLE))
    spanned = [p for p in pages if "Schedule 2, clause" in p]
    assert len(spanned) > 1
    for page in spanned:
        assert "Requirement Clause Status" in page


def test_pdf_metadata_has_the_title_and_no_author() -> None:
    data = render_pdf(SAMPLE)
    assert data == render_pdf(SAMPLE), "the same document gives the same bytes"
    pdf = pdfium.PdfDocument(data)
    metadata = pdf.get_metadata_dict()
    pdf.close()
    assert metadata["Title"] == SAMPLE.title
    assert metadata.get("Author", "") == ""
    assert metadata["CreationDate"].startswith("D:20261126")


def test_pdf_and_word_survive_any_character() -> None:
    awkward = "Emoji 👍🏽❤️ 中文字符 <b>&amp; ŵ ﬁ \u200b\x00 \ud800 ok"
    doc = Document(
        title=f"Awkward {awkward}",
        created=date(2026, 11, 26),
        slug="awkward",
        fields=(Field(awkward),),
        sections=(Section(awkward, (Paragraph(awkward), Table((awkward,), ((awkward,),)))),),
    )
    text = " ".join(pdf_pages(render_pdf(doc)))
    assert "Emoji ?? ???? <b>&amp; w fi ? ok" in text
    # Word keeps everything but what XML cannot hold (the NUL and the lone surrogate).
    word = docx.Document(io.BytesIO(render_docx(doc)))
    readable = "Emoji 👍🏽❤️ 中文字符 <b>&amp; ŵ ﬁ \u200b  ok"
    assert readable in [p.text for p in word.paragraphs]
    assert word.tables[1].rows[1].cells[0].text == readable
    assert readable in render_text(doc)


def test_safe_text_keeps_uk_text_and_replaces_the_rest() -> None:
    uk = "’ ‘ “ ” – — £ € é ü • … ½"
    assert safe_text(uk) == uk
    assert safe_text("Caerdydd ŵ ŷ, Łódź, Iași") == "Caerdydd w y, Lódz, Iasi"
    assert safe_text("👍🏽 ok") == "? ok"
    assert safe_text("你好") == "??"
    assert safe_text("a\u200bb\u00adc\x07") == "abc"
    assert safe_text("2 → 3 ≥ 1") == "2 -> 3 >= 1"


def test_pdf_pages_as_pictures_for_people_to_look_at() -> None:
    """Pages 1 and 2 as PNGs in test-artifacts/documents/, to be looked at by a person."""
    pdf = pdfium.PdfDocument(render_pdf(SAMPLE))
    try:
        assert pdf[0].get_size() == pytest.approx((595.3, 841.9), abs=0.5)  # A4 in points
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        for n in range(2):
            path = ARTIFACTS / f"safety-plan-page{n + 1}.png"
            pdf[n].render(scale=150 / 72).to_pil().save(path)  # 150 dpi
            assert path.stat().st_size > 10_000
    finally:
        pdf.close()
