"""Typed view models of everything a reader sees. Both skins (the Streamlit app and the static site) only draw these.

A view model holds finished reader words (from `wording.Words`) and semantic link targets (`Target`); each skin
turns a target into its own kind of link. Nothing here escapes text: escaping is the skins' job, done by Jinja2's
autoescape on the site and by `md_escape` in the app.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from ..domain import queries
from ..domain.dataset import Dataset, source_outlet
from ..domain.model import (
    NO_PUBLIC_POSITION,
    UNCLEAR,
    Disagreement,
    DisagreementSide,
    Event,
    Issue,
    PositionVersion,
    Quote,
    Source,
)
from ..domain.queries import Cell
from ..domain.view_state import ViewState
from .cache import per_view
from .text import safe_href
from .wording import N_, NOT_RECORDED_MEANING, Words

# Colour tokens, spread from one pole of a scale to the other (Okabe–Ito hues); each skin maps them to colours.
PALETTES = {
    2: ("blue", "orange"),
    3: ("blue", "purple", "orange"),
    4: ("blue", "green", "purple", "orange"),
}
CHANGED_MARK, DISPUTED_MARK = "◆", "⚑"
COMPACT_ABOVE = 8  # parties; a wider matrix shows each stance by its place on the scale
WORDS_NOTE = N_("Stances are written out in words with their place on the scale; colour only repeats them.")
COMPACT_NOTE = N_(
    "Each cell gives the stance’s place on the issue’s scale (see “What the stances mean”; – is no public position "
    "found, ? is unclear); colour only repeats it. Hover or focus a cell for its stance in words."
)


@dataclass(frozen=True)
class Target:
    """Where a link goes, independent of the skin: a page, and optionally an issue, a party, an anchor and a date."""

    page: str
    issue: str | None = None
    party: str | None = None
    anchor: str | None = None
    as_of: date | None = None  # the view as it stood on this day, where the skin can show one
    other: str | None = None  # the second party of a pair (page "pair")


@dataclass(frozen=True)
class StanceView:
    id: str
    label: str
    meaning: str
    place: int | None  # 1-based place on the scale; None for no position / unclear
    of: int
    tone: str
    place_text: str  # "1 of 3" or ""

    @property
    def short(self) -> str:
        """The stance in one character for a compact matrix: its place on the scale, "–" or "?"."""
        if self.place is not None:
            return str(self.place)
        return "?" if self.id == UNCLEAR else "–"

    @property
    def text(self) -> str:
        """The stance in words, with its place on the scale: never colour alone."""
        return f"{self.label} ({self.place_text})" if self.place_text else self.label


@dataclass(frozen=True)
class LinkView:
    label: str
    url: str | None  # a safe http(s) URL, or None to show the label as text


@dataclass(frozen=True)
class SourceLine:
    id: str
    outlet: LinkView
    title: str | None
    published: str
    kind: str
    kind_label: str
    via: str | None
    archive: LinkView | None


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


@dataclass(frozen=True)
class CellView:
    party_id: str
    party_name: str
    issue_id: str
    issue_title: str
    stance: StanceView
    current: VersionView | None
    earlier: tuple[VersionView, ...]
    strip: tuple[StripItem, ...]
    empty_text: str | None
    later_text: str | None
    history_label: str
    changed: bool
    disputed: bool
    marks: tuple[str, ...]  # reader words for the marks: "changed since its first version", …
    link_text: str
    anchor: str
    target: Target


@dataclass(frozen=True)
class LegendItem:
    stance: StanceView
    meaning: str


@dataclass(frozen=True)
class LegendView:
    scale_id: str
    issues: tuple[str, ...]  # titles of the issues sharing this scale
    items: tuple[LegendItem, ...]


@dataclass(frozen=True)
class MatrixCell:
    party_id: str
    party_name: str
    stance: StanceView
    changed: bool
    disputed: bool
    versions: str
    link_text: str
    target: Target


@dataclass(frozen=True)
class MatrixRow:
    issue_id: str
    title: str
    tier: str
    question: str
    cells: tuple[MatrixCell, ...]
    target: Target


@dataclass(frozen=True)
class CountView:
    label: str
    value: int


@dataclass(frozen=True)
class MatrixView:
    parties: tuple[tuple[str, str], ...]
    rows: tuple[MatrixRow, ...]
    legends: tuple[LegendView, ...]
    marks: tuple[tuple[str, str], ...]  # (mark, what it means)
    counts: tuple[CountView, ...]
    caption: str
    compact: bool = False  # many parties: each cell shows the stance's place on the scale, the legend says which


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


@dataclass(frozen=True)
class DatedSources:
    when: str
    label: str | None
    sources: tuple[SourceLine, ...]


@dataclass(frozen=True)
class EventView:
    id: str
    when: str
    conflict: bool
    title: str
    description: str | None
    date_note: str | None
    dates: tuple[DatedSources, ...]
    accounts: tuple[tuple[str, tuple[SourceLine, ...]], ...]
    parties: tuple[tuple[str, str], ...]
    issues: tuple[tuple[str, str], ...]
    sources: tuple[SourceLine, ...]
    days: tuple[date, ...]


@dataclass(frozen=True)
class PositionStep:
    when: str
    date: date
    title: str
    change: str | None
    target: Target


@dataclass(frozen=True)
class TimelineMark:
    """One marker of the timeline chart; events and positions sit in separate rows, so none hides another."""

    date: date
    row: str
    kind: str  # "event", "conflict" or "position"
    title: str
    target: Target
    parties: str = ""  # the parties' names, for the interactive chart's hover


@dataclass(frozen=True)
class TimelineView:
    events: tuple[EventView, ...]
    positions: tuple[PositionStep, ...]
    marks: tuple[TimelineMark, ...]
    rows: tuple[str, ...]
    kinds: tuple[tuple[str, str], ...]  # (kind, legend label)
    start: date | None
    end: date | None
    full_start: date | None
    full_end: date | None


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


@dataclass(frozen=True)
class CitedBy:
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


@dataclass(frozen=True)
class CorrectionView:
    id: str
    date: str
    record: str | None
    what: str
    now: str
    why: str
    sources: tuple[SourceLine, ...]


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


# --- building blocks -----------------------------------------------------------------------------------------------


def words_for(dataset: Dataset) -> Words:
    return Words(dataset.info.language if dataset.info and dataset.info.language else "en")


def stance_view(words: Words, issue: Issue, stance: str) -> StanceView:
    place = queries.scale_index(issue, stance)
    level = next((lvl for lvl in issue.scale if lvl.id == stance), None)
    if level is not None:
        label, meaning = level.label, level.meaning or words(NOT_RECORDED_MEANING)
    else:
        label, meaning = words.stance_label(stance), words.stance_meaning(stance)
    if stance == UNCLEAR:
        tone = "unclear"
    elif place is None:
        tone = "none"
    else:
        tone = queries.stance_colour(issue, stance, PALETTES) or "none"
    of = len(issue.scale)
    place_text = words("{place} of {of}", place=place + 1, of=of) if place is not None else ""
    return StanceView(stance, label, meaning, None if place is None else place + 1, of, tone, place_text)


def link(label: str, url: str | None) -> LinkView:
    return LinkView(label, safe_href(url) if url else None)


def source_line(words: Words, source: Source) -> SourceLine:
    outlet = source_outlet(source)
    via = " → ".join(r.outlet for r in source.via) if source.via else None
    return SourceLine(
        source.id,
        link(outlet, source.url),
        source.title,
        words.published(source.published),
        source.kind or "",
        words.source_kind(source.kind),
        words("via {chain}", chain=via) if via else None,
        link(words("archived copy"), source.archive_url) if source.archive_url else None,
    )


def speaker_name(dataset: Dataset, speaker_id: str) -> str:
    speaker = dataset.speakers.get(speaker_id)
    if speaker is None:
        return speaker_id
    return speaker.name + (f", {speaker.role}" if speaker.role else "")


def quote_view(words: Words, dataset: Dataset, quote: Quote, said_on: date) -> QuoteView:
    source = dataset.sources[quote.source]
    own = quote.direct and bool(quote.speaker)
    return QuoteView(
        quote.text,
        own,
        speaker_name(dataset, quote.speaker)
        if own and quote.speaker
        else words("Reporting, not the party’s own words"),
        words("said on {day}", day=words.day(said_on))
        if own
        else words("reported as of {day}", day=words.day(said_on)),
        link(source_outlet(source), source.url),
        words.published(source.published),
        source.id,
        quote.note,
    )


def version_view(words: Words, dataset: Dataset, issue: Issue, party_id: str, version: PositionVersion) -> VersionView:
    sources = tuple(source_line(words, dataset.sources[s]) for s in version.sources)
    facts: tuple[str, ...] = ()
    if version.stance != NO_PUBLIC_POSITION:
        facts = (
            words.claim_type(version.claim_type),
            words.basis(version.effective_basis),
            words.binding(version.binding),
        )
    all_secondary = bool(sources) and all(s.kind == "secondary" for s in sources)
    return VersionView(
        words.day(version.as_of),
        version.as_of,
        stance_view(words, issue, version.stance),
        version.summary,
        version.change,
        version.gap,
        tuple(quote_view(words, dataset, q, version.as_of) for q in version.quotes),
        words("In their words") if any(q.direct for q in version.quotes) else words("As reported"),
        facts,
        sources,
        words("No primary source recorded: every source here is reporting.") if all_secondary else None,
        Target("compare", issue.id, party_id, party_id),
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
    earlier = tuple(version_view(words, dataset, issue, party.id, v) for v in c.earlier)
    shown = ([current] if current else []) + list(earlier)
    strip = tuple(StripItem(v.as_of, v.stance, v is current) for v in reversed(shown))
    changed = len({v.stance.id for v in shown}) > 1
    is_disputed = (issue.id, party.id) in disputed
    stance = stance_view(words, issue, c.stance)
    n = len(shown)
    marks = cell_marks(words, changed, c.later_count > 0, is_disputed, as_of)
    when = words(" on or before {day}", day=words.day(as_of)) if as_of else ""
    return CellView(
        party.id,
        party.name,
        issue.id,
        issue.title,
        stance,
        current,
        earlier,
        strip,
        None if current else words("No position is recorded{when}.", when=when),
        words.count(
            c.later_count, "{n} later version hidden by the as-of date.", "{n} later versions hidden by the as-of date."
        )
        if c.later_count
        else None,
        words.count(len(earlier), "History: {n} earlier version", "History: {n} earlier versions"),
        changed,
        is_disputed,
        marks,
        "; ".join([f"{party.name}: {stance.text}", words.count(n, "{n} version", "{n} versions"), *marks]),
        issue.id if by_issue else party.id,
        Target("compare", issue.id, party.id, party.id),
    )


@per_view
def cells(dataset: Dataset, state: ViewState) -> list[CellView]:
    words, disputed = words_for(dataset), disputed_cells(dataset)
    return [cell_view(words, dataset, c, state.as_of, disputed) for c in queries.cells(dataset, state)]


def legends(dataset: Dataset, issues: Sequence[Issue]) -> tuple[LegendView, ...]:
    """One legend per distinct scale, naming the issues that share it."""
    words = words_for(dataset)
    groups: dict[tuple, list[Issue]] = {}
    for issue in issues:
        key = tuple((lvl.id, lvl.label) for lvl in issue.scale)
        groups.setdefault(key, []).append(issue)
    out = []
    for group in groups.values():
        first = group[0]
        stances = [lvl.id for lvl in first.scale] + [NO_PUBLIC_POSITION, UNCLEAR]
        items = tuple(LegendItem(view, view.meaning) for view in (stance_view(words, first, s) for s in stances))
        out.append(LegendView(first.id, tuple(i.title for i in group), items))
    return tuple(out)


@per_view
def view_counts(dataset: Dataset, state: ViewState) -> tuple[CountView, ...]:
    """What the view shows, following the filters."""
    words = words_for(dataset)
    issues = queries.chosen_issues(dataset, state)
    parties = queries.chosen_parties(dataset, state)
    view_cells = queries.cells(dataset, state)
    versions = [v for c in view_cells for v in ([c.current] if c.current else []) + list(c.earlier)]
    cited = {s for v in versions for s in v.sources}
    return (
        CountView(words("Parties"), len(parties)),
        CountView(words("Issues"), len(issues)),
        CountView(words("Position versions"), len(versions)),
        CountView(words("Quotes"), sum(len(v.quotes) for v in versions)),
        CountView(words("Sources cited"), len(cited)),
        CountView(words("Disagreements"), len(queries.disagreements(dataset, state))),
    )


@per_view
def matrix(dataset: Dataset, state: ViewState) -> MatrixView:
    words = words_for(dataset)
    issues = queries.chosen_issues(dataset, state)
    parties = queries.chosen_parties(dataset, state)
    by_key = {(c.issue_id, c.party_id): c for c in cells(dataset, state)}
    rows = []
    for issue in issues:
        row = []
        for party in parties:
            c = by_key[(issue.id, party.id)]
            n = len(c.strip)
            row.append(
                MatrixCell(
                    party.id,
                    party.name,
                    c.stance,
                    c.changed,
                    c.disputed,
                    words.count(n, "{n} version", "{n} versions"),
                    words("{party} on {issue}: {stance}", party=party.name, issue=issue.title, stance=c.stance.text)
                    + "".join(f"; {m}" for m in c.marks),
                    c.target,
                )
            )
        rows.append(
            MatrixRow(
                issue.id,
                issue.title,
                words.tier(issue.tier) if dataset.has_tiers else "",
                issue.question or "",
                tuple(row),
                Target("compare", issue.id),
            )
        )
    compact = len(parties) > COMPACT_ABOVE
    when = words.day(state.as_of) if state.as_of else None
    caption = (
        words("Each cell is the party’s position as it stood on {day}.", day=when)
        if when
        else words("Each cell is the party’s latest recorded position.")
    )
    return MatrixView(
        tuple((p.id, p.name) for p in parties),
        tuple(rows),
        legends(dataset, issues),
        (
            (CHANGED_MARK, words("the position changed since its first version")),
            (DISPUTED_MARK, words("a curated disagreement involves this cell")),
        ),
        view_counts(dataset, state),
        caption + " " + (words(COMPACT_NOTE) if compact else words(WORDS_NOTE)),
        compact,
    )


def side_view(words: Words, dataset: Dataset, d: Disagreement, side: DisagreementSide) -> SideView:
    quotes = queries.side_quotes(dataset, d, side)
    return SideView(
        side.party,
        dataset.parties[side.party].name,
        side.claim,
        tuple(quote_view(words, dataset, quote, version.as_of) for version, quote in quotes),
        tuple(source_line(words, dataset.sources[s]) for s in side.sources),
    )


def disagreement_view(dataset: Dataset, d: Disagreement) -> DisagreementView:
    words = words_for(dataset)
    return DisagreementView(
        d.id,
        d.issue,
        dataset.issues[d.issue].title,
        words(" vs ").join(dataset.parties[p].name for p in d.parties),
        d.crux,
        d.note,
        tuple(side_view(words, dataset, d, s) for s in d.sides),
    )


@per_view
def disagreements(dataset: Dataset, state: ViewState) -> list[DisagreementView]:
    return [disagreement_view(dataset, d) for d in queries.disagreements(dataset, state)]


def event_when(words: Words, event: Event) -> str:
    """'2026-03-02 or 2026-03-03', '2026-01 (month only)', '2026-02-23 to 2026-02-24', …"""
    joiner = words(" to ") if event.date_kind == "range" else words(" or ")
    text = joiner.join(words.when(d, event.date_kind) for d in event.all_dates)
    kind = words.date_kind(event.date_kind)
    return f"{text} ({kind})" if kind and event.date_kind != "conflict" else text


def _lines(words: Words, dataset: Dataset, ids: Iterable[str]) -> tuple[SourceLine, ...]:
    return tuple(source_line(words, dataset.sources[s]) for s in ids)


def event_view(words: Words, dataset: Dataset, event: Event) -> EventView:
    return EventView(
        event.id,
        event_when(words, event),
        event.date_kind == "conflict",
        event.title,
        event.description,
        event.date_note,
        tuple(
            DatedSources(words.when(d.date, event.date_kind), d.label, _lines(words, dataset, d.sources))
            for d in event.dates
        ),
        tuple((a.claim, _lines(words, dataset, a.sources)) for a in event.accounts),
        tuple((p, dataset.parties[p].name) for p in event.parties if p in dataset.parties),
        tuple((i, dataset.issues[i].title) for i in event.issues if i in dataset.issues),
        _lines(words, dataset, event.sources),
        tuple(event.all_dates),
    )


def _row(dataset: Dataset, parties: tuple[str, ...], words: Words) -> str:
    if len(parties) == 1:
        return dataset.parties[parties[0]].name
    return words("Several parties") if parties else words("General")


@per_view
def timeline_view(dataset: Dataset, state: ViewState) -> TimelineView:
    words = words_for(dataset)
    entries = queries.timeline(dataset, state)
    events = tuple(
        event_view(words, dataset, e)
        for e in {entry.event.id: entry.event for entry in entries if entry.event is not None}.values()
    )
    positions, marks = [], []
    for entry in entries:
        row = _row(dataset, entry.parties, words)
        names = words(", ").join(dataset.parties[p].name for p in entry.parties if p in dataset.parties)
        if entry.cell is not None:
            c = entry.cell
            target = Target("compare", c.issue, c.party, c.party)
            positions.append(PositionStep(words.day(entry.date), entry.date, entry.title, c.version.change, target))
            marks.append(
                TimelineMark(entry.date, words("{row} · positions", row=row), "position", entry.title, target, names)
            )
        else:
            assert entry.event is not None
            kind = "conflict" if entry.conflict else "event"
            target = Target("timeline", anchor=entry.event.id)
            marks.append(TimelineMark(entry.date, words("{row} · events", row=row), kind, entry.title, target, names))
    rows = tuple(dict.fromkeys(m.row for m in sorted(marks, key=lambda m: m.row)))
    start, end = dense_period([m.date for m in marks])
    dates = [m.date for m in marks]
    return TimelineView(
        events,
        tuple(positions),
        tuple(marks),
        rows,
        (
            ("event", words("Event")),
            ("conflict", words("Event, dates conflict")),
            ("position", words("Position recorded")),
        ),
        start,
        end,
        min(dates, default=None),
        max(dates, default=None),
    )


def timeline_range(view: TimelineView, state: ViewState) -> tuple[date | None, date | None]:
    """The window the reader asked for (`since`, `until`), else the dense period."""
    if state.since or state.until:
        return state.since or view.full_start, state.until or view.full_end
    return view.start, view.end


def timeline_in_range(view: TimelineView, start: date | None, end: date | None) -> TimelineView:
    def inside(day: date) -> bool:
        return (start is None or day >= start) and (end is None or day <= end)

    return replace(
        view,
        events=tuple(e for e in view.events if any(inside(d) for d in e.days)),
        positions=tuple(p for p in view.positions if inside(p.date)),
        marks=tuple(m for m in view.marks if inside(m.date)),
    )


def dense_period(dates: Sequence[date], share: float = 0.8, join_days: int = 45) -> tuple[date | None, date | None]:
    """Where the record is dense: the shortest span holding `share` of the dates, widened on each side for as long
    as the next date lies within `join_days`, so that only outlying background dates fall outside it."""
    if not dates:
        return None, None
    ordered = sorted(dates)
    need = max(1, round(len(ordered) * share))
    best = min(range(len(ordered) - need + 1), key=lambda i: ordered[i + need - 1] - ordered[i])
    days = sorted(set(ordered))
    lo, hi = days.index(ordered[best]), days.index(ordered[best + need - 1])
    while lo > 0 and (days[lo] - days[lo - 1]).days <= join_days:
        lo -= 1
    while hi < len(days) - 1 and (days[hi + 1] - days[hi]).days <= join_days:
        hi += 1
    return days[lo], days[hi]


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
        source_line(words, source),
        source.url,
        words("accessed {day}", day=words.day(accessed)) if accessed else words("access date not recorded"),
        source.date_note,
        tuple(RelayView(link(r.outlet, r.url), r.source, r.note) for r in source.via),
        tuple(
            ExcerptView(e.text, e.direct, e.speaker or words("the outlet’s narration"), e.note) for e in source.excerpts
        ),
        tuple(citing[:limit]),
        len(citing),
        None if citing else words("Not cited by any position, disagreement or event."),
        Target("source", anchor=source.id) if limit is not None and len(citing) > limit else None,
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


@per_view
def page_meta(dataset: Dataset, state: ViewState | None = None) -> PageMeta:
    words, info = words_for(dataset), dataset.info
    return PageMeta(
        info.title if info else words("Positions"),
        info.description if info else "",
        words.day(dataset.latest_source_date) if dataset.latest_source_date else words("date unknown"),
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
            _lines(words, dataset, c.sources),
        )
        for c in dataset.corrections
    ]


def uncurated_counts(dataset: Dataset, state: ViewState) -> list[tuple[str, int]]:
    """Far-apart pairs with no curated note, counted per issue: a curator's to-do, never a reader's list."""
    counts: dict[str, int] = {}
    for gap in queries.uncurated_gaps(dataset, state):
        counts[gap.issue.title] = counts.get(gap.issue.title, 0) + 1
    return list(counts.items())
