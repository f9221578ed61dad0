"""A document's tables as CSV, for a procurement team's spreadsheet.

UTF-8 with a byte-order mark, so Excel reads "£" and "’" correctly. A cell that a
spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage
return) is prefixed with an apostrophe: the reasons in it are the user's own words.
"""

from __future__ import annotations

import csv
import io

from bot.documents.model import Document, Table

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def render_csv(doc: Document) -> bytes:
    """Every table in the document, one after another, each with its header row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    tables = [b for s in doc.sections for b in s.blocks if isinstance(b, Table)]
    for index, table in enumerate(tables):
        if index:
            writer.writerow([])
        writer.writerow([_safe(h) for h in table.headers])
        writer.writerows([_safe(c) for c in row] for row in table.rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")
