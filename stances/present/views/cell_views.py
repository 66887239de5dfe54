"""A party's position on one issue: its versions, quotes and history, as Compare and the issue pages show it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ...domain import queries
from ...domain.dataset import Dataset, source_outlet
from ...domain.field_types import NO_PUBLIC_POSITION
from ...domain.model import Issue, PositionVersion, Quote
from ...domain.queries import Cell
from ...domain.quote_dates import said_on
from ...domain.view_state import ViewState
from ..cache import per_view
from ..facts import attribution, is_own_words
from ..wording import UNKNOWN_DATE, Words, words_for
from .common import (
    LinkView,
    SourceLine,
    StanceView,
    Target,
    link,
    source_line,
    stance_view,
)
from .reply_views import NO_REPLY, ReplyView, party_replies
from .trust import EvidenceView, evidence_view


@dataclass(frozen=True)
class QuoteView:
    text: str
    direct: bool
    attribution: str  # "Dario Amodei, CEO" or "Reporting, not the party's own words"
    when: str  # "said on 2026-02-26" / "reported for 2026-02-26"
    outlet: LinkView
    published: str
    source_id: str
    note: str | None
    check: str  # the quote's check against the source's stored excerpts: matched or unchecked
    check_text: str  # "✓ word for word in the stored excerpt" / "not checked: no excerpt stored"
    excerpt: str | None  # the stored excerpt that holds the quote, one click away
    excerpt_label: str | None  # "Stored excerpt 2 of source …"


@dataclass(frozen=True)
class VersionView:
    as_of: str
    as_of_date: date
    stance: StanceView
    summary: str | None
    change: str | None
    gap: str | None
    quotes: tuple[QuoteView, ...]
    words_label: str  # "In their words" / "As reported"
    facts: tuple[str, ...]  # claim type · basis · binding, in reader words
    sources: tuple[SourceLine, ...]
    no_primary: str | None  # "No primary source recorded." when every source is secondary
    target: Target


@dataclass(frozen=True)
class StripItem:
    """One dated step of a cell's history, shown inline so the core of the dispute needs no click."""

    as_of: str
    stance: StanceView
    current: bool
    as_of_date: date  # machine-readable, for <time datetime>


@dataclass(frozen=True)
class HistoryView:
    """A cell's earlier versions, under a disclosure, and what the as-of date hides."""

    versions: tuple[VersionView, ...]
    label: str  # "History: 2 earlier versions"
    hidden_later: str | None  # "1 later version hidden by the as-of date."


@dataclass(frozen=True)
class CellView:
    party_id: str
    party_name: str
    issue_id: str
    issue_title: str
    stance: StanceView
    current: VersionView | None
    history: HistoryView
    strip: tuple[StripItem, ...]
    empty_text: str | None
    changed: bool
    disputed: bool
    marks: tuple[str, ...]  # reader words for the marks: "changed since its first version", …
    link_text: str
    anchor: str
    target: Target
    evidence: EvidenceView
    lead: VersionView | None = None  # an earlier version whose own words lead, when the current one is reporting
    lead_text: str | None = None  # "Their own words of …, for the same stance; later reporting follows."
    later_label: str | None = None  # the heading over the current version when own words lead
    replies: tuple[ReplyView, ...] = ()
    no_reply_text: str | None = None  # "No reply recorded." when the party has none on this issue


def quote_view(words: Words, dataset: Dataset, quote: Quote, version_date: date | None) -> QuoteView:
    """A quote as readers see it, dated by its own date (or its excerpt's) where the record has one, else by the
    version's date."""
    source = dataset.sources[quote.source]
    own = is_own_words(quote)
    day = said_on(dataset, quote, version_date)
    if day is None:
        when = words(UNKNOWN_DATE)
    elif own:
        when = words("said on {day}", day=words.day(day))
    else:
        when = words("reported as of {day}", day=words.day(day))
    check = dataset.quote_checks.get((quote.text, quote.source))
    index = check.excerpt if check is not None and check.matched else None
    excerpt = source.excerpts[index] if index is not None else None
    return QuoteView(
        text=quote.text,
        direct=own,
        attribution=attribution(words, dataset, quote),
        when=when,
        outlet=link(source_outlet(source), source.url),
        published=words.published(source.published),
        source_id=source.id,
        note=quote.note,
        check="matched" if excerpt else "unchecked",
        check_text=words("✓ word for word in the stored excerpt")
        if excerpt
        else words("not checked: no excerpt stored"),
        excerpt=excerpt.text if excerpt else None,
        excerpt_label=words(
            "Stored excerpt {n} of {k}, {outlet}", n=index + 1, k=len(source.excerpts), outlet=source_outlet(source)
        )
        if index is not None
        else None,
    )


def own_claim_types(dataset: Dataset) -> dict[str, str]:
    """The claim-type labels dataset.yaml adds or relabels."""
    terms = dataset.info.claim_types if dataset.info and dataset.info.claim_types else ()
    return {term.id: term.label for term in terms}


def version_view(words: Words, dataset: Dataset, issue: Issue, party_id: str, version: PositionVersion) -> VersionView:
    sources = tuple(source_line(words, dataset.sources[s]) for s in version.sources)
    facts: tuple[str, ...] = ()
    if version.stance != NO_PUBLIC_POSITION:
        facts = (
            words.claim_type(version.claim_type, own_claim_types(dataset)),
            words.basis(version.effective_basis),
            words.binding(version.binding),
        )
    all_secondary = bool(sources) and all(s.kind == "secondary" for s in sources)
    return VersionView(
        as_of=words.day(version.as_of),
        as_of_date=version.as_of,
        stance=stance_view(words, issue, version.stance),
        summary=version.summary,
        change=version.change,
        gap=version.gap,
        quotes=tuple(quote_view(words, dataset, q, version.as_of) for q in version.quotes),
        words_label=words("In their words") if any(q.direct for q in version.quotes) else words("As reported"),
        facts=facts,
        sources=sources,
        no_primary=words("No primary source recorded: every source here is reporting.") if all_secondary else None,
        target=Target("compare", issue.id, party_id, party_id),
    )


def disputed_cells(dataset: Dataset) -> set[tuple[str, str]]:
    return {(d.issue, p) for d in dataset.disagreements for p in d.parties}


def cell_marks(words: Words, changed: bool, changed_since: bool, disputed: bool, as_of: date | None) -> tuple[str, ...]:
    marks = []
    if changed:
        marks.append(words("changed since its first version"))
    if changed_since and as_of:
        marks.append(words("changed after {day}", day=words.day(as_of)))
    if disputed:
        marks.append(words("curated disagreement"))
    return tuple(marks)


def cell_view(
    words: Words, dataset: Dataset, c: Cell, as_of: date | None, disputed: set[tuple[str, str]], by_issue: bool = False
) -> CellView:
    issue, party = c.issue, c.party
    current = version_view(words, dataset, issue, party.id, c.current) if c.current else None
    views = {id(v): version_view(words, dataset, issue, party.id, v) for v in c.earlier}
    earlier = tuple(views[id(v)] for v in c.earlier)
    lead_version = c.lead
    lead = views.get(id(lead_version)) if lead_version is not None and lead_version is not c.current else None
    history = tuple(v for v in earlier if v is not lead)
    shown = ([current] if current else []) + list(earlier)
    strip = tuple(
        StripItem(as_of=v.as_of, stance=v.stance, current=v is current, as_of_date=v.as_of_date)
        for v in reversed(shown)
    )
    changed = len({v.stance.id for v in shown}) > 1
    is_disputed = (issue.id, party.id) in disputed
    stance = stance_view(words, issue, c.stance)
    n = len(shown)
    marks = cell_marks(words, changed, c.later_count > 0, is_disputed, as_of)
    when = words(" on or before {day}", day=words.day(as_of)) if as_of else ""
    replies = party_replies(dataset, party.id, issue.id)
    return CellView(
        party_id=party.id,
        party_name=party.name,
        issue_id=issue.id,
        issue_title=issue.title,
        stance=stance,
        current=current,
        history=HistoryView(
            versions=history,
            label=words.count(len(history), "History: {n} earlier version", "History: {n} earlier versions"),
            hidden_later=words.count(
                c.later_count,
                "{n} later version hidden by the as-of date.",
                "{n} later versions hidden by the as-of date.",
            )
            if c.later_count
            else None,
        ),
        strip=strip,
        empty_text=None if current else words("No position is recorded{when}.", when=when),
        changed=changed,
        disputed=is_disputed,
        marks=marks,
        link_text="; ".join([f"{party.name}: {stance.text}", words.count(n, "{n} version", "{n} versions"), *marks]),
        anchor=issue.id if by_issue else party.id,
        target=Target("compare", issue.id, party.id, party.id),
        evidence=evidence_view(words, c.evidence(dataset)),
        lead=lead,
        lead_text=words(
            "The party’s own words of {day} lead: the stance has not changed since. Later reporting follows.",
            day=lead.as_of,
        )
        if lead
        else None,
        later_label=words("Later reporting, {day}", day=current.as_of) if lead and current else None,
        replies=replies,
        no_reply_text=None if replies else words(NO_REPLY),
    )


@per_view
def cells(dataset: Dataset, state: ViewState) -> list[CellView]:
    words, disputed = words_for(dataset), disputed_cells(dataset)
    return [cell_view(words, dataset, c, state.as_of, disputed) for c in queries.cells(dataset, state)]
