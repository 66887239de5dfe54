"""Flat rows for each page's table and downloads, so a download holds exactly what the screen shows."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from .csv_text import csv_text
from .domain.dataset import CellVersion, Dataset
from .domain.model import Disagreement, Source
from .domain.queries import TimelineEntry
from .export import version_record

Row = dict[str, Any]


def _date(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def position_rows(dataset: Dataset, versions: Sequence[CellVersion]) -> list[Row]:
    return [version_record(dataset, cell) for cell in versions]


def disagreement_rows(disagreements: Sequence[Disagreement]) -> list[Row]:
    return [d.model_dump(mode="json", exclude_none=True) for d in disagreements]


def timeline_rows(dataset: Dataset, entries: Sequence[TimelineEntry]) -> list[Row]:
    rows = []
    for e in entries:
        rows.append(
            {
                "date": e.date.isoformat(),
                "kind": e.kind,
                "title": e.title,
                "date_kind": e.event.date_kind if e.event else "exact",
                "conflict": e.conflict,
                "parties": list(e.parties),
                "issues": list(e.issues),
                "sources": list(e.sources),
                "source_urls": [dataset.sources[s].url for s in e.sources],
            }
        )
    return rows


def source_rows(dataset: Dataset, sources: Sequence[Source]) -> list[Row]:
    cited = dataset.citations
    return [
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


def rows_to_json(rows: Sequence[Row], view: dict[str, list[str]]) -> str:
    return json.dumps({"view": view, "rows": list(rows)}, ensure_ascii=False, indent=2)


def _cell(value: Any) -> Any:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return " | ".join(value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def rows_to_csv(rows: Sequence[Row]) -> str:
    """Lists become ' | '-joined text; nested records become JSON text; cells are made inert (see csv_text)."""
    if not rows:
        return ""
    columns = list(dict.fromkeys(key for row in rows for key in row))
    return csv_text(columns, ({key: _cell(row.get(key)) for key in columns} for row in rows))
