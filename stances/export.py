"""Serialise a validated dataset to JSON or CSV. The JSON is the same shape as the files, flattened."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel

from .csv_text import csv_text
from .domain.dataset import CellVersion, Dataset
from .domain.model import Quote
from .present.facts import attribution
from .present.wording import Words, words_for

VERSION_COLUMNS = (
    "party",
    "issue",
    "as_of",
    "stance",
    "stance_label",
    "summary",
    "claim_type",
    "basis",
    "binding",
    "sources",
    "source_urls",
    "quotes",
    "change",
    "gap",
)

# Fields a minimal dataset may leave out: null in the JSON rather than missing, an empty cell in the CSV.
NOT_RECORDED_AS_NULL = ("summary", "claim_type", "basis", "binding")


def _plain(model: BaseModel) -> dict[str, Any]:
    return model.model_dump(mode="json", exclude_none=True)


def version_record(dataset: Dataset, cell: CellVersion, words: Words | None = None) -> dict[str, Any]:
    """A position version as exported: party and issue first, the stance's label in the dataset's language,
    quotes with the speaker's name."""
    words = words or words_for(dataset)
    record: dict[str, Any] = {"party": cell.party, "issue": cell.issue, **_plain(cell.version)}
    record.update({key: record.get(key) for key in NOT_RECORDED_AS_NULL})
    record["stance_label"] = words.level_label(dataset.issues[cell.issue], cell.version.stance)
    record["quotes"] = [
        {
            "text": q.text,
            "speaker": dataset.speakers[q.speaker].name if q.speaker in dataset.speakers else None,
            "speaker_id": q.speaker,
            "source": q.source,
            "direct": q.direct,
            **({"note": q.note} if q.note else {}),
            **quote_check_fields(dataset, q),
        }
        for q in cell.version.quotes
    ]
    return record


def quote_check_fields(dataset: Dataset, quote: Quote) -> dict[str, Any]:
    """`check`: matched or unchecked (computed on load, never stored in the data files); `excerpt`: when matched,
    the index of the excerpt that holds the quote in its source's `excerpts`."""
    check = dataset.quote_checks[(quote.text, quote.source)]
    return {"check": check.result, "excerpt": check.excerpt} if check.matched else {"check": check.result}


def to_dict(dataset: Dataset, versions: Iterable[CellVersion] | None = None) -> dict[str, Any]:
    chosen = list(dataset.versions if versions is None else versions)
    words = words_for(dataset)
    return {
        "dataset": _plain(dataset.info) if dataset.info else None,
        "parties": [_plain(p) for p in dataset.parties.values()],
        "issues": [_plain(i) for i in dataset.issues.values()],
        "positions": [version_record(dataset, cell, words) for cell in chosen],
        "sources": [_plain(s) for s in dataset.sources.values()],
        "disagreements": [_plain(d) for d in dataset.disagreements],
        "events": [_plain(e) for e in dataset.events],
        "corrections": [_plain(c) for c in dataset.corrections],
        "replies": [_plain(r) for r in dataset.replies],
    }


def to_json(dataset: Dataset, versions: Iterable[CellVersion] | None = None) -> str:
    return json.dumps(to_dict(dataset, versions), ensure_ascii=False, indent=2)


def to_csv(dataset: Dataset, versions: Iterable[CellVersion] | None = None) -> str:
    """One row per position version, always the columns of VERSION_COLUMNS in that order; lists are joined with
    ' | ', each quote as 'attribution: text [source]', with the attribution the pages show under it."""
    words = words_for(dataset)
    rows = []
    for cell in dataset.versions if versions is None else versions:
        record = version_record(dataset, cell, words)
        quotes = cell.version.quotes
        rows.append(
            {
                **record,
                "sources": " | ".join(record.get("sources", [])),
                "source_urls": " | ".join(dataset.sources[s].url for s in record.get("sources", [])),
                "quotes": " | ".join(f"{attribution(words, dataset, q)}: {q.text} [{q.source}]" for q in quotes),
            }
        )
    return csv_text(VERSION_COLUMNS, rows)
