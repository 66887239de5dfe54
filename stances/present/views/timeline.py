"""The timeline: events with their dates (and conflicts), position steps, and the marks of the chart."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from ...domain import queries
from ...domain.dataset import Dataset
from ...domain.model import (
    Event,
)
from ...domain.view_state import ViewState
from ..cache import per_view
from ..wording import Words, words_for
from .common import (
    SourceLine,
    Target,
    source_lines,
)


@dataclass(frozen=True)
class DatedSources:
    when: str
    label: str | None
    sources: tuple[SourceLine, ...]
    datetime: str  # machine-readable, for <time datetime>: as precise as recorded (YYYY-MM for a month)


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
    datetime: str  # machine-readable, for <time datetime>: the first of its dates, as precise as recorded


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


def machine_date(value: date, kind: str) -> str:
    """A valid HTML date string as precise as the record: YYYY-MM for a month-only date, else YYYY-MM-DD."""
    return value.strftime("%Y-%m") if kind == "month" else value.isoformat()


def event_when(words: Words, event: Event) -> str:
    """'2026-03-02 or 2026-03-03', '2026-01 (month only)', '2026-02-23 to 2026-02-24', …"""
    joiner = words(" to ") if event.date_kind == "range" else words(" or ")
    text = joiner.join(words.when(d, event.date_kind) for d in event.all_dates)
    kind = words.date_kind(event.date_kind)
    return f"{text} ({kind})" if kind and event.date_kind != "conflict" else text


def event_view(words: Words, dataset: Dataset, event: Event) -> EventView:
    return EventView(
        id=event.id,
        when=event_when(words, event),
        conflict=event.date_kind == "conflict",
        title=event.title,
        description=event.description,
        date_note=event.date_note,
        dates=tuple(
            DatedSources(
                when=words.when(d.date, event.date_kind),
                label=d.label,
                sources=source_lines(words, dataset, d.sources),
                datetime=machine_date(d.date, event.date_kind),
            )
            for d in event.dates
        ),
        accounts=tuple((a.claim, source_lines(words, dataset, a.sources)) for a in event.accounts),
        parties=tuple((p, dataset.parties[p].name) for p in event.parties if p in dataset.parties),
        issues=tuple((i, dataset.issues[i].title) for i in event.issues if i in dataset.issues),
        sources=source_lines(words, dataset, event.sources),
        days=tuple(event.all_dates),
        datetime=machine_date(event.all_dates[0], event.date_kind),
    )


def _row(dataset: Dataset, parties: tuple[str, ...], words: Words) -> str:
    if len(parties) == 1:
        return dataset.parties[parties[0]].name
    return words("Several parties") if parties else words("General")


def entry_title(words: Words, dataset: Dataset, entry: queries.TimelineEntry) -> str:
    """An event's title as recorded; for a position change, 'Party · Issue: stance'."""
    if entry.cell is None:
        return entry.title
    c = entry.cell
    issue = dataset.issues[c.issue]
    return words(
        "{party} · {issue}: {stance}",
        party=dataset.parties[c.party].name,
        issue=issue.title,
        stance=words.level_label(issue, c.version.stance),
    )


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
        title = entry_title(words, dataset, entry)
        names = words(", ").join(dataset.parties[p].name for p in entry.parties if p in dataset.parties)
        if entry.cell is not None:
            c = entry.cell
            target = Target("compare", c.issue, c.party, c.party)
            positions.append(
                PositionStep(
                    when=words.day(entry.date), date=entry.date, title=title, change=c.version.change, target=target
                )
            )
            marks.append(
                TimelineMark(
                    date=entry.date,
                    row=words("{row} · positions", row=row),
                    kind="position",
                    title=title,
                    target=target,
                    parties=names,
                )
            )
        else:
            assert entry.event is not None
            kind = "conflict" if entry.conflict else "event"
            target = Target("timeline", anchor=entry.event.id)
            marks.append(
                TimelineMark(
                    date=entry.date,
                    row=words("{row} · events", row=row),
                    kind=kind,
                    title=title,
                    target=target,
                    parties=names,
                )
            )
    rows = tuple(dict.fromkeys(m.row for m in sorted(marks, key=lambda m: m.row)))
    start, end = dense_period([m.date for m in marks])
    dates = [m.date for m in marks]
    return TimelineView(
        events=events,
        positions=tuple(positions),
        marks=tuple(marks),
        rows=rows,
        kinds=(
            ("event", words("Event")),
            ("conflict", words("Event, dates conflict")),
            ("position", words("Position recorded")),
        ),
        start=start,
        end=end,
        full_start=min(dates, default=None),
        full_end=max(dates, default=None),
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
