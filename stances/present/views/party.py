"""A party's page: who the party is, the speakers the record quotes, and its position on every issue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ...domain.dataset import Dataset
from ...domain.queries import cell
from ..cache import per_view
from ..facts import speaker_name
from ..wording import words_for
from .cells import CellView, cell_view, disputed_cells
from .replies import NO_REPLY, ReplyView, party_replies


@dataclass(frozen=True)
class SpeakerView:
    name: str
    note: str | None


@dataclass(frozen=True)
class PartyView:
    party_id: str
    name: str
    kind: str | None
    description: str | None
    also_known_as: tuple[str, ...]
    speakers: tuple[SpeakerView, ...]
    cells: tuple[CellView, ...]  # one per issue, in the dataset's order, each titled by its issue
    replies: tuple[ReplyView, ...]
    no_reply: str  # what the page says where the party has no reply recorded


@per_view
def party_view(dataset: Dataset, party_id: str, as_of: date | None = None) -> PartyView:
    words, party = words_for(dataset), dataset.parties[party_id]
    disputed = disputed_cells(dataset)
    return PartyView(
        party_id=party.id,
        name=party.name,
        kind=party.kind,
        description=party.description,
        also_known_as=tuple(party.also_known_as or ()),
        speakers=tuple(SpeakerView(name=speaker_name(dataset, s.id), note=s.note) for s in party.speakers),
        cells=tuple(
            cell_view(words, dataset, cell(dataset, party, issue, as_of), as_of, disputed, by_issue=True)
            for issue in dataset.issues.values()
        ),
        replies=party_replies(dataset, party.id),
        no_reply=words(NO_REPLY),
    )
