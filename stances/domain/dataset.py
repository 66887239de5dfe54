"""The validated dataset: an immutable, indexed view of every file in a positions folder."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from urllib.parse import urlsplit

from .model import (
    Correction,
    DatasetInfo,
    Disagreement,
    Event,
    Issue,
    Party,
    PositionVersion,
    Reply,
    Scale,
    Source,
    Speaker,
    StanceLevel,
)
from .quote_checks import QuoteCheck, check_quotes


def source_outlet(source: Source) -> str:
    """The outlet as recorded; without one, the host of the source's URL (without `www.`)."""
    if source.outlet:
        return source.outlet
    host = urlsplit(source.url).hostname or source.url
    return host.removeprefix("www.")


# The codes of Dataset.counts, in the order readers see them; each interface words them its own way.
COUNT_KEYS = ("parties", "issues", "cells", "versions", "quotes", "sources", "disagreements", "events")


@dataclass(frozen=True)
class CellVersion:
    """One dated version of one party's position on one issue."""

    party: str
    issue: str
    version: PositionVersion


@dataclass(frozen=True)
class Dataset:
    info: DatasetInfo | None
    parties: dict[str, Party]
    issues: dict[str, Issue]
    sources: dict[str, Source]
    versions: tuple[CellVersion, ...]
    disagreements: tuple[Disagreement, ...]
    events: tuple[Event, ...]
    fingerprint: str = ""
    speakers: dict[str, Speaker] = field(default_factory=dict)
    scales: dict[str, Scale] = field(default_factory=dict)
    corrections: tuple[Correction, ...] = ()
    """The public corrections log, newest first."""
    replies: tuple[Reply, ...] = ()
    """The parties' replies (or that none came), in file order."""

    @cached_property
    def quote_checks(self) -> dict[tuple[str, str], QuoteCheck]:
        """Every quote's check against its source's excerpts, by (text, source id); never written into the data."""
        return check_quotes((q for cell in self.versions for q in cell.version.quotes), self.sources)

    @cached_property
    def history(self) -> dict[tuple[str, str], tuple[PositionVersion, ...]]:
        """Versions per (party, issue), oldest first."""
        cells: dict[tuple[str, str], list[PositionVersion]] = {}
        for cell in self.versions:
            cells.setdefault((cell.party, cell.issue), []).append(cell.version)
        return {key: tuple(sorted(v, key=lambda x: x.sort_key)) for key, v in cells.items()}

    @cached_property
    def citations(self) -> dict[str, list[CellVersion]]:
        """For each source id, the position versions that cite it."""
        out: dict[str, list[CellVersion]] = {}
        for cell in self.versions:
            for source in cell.version.sources:
                out.setdefault(source, []).append(cell)
        return out

    @cached_property
    def counts(self) -> dict[str, int]:
        """What the dataset holds, keyed by a code (see COUNT_KEYS), in the order readers see it."""
        return dict(
            zip(
                COUNT_KEYS,
                (
                    len(self.parties),
                    len(self.issues),
                    len(self.history),
                    len(self.versions),
                    sum(len(cell.version.quotes) for cell in self.versions),
                    len(self.sources),
                    len(self.disagreements),
                    len(self.events),
                ),
                strict=True,
            )
        )

    @cached_property
    def dataset_date(self) -> date | None:
        """The dataset's date: when its latest source was published; None when no source has a date.

        The one definition: pages, citations, images and feeds all state this date (worded in `stances.present`)."""
        return max((s.published for s in self.sources.values() if isinstance(s.published, date)), default=None)

    @cached_property
    def record_end(self) -> date | None:
        """The latest date anywhere in the record (versions, sources, events, corrections): where date ranges end."""
        dates = [v.version.as_of for v in self.versions]
        dates += [s.published for s in self.sources.values() if isinstance(s.published, date)]
        dates += [d for e in self.events for d in e.all_dates]
        dates += [c.date for c in self.corrections]
        return max(dates, default=None)

    def scale_level(self, issue: str, stance: str) -> StanceLevel | None:
        """The level of the issue's scale with this id; None for a stance off the scale (no position, unclear)."""
        return next((level for level in self.issues[issue].scale if level.id == stance), None)

    @cached_property
    def distinct_scales(self) -> list[tuple[tuple[StanceLevel, ...], list[Issue]]]:
        """Each distinct list of levels once, with the issues that use it, in issue order."""
        groups: dict[tuple[StanceLevel, ...], list[Issue]] = {}
        for issue in self.issues.values():
            groups.setdefault(tuple(issue.scale), []).append(issue)
        return list(groups.items())

    @cached_property
    def has_tiers(self) -> bool:
        """Whether the curator split issues into core and secondary."""
        return any(issue.tier for issue in self.issues.values())
