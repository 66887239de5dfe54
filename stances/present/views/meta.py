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
from .matrix_view import (
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
        site_title=info.title if info else words("Positions"),
        description=info.description if info else "",
        dataset_date=dataset_date(words, dataset),
        publisher=(info.publisher or info.curator) if info else None,
        license=info.license if info else None,
        corrections=info.corrections if info else None,
        corrections_url=safe_href(info.corrections_url) if info and info.corrections_url else None,
        contact=info.contact if info else None,
        language=words.language,
        counts=view_counts(dataset, state or ViewState()),
    )


@per_view
def corrections(dataset: Dataset) -> list[CorrectionView]:
    """The public corrections log, newest first: what was wrong, what the record says now, why, and on what source."""
    words = words_for(dataset)
    return [
        CorrectionView(
            id=c.id,
            date=words.day(c.date),
            record=c.record,
            what=c.what,
            now=c.now,
            why=c.why,
            sources=source_lines(words, dataset, c.sources),
            day=c.date,
        )
        for c in dataset.corrections
    ]
