"""What changed between two dates: every position version, event, source and correction dated in a window.

Built once here; the app's `/changes` page, the site's `changes.html` and the Atom feeds all read it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from ..domain import queries
from ..domain.dataset import Dataset, source_outlet
from ..domain.field_types import NO_PUBLIC_POSITION
from ..domain.model import Correction, Event, PositionVersion
from ..domain.view_state import ViewState
from .views import QuoteView, SourceLine, StanceView, Target, quote_view, source_line, stance_view, words_for
from .views.timeline import dense_period

DEFAULT_DAYS = 90  # the default window's length when the reader gives only `until`


@dataclass(frozen=True)
class ChangeEntry:
    """One dated change. `key` is stable across builds: feeds use it for entry ids."""

    key: str
    kind: str  # "position", "event", "source" or "correction"
    day: date
    when: str
    title: str
    before: StanceView | None
    after: StanceView | None
    note: str | None
    quotes: tuple[QuoteView, ...]
    sources: tuple[SourceLine, ...]
    party: str | None
    issue: str | None
    target: Target


@dataclass(frozen=True)
class ChangeDay:
    day: date
    when: str
    entries: tuple[ChangeEntry, ...]


@dataclass(frozen=True)
class ChangesView:
    since: date | None
    until: date | None
    heading: str
    summary: str
    days: tuple[ChangeDay, ...]
    empty_text: str | None

    @property
    def entries(self) -> tuple[ChangeEntry, ...]:
        return tuple(e for d in self.days for e in d.entries)


def window(dataset: Dataset, state: ViewState) -> tuple[date | None, date | None]:
    """The reader's `since`/`until`. With neither, the densest period of the changes in the view, as the timeline
    opens on (the shortest span holding 80 % of their dates, widened over gaps of up to 45 days); with one, the
    other end is the record's end, or 90 days before `until`."""
    if state.since is None and state.until is None:
        dates = [entry.day for entry in _shown(change_entries(dataset, state, None, None))]
        start, end = dense_period(dates)
        if start is not None:
            return start, end
    end = state.until or dataset.record_end
    start = state.since or (end - timedelta(days=DEFAULT_DAYS) if end else None)
    return start, end


def is_change(entry: ChangeEntry) -> bool:
    """A `no_public_position` version is a change only where it replaces a stance: found nothing, then found
    nothing again (or for the first time) is a search recorded, not a change of position."""
    if entry.kind != "position" or entry.after is None or entry.after.id != NO_PUBLIC_POSITION:
        return True
    return entry.before is not None and entry.before.id != NO_PUBLIC_POSITION


def _shown(entries: list[ChangeEntry]) -> list[ChangeEntry]:
    return [entry for entry in entries if is_change(entry)]


def version_key(party: str, issue: str, version: PositionVersion) -> str:
    stamp = version.as_of.isoformat()
    if version.time:
        stamp += f"T{version.time}"
    if version.order is not None:
        stamp += f"-{version.order}"
    return f"version:{party}:{issue}:{stamp}"


def _position_entries(dataset: Dataset, state: ViewState, inside) -> list[ChangeEntry]:
    words = words_for(dataset)
    issues = {i.id for i in queries.chosen_issues(dataset, state)}
    parties = {p.id for p in queries.chosen_parties(dataset, state)}
    out = []
    for (party_id, issue_id), history in dataset.history.items():
        if party_id not in parties or issue_id not in issues:
            continue
        issue = dataset.issues[issue_id]
        for previous, version in zip((None, *history), history, strict=False):
            if not inside(version.as_of):
                continue
            out.append(
                ChangeEntry(
                    key=version_key(party_id, issue_id, version),
                    kind="position",
                    day=version.as_of,
                    when=words.day(version.as_of),
                    title=words("{party} on {issue}", party=dataset.parties[party_id].name, issue=issue.title),
                    before=stance_view(words, issue, previous.stance) if previous else None,
                    after=stance_view(words, issue, version.stance),
                    note=version.change,
                    quotes=tuple(quote_view(words, dataset, q, version.as_of) for q in version.quotes),
                    sources=tuple(source_line(words, dataset.sources[s]) for s in version.sources),
                    party=party_id,
                    issue=issue_id,
                    target=Target("compare", issue_id, party_id, party_id, as_of=version.as_of),
                )
            )
    return out


def _event_matches(event: Event, state: ViewState, issues: set[str], parties: set[str]) -> bool:
    if event.parties and not parties.intersection(event.parties):
        return False
    if state.parties and not event.parties:
        return False
    return not (state.issues and not issues.intersection(event.issues))


def _event_entries(dataset: Dataset, state: ViewState, inside) -> list[ChangeEntry]:
    words = words_for(dataset)
    issues = {i.id for i in queries.chosen_issues(dataset, state)}
    parties = {p.id for p in queries.chosen_parties(dataset, state)}
    out = []
    for event in dataset.events:
        days = [d for d in event.all_dates if inside(d)]
        if not days or not _event_matches(event, state, issues, parties):
            continue
        refs = [*event.sources, *(s for d in event.dates for s in d.sources)]
        out.append(
            ChangeEntry(
                key=f"event:{event.id}",
                kind="event",
                day=days[0],
                when=words.day(days[0]),
                title=event.title,
                before=None,
                after=None,
                note=event.description,
                quotes=(),
                sources=tuple(source_line(words, dataset.sources[s]) for s in dict.fromkeys(refs)),
                party=None,
                issue=None,
                target=Target("timeline", anchor=event.id, as_of=days[0]),
            )
        )
    return out


def _cited_in_view(dataset: Dataset, state: ViewState) -> set[str] | None:
    """The sources the filtered view cites, or None when no filter is set (then every source counts)."""
    if not state.issues and not state.parties:
        return None
    issues = {i.id for i in queries.chosen_issues(dataset, state)}
    parties = {p.id for p in queries.chosen_parties(dataset, state)}
    return {s for c in dataset.versions if c.party in parties and c.issue in issues for s in c.version.sources}


def _source_entries(dataset: Dataset, state: ViewState, inside) -> list[ChangeEntry]:
    words = words_for(dataset)
    cited = _cited_in_view(dataset, state)
    out = []
    for source in dataset.sources.values():
        published = source.published if isinstance(source.published, date) else None
        if published is None or not inside(published) or (cited is not None and source.id not in cited):
            continue
        out.append(
            ChangeEntry(
                key=f"source:{source.id}",
                kind="source",
                day=published,
                when=words.day(published),
                title=words("Source: {title}", title=source.title or source_outlet(source)),
                before=None,
                after=None,
                note=None,
                quotes=(),
                sources=(source_line(words, source),),
                party=None,
                issue=None,
                target=Target("sources", anchor=source.id),
            )
        )
    return out


def _correction_matches(correction: Correction, state: ViewState) -> bool:
    if not state.issues and not state.parties:
        return True
    parts = {p.strip() for p in (correction.record or "").split("/")}
    return bool(parts.intersection(state.issues) or parts.intersection(state.parties))


def _correction_entries(dataset: Dataset, state: ViewState, inside) -> list[ChangeEntry]:
    words = words_for(dataset)
    return [
        ChangeEntry(
            key=f"correction:{c.id}",
            kind="correction",
            day=c.date,
            when=words.day(c.date),
            title=words("Correction: {what}", what=c.what),
            before=None,
            after=None,
            note=words("Now: {now} Why: {why}", now=c.now, why=c.why),
            quotes=(),
            sources=tuple(source_line(words, dataset.sources[s]) for s in c.sources),
            party=None,
            issue=None,
            target=Target("about", anchor=f"correction-{c.id}"),
        )
        for c in dataset.corrections
        if inside(c.date) and _correction_matches(c, state)
    ]


KIND_ORDER = {"correction": 0, "position": 1, "event": 2, "source": 3}


def change_entries(dataset: Dataset, state: ViewState, start: date | None, end: date | None) -> list[ChangeEntry]:
    """Every change in [start, end] under the view's issue and party filters, newest day first."""

    def inside(day: date) -> bool:
        return (start is None or day >= start) and (end is None or day <= end)

    entries = [
        *_position_entries(dataset, state, inside),
        *_event_entries(dataset, state, inside),
        *_source_entries(dataset, state, inside),
        *_correction_entries(dataset, state, inside),
    ]
    return sorted(entries, key=lambda e: (-e.day.toordinal(), KIND_ORDER[e.kind], e.key))


def changes(dataset: Dataset, state: ViewState) -> ChangesView:
    words = words_for(dataset)
    start, end = window(dataset, state)
    entries = _shown(change_entries(dataset, state, start, end))
    days: dict[date, list[ChangeEntry]] = {}
    for entry in entries:
        days.setdefault(entry.day, []).append(entry)
    heading = (
        words("What changed from {start} to {end}", start=words.day(start), end=words.day(end))
        if start and end
        else words("What changed")
    )
    summary = words.count(len(entries), "{n} change in this window.", "{n} changes in this window.")
    return ChangesView(
        since=start,
        until=end,
        heading=heading,
        summary=summary,
        days=tuple(ChangeDay(day=day, when=words.day(day), entries=tuple(items)) for day, items in days.items()),
        empty_text=None if entries else words("Nothing in the record is dated in this window."),
    )


PER_PAGE = 100  # entries on one page of What changed, in the app and on the site alike


def in_pages(view: ChangesView, per_page: int = PER_PAGE) -> list[ChangesView]:
    """The view cut into pages of whole days, newest first, each holding about `per_page` entries at most."""
    chunks: list[list[ChangeDay]] = [[]]
    size = 0
    for day in view.days:
        if chunks[-1] and size + len(day.entries) > per_page:
            chunks.append([])
            size = 0
        chunks[-1].append(day)
        size += len(day.entries)
    return [replace(view, days=tuple(chunk)) for chunk in chunks]
