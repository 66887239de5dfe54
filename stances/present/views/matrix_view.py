"""The Overview's party × issue matrix, its legends and the view's counts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from ...domain import queries
from ...domain.dataset import Dataset
from ...domain.evidence import OWN_WORDS, REPORTING_ONLY
from ...domain.field_types import NO_PUBLIC_POSITION, UNCLEAR
from ...domain.model import Issue
from ...domain.view_state import ViewState
from ..cache import per_view
from ..facts import CHANGED_MARK, DISPUTED_MARK
from ..wording import words_for
from .cell_views import (
    cells,
)
from .common import (
    COMPACT_ABOVE,
    COMPACT_NOTE,
    WORDS_NOTE,
    StanceView,
    Target,
    stance_view,
)
from .trust import EVIDENCE_MARKS, EvidenceView


class LegendItem(NamedTuple):
    stance: StanceView
    meaning: str


@dataclass(frozen=True)
class LegendView:
    scale_id: str
    issues: tuple[str, ...]  # titles of the issues sharing this scale
    items: tuple[LegendItem, ...]
    ends: str | None = None  # "From more limits (first) to fewer limits (last)." where the curator names the ends


@dataclass(frozen=True)
class MatrixCell:
    party_id: str
    party_name: str
    stance: StanceView
    changed: bool
    disputed: bool
    versions: str
    link_text: str  # what the link opens, read after its visible text: "Anthropic on Surveillance; changed"
    target: Target
    evidence: EvidenceView | None = None  # what the cell rests on, as a mark with its text label


@dataclass(frozen=True)
class MatrixRow:
    issue_id: str
    title: str
    tier: str
    question: str
    cells: tuple[MatrixCell, ...]
    target: Target


class CountView(NamedTuple):
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


def legends(dataset: Dataset, issues: Sequence[Issue]) -> tuple[LegendView, ...]:
    """One legend per distinct scale, naming the issues that share it."""
    words = words_for(dataset)
    groups: dict[tuple, list[Issue]] = {}
    for issue in issues:
        key = (tuple((lvl.id, lvl.label) for lvl in issue.scale), issue.ends)
        groups.setdefault(key, []).append(issue)
    out = []
    for group in groups.values():
        first = group[0]
        stances = [lvl.id for lvl in first.scale] + [NO_PUBLIC_POSITION, UNCLEAR]
        items = tuple(LegendItem(view, view.meaning) for view in (stance_view(words, first, s) for s in stances))
        ends = (
            words("From {first} (first place) to {last} (last place).", first=first.ends.first, last=first.ends.last)
            if first.ends
            else None
        )
        out.append(LegendView(scale_id=first.id, issues=tuple(i.title for i in group), items=items, ends=ends))
    return tuple(out)


@per_view
def view_counts(dataset: Dataset, state: ViewState) -> tuple[CountView, ...]:
    """What the view shows, following the filters."""
    words = words_for(dataset)
    issues = queries.chosen_issues(dataset, state)
    parties = queries.chosen_parties(dataset, state)
    view_cells = queries.cells(dataset, state)
    versions = [v for c in view_cells for v in ([c.current] if c.current else []) + list(c.earlier)]
    # The same count as the Sources page for the same issues and parties: the view's bibliography.
    bibliography = queries.sources(dataset, state.with_(kind=None, q=None))
    return (
        CountView(words("Parties"), len(parties)),
        CountView(words("Issues"), len(issues)),
        CountView(words("Position versions"), len(versions)),
        CountView(words("Quotes"), sum(len(v.quotes) for v in versions)),
        CountView(words("Sources in this view"), len(bibliography)),
        CountView(words("Disagreements"), len(queries.disagreements(dataset, state))),
    )


@per_view
def matrix(dataset: Dataset, state: ViewState) -> MatrixView:
    words = words_for(dataset)
    issues = queries.chosen_issues(dataset, state)
    parties = queries.chosen_parties(dataset, state)
    by_key = {(c.issue_id, c.party_id): c for c in cells(dataset, state.with_(evidence=None))}
    rows = []
    for issue in issues:
        row = []
        for party in parties:
            c = by_key[(issue.id, party.id)]
            n = len(c.strip)
            row.append(
                MatrixCell(
                    party_id=party.id,
                    party_name=party.name,
                    stance=c.stance,
                    changed=c.changed,
                    disputed=c.disputed,
                    versions=words.count(n, "{n} version", "{n} versions"),
                    link_text=words("{party} on {issue}", party=party.name, issue=issue.title)
                    + "".join(f"; {m}" for m in c.marks),
                    target=c.target,
                    evidence=c.evidence,
                )
            )
        rows.append(
            MatrixRow(
                issue_id=issue.id,
                title=issue.title,
                tier=words.tier(issue.tier) if dataset.has_tiers else "",
                question=issue.question or "",
                cells=tuple(row),
                target=Target("compare", issue.id),
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
        parties=tuple((p.id, p.name) for p in parties),
        rows=tuple(rows),
        legends=legends(dataset, issues),
        marks=(
            (CHANGED_MARK, words("the position changed since its first version")),
            (DISPUTED_MARK, words("a curated disagreement involves this cell")),
            (EVIDENCE_MARKS[OWN_WORDS], words("own words: the cell rests on a direct quote from the party")),
            (EVIDENCE_MARKS[REPORTING_ONLY], words("reporting only: no direct quote from the party")),
        ),
        counts=view_counts(dataset, state),
        caption=caption + " " + (words(COMPACT_NOTE) if compact else words(WORDS_NOTE)),
        compact=compact,
    )


def uncurated_counts(dataset: Dataset, state: ViewState) -> list[tuple[str, int]]:
    """Far-apart pairs with no curated note, counted per issue: a curator's to-do, never a reader's list."""
    counts: dict[str, int] = {}
    for gap in queries.uncurated_gaps(dataset, state):
        counts[gap.issue.title] = counts.get(gap.issue.title, 0) + 1
    return list(counts.items())
