"""The app's downloads: CSV and JSON of exactly the view on screen.

Positions (Overview, Compare) are `stances export --format csv` of the versions shown: `export.to_csv`, with its
columns. Timeline, sources and disagreements have fixed columns of their own. Either way a download has the same
columns in the same order whatever the data holds, and its headers are machine names, never translated.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from .csv_text import csv_text
from .domain.dataset import CellVersion, Dataset
from .domain.model import Disagreement, Source
from .domain.queries import TimelineEntry
from .export import to_csv, version_record
from .present.views.timeline import entry_title
from .present.wording import words_for

Row = dict[str, Any]
View = dict[str, list[str]]

TIMELINE_COLUMNS = (
    "date",
    "kind",
    "title",
    "date_kind",
    "conflict",
    "parties",
    "issues",
    "sources",
    "source_urls",
)
SOURCE_COLUMNS = ("id", "outlet", "title", "published", "kind", "via", "url", "cited_by")
DISAGREEMENT_COLUMNS = ("id", "issue", "parties", "crux", "note", "sides")


class Table(Protocol):
    """A download: its CSV, and its JSON with the view it was made from."""

    def csv(self) -> str: ...

    def json(self, view: View) -> str: ...


def rows_to_json(rows: Sequence[Row], view: View) -> str:
    return json.dumps({"view": view, "rows": list(rows)}, ensure_ascii=False, indent=2)


def _cell(value: Any) -> Any:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return " | ".join(value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def rows_to_csv(columns: Sequence[str], rows: Sequence[Row]) -> str:
    """Exactly these columns; lists become ' | '-joined text, nested records JSON text; cells are made inert."""
    return csv_text(columns, ({key: _cell(row.get(key)) for key in columns} for row in rows))


@dataclass(frozen=True)
class Rows:
    columns: tuple[str, ...]
    rows: list[Row]

    def csv(self) -> str:
        return rows_to_csv(self.columns, self.rows)

    def json(self, view: View) -> str:
        return rows_to_json(self.rows, view)


@dataclass(frozen=True)
class Positions:
    """Position versions: the CSV is `stances export --format csv` of just these versions."""

    dataset: Dataset
    versions: Sequence[CellVersion]

    def csv(self) -> str:
        return to_csv(self.dataset, self.versions)

    def json(self, view: View) -> str:
        words = words_for(self.dataset)
        return rows_to_json([version_record(self.dataset, cell, words) for cell in self.versions], view)


def _date(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value)


def position_table(dataset: Dataset, versions: Sequence[CellVersion]) -> Positions:
    return Positions(dataset, versions)


def disagreement_table(disagreements: Sequence[Disagreement]) -> Rows:
    return Rows(DISAGREEMENT_COLUMNS, [d.model_dump(mode="json", exclude_none=True) for d in disagreements])


def timeline_table(dataset: Dataset, entries: Sequence[TimelineEntry]) -> Rows:
    words = words_for(dataset)
    rows = [
        {
            "date": e.date.isoformat(),
            "kind": e.kind,
            "title": entry_title(words, dataset, e),
            "date_kind": e.event.date_kind if e.event else "exact",
            "conflict": e.conflict,
            "parties": list(e.parties),
            "issues": list(e.issues),
            "sources": list(e.sources),
            "source_urls": [dataset.sources[s].url for s in e.sources],
        }
        for e in entries
    ]
    return Rows(TIMELINE_COLUMNS, rows)


def source_table(dataset: Dataset, sources: Sequence[Source]) -> Rows:
    cited = dataset.citations
    rows = [
        {
            "id": s.id,
            "outlet": s.outlet,
            "title": s.title or "",
            "published": _date(s.published),
            "kind": s.kind,
            "via": " → ".join(r.outlet for r in s.via),
            "url": s.url,
            "cited_by": [f"{c.party}/{c.issue}@{c.version.as_of.isoformat()}" for c in cited.get(s.id, [])],
        }
        for s in sources
    ]
    return Rows(SOURCE_COLUMNS, rows)
