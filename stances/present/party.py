"""A party's page, in the app (/party?party=<id>) and on the site (parties/<id>.html): who the party is, the speakers
the record quotes, its replies, its pairs with every other party, and its position on every issue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..domain.dataset import Dataset
from ..domain.queries import cell
from ..domain.view_state import ViewState
from .cache import per_view
from .facts import speaker_name
from .pairs import MatrixEntry, agreement_matrix
from .views.cell_views import CellView, cell_view, disputed_cells
from .views.reply_views import NO_REPLY, ReplyView, party_replies
from .wording import words_for


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
    pairs: tuple[MatrixEntry, ...]  # this party with each other party, in dataset order
    no_reply: str  # what the page says where the party has no reply recorded


def _pair_row(dataset: Dataset, party_id: str, as_of: date | None) -> tuple[MatrixEntry | None, ...]:
    return agreement_matrix(dataset, ViewState(as_of=as_of)).rows[list(dataset.parties).index(party_id)]


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
        pairs=tuple(e for e in _pair_row(dataset, party.id, as_of) if e),
        no_reply=words(NO_REPLY),
    )
