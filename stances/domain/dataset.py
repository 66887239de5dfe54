"""The validated dataset: an immutable, indexed view of every file in a positions folder."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from urllib.parse import urlsplit

from ..present.wording import SPECIAL_STANCE_LABELS, SPECIAL_STANCE_MEANINGS
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
        """What the dataset holds, keyed by a singular noun, in the order readers see it."""
        return {
            "party": len(self.parties),
            "issue": len(self.issues),
            "party × issue cell": len(self.history),
            "position version": len(self.versions),
            "quote": sum(len(cell.version.quotes) for cell in self.versions),
            "source": len(self.sources),
            "disagreement": len(self.disagreements),
            "event": len(self.events),
        }

    @cached_property
    def latest_date(self) -> date | None:
        """The dataset's date: the latest dated fact it records."""
        dates = [v.version.as_of for v in self.versions]
        dates += [s.published for s in self.sources.values() if isinstance(s.published, date)]
        return max(dates, default=None)

    @cached_property
    def latest_source_date(self) -> date | None:
        return max((s.published for s in self.sources.values() if isinstance(s.published, date)), default=None)

    def stance_label(self, issue: str, stance: str) -> str:
        for level in self.issues[issue].scale:
            if level.id == stance:
                return level.label
        return SPECIAL_STANCE_LABELS.get(stance, stance)

    def stance_meaning(self, issue: str, stance: str) -> str | None:
        """What the level means, or None where the curator recorded no meaning."""
        for level in self.issues[issue].scale:
            if level.id == stance:
                return level.meaning
        return SPECIAL_STANCE_MEANINGS.get(stance)

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

    @property
    def date_text(self) -> str:
        """The dataset's date for readers: when its latest source was published."""
        return self.latest_source_date.isoformat() if self.latest_source_date else "unknown"
