"""The one CSV writer: every cell inert in a spreadsheet, every row whole in any CSV reader.

A cell that begins with `=`, `+`, `-`, `@`, a tab or a CR is read by spreadsheets as a formula (OWASP "CSV
injection"); it gets a leading `'`, which spreadsheets show as plain text. Rows end with CRLF (RFC 4180), so that
the writer quotes every field holding a CR or an LF and a reader never starts a new row inside one.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert(value: object) -> str:
    """The cell text for `value`: None is empty, and text a spreadsheet would evaluate is prefixed with `'`."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_text(columns: Sequence[str], rows: Iterable[Mapping[str, object]]) -> str:
    """A header and one line per row; a missing or None value is an empty cell."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([inert(column) for column in columns])
    for row in rows:
        writer.writerow([inert(row.get(column)) for column in columns])
    return buffer.getvalue()
