"""Curated disagreements: the crux and each side's claim, quotes and sources."""

from __future__ import annotations

from dataclasses import dataclass

from ...domain import queries
from ...domain.dataset import Dataset
from ...domain.model import (
    Disagreement,
    DisagreementSide,
)
from ...domain.view_state import ViewState
from ..cache import per_view
from ..wording import Words, words_for
from .cell_views import (
    QuoteView,
    quote_view,
)
from .common import (
    SourceLine,
    source_line,
)


@dataclass(frozen=True)
class SideView:
    party_id: str
    party_name: str
    claim: str
    quotes: tuple[QuoteView, ...]
    sources: tuple[SourceLine, ...]


@dataclass(frozen=True)
class DisagreementView:
    id: str
    issue_id: str
    issue_title: str
    names: str
    crux: str
    note: str | None
    sides: tuple[SideView, ...]


def side_view(words: Words, dataset: Dataset, d: Disagreement, side: DisagreementSide) -> SideView:
    """The side's own curated quotes first, then the party's words on the issue from the side's sources. A curated
    quote without a date of its own takes the date of the party's version that records the same words."""
    recorded_on = {
        (quote.text, quote.source): version.as_of
        for version in dataset.history.get((side.party, d.issue), ())
        for quote in version.quotes
    }
    curated = [quote_view(words, dataset, quote, recorded_on.get((quote.text, quote.source))) for quote in side.quotes]
    held = {quote.text for quote in side.quotes}
    recorded = [
        quote_view(words, dataset, quote, version.as_of)
        for version, quote in queries.side_quotes(dataset, d, side)
        if quote.text not in held
    ]
    return SideView(
        party_id=side.party,
        party_name=dataset.parties[side.party].name,
        claim=side.claim,
        quotes=tuple(curated + recorded),
        sources=tuple(source_line(words, dataset.sources[s]) for s in side.sources),
    )


def disagreement_view(dataset: Dataset, d: Disagreement) -> DisagreementView:
    words = words_for(dataset)
    return DisagreementView(
        id=d.id,
        issue_id=d.issue,
        issue_title=dataset.issues[d.issue].title,
        names=d.title or words(" vs ").join(dataset.parties[p].name for p in d.parties),
        crux=d.crux,
        note=d.note,
        sides=tuple(side_view(words, dataset, d, s) for s in d.sides),
    )


@per_view
def disagreements(dataset: Dataset, state: ViewState) -> list[DisagreementView]:
    return [disagreement_view(dataset, d) for d in queries.disagreements(dataset, state)]
