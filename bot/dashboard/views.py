"""Server-rendered dashboard HTML (templates/dashboard.html, Jinja2 with autoescaping):
tables with bar charts drawn as inline SVG, no script."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from bot.dashboard.stats import ROLE_LABELS, Filters, Report
from bot.dashboard.suppression import LESS_THAN, NOTE
from bot.templates import template

BAR_WIDTH = 320
BAR_HEIGHT = 18
TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class Bar:
    y: int
    width: int
    height: int
    label: str
    value: str
    small: bool


@dataclass(frozen=True)
class Chart:
    column: str
    width: int
    height: int
    bars: list[Bar]


@dataclass(frozen=True)
class Section:
    report: Report
    chart: Chart | None
    csv: str


def _query(filters: Filters, **extra: str) -> str:
    params = {
        "start": filters.start.isoformat() if filters.start else "",
        "end": filters.end.isoformat() if filters.end else "",
        "role": filters.role or "",
        **extra,
    }
    return urlencode({k: v for k, v in params.items() if v})


def chart(report: Report, column: int) -> Chart | None:
    """Horizontal bars for one count column. A "<5" bar is drawn hatched at the 5 mark."""
    values = [row[column] for row in report.rows]
    numbers = [v for v in values if isinstance(v, int)]
    if not values or not any(v == LESS_THAN or isinstance(v, int) for v in values):
        return None
    scale = max([20, *numbers])  # a "<5" bar never looks like a large count
    bars = []
    for i, (row, value) in enumerate(zip(report.rows, values, strict=True)):
        small = value == LESS_THAN
        if not (small or isinstance(value, int)):
            continue
        count = 5 if small else int(value)
        bars.append(
            Bar(
                y=i * BAR_HEIGHT + 2,
                width=max(1, round(BAR_WIDTH * count / scale)),
                height=BAR_HEIGHT - 4,
                label=str(row[0]),
                value="fewer than 5" if small else str(value),
                small=small,
            )
        )
    height = BAR_HEIGHT * len(values) + 4
    return Chart(report.columns[column], BAR_WIDTH, height, bars)


def page(reports: list[Report], filters: Filters) -> str:
    sections = [
        Section(r, chart(r, 1), f"/api/stats/{r.name}?{_query(filters, format='csv')}")
        for r in reports
    ]
    return template(TEMPLATES, "dashboard.html").render(
        note=NOTE,
        start=filters.start.isoformat() if filters.start else "",
        end=filters.end.isoformat() if filters.end else "",
        role=filters.role,
        roles=list(ROLE_LABELS.items()),
        sections=sections,
    )
