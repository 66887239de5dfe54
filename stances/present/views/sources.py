"""Sources: each source's record, its relay chain, stored excerpts, and what cites it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from ...domain.dataset import Dataset
from ...domain.model import (
    Source,
)
from ..cache import per_view
from ..wording import Words, words_for
from .common import (
    LinkView,
    SourceLine,
    Target,
    link,
    source_line,
)


@dataclass(frozen=True)
class ExcerptView:
    text: str
    direct: bool
    who: str
    note: str | None


@dataclass(frozen=True)
class RelayView:
    outlet: LinkView
    source_id: str | None
    note: str | None


class CitedBy(NamedTuple):
    label: str
    target: Target


@dataclass(frozen=True)
class SourceRecordView:
    line: SourceLine
    url_text: str
    accessed: str
    date_note: str | None
    relays: tuple[RelayView, ...]
    excerpts: tuple[ExcerptView, ...]
    cited_by: tuple[CitedBy, ...]
    cited_total: int
    uncited_text: str | None
    all_cited: Target | None = None  # where the whole list is, when `cited_by` shows only the first ones


def cited_by(dataset: Dataset, words: Words) -> dict[str, list[CitedBy]]:
    out: dict[str, list[CitedBy]] = {}
    for source_id, versions in dataset.citations.items():
        out[source_id] = [
            CitedBy(
                f"{dataset.parties[c.party].name} / {dataset.issues[c.issue].title} ({words.day(c.version.as_of)})",
                Target("compare", c.issue, c.party, c.party),
            )
            for c in versions
        ]
    for d in dataset.disagreements:
        for s in dict.fromkeys(s for side in d.sides for s in side.sources):
            out.setdefault(s, []).append(
                CitedBy(words("Disagreement: {crux}", crux=d.crux), Target("disagreements", anchor=d.id))
            )
    for e in dataset.events:
        refs = [*e.sources, *(s for d in e.dates for s in d.sources), *(s for a in e.accounts for s in a.sources)]
        for s in dict.fromkeys(refs):
            out.setdefault(s, []).append(
                CitedBy(words("Event: {title}", title=e.title), Target("timeline", anchor=e.id))
            )
    return out


MAX_CITED_BY = 20


def source_record(
    dataset: Dataset, source: Source, citing: Sequence[CitedBy], words: Words, limit: int | None = MAX_CITED_BY
) -> SourceRecordView:
    accessed = source.accessed if isinstance(source.accessed, date) else None
    return SourceRecordView(
        line=source_line(words, source),
        url_text=source.url,
        accessed=words("accessed {day}", day=words.day(accessed)) if accessed else words("access date not recorded"),
        date_note=source.date_note,
        relays=tuple(RelayView(outlet=link(r.outlet, r.url), source_id=r.source, note=r.note) for r in source.via),
        excerpts=tuple(
            ExcerptView(text=e.text, direct=e.direct, who=e.speaker or words("the outlet’s narration"), note=e.note)
            for e in source.excerpts
        ),
        cited_by=tuple(citing[:limit]),
        cited_total=len(citing),
        uncited_text=None if citing else words("Not cited by any position, disagreement or event."),
        all_cited=Target("source", anchor=source.id) if limit is not None and len(citing) > limit else None,
    )


@per_view
def citations(dataset: Dataset) -> dict[str, list[CitedBy]]:
    return cited_by(dataset, words_for(dataset))


def source_records(
    dataset: Dataset, shown: Sequence[Source], limit: int | None = MAX_CITED_BY
) -> list[SourceRecordView]:
    """Each source with what cites it; a long "cited by" list shows its first `limit` entries and links the rest."""
    words = words_for(dataset)
    citing = citations(dataset)
    return [source_record(dataset, s, citing.get(s.id, []), words, limit) for s in shown]
