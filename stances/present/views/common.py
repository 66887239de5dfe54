"""Shared pieces of every view model: link targets, stances, source lines, and the colour tokens."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ...domain import queries
from ...domain.dataset import Dataset, source_outlet
from ...domain.field_types import NOT_YET_RECORDED, UNCLEAR
from ...domain.model import Issue, Source
from ..palette import tone_of
from ..text import safe_href
from ..wording import N_, NOT_RECORDED_MEANING, Words

COMPACT_ABOVE = 8  # parties; a wider matrix shows each stance by its place on the scale
WORDS_NOTE = N_("Stances are written out in words with their place on the scale; colour only repeats them.")
COMPACT_NOTE = N_(
    "Each cell gives the stance’s place on the issue’s scale (see “What the stances mean”; – is no public position "
    "found, ? is unclear, · is not yet recorded); colour only repeats it. Hover or focus a cell for its stance in "
    "words."
)


@dataclass(frozen=True)
class Target:
    """Where a link goes, independent of the skin: a page, and optionally an issue, a party, an anchor and a date."""

    page: str
    issue: str | None = None
    party: str | None = None
    anchor: str | None = None
    as_of: date | None = None  # the view as it stood on this day, where the skin can show one
    evidence: str | None = None  # only the cells with this evidence (see `domain.evidence`)
    other: str | None = None  # the second party of a pair (page "pair")


@dataclass(frozen=True)
class StanceView:
    id: str
    label: str
    meaning: str
    place: int | None  # 1-based place on the scale; None for no position / unclear
    of: int
    tone: str
    place_text: str  # "1 of 3" or ""

    @property
    def short(self) -> str:
        """The stance in one character for a compact matrix: its place on the scale, "–" or "?"."""
        if self.place is not None:
            return str(self.place)
        return {UNCLEAR: "?", NOT_YET_RECORDED: "·"}.get(self.id, "–")

    @property
    def text(self) -> str:
        """The stance in words, with its place on the scale: never colour alone."""
        return f"{self.label} ({self.place_text})" if self.place_text else self.label


@dataclass(frozen=True)
class LinkView:
    label: str
    url: str | None  # a safe http(s) URL, or None to show the label as text


@dataclass(frozen=True)
class SourceLine:
    id: str
    outlet: LinkView
    title: str | None
    published: str
    kind: str
    kind_label: str
    via: str | None
    archive: LinkView | None
    note: str | None = None  # the curator's note on the source, such as that it copies a party's document


def stance_view(words: Words, issue: Issue, stance: str) -> StanceView:
    place = queries.scale_index(issue, stance)
    level = next((lvl for lvl in issue.scale if lvl.id == stance), None)
    if level is not None:
        label, meaning = level.label, level.meaning or words(NOT_RECORDED_MEANING)
    else:
        label, meaning = words.stance_label(stance), words.stance_meaning(stance)
    of = len(issue.scale)
    if stance in (UNCLEAR, NOT_YET_RECORDED):
        tone = stance.replace("_", "-")  # "unclear", "not-yet-recorded"
    elif place is None:
        tone = "none"
    else:
        tone = tone_of(place, of)
    place_text = words("{place} of {of}", place=place + 1, of=of) if place is not None else ""
    return StanceView(
        id=stance,
        label=label,
        meaning=meaning,
        place=None if place is None else place + 1,
        of=of,
        tone=tone,
        place_text=place_text,
    )


def link(label: str, url: str | None) -> LinkView:
    return LinkView(label, safe_href(url) if url else None)


def source_line(words: Words, source: Source) -> SourceLine:
    outlet = source_outlet(source)
    via = " → ".join(r.outlet for r in source.via) if source.via else None
    return SourceLine(
        id=source.id,
        outlet=link(outlet, source.url),
        title=source.title,
        published=words.published(source.published),
        kind=source.kind or "",
        kind_label=words.source_kind(source.kind),
        via=words("via {chain}", chain=via) if via else None,
        archive=link(words("archived copy"), source.archive_url) if source.archive_url else None,
        note=source.note,
    )


def source_lines(words: Words, dataset: Dataset, ids: Iterable[str]) -> tuple[SourceLine, ...]:
    return tuple(source_line(words, dataset.sources[s]) for s in ids)
