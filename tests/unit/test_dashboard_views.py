"""The dashboard page as its template renders it: escaped, suppressed, charted."""

from __future__ import annotations

from datetime import date

from bot.dashboard.stats import Filters, Report
from bot.dashboard.views import BAR_WIDTH, chart, page


def _report(rows: list[list[int | str]]) -> Report:
    return Report("topics", "Topics <b>", ["topic", "asks"], rows, totals=["Total", "withheld"])


def test_text_from_the_log_is_escaped_everywhere_it_appears() -> None:
    html = page([_report([['<script>alert("x")</script>', 9]])], Filters(None, None, None))
    assert "<script" not in html
    assert "&lt;script&gt;" in html  # in the table and in the bar's title
    assert html.count("&lt;script&gt;") == 2
    assert "Topics &lt;b&gt;" in html


def test_a_suppressed_count_is_drawn_at_the_five_mark_and_hatched() -> None:
    drawn = chart(_report([["faq/a", 40], ["faq/b", "<5"]]), 1)
    assert drawn is not None
    big, small = drawn.bars
    assert (big.width, big.small) == (BAR_WIDTH, False)
    assert (small.width, small.small, small.value) == (
        round(BAR_WIDTH * 5 / 40),
        True,
        "fewer than 5",
    )


def test_no_chart_without_counts_and_a_message_without_rows() -> None:
    assert chart(_report([]), 1) is None
    html = page([_report([])], Filters(date(2026, 1, 1), date(2026, 1, 31), "commissioner"))
    assert "Nothing recorded in this period." in html
    assert 'option value="commissioner" selected' in html
    assert "start=2026-01-01&amp;end=2026-01-31&amp;role=commissioner&amp;format=csv" in html
