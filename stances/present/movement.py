"""Movement: each party's place on an issue's scale through time, and every move in words.

Computed from the analysis table (`analysis.steps_by_cell`). A move is a version whose stance differs from the
party's previous version on that issue. Before a cell's first version its state is "not yet recorded": never
drawn, never "no public position", never compared. "No public position" and "unclear" are states of their own,
drawn in bands below the scale, never as a place on it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ..domain.dataset import Dataset
from ..domain.field_types import NO_PUBLIC_POSITION, UNCLEAR
from ..domain.model import Issue
from ..domain.queries import chosen_issues, chosen_parties
from ..domain.view_state import ViewState
from . import analysis
from .analysis import Step
from .cache import per_view
from .views import StanceView, Target, dense_period, stance_view, words_for
from .wording import N_, Words

# Each party is told apart by a marker shape and a line dash as well as a colour (Okabe–Ito hues).
MARKERS = ("circle", "square", "diamond", "triangle-up", "x", "star", "cross", "triangle-down")
DASHES = ("solid", "dash", "dot", "dashdot")
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#8C6D31")
MAX_LINES = 8  # parties drawn in one chart when no party is chosen; the list below names every move
QUOTE_START = 90  # characters of the first quote shown on hover
Y_UNCLEAR, Y_NONE = 0.0, -1.0  # the two bands below the scale, whose places run from 1 (bottom) upwards


@dataclass(frozen=True)
class PartyStyle:
    party_id: str
    party_name: str
    marker: str
    dash: str
    colour: str


@dataclass(frozen=True)
class MovementPoint:
    day: date
    when: str
    stance: StanceView
    y: float
    placed: bool
    move: bool
    quote: str  # the start of the version's first quote, or ""
    target: Target  # the cell on Compare, as it stood that day


@dataclass(frozen=True)
class MovementSeries:
    style: PartyStyle
    points: tuple[MovementPoint, ...]
    first_text: str  # "Not yet recorded before 2026-03-01."


@dataclass(frozen=True)
class MoveLine:
    party_id: str
    day: date
    text: str  # "The US Department of Defense moved from … to … on 2026-03-02."
    relations: tuple[str, ...]  # "Closer to: Anthropic.", "Further from: …", …
    target: Target


@dataclass(frozen=True)
class IssueMovement:
    issue_id: str
    title: str
    question: str
    axis: tuple[tuple[float, str], ...]  # (y, label): the scale's stances, then the two states below it
    series: tuple[MovementSeries, ...]
    moves: tuple[MoveLine, ...]
    start: date | None
    end: date | None
    opens: tuple[date, date] | None  # the window the chart opens on: where the versions are dense, to the end
    summary: str  # the chart's text alternative, with the move list below it
    drawn_note: str | None  # when only some parties are drawn
    target: Target  # the issue on Compare


@dataclass(frozen=True)
class MovementView:
    issues: tuple[IssueMovement, ...]
    styles: tuple[PartyStyle, ...]
    how_to_read: str


def party_styles(dataset: Dataset) -> dict[str, PartyStyle]:
    """A fixed style per party (by its place in the dataset), so a party looks the same on every chart."""
    out = {}
    for n, party in enumerate(dataset.parties.values()):
        out[party.id] = PartyStyle(
            party_id=party.id,
            party_name=party.name,
            marker=MARKERS[n % len(MARKERS)],
            dash=DASHES[(n // len(MARKERS)) % len(DASHES)],
            colour=COLOURS[n % len(COLOURS)],
        )
    return out


def y_of(step: Step) -> float:
    """Place 1 (one pole) at the top, the last place at 1; the states off the scale below."""
    if step.place is not None:
        return float(step.levels - step.place + 1)
    return Y_UNCLEAR if step.stance == UNCLEAR else Y_NONE


def axis(words: Words, issue: Issue) -> tuple[tuple[float, str], ...]:
    n = len(issue.scale)
    ticks = [(float(n - i), level.label) for i, level in enumerate(issue.scale)]
    ticks += [(Y_UNCLEAR, words.stance_label(UNCLEAR)), (Y_NONE, words.stance_label(NO_PUBLIC_POSITION))]
    return tuple(ticks)


def clip(text: str, limit: int = QUOTE_START) -> str:
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


def _names(names: Sequence[str], words: Words) -> str:
    return words(", ").join(names)


def relations(
    words: Words, dataset: Dataset, step: Step, before: Step, others: dict[str, Sequence[Step]]
) -> tuple[str, ...]:
    """Whether a move brings the party closer to or further from each other party's stance on the move's day."""
    groups: dict[str, list[str]] = {}
    for party_id, steps in others.items():
        other = analysis.standing(steps, step.day)
        name = dataset.parties[party_id].name
        if other is None or other.place is None:
            groups.setdefault("apart", []).append(name)
        elif before.place is not None and step.place is not None:
            was, now = abs(before.place - other.place), abs(step.place - other.place)
            groups.setdefault("closer" if now < was else "further" if now > was else "same", []).append(name)
        elif step.place is not None:  # from no position or unclear onto the scale
            groups.setdefault("level" if step.place == other.place else "joined", []).append(name)
        else:  # off the scale now
            groups.setdefault("left", []).append(name)
    messages = {
        "closer": N_("Closer to: {names}."),
        "further": N_("Further from: {names}."),
        "same": N_("As far as before from: {names}."),
        "level": N_("Now at the same stance as: {names}."),
        "joined": N_("Now comparable, at a distance, with: {names}."),
        "left": N_("No longer comparable with: {names}."),
        "apart": N_("Not comparable with: {names} (no position, unclear or not yet recorded on their side)."),
    }
    return tuple(words(messages[key], names=_names(groups[key], words)) for key in messages if key in groups)


def _point(words: Words, issue: Issue, step: Step) -> MovementPoint:
    return MovementPoint(
        day=step.day,
        when=words.day(step.day),
        stance=stance_view(words, issue, step.stance),
        y=y_of(step),
        placed=step.place is not None,
        move=step.move,
        quote=clip(step.first_quote),
        target=Target("compare", issue.id, step.party, step.party, as_of=step.day),
    )


def _moves(words: Words, dataset: Dataset, issue: Issue, cells: dict[str, tuple[Step, ...]]) -> list[MoveLine]:
    out = []
    for party_id, steps in cells.items():
        for before, step in zip(steps, steps[1:], strict=False):
            if not step.move:
                continue
            text = words(
                "{party} moved from {before} to {after} on {day}.",
                party=dataset.parties[party_id].name,
                before=stance_view(words, issue, before.stance).label,
                after=stance_view(words, issue, step.stance).label,
                day=words.day(step.day),
            )
            others = {p: s for p, s in cells.items() if p != party_id}
            out.append(
                MoveLine(
                    party_id=party_id,
                    day=step.day,
                    text=text,
                    relations=relations(words, dataset, step, before, others),
                    target=Target("compare", issue.id, party_id, party_id, as_of=step.day),
                )
            )
    return sorted(out, key=lambda m: m.day)


def issue_movement(
    dataset: Dataset, issue: Issue, party_ids: Sequence[str], as_of: date | None, chosen: bool
) -> IssueMovement:
    words = words_for(dataset)
    styles = party_styles(dataset)
    by_cell = analysis.steps_by_cell(dataset)
    cells = {
        p: analysis.steps_until(by_cell.get((p, issue.id), ()), as_of)
        for p in party_ids
        if analysis.steps_until(by_cell.get((p, issue.id), ()), as_of)
    }
    moves = _moves(words, dataset, issue, cells)
    moved = list(dict.fromkeys(m.party_id for m in moves))
    drawn = list(cells) if chosen or len(cells) <= MAX_LINES else (moved + [p for p in cells if p not in moved])
    drawn = drawn if chosen else drawn[:MAX_LINES]
    series = tuple(
        MovementSeries(
            style=styles[p],
            points=tuple(_point(words, issue, s) for s in cells[p]),
            first_text=words("Not yet recorded before {day}.", day=words.day(cells[p][0].day)),
        )
        for p in cells
        if p in drawn
    )
    days = [s.day for steps in cells.values() for s in steps]
    start, end = (min(days), as_of or max(dataset.dataset_date or max(days), max(days))) if days else (None, None)
    dense_start, _ = dense_period(days)
    opens = (dense_start, end) if dense_start and end else None
    summary = words(
        "{issue}: the place of {n} parties on the scale from {start} to {end}; {moves}. The list below gives each "
        "move in words.",
        issue=issue.title,
        n=len(series),
        start=words.day(start) if start else "–",
        end=words.day(end) if end else "–",
        moves=words.count(len(moves), "{n} move", "{n} moves"),
    )
    note = None
    if len(series) < len(cells):
        note = words(
            "The chart draws {shown} of {total} parties, those that moved first; choose parties in the filters to "
            "draw others.",
            shown=len(series),
            total=len(cells),
        )
    return IssueMovement(
        issue_id=issue.id,
        title=issue.title,
        question=issue.question or "",
        axis=axis(words, issue),
        series=series,
        moves=tuple(moves),
        start=start,
        end=end,
        opens=opens,
        summary=summary,
        drawn_note=note,
        target=Target("compare", issue.id),
    )


@per_view
def movement(dataset: Dataset, state: ViewState) -> MovementView:
    words = words_for(dataset)
    parties = [p.id for p in chosen_parties(dataset, state)]
    issues = tuple(
        issue_movement(dataset, issue, parties, state.as_of, bool(state.parties))
        for issue in chosen_issues(dataset, state)
    )
    styles = party_styles(dataset)
    return MovementView(
        issues=issues,
        styles=tuple(styles[p] for p in parties),
        how_to_read=words(
            "Each line is one party’s place on the issue’s scale through time, one step per recorded version. "
            "“Unclear” and “No public position found” are states of their own, drawn below the scale. A line "
            "starts at the party’s first recorded version: before it, the position is not yet recorded."
        ),
    )
