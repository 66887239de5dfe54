"""The curated-data schema: every YAML file in a positions folder is a `DataFile`."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .ids import MAX_ID_LENGTH, id_advice, id_problems


def _valid_id(value: str) -> str:
    if id_problems(value):
        raise PydanticCustomError("invalid_id", "{advice}", {"advice": id_advice(value)})
    return value


Id = Annotated[
    str,
    AfterValidator(_valid_id),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^[^\s/\\A-Z_\-][^\s/\\A-Z]*$",
            "maxLength": MAX_ID_LENGTH,
            "description": "Lower-case letters of any script (NFC), digits, '_' and '-'; no spaces or slashes.",
        }
    ),
]
Text = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]
Url = Annotated[str, StringConstraints(min_length=1, max_length=2_000)]
Unknown = Literal["unknown"]

NO_PUBLIC_POSITION = "no_public_position"
UNCLEAR = "unclear"
SPECIAL_STANCES = (NO_PUBLIC_POSITION, UNCLEAR)
SPECIAL_STANCE_LABELS = {NO_PUBLIC_POSITION: "No public position found", UNCLEAR: "Unclear"}
SPECIAL_STANCE_MEANINGS = {
    NO_PUBLIC_POSITION: "No source records a position. Not opposition.",
    UNCLEAR: "Sources exist, but the position cannot be placed on the scale.",
}

ClaimType = Literal["statement", "policy", "contract_term", "action", "report"]
Basis = Literal["direct", "reported"]


def _yes_no(value: object) -> object:
    """YAML 1.1 reads a bare yes/no as a boolean; take it back to the word the curator wrote."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value


Binding = Annotated[Literal["yes", "no", "unknown"], BeforeValidator(_yes_no)]
Tier = Literal["core", "secondary"]
SourceKind = Literal["primary", "secondary"]
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


def _language_tag(value: str) -> str:
    if not _LANGUAGE_TAG.match(value) or len(value) > 35:
        raise PydanticCustomError("invalid_language", "not a BCP 47 language tag (e.g. en, de, de-CH)")
    return value


Language = Annotated[str, AfterValidator(_language_tag)]
DateKind = Literal["exact", "inferred", "approximate", "month", "range", "conflict"]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


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


class StanceLevel(Record):
    id: Id
    label: Text
    meaning: Text | None = None


Levels = Annotated[list[StanceLevel], Field(min_length=2)]


def _scale_form(value: object) -> str:
    return "id" if isinstance(value, str) else "levels"


LevelsOrScaleId = Annotated[Annotated[Levels, Tag("levels")] | Annotated[Id, Tag("id")], Discriminator(_scale_form)]


class Scale(Record):
    """A scale shared by several issues, which name it by id."""

    id: Id
    levels: Levels = Field(description="Ordered from one pole to the other.")
    description: Text | None = None


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
    as_of: dt.date
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
    published: dt.date | Unknown | None = None
    accessed: dt.date | Unknown | None = None
    kind: SourceKind | None = None
    via: list[Relay] = []
    archive_url: Url | None = None
    date_note: Text | None = None
    excerpts: list[Excerpt] = []


class DisagreementSide(Record):
    party: Id
    claim: Text = Field(description="The curator's neutral account of this side.")
    sources: list[Id] = Field(min_length=1)


class Disagreement(Record):
    id: Id
    issue: Id
    parties: list[Id] = Field(min_length=2)
    crux: Text = Field(description="What exactly is disputed, in one sentence.")
    note: Text | None = None
    sides: list[DisagreementSide] = Field(min_length=2)


class EventDate(Record):
    date: dt.date
    sources: list[Id] = Field(min_length=1)
    label: Text | None = None


class Account(Record):
    claim: Text
    sources: list[Id] = Field(min_length=1)


class Event(Record):
    id: Id
    title: Text
    description: Text | None = None
    date: dt.date | None = None
    dates: list[EventDate] = []
    date_kind: DateKind = "exact"
    date_note: Text | None = None
    parties: list[Id] = []
    issues: list[Id] = []
    sources: list[Id] = Field(min_length=1)
    accounts: list[Account] = Field(default=[], description="Conflicting accounts of what happened.")

    @property
    def all_dates(self) -> list[dt.date]:
        """The single date, or every date the outlets give."""
        return [self.date] if self.date else [d.date for d in self.dates]


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
