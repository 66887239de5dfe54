"""The curated-data schema: every YAML file in a positions folder is a `DataFile`."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_\-]*$", max_length=120)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]
Url = Annotated[str, StringConstraints(min_length=1, max_length=2_000)]
Unknown = Literal["unknown"]

NO_PUBLIC_POSITION = "no_public_position"
UNCLEAR = "unclear"
SPECIAL_STANCES = (NO_PUBLIC_POSITION, UNCLEAR)

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
PartyKind = Literal["company", "government", "court", "organisation", "other"]
DateKind = Literal["exact", "inferred", "approximate", "month", "range", "conflict"]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DatasetInfo(Record):
    title: Text
    description: Text
    corrections: Text = Field(description="How a reader reports a correction.")
    curator: Text | None = None
    license: Text | None = None


class StanceLevel(Record):
    id: Id
    label: Text
    meaning: Text


class Issue(Record):
    id: Id
    title: Text = Field(description="Short label shown in tables.")
    question: Text = Field(description="The neutral question the scale answers.")
    tier: Tier
    scale: list[StanceLevel] = Field(min_length=2, description="Ordered from one pole to the other.")
    description: Text | None = None


class Speaker(Record):
    id: Id
    name: Text
    role: Text | None = None
    note: Text | None = None


class Party(Record):
    id: Id
    name: Text
    kind: PartyKind
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


class PositionVersion(Record):
    as_of: dt.date
    stance: Id
    summary: Text = Field(description="One neutral sentence in the curator's voice.")
    quotes: list[Quote] = []
    claim_type: ClaimType | None = None
    basis: Basis | None = None
    binding: Binding | None = None
    sources: list[Id] = []
    change: Text | None = Field(default=None, description="What changed against the previous version.")
    gap: Text | None = Field(default=None, description="For no_public_position: what was searched for.")


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
    outlet: Text
    title: Text | None = None
    published: dt.date | Unknown
    accessed: dt.date | Unknown
    kind: SourceKind
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


class Correction(Record):
    id: Id
    date: dt.date = Field(description="When the record was corrected.")
    what: Text = Field(description="What the record said that was wrong.")
    now: Text = Field(description="What the record says now.")
    why: Text
    sources: list[Id] = Field(min_length=1, description="The sources that support the correction.")
    file: Text | None = Field(default=None, description="The data file corrected, e.g. parties/dod.yaml.")
    record: Text | None = Field(default=None, description="Which record, e.g. dod / who_decides / 2026-02-26.")


class DataFile(Record):
    """One YAML file. Any file may hold any section; a party file usually holds `party` and `positions`."""

    dataset: DatasetInfo | None = None
    issues: list[Issue] = []
    party: Party | None = None
    parties: list[Party] = []
    positions: list[Position] = []
    sources: list[Source] = []
    disagreements: list[Disagreement] = []
    events: list[Event] = []
    corrections: list[Correction] = []
