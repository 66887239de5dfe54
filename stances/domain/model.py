"""The curated-data schema: every YAML file in a positions folder is a `DataFile`.

Besides the types, each record checks the rules that concern it alone (a direct quote has a speaker, an event
has exactly one form of date, a URL is http(s), no date is after "today", ...). "Today" comes from the
validation context, `model_validate(data, context={"today": date})`; without it, no date counts as in the
future. A broken rule is reported with the error type `RECORD_RULE`, at the field it concerns.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationInfo,
    model_validator,
)

from .field_types import (
    NO_PUBLIC_POSITION,
    Basis,
    Binding,
    ClaimType,
    DateKind,
    Id,
    Language,
    Loc,
    PastDate,
    PastDateOrUnknown,
    SourceKind,
    Text,
    Tier,
    Url,
    enforce,
)


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Term(Record):
    """One entry of a dataset's own vocabulary: a new term, or a new label for a built-in one."""

    id: Id
    label: Text


class DatasetInfo(Record):
    title: Text
    description: Text
    corrections: Text = Field(description="How a reader reports a correction.")
    curator: Text | None = None
    license: Text | None = None
    language: Language = Field(default="en", description="BCP 47 tag of the data's language, e.g. en or de.")
    publisher: Text | None = None
    contact: Text | None = None
    corrections_url: Url | None = None
    complete_issues: list[Id] | None = Field(
        default=None, description="Issues every party must have a position on (default: core issues, else all)."
    )
    party_kinds: list[Text] | None = Field(
        default=None, description="The allowed party kinds; without it, a party's kind is free text."
    )
    claim_types: list[Term] | None = Field(
        default=None,
        description="More claim types, or new labels for the built-in ones (statement, policy, contract_term, "
        "action, report), e.g. [{id: signed_code, label: signed a voluntary code}].",
    )


class StanceLevel(Record):
    id: Id
    label: Text
    meaning: Text | None = None


Levels = Annotated[list[StanceLevel], Field(min_length=2)]


def _scale_form(value: object) -> str:
    return "id" if isinstance(value, str) else "levels"


LevelsOrScaleId = Annotated[Annotated[Levels, Tag("levels")] | Annotated[Id, Tag("id")], Discriminator(_scale_form)]


class ScaleEnds(Record):
    """What a scale's two ends stand for, so that "first" means the same kind of answer on every row."""

    first: Text = Field(description="The pole of the first level, e.g. 'the vendor's limits'.")
    last: Text = Field(description="The pole of the last level, e.g. 'the government's terms'.")


class Scale(Record):
    """A scale shared by several issues, which name it by id."""

    id: Id
    levels: Levels = Field(description="Ordered from one pole to the other.")
    description: Text | None = None
    ends: ScaleEnds | None = Field(default=None, description="What the first and the last level stand for.")


class Issue(Record):
    id: Id
    title: Text = Field(description="Short label shown in tables.")
    question: Text | None = Field(default=None, description="The neutral question the scale answers.")
    tier: Tier | None = None
    scale: LevelsOrScaleId = Field(
        description="The levels, ordered from one pole to the other, or the id of a shared scale. "
        "In a validated Dataset it is always the list of levels."
    )
    description: Text | None = None
    ends: ScaleEnds | None = Field(
        default=None, description="What the first and the last level stand for; default: the shared scale's ends."
    )


class Speaker(Record):
    id: Id
    name: Text
    role: Text | None = None
    note: Text | None = None


class Party(Record):
    id: Id
    name: Text
    kind: Text | None = Field(default=None, description="Free text, or one of dataset.yaml's party_kinds.")
    also_known_as: list[Text] = []
    description: Text | None = None
    speakers: list[Speaker] = []


class Quote(Record):
    text: Text = Field(description="Verbatim, character for character, as in the cited source.")
    speaker: Id | None = Field(
        default=None, description="A speaker id from any party's speakers list; none only for reported text."
    )
    source: Id
    direct: bool = Field(
        default=True, description="True: the party's own words. False: the outlet's reporting, shown as such."
    )
    note: Text | None = None
    date: PastDate | None = Field(
        default=None, description="When these words were said or written, where that is not the version's as_of."
    )

    @model_validator(mode="after")
    def _direct_quote_has_speaker(self, info: ValidationInfo) -> Quote:
        if self.direct and self.speaker is None:
            enforce(self, info, [(("speaker",), "a direct quote needs a speaker")])
        return self


def _time_of_day(value: object) -> object:
    """YAML 1.1 reads an unquoted 14:00 as the base-60 number 840; take it back to the time written."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24 * 60:
        return dt.time(value // 60, value % 60)
    return value


TimeOfDay = Annotated[dt.time, BeforeValidator(_time_of_day)]


def _is_time(text: str) -> bool:
    try:
        dt.time.fromisoformat(text.zfill(5))
    except ValueError:
        return False
    return True


_DATE_AND_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ](\d{1,2}:\d{2})$")


class PositionVersion(Record):
    as_of: PastDate
    time: TimeOfDay | None = Field(
        default=None, description="Time of day (HH:MM), so two versions can share a day; or as_of: YYYY-MM-DDTHH:MM."
    )
    order: int | None = Field(default=None, ge=0, description="Order among versions sharing a day, lowest first.")
    stance: Id
    summary: Text | None = Field(default=None, description="One neutral sentence in the curator's voice.")
    quotes: list[Quote] = []
    claim_type: ClaimType | None = None
    basis: Basis | None = None
    binding: Binding | None = None
    sources: list[Id] = []
    change: Text | None = Field(default=None, description="What changed against the previous version.")
    gap: Text | None = Field(default=None, description="For no_public_position: what was searched for.")

    @model_validator(mode="after")
    def _fits_its_stance(self, info: ValidationInfo) -> PositionVersion:
        enforce(self, info, self._broken_rules())
        return self

    def _broken_rules(self) -> Iterable[tuple[Loc, str]]:
        if self.stance == NO_PUBLIC_POSITION:
            if self.quotes:
                yield ("quotes",), f"a {NO_PUBLIC_POSITION} version cannot carry quotes"
            return
        if not self.sources:
            yield ("sources",), "a position needs at least one source"

    @model_validator(mode="before")
    @classmethod
    def _split_time(cls, data: Any) -> Any:
        """`as_of: 2026-03-02T14:00` is the day plus `time: 14:00`."""
        if isinstance(data, dict) and isinstance(data.get("as_of"), str) and "time" not in data:
            match = _DATE_AND_TIME.match(data["as_of"].strip())
            if match and _is_time(match[2]):  # otherwise as_of is reported as not a date
                return {**data, "as_of": match[1], "time": match[2]}
        return data

    @property
    def sort_key(self) -> tuple[dt.date, dt.time, int]:
        """Oldest first: by day, then time of day, then explicit order."""
        return (self.as_of, self.time or dt.time.min, self.order or 0)

    @property
    def effective_basis(self) -> Basis | None:
        """The recorded basis; without one, direct if a quote is the party's own words, reported if only
        the outlet's words are quoted, and None (not recorded) without quotes."""
        if self.basis is not None or not self.quotes:
            return self.basis
        return "direct" if any(q.direct for q in self.quotes) else "reported"


class Position(Record):
    party: Id | None = Field(default=None, description="Defaults to the party declared in the same file.")
    issue: Id
    versions: list[PositionVersion] = Field(min_length=1)


class Excerpt(Record):
    text: Text
    speaker: Text | None = None
    direct: bool
    note: Text | None = None
    date: PastDate | None = Field(
        default=None, description="When these words were said or written, where the page says so."
    )


class Relay(Record):
    outlet: Text
    url: Url | None = None
    source: Id | None = None
    note: Text | None = None


class Source(Record):
    id: Id
    url: Url
    outlet: Text | None = None
    title: Text | None = None
    published: PastDateOrUnknown | None = None
    accessed: PastDateOrUnknown | None = None
    kind: SourceKind | None = None
    via: list[Relay] = []
    archive_url: Url | None = None
    date_note: Text | None = None
    note: Text | None = Field(
        default=None,
        description="The curator's note on the source, e.g. an aggregator copy or a page written by a party's agent.",
    )
    excerpts: list[Excerpt] = []


class DisagreementSide(Record):
    party: Id
    claim: Text = Field(description="The curator's neutral account of this side.")
    sources: list[Id] = Field(min_length=1)
    quotes: list[Quote] = Field(default=[], description="This side's own words, each from one of its sources.")


class Disagreement(Record):
    id: Id
    title: Text | None = Field(default=None, description="A short title; without one, the parties' names.")
    issue: Id
    parties: list[Id] = Field(min_length=2)
    crux: Text = Field(description="What exactly is disputed, in one sentence.")
    note: Text | None = None
    sides: list[DisagreementSide] = Field(min_length=2)

    @model_validator(mode="after")
    def _sides_match_parties(self, info: ValidationInfo) -> Disagreement:
        enforce(self, info, self._broken_rules())
        return self

    def _broken_rules(self) -> Iterable[tuple[Loc, str]]:
        for s, side in enumerate(self.sides):
            if side.party not in self.parties:
                yield ("sides", s, "party"), f"{side.party!r} is not among this disagreement's parties"
        sided = {side.party for side in self.sides}
        for i, party in enumerate(self.parties):
            if party not in sided:
                yield ("parties", i), f"party {party!r} has no side with sources"


class EventDate(Record):
    date: PastDate
    sources: list[Id] = Field(min_length=1)
    label: Text | None = None


class Account(Record):
    claim: Text
    sources: list[Id] = Field(min_length=1)


class Event(Record):
    id: Id
    title: Text
    description: Text | None = None
    date: PastDate | None = None
    dates: list[EventDate] = []
    date_kind: DateKind = "exact"
    date_note: Text | None = None
    parties: list[Id] = []
    issues: list[Id] = []
    sources: list[Id] = Field(min_length=1)
    accounts: list[Account] = Field(default=[], description="Conflicting accounts of what happened.")

    @model_validator(mode="after")
    def _dates_fit_their_kind(self, info: ValidationInfo) -> Event:
        enforce(self, info, self._broken_rules())
        return self

    def _broken_rules(self) -> Iterable[tuple[Loc, str]]:
        if (self.date is None) == (not self.dates):
            yield ("date",), "give exactly one of `date` or `dates`"
        if self.date_kind == "month" and any(d.day != 1 for d in self.all_dates):
            yield ("date_kind",), "a month-only date is written as the first of the month (YYYY-MM-01)"
        if self.date_kind == "conflict" and len({d.date for d in self.dates}) < 2:
            yield ("date_kind",), "a conflict needs at least two different `dates`, each with sources"

    @property
    def all_dates(self) -> list[dt.date]:
        """The single date, or every date the outlets give."""
        return [self.date] if self.date else [d.date for d in self.dates]


class Correction(Record):
    id: Id
    date: PastDate = Field(description="When the record was corrected.")
    what: Text = Field(description="What the record said that was wrong.")
    now: Text = Field(description="What the record says now.")
    why: Text
    sources: list[Id] = Field(min_length=1, description="The sources that support the correction.")
    file: Text | None = Field(default=None, description="The data file corrected, e.g. parties/dod.yaml.")
    record: Text | None = Field(default=None, description="Which record, e.g. dod / who_decides / 2026-02-26.")


ReplyStatus = Literal["replied", "declined", "no_answer"]


class Reply(Record):
    """A party's answer when asked about the record or its position: asked by anyone whose asking a stored page
    reports (a reporter's "did not respond to a request for comment" counts, with the page that says so)."""

    party: Id
    issue: Id | None = Field(default=None, description="The issue asked about; none for the party's record as a whole.")
    status: ReplyStatus = Field(description="replied, declined (declined to comment) or no_answer (did not respond).")
    asked: PastDateOrUnknown = Field(description="When the party was asked, as the source reports it, or unknown.")
    answered: PastDate | None = Field(default=None, description="When the party replied or declined.")
    reply: Text | None = Field(
        default=None, description="The reply verbatim, as the source has it; none where the page only paraphrases it."
    )
    speaker: Id | None = Field(default=None, description="A speaker id from any party's speakers list.")
    source: Id = Field(description="The source that shows the asking and the answer (or that none came).")

    @model_validator(mode="after")
    def _fits_its_status(self, info: ValidationInfo) -> Reply:
        enforce(self, info, self._broken_rules())
        return self

    def _broken_rules(self) -> Iterable[tuple[Loc, str]]:
        if self.status == "no_answer" and self.reply is not None:
            yield ("reply",), "status no_answer cannot carry a reply; use replied or declined"
        if self.status == "no_answer" and self.answered is not None:
            yield ("answered",), "status no_answer cannot have an answered date"
        if isinstance(self.asked, dt.date) and self.answered is not None and self.answered < self.asked:
            yield ("answered",), f"answered {self.answered.isoformat()} is before asked {self.asked.isoformat()}"


class DataFile(Record):
    """One YAML file. Any file may hold any section; a party file usually holds `party` and `positions`."""

    dataset: DatasetInfo | None = None
    scales: list[Scale] = []
    issues: list[Issue] = []
    party: Party | None = None
    parties: list[Party] = []
    positions: list[Position] = []
    sources: list[Source] = []
    disagreements: list[Disagreement] = []
    events: list[Event] = []
    corrections: list[Correction] = []
    replies: list[Reply] = []
