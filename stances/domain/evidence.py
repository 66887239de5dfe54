"""The evidence under each cell, as plain facts (no reader words): whether the party's own words carry it, whether
any source is the party's own document, and how many distinct outlets report it.

The facts come from the version the cell leads with (`lead_version`): the current version, unless it holds no
direct quote while an earlier version with the same stance does and the stance has not changed since. Then the
party's own words lead, dated, and the later reporting follows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from .dataset import Dataset, source_outlet
from .field_types import NO_PUBLIC_POSITION
from .model import PositionVersion

OWN_WORDS, REPORTING_ONLY, SINGLE_OUTLET = "own_words", "reporting_only", "single_outlet"
EVIDENCE_CODES = (OWN_WORDS, REPORTING_ONLY, SINGLE_OUTLET)


def has_own_words(version: PositionVersion) -> bool:
    """A direct quote: the party's own words, with a named speaker."""
    return any(q.direct and q.speaker for q in version.quotes)


def lead_version(current: PositionVersion | None, earlier: Sequence[PositionVersion]) -> PositionVersion | None:
    """The version a cell leads with. `earlier` is newest first, as `queries.Cell.earlier` holds it.

    Where the current version rests on reporting, the cell leads with the party's own words from when it first took
    the stance it still holds: the earliest version with a direct quote since the stance last changed."""
    if current is None or current.stance == NO_PUBLIC_POSITION or has_own_words(current):
        return current
    lead = current
    for version in earlier:
        if version.stance != current.stance:
            break  # the stance changed: older own words speak to another stance
        if has_own_words(version):
            lead = version
    return lead


@dataclass(frozen=True)
class CellEvidence:
    """What one cell rests on, from its lead version. Plain fields, for pages, images and analysis tables alike."""

    party: str
    issue: str
    has_position: bool  # False for no public position (or no version yet): the other facts are then all empty
    lead_as_of: date | None  # the day of the version the cell leads with
    leads_with_earlier: bool  # the party's own words lead, from an earlier version than the current one
    own_words: bool  # at least one direct quote with a named speaker
    party_document: bool  # at least one source is the party's own document (kind: primary)
    party_document_copy: bool  # a secondary source relays the party's own document (its `via` names the party)
    reporting_only: bool  # a position with no direct quote: it rests on reporting
    outlets: int  # distinct outlets among the lead version's sources (by outlet, else by URL host)
    single_outlet: bool  # a position resting on one outlet only

    def matches(self, code: str) -> bool:
        """Whether the cell is among those an evidence filter (`own_words`, `reporting_only`, …) counts."""
        return {OWN_WORDS: self.own_words, REPORTING_ONLY: self.reporting_only, SINGLE_OUTLET: self.single_outlet}.get(
            code, False
        )


def cell_evidence(
    dataset: Dataset,
    party: str,
    issue: str,
    current: PositionVersion | None,
    earlier: Sequence[PositionVersion],
) -> CellEvidence:
    lead = lead_version(current, earlier)
    if lead is None or lead.stance == NO_PUBLIC_POSITION:
        return CellEvidence(
            party, issue, False, lead.as_of if lead else None, False, False, False, False, False, 0, False
        )
    own = has_own_words(lead)
    sources = [dataset.sources[s] for s in lead.sources if s in dataset.sources]
    outlets = len({source_outlet(s) for s in sources})
    names = _party_names(dataset, party)
    return CellEvidence(
        party,
        issue,
        True,
        lead.as_of,
        lead is not current,
        own,
        any(s.kind == "primary" for s in sources),
        any(s.kind != "primary" and any(r.outlet.casefold() in names for r in s.via) for s in sources),
        not own,
        outlets,
        outlets == 1,
    )


def _party_names(dataset: Dataset, party: str) -> set[str]:
    record = dataset.parties.get(party)
    return {n.casefold() for n in ([record.name, *record.also_known_as] if record else [])}


@dataclass(frozen=True)
class TrustCounts:
    """The trust line's figures: quotes matched of all quotes; cells on own words, on reporting only and on a single
    outlet, of the cells that hold a position."""

    quotes_matched: int
    quotes: int
    own_words: int
    reporting_only: int
    single_outlet: int
    cells: int


def trust_counts(quotes_matched: int, quotes: int, evidence: Sequence[CellEvidence]) -> TrustCounts:
    placed = [e for e in evidence if e.has_position]
    return TrustCounts(
        quotes_matched,
        quotes,
        sum(1 for e in placed if e.own_words),
        sum(1 for e in placed if e.reporting_only),
        sum(1 for e in placed if e.single_outlet),
        len(placed),
    )
