"""The analysis table: one pandas DataFrame per dataset, a row per position version, built once and shared.

Every chart of movement and agreement is computed from it, and it is the download (CSV with stable machine
headers) on those pages. pandas is imported here only, through `heavy`, and only when a page that needs the
table asks for it: the Overview never does.

Columns (the CSV headers, in order):

- `party`, `issue`: ids; `as_of`: the version's day (ISO); `time`: HH:MM or empty; `seq`: 1 for a cell's first
  version, counting up in the record's order (day, time, order);
- `stance`: the stance id; `state`: `placed`, `no_public_position` or `unclear`; `place`: 1-based place on the
  issue's scale, empty off the scale; `levels`: how many levels the scale has;
- `move`: true when the stance differs from the party's previous version on that issue (never for a first
  version); `previous_stance`: that previous stance, empty for a first version;
- `first_quote`, `first_quote_direct`: the version's first quote and whether it is the party's own words;
- the evidence under the cell as it stood at that version, copied from the domain's `CellEvidence`
  (`stances/domain/evidence.py`) and never recomputed here: `lead_as_of` (the day of the version the cell leads
  with), `leads_with_earlier`, `own_words`, `party_document`, `party_document_copy`, `reporting_only`, `outlets`
  (a number) and `single_outlet`. A "no public position" row has them all false, 0 or empty but `lead_as_of`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..csv_text import csv_text
from ..domain.dataset import Dataset
from ..domain.evidence import cell_evidence
from ..domain.field_types import NO_PUBLIC_POSITION, UNCLEAR
from ..domain.queries import scale_index
from . import heavy
from .cache import per_view

BASE_COLUMNS = (
    "party",
    "issue",
    "as_of",
    "time",
    "seq",
    "stance",
    "state",
    "place",
    "levels",
    "move",
    "previous_stance",
    "first_quote",
    "first_quote_direct",
)
# CellEvidence's fields, copied as they are, in this order.
EVIDENCE_COLUMNS = (
    "lead_as_of",
    "leads_with_earlier",
    "own_words",
    "party_document",
    "party_document_copy",
    "reporting_only",
    "outlets",
    "single_outlet",
)
PLACED = "placed"
_TRUE_FALSE = ("move", "first_quote_direct", *(c for c in EVIDENCE_COLUMNS if c not in ("lead_as_of", "outlets")))


def columns() -> tuple[str, ...]:
    return (*BASE_COLUMNS, *EVIDENCE_COLUMNS)


def _state(stance: str, place: int | None) -> str:
    if place is not None:
        return PLACED
    return UNCLEAR if stance == UNCLEAR else NO_PUBLIC_POSITION


def _records(dataset: Dataset) -> list[dict[str, Any]]:
    issue_order = {i: n for n, i in enumerate(dataset.issues)}
    party_order = {p: n for n, p in enumerate(dataset.parties)}
    rows: list[dict[str, Any]] = []
    for (party, issue_id), versions in sorted(
        dataset.history.items(), key=lambda kv: (issue_order[kv[0][1]], party_order[kv[0][0]])
    ):
        issue = dataset.issues[issue_id]
        previous: str | None = None
        for seq, version in enumerate(versions, start=1):
            index = scale_index(issue, version.stance)
            place = None if index is None else index + 1
            first = version.quotes[0] if version.quotes else None
            row: dict[str, Any] = {
                "party": party,
                "issue": issue_id,
                "as_of": version.as_of,
                "time": version.time.strftime("%H:%M") if version.time else "",
                "seq": seq,
                "stance": version.stance,
                "state": _state(version.stance, place),
                "place": place,
                "levels": len(issue.scale),
                "move": previous is not None and version.stance != previous,
                "previous_stance": previous or "",
                "first_quote": first.text if first else "",
                "first_quote_direct": bool(first and first.direct),
            }
            evidence = cell_evidence(dataset, party, issue_id, version, versions[: seq - 1][::-1])
            row.update({name: getattr(evidence, name) for name in EVIDENCE_COLUMNS})
            rows.append(row)
            previous = version.stance
    return rows


@per_view
def analysis_table(dataset: Dataset) -> Any:
    """The table (a pandas DataFrame), in issue order, then party order, then each cell's versions oldest first."""
    pd = heavy.pandas()
    frame = pd.DataFrame(_records(dataset), columns=list(columns()))
    frame["place"] = frame["place"].astype("Int64")
    frame["seq"] = frame["seq"].astype("int64")
    frame["outlets"] = frame["outlets"].astype("int64")
    for name in _TRUE_FALSE:
        frame[name] = frame[name].astype("bool")
    return frame


def table_csv(frame: Any) -> str:
    """The download: stable machine headers, days as ISO, every cell inert in a spreadsheet."""
    records = frame.astype(object).where(frame.notna(), None).to_dict("records")
    for row in records:
        for name in ("as_of", "lead_as_of"):
            row[name] = row[name].isoformat() if row[name] else ""
        for name in _TRUE_FALSE:
            row[name] = "true" if row[name] else "false"
    return csv_text(list(frame.columns), records)


@dataclass(frozen=True)
class Step:
    """One version of one cell, as the charts read it from the table."""

    party: str
    issue: str
    day: date
    seq: int
    stance: str
    state: str
    place: int | None
    levels: int
    move: bool
    previous_stance: str
    first_quote: str


@per_view
def steps_by_cell(dataset: Dataset) -> dict[tuple[str, str], tuple[Step, ...]]:
    """The table's rows per (party, issue), oldest first: the one read of the table every view model starts from."""
    frame = analysis_table(dataset)
    out: dict[tuple[str, str], list[Step]] = {}
    pd = heavy.pandas()
    for row in frame.itertuples(index=False):
        place = None if pd.isna(row.place) else int(row.place)
        step = Step(
            party=row.party,
            issue=row.issue,
            day=row.as_of,
            seq=int(row.seq),
            stance=row.stance,
            state=row.state,
            place=place,
            levels=int(row.levels),
            move=bool(row.move),
            previous_stance=row.previous_stance,
            first_quote=row.first_quote,
        )
        out.setdefault((row.party, row.issue), []).append(step)
    return {key: tuple(value) for key, value in out.items()}


def steps_until(steps: Sequence[Step], as_of: date | None) -> tuple[Step, ...]:
    return tuple(s for s in steps if as_of is None or s.day <= as_of)


def standing(steps: Sequence[Step], day: date) -> Step | None:
    """The version that stood on `day` (the day's last one); None before the first: "not yet recorded"."""
    current = None
    for step in steps:
        if step.day > day:
            break
        current = step
    return current


def sources_frame(rows: Sequence[dict[str, Any]]) -> Any:
    """The sources as a sortable table: outlet, title, kind, published, cited by (a number), and the URL."""
    pd = heavy.pandas()
    frame = pd.DataFrame(list(rows), columns=["outlet", "title", "kind", "published", "cited_by", "url"])
    frame["cited_by"] = frame["cited_by"].astype("int64")
    return frame
