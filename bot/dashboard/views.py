"""Server-rendered dashboard HTML: tables with bar charts drawn as inline SVG, no script."""

from __future__ import annotations

from html import escape
from urllib.parse import urlencode

from bot.dashboard.stats import ROLE_LABELS, Filters, Report
from bot.dashboard.suppression import LESS_THAN, NOTE, Shown

BAR_WIDTH = 320
BAR_HEIGHT = 18


def _query(filters: Filters, **extra: str) -> str:
    params = {
        "start": filters.start.isoformat() if filters.start else "",
        "end": filters.end.isoformat() if filters.end else "",
        "role": filters.role or "",
        **extra,
    }
    return urlencode({k: v for k, v in params.items() if v})


def _chart(report: Report, column: int) -> str:
    """Horizontal bars for one count column. A "<5" bar is drawn hatched at the 5 mark."""
    values = [row[column] for row in report.rows]
    numbers = [v for v in values if isinstance(v, int)]
    if not values or not any(v == LESS_THAN or isinstance(v, int) for v in values):
        return ""
    scale = max([20, *numbers])  # a "<5" bar never looks like a large count
    height = BAR_HEIGHT * len(values) + 4
    bars = []
    for i, (row, value) in enumerate(zip(report.rows, values, strict=True)):
        y = i * BAR_HEIGHT + 2
        label = escape(str(row[0]))
        if isinstance(value, int):
            width = max(1, round(BAR_WIDTH * value / scale))
            bars.append(
                f'<rect x="0" y="{y}" width="{width}" height="{BAR_HEIGHT - 4}" class="bar">'
                f"<title>{label}: {value}</title></rect>"
            )
        elif value == LESS_THAN:
            width = max(1, round(BAR_WIDTH * 5 / scale))
            bars.append(
                f'<rect x="0" y="{y}" width="{width}" height="{BAR_HEIGHT - 4}" class="bar small">'
                f"<title>{label}: fewer than 5</title></rect>"
            )
    column_name = escape(report.columns[column])
    return (
        f'<svg class="chart" role="img" aria-label="{escape(report.title)}: {column_name}" '
        f'width="{BAR_WIDTH}" height="{height}" viewBox="0 0 {BAR_WIDTH} {height}">'
        + "".join(bars)
        + "</svg>"
    )


def _cell(value: Shown) -> str:
    return f"<td>{escape(str(value))}</td>"


def _table(report: Report) -> str:
    head = "".join(f'<th scope="col">{escape(c)}</th>' for c in report.columns)
    body = "".join(
        f'<tr><th scope="row">{escape(str(row[0]))}</th>{"".join(map(_cell, row[1:]))}</tr>'
        for row in report.rows
    )
    if not report.rows:
        body = f'<tr><td colspan="{len(report.columns)}">Nothing recorded in this period.</td></tr>'
    foot = ""
    if report.totals:
        cells = "".join(map(_cell, report.totals[1:]))
        foot = (
            f'<tfoot><tr><th scope="row">{escape(str(report.totals[0]))}</th>{cells}</tr></tfoot>'
        )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody>{foot}</table>"


def _section(report: Report, filters: Filters) -> str:
    extra = "".join(
        f"<div><dt>{escape(k)}</dt><dd>{escape(str(v))}</dd></div>" for k, v in report.extra.items()
    )
    csv = f"/api/stats/{report.name}?{_query(filters, format='csv')}"
    return (
        f'<section aria-labelledby="h-{report.name}"><h2 id="h-{report.name}">'
        f"{escape(report.title)}</h2><p>{escape(report.description)}</p>"
        + (f'<dl class="figures">{extra}</dl>' if extra else "")
        + _chart(report, 1)
        + _table(report)
        + f'<p class="export"><a href="{escape(csv)}">Download CSV</a></p></section>'
    )


def _filters_form(filters: Filters) -> str:
    options = ['<option value="">All roles</option>'] + [
        f'<option value="{key}"{" selected" if filters.role == key else ""}>{label}</option>'
        for key, label in ROLE_LABELS.items()
    ]
    start = filters.start.isoformat() if filters.start else ""
    end = filters.end.isoformat() if filters.end else ""
    return (
        '<form method="get" action="/dashboard" class="filters">'
        f'<p><label for="f-start">From</label><input type="date" id="f-start" name="start" '
        f'value="{start}"></p>'
        f'<p><label for="f-end">To</label><input type="date" id="f-end" name="end" '
        f'value="{end}"></p>'
        f'<p><label for="f-role">Role</label><select id="f-role" name="role">{"".join(options)}'
        "</select></p>"
        '<p><button type="submit">Apply</button></p></form>'
    )


def page(reports: list[Report], filters: Filters) -> str:
    sections = "".join(_section(r, filters) for r in reports)
    return (
        '<!doctype html><html lang="en-GB"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Service-improvement dashboard</title>"
        '<link rel="icon" href="data:,">'
        '<link rel="stylesheet" href="/static/dashboard.css"></head><body>'
        "<header><h1>Service-improvement dashboard</h1><p>How the assistant is used, from the "
        "anonymised interaction log. No conversation can be traced to a person or family.</p>"
        f'<p class="note">{escape(NOTE)}</p></header><main>'
        + _filters_form(filters)
        + sections
        + "</main></body></html>"
    )
