"""What every page states about the dataset (title, date, credits, counts) and the corrections log."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ...domain.dataset import Dataset
from ...domain.view_state import ViewState
from ..cache import per_view
from ..facts import dataset_date
from ..text import safe_href
from ..wording import words_for
from .common import (
    SourceLine,
    source_lines,
)
from .matrix import (
    CountView,
    view_counts,
)


@dataclass(frozen=True)
class CorrectionView:
    id: str
    date: str
    record: str | None
    what: str
    now: str
    why: str
    sources: tuple[SourceLine, ...]
    day: date  # machine-readable, for <time datetime>


@dataclass(frozen=True)
class PageMeta:
    site_title: str
    description: str
    dataset_date: str
    publisher: str | None
    license: str | None
    corrections: str | None
    corrections_url: str | None
    contact: str | None
    language: str
    counts: tuple[CountView, ...] = field(default=())


@per_view
def page_meta(dataset: Dataset, state: ViewState | None = None) -> PageMeta:
    words, info = words_for(dataset), dataset.info
    return PageMeta(
        info.title if info else words("Positions"),
        info.description if info else "",
        dataset_date(words, dataset),
        (info.publisher or info.curator) if info else None,
        info.license if info else None,
        info.corrections if info else None,
        safe_href(info.corrections_url) if info and info.corrections_url else None,
        info.contact if info else None,
        words.language,
        view_counts(dataset, state or ViewState()),
    )


@per_view
def corrections(dataset: Dataset) -> list[CorrectionView]:
    """The public corrections log, newest first: what was wrong, what the record says now, why, and on what source."""
    words = words_for(dataset)
    return [
        CorrectionView(
            c.id,
            words.day(c.date),
            c.record,
            c.what,
            c.now,
            c.why,
            source_lines(words, dataset, c.sources),
            c.date,
        )
        for c in dataset.corrections
    ]
