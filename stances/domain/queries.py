"""Questions the pages ask of a dataset, for a given view. Pure functions over immutable data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import combinations

from .dataset import CellVersion, Dataset, source_outlet
from .evidence import CellEvidence, cell_evidence, lead_version
from .field_types import NO_PUBLIC_POSITION, NOT_YET_RECORDED
from .model import Disagreement, DisagreementSide, Event, Issue, Party, PositionVersion, Quote, Source
from .view_state import ViewState


@dataclass(frozen=True)
class Cell:
    """One party × issue cell as it stood on the view's date."""

    party: Party
    issue: Issue
    current: PositionVersion | None
    earlier: tuple[PositionVersion, ...]
    later_count: int

    @property
    def stance(self) -> str:
        """The current version's stance; with no version on the view's date, not yet recorded (which is not
        "no public position")."""
        return self.current.stance if self.current else NOT_YET_RECORDED

    @property
    def lead(self) -> PositionVersion | None:
        """The version the cell leads with: the party's own words where they still hold (see `evidence.py`)."""
        return lead_version(self.current, self.earlier)

    def evidence(self, dataset: Dataset) -> CellEvidence:
        return cell_evidence(dataset, self.party.id, self.issue.id, self.current, self.earlier)


@dataclass(frozen=True)
class Gap:
    """Two parties far apart on an issue's scale with no curated disagreement about it."""

    issue: Issue
    a: Party
    b: Party
    stance_a: str
    stance_b: str
    distance: int


@dataclass(frozen=True)
class TimelineEntry:
    date: date
    kind: str  # "event" or "position"
    title: str  # the event's title as recorded; empty for a position change (`stances.present` words it)
    parties: tuple[str, ...]
    issues: tuple[str, ...]
    sources: tuple[str, ...]
    conflict: bool
    event: Event | None = None
    cell: CellVersion | None = None


def chosen_issues(dataset: Dataset, state: ViewState) -> list[Issue]:
    ids = state.issues or tuple(dataset.issues)
    return [dataset.issues[i] for i in ids if i in dataset.issues]


def chosen_parties(dataset: Dataset, state: ViewState) -> list[Party]:
    ids = state.parties or tuple(dataset.parties)
    return [dataset.parties[p] for p in ids if p in dataset.parties]


def cell(dataset: Dataset, party: Party, issue: Issue, as_of: date | None) -> Cell:
    versions = dataset.history.get((party.id, issue.id), ())
    shown = [v for v in versions if as_of is None or v.as_of <= as_of]
    current = shown[-1] if shown else None
    return Cell(party, issue, current, tuple(reversed(shown[:-1])), len(versions) - len(shown))


def cells(dataset: Dataset, state: ViewState) -> list[Cell]:
    """Cells of the view, issue by issue, parties in dataset order; with an evidence filter, only those it counts."""
    parties = chosen_parties(dataset, state)
    found = [cell(dataset, p, i, state.as_of) for i in chosen_issues(dataset, state) for p in parties]
    if state.evidence:
        found = [c for c in found if c.evidence(dataset).matches(state.evidence)]
    return found


def shown_versions(cells_: list[Cell], with_history: bool) -> list[CellVersion]:
    """The versions a page shows, for downloads that match the screen."""
    out: list[CellVersion] = []
    for c in cells_:
        versions = ([c.current] if c.current else []) + (list(c.earlier) if with_history else [])
        out.extend(CellVersion(c.party.id, c.issue.id, v) for v in versions)
    return out


def scale_index(issue: Issue, stance: str) -> int | None:
    for index, level in enumerate(issue.scale):
        if level.id == stance:
            return index
    return None


def disagreements(dataset: Dataset, state: ViewState) -> list[Disagreement]:
    issues = {i.id for i in chosen_issues(dataset, state)}
    parties = {p.id for p in chosen_parties(dataset, state)}
    return [
        d
        for d in dataset.disagreements
        if d.issue in issues and (not state.parties or len(parties.intersection(d.parties)) >= 2)
    ]


def uncurated_gaps(dataset: Dataset, state: ViewState) -> list[Gap]:
    """Pairs at the two ends of an issue's scale with no curated note."""
    curated = {(d.issue, frozenset(pair)) for d in dataset.disagreements for pair in combinations(d.parties, 2)}
    parties = chosen_parties(dataset, state)
    out: list[Gap] = []
    for issue in chosen_issues(dataset, state):
        wanted = max(len(issue.scale) - 1, 1)
        placed = [(c, scale_index(issue, c.stance)) for c in (cell(dataset, p, issue, state.as_of) for p in parties)]
        for (a, ia), (b, ib) in combinations([pc for pc in placed if pc[1] is not None], 2):
            distance = abs(ia - ib)
            if distance >= wanted and (issue.id, frozenset((a.party.id, b.party.id))) not in curated:
                out.append(Gap(issue, a.party, b.party, a.stance, b.stance, distance))
    return out


def timeline(dataset: Dataset, state: ViewState) -> list[TimelineEntry]:
    """Events and position changes within the view, oldest first; dates after as_of are left out."""
    issues = {i.id for i in chosen_issues(dataset, state)}
    parties = {p.id for p in chosen_parties(dataset, state)}
    entries: list[TimelineEntry] = []
    for event in dataset.events:
        if event.parties and not parties.intersection(event.parties):
            continue
        if event.issues and state.issues and not issues.intersection(event.issues):
            continue
        for when in event.all_dates:
            entries.append(
                TimelineEntry(
                    when,
                    "event",
                    event.title,
                    tuple(event.parties),
                    tuple(event.issues),
                    tuple(event.sources),
                    event.date_kind == "conflict",
                    event=event,
                )
            )
    for c in dataset.versions:
        if c.party in parties and c.issue in issues and c.version.stance != NO_PUBLIC_POSITION:
            entries.append(
                TimelineEntry(
                    c.version.as_of,
                    "position",
                    "",
                    (c.party,),
                    (c.issue,),
                    tuple(c.version.sources),
                    False,
                    cell=c,
                )
            )
    if state.as_of:
        entries = [e for e in entries if e.date <= state.as_of]
    return sorted(entries, key=lambda e: (e.date, e.kind, *_entry_order(dataset, e)))


def _entry_order(dataset: Dataset, entry: TimelineEntry) -> tuple[str, str]:
    """Within a day and kind: events by title, position changes by party name, then issue title."""
    if entry.cell is None:
        return entry.title, ""
    return dataset.parties[entry.cell.party].name, dataset.issues[entry.cell.issue].title


def _searchable_text(source: Source) -> str:
    parts = [source.id, source_outlet(source), source.title or "", source.url, *(e.text for e in source.excerpts)]
    return " ".join(parts).casefold()


def sources(dataset: Dataset, state: ViewState) -> list[Source]:
    """The bibliography of the view: sources cited by its positions (all, when nothing is chosen)."""
    chosen = dataset.sources.values()
    if state.issues or state.parties:
        issues = {i.id for i in chosen_issues(dataset, state)}
        parties = {p.id for p in chosen_parties(dataset, state)}
        cited = {s for c in dataset.versions if c.party in parties and c.issue in issues for s in c.version.sources}
        cited |= {s for d in disagreements(dataset, state) for side in d.sides for s in side.sources}
        chosen = [s for s in chosen if s.id in cited]
    if state.kind:
        chosen = [s for s in chosen if s.kind == state.kind]
    if state.q:
        needle = state.q.casefold()
        chosen = [s for s in chosen if needle in _searchable_text(s)]
    return sorted(chosen, key=lambda s: (s.published if isinstance(s.published, date) else date.max, s.id))


def side_quotes(
    dataset: Dataset, disagreement: Disagreement, side: DisagreementSide
) -> list[tuple[PositionVersion, Quote]]:
    """The party's own words on the issue that come from this side's sources, each with the version that records
    it (for when it was said), oldest version first."""
    wanted = set(side.sources)
    seen: set[tuple[str, str]] = set()
    out: list[tuple[PositionVersion, Quote]] = []
    for version in dataset.history.get((side.party, disagreement.issue), ()):
        for quote in version.quotes:
            key = (quote.text, quote.source)
            if quote.direct and quote.source in wanted and key not in seen:
                seen.add(key)
                out.append((version, quote))
    return out
