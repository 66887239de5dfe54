"""Pairs: how far apart two parties stand, issue by issue and overall, and how that changed.

Agreement is measured on the curators' ordinal scales, from the analysis table. On one issue the distance is
|place A − place B| / (levels − 1), from 0 (the same stance) to 1 (the two ends of the scale). Overall agreement is
1 − the mean distance over the comparable issues. An issue is not comparable when either party has no public
position, is unclear, or is not yet recorded there; the view says how many were not comparable.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import combinations

from ..domain.dataset import Dataset
from ..domain.field_types import UNCLEAR
from ..domain.queries import cell, chosen_issues
from ..domain.view_state import ViewState
from . import analysis
from .analysis import Step
from .cache import per_view
from .views import (
    DisagreementView,
    QuoteView,
    StanceView,
    Target,
    disagreement_view,
    quote_view,
    stance_view,
    words_for,
)
from .wording import Words

FURTHEST = 3  # issues shown with both parties' own words
ALL_PAIR_PAGES_UP_TO = 12  # parties; beyond, the static site writes only the pairs that matter most


def distance(a: Step | None, b: Step | None) -> float | None:
    """|place A − place B| / (levels − 1); None when either is off the scale or not yet recorded."""
    if a is None or b is None or a.place is None or b.place is None:
        return None
    return abs(a.place - b.place) / max(a.levels - 1, 1)


@dataclass(frozen=True)
class Agreement:
    value: float | None  # 1 − mean distance over the comparable issues; None when none is comparable
    comparable: int
    not_comparable: int


def agreement(distances: Sequence[float | None]) -> Agreement:
    known = [d for d in distances if d is not None]
    value = 1 - sum(known) / len(known) if known else None
    return Agreement(value=value, comparable=len(known), not_comparable=len(distances) - len(known))


def _standing(dataset: Dataset, party: str, issue: str, day: date | None) -> Step | None:
    steps = analysis.steps_by_cell(dataset).get((party, issue), ())
    if day is None:
        return steps[-1] if steps else None
    return analysis.standing(steps, day)


def pair_agreement(dataset: Dataset, a: str, b: str, issues: Sequence[str], day: date | None) -> Agreement:
    return agreement([distance(_standing(dataset, a, i, day), _standing(dataset, b, i, day)) for i in issues])


def percent(words: Words, value: float | None) -> str:
    return words("{value}%", value=round(100 * value)) if value is not None else words("not comparable")


# --- the pair page -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PairIssue:
    issue_id: str
    title: str
    a: StanceView | None  # None: not yet recorded
    b: StanceView | None
    a_text: str
    b_text: str
    distance: float | None
    distance_text: str
    target: Target


@dataclass(frozen=True)
class AgreementPoint:
    day: date
    when: str
    value: float | None
    text: str


@dataclass(frozen=True)
class PartyWords:
    party_name: str
    stance: str
    quote: QuoteView | None
    summary: str | None  # the curator's summary, shown apart from the party's words
    target: Target


@dataclass(frozen=True)
class FarApart:
    issue_id: str
    title: str
    distance_text: str
    a: PartyWords
    b: PartyWords


@dataclass(frozen=True)
class PairView:
    a_id: str
    a_name: str
    b_id: str
    b_name: str
    issues: tuple[PairIssue, ...]
    agreement: Agreement
    agreement_text: str
    basis_text: str  # "over 5 comparable issues; 2 not comparable"
    over_time: tuple[AgreementPoint, ...]
    over_time_text: str  # the line chart's text alternative
    furthest: tuple[FarApart, ...]
    disagreements: tuple[DisagreementView, ...]
    target: Target


def _state_text(words: Words, step: Step | None, view: StanceView | None) -> str:
    if step is None or view is None:
        return words("Not yet recorded")
    return view.text


def _distance_text(words: Words, a: Step | None, b: Step | None) -> str:
    d = distance(a, b)
    if d is None or a is None or b is None or a.place is None or b.place is None:
        missing = [s for s in (a, b) if s is None or s.place is None]
        reason = (
            words("not yet recorded")
            if any(s is None for s in missing)
            else words("unclear")
            if any(s is not None and s.stance == UNCLEAR for s in missing)
            else words("no public position")
        )
        return words("Not comparable ({reason})", reason=reason)
    steps, of = abs(a.place - b.place), max(a.levels - 1, 1)
    total = words.count(of, "{n} step", "{n} steps")
    shown = format(d, ".2f")
    return words("{steps} of {total} apart (distance {d})", steps=steps, total=total, d=shown)


def _party_words(dataset: Dataset, words: Words, party: str, issue: str, as_of: date | None) -> PartyWords:
    c = cell(dataset, dataset.parties[party], dataset.issues[issue], as_of)
    version = c.current
    # The party's own words for this stance: from the current version, else the latest earlier one that holds them.
    same = [v for v in ([version] if version else []) + list(c.earlier) if v.stance == c.stance]
    said = next(((v, q) for v in same for q in v.quotes if q.direct and q.speaker), None)
    return PartyWords(
        party_name=dataset.parties[party].name,
        stance=stance_view(words, dataset.issues[issue], c.stance).text,
        quote=quote_view(words, dataset, said[1], said[0].as_of) if said else None,
        summary=version.summary if version else None,
        target=Target("compare", issue, party, party, as_of=as_of),
    )


def over_time(dataset: Dataset, words: Words, a: str, b: str, issues: Sequence[str], as_of: date | None):
    by_cell = analysis.steps_by_cell(dataset)
    days = sorted({s.day for p in (a, b) for i in issues for s in analysis.steps_until(by_cell.get((p, i), ()), as_of)})
    points = []
    for day in days:
        result = pair_agreement(dataset, a, b, issues, day)
        points.append(
            AgreementPoint(day=day, when=words.day(day), value=result.value, text=percent(words, result.value))
        )
    return tuple(points)


@per_view
def pair(dataset: Dataset, state: ViewState, a: str, b: str) -> PairView:
    words = words_for(dataset)
    issues = chosen_issues(dataset, state)
    ids = [i.id for i in issues]
    rows = []
    for issue in issues:
        sa, sb = _standing(dataset, a, issue.id, state.as_of), _standing(dataset, b, issue.id, state.as_of)
        va = stance_view(words, issue, sa.stance) if sa else None
        vb = stance_view(words, issue, sb.stance) if sb else None
        rows.append(
            PairIssue(
                issue_id=issue.id,
                title=issue.title,
                a=va,
                b=vb,
                a_text=_state_text(words, sa, va),
                b_text=_state_text(words, sb, vb),
                distance=distance(sa, sb),
                distance_text=_distance_text(words, sa, sb),
                target=Target("compare", issue.id),
            )
        )
    result = agreement([r.distance for r in rows])
    far = sorted((r for r in rows if r.distance), key=lambda r: -(r.distance or 0))[:FURTHEST]
    points = over_time(dataset, words, a, b, ids, state.as_of)
    a_name, b_name = dataset.parties[a].name, dataset.parties[b].name
    return PairView(
        a_id=a,
        a_name=a_name,
        b_id=b,
        b_name=b_name,
        issues=tuple(rows),
        agreement=result,
        agreement_text=percent(words, result.value),
        basis_text=words(
            "{comparable}; {not_comparable}",
            comparable=words.count(result.comparable, "over {n} comparable issue", "over {n} comparable issues"),
            not_comparable=words.count(result.not_comparable, "{n} not comparable", "{n} not comparable"),
        ),
        over_time=points,
        over_time_text=words(
            "Agreement of {a} and {b} at each date when either recorded a version: {points}.",
            a=a_name,
            b=b_name,
            points=words("; ").join(f"{p.when}: {p.text}" for p in points) or "–",
        ),
        furthest=tuple(
            FarApart(
                issue_id=r.issue_id,
                title=r.title,
                distance_text=r.distance_text,
                a=_party_words(dataset, words, a, r.issue_id, state.as_of),
                b=_party_words(dataset, words, b, r.issue_id, state.as_of),
            )
            for r in far
        ),
        disagreements=tuple(
            disagreement_view(dataset, d)
            for d in dataset.disagreements
            if a in d.parties and b in d.parties and d.issue in ids
        ),
        target=pair_target(a, b),
    )


def pair_target(a: str, b: str) -> Target:
    return Target("pair", party=a, other=b)


# --- every pair ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MatrixEntry:
    a_id: str
    b_id: str
    value: float | None
    text: str
    disagreements: int
    label: str  # "Anthropic and Google: 50% agreement, 1 curated disagreement"
    target: Target
    has_site_page: bool


@dataclass(frozen=True)
class AgreementMatrix:
    parties: tuple[tuple[str, str], ...]
    rows: tuple[tuple[MatrixEntry | None, ...], ...]  # None on the diagonal
    default: tuple[str, str] | None
    caption: str


def _curated_counts(dataset: Dataset) -> dict[frozenset[str], int]:
    counts: dict[frozenset[str], int] = {}
    for d in dataset.disagreements:
        for x, y in combinations(dict.fromkeys(d.parties), 2):
            key = frozenset((x, y))
            counts[key] = counts.get(key, 0) + 1
    return counts


@per_view
def _all_agreements(dataset: Dataset, state: ViewState) -> dict[frozenset[str], Agreement]:
    ids = [i.id for i in chosen_issues(dataset, state)]
    stands = {(p, i): _standing(dataset, p, i, state.as_of) for p in dataset.parties for i in ids}
    return {
        frozenset((x, y)): agreement([distance(stands[(x, i)], stands[(y, i)]) for i in ids])
        for x, y in combinations(dataset.parties, 2)
    }


def default_pair(dataset: Dataset, state: ViewState) -> tuple[str, str] | None:
    """The pair with the most curated disagreements; ties go to the lowest agreement, then id order."""
    if len(dataset.parties) < 2:
        return None
    counts, results = _curated_counts(dataset), _all_agreements(dataset, state)

    def rank(pair: tuple[str, str]) -> tuple:
        value = results[frozenset(pair)].value
        return (-counts.get(frozenset(pair), 0), 2.0 if value is None else value, pair)

    return min((tuple(sorted(p)) for p in combinations(dataset.parties, 2)), key=rank)  # type: ignore[arg-type]


def site_pairs(dataset: Dataset) -> set[frozenset[str]]:
    """The pairs the static site writes a page for: all up to 12 parties; beyond, the pairs that share a curated
    disagreement, and each party's closest and furthest party (latest positions)."""
    pairs = [frozenset(p) for p in combinations(dataset.parties, 2)]
    if len(dataset.parties) <= ALL_PAIR_PAGES_UP_TO:
        return set(pairs)
    chosen = set(_curated_counts(dataset))
    results = _all_agreements(dataset, ViewState())
    for party in dataset.parties:
        known = sorted((results[p].value, sorted(p)) for p in pairs if party in p and results[p].value is not None)
        if known:
            chosen.add(frozenset(known[0][1]))
            chosen.add(frozenset(max(known, key=lambda k: (k[0], [-ord(c) for c in "".join(k[1])]))[1]))
    return chosen


@per_view
def agreement_matrix(dataset: Dataset, state: ViewState) -> AgreementMatrix:
    words = words_for(dataset)
    counts, results, on_site = _curated_counts(dataset), _all_agreements(dataset, state), site_pairs(dataset)
    rows = []
    for x in dataset.parties:
        row: list[MatrixEntry | None] = []
        for y in dataset.parties:
            if x == y:
                row.append(None)
                continue
            key = frozenset((x, y))
            result, n = results[key], counts.get(key, 0)
            text = percent(words, result.value)
            first, second = sorted((x, y))
            row.append(
                MatrixEntry(
                    a_id=x,
                    b_id=y,
                    value=result.value,
                    text=text,
                    disagreements=n,
                    label=words(
                        "{a} and {b}: {value} agreement; {disagreements}",
                        a=dataset.parties[x].name,
                        b=dataset.parties[y].name,
                        value=text,
                        disagreements=words.count(n, "{n} curated disagreement", "{n} curated disagreements"),
                    ),
                    target=pair_target(first, second),
                    has_site_page=key in on_site,
                )
            )
        rows.append(tuple(row))
    return AgreementMatrix(
        parties=tuple((p.id, p.name) for p in dataset.parties.values()),
        rows=tuple(rows),
        default=default_pair(dataset, state),
        caption=words(
            "Agreement of every pair of parties on the curators’ ordinal scales (100% is the same stance on every "
            "comparable issue); each cell opens the pair. How it is computed: see About & method."
        ),
    )


@dataclass(frozen=True)
class ChosenPair:
    a: str
    b: str
    notice: str | None  # an English message id, when the URL's pair could not be used


def resolve_pair(dataset: Dataset, state: ViewState, default: tuple[str, str] | None) -> ChosenPair | None:
    """The pair in the URL if it is two different known parties; otherwise the default pair, with a notice."""
    if default is None:
        return None
    a, b = state.a, state.b
    if a and b and a != b and a in dataset.parties and b in dataset.parties:
        return ChosenPair(a=a, b=b, notice=None)
    if a is None and b is None:
        return ChosenPair(*default, None)
    if a and a == b:
        return ChosenPair(*default, "A pair needs two different parties; showing the default pair instead.")
    return ChosenPair(*default, "A pair needs two known parties, a and b; showing the default pair instead.")
