"""The right of reply: what each party answered when asked (or that it declined, or did not respond), in reader
words. A party with none reads "no reply recorded", never agreement."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ...domain.dataset import Dataset
from ...domain.model import Reply
from ..cache import per_view
from ..facts import speaker_name
from ..wording import N_, Words, words_for
from .common import SourceLine, Target, source_line

STATUS = {
    "replied": N_("Replied"),
    "declined": N_("Declined to comment"),
    "no_answer": N_("Did not respond"),
}
NO_REPLY = N_("No reply recorded.")
PARAPHRASED = N_("The page reports this reply only in its own words; none of the party’s words are quoted.")
REPLY_INTRO = N_(
    "What each party answered when asked, word for word, with the page that shows it. Asked means asked by anyone "
    "whose asking a stored page reports, a reporter’s request for comment included. No reply recorded never means "
    "agreement."
)


@dataclass(frozen=True)
class ReplyView:
    party_id: str
    party_name: str
    issue_id: str | None
    about: str  # "on Domestic surveillance" / "on the record as a whole"
    status: str  # the status code: replied, declined or no_answer
    status_text: str
    asked: str  # "asked 2026-03-02" / "asked: date unknown"
    answered: str | None
    reply: str | None  # the party's words, verbatim
    unquoted: str | None  # for a reply the page only paraphrases: says no words are quoted
    speaker: str | None
    source: SourceLine
    target: Target


def reply_view(words: Words, dataset: Dataset, reply: Reply) -> ReplyView:
    party = dataset.parties[reply.party]
    issue = dataset.issues.get(reply.issue) if reply.issue else None
    asked = (
        words("asked {day}", day=words.day(reply.asked))
        if isinstance(reply.asked, date)
        else words("asked: date unknown")
    )
    return ReplyView(
        party_id=party.id,
        party_name=party.name,
        issue_id=issue.id if issue else None,
        about=words("on {issue}", issue=issue.title) if issue else words("on the record as a whole"),
        status=reply.status,
        status_text=words(STATUS[reply.status]),
        asked=asked,
        answered=words("answered {day}", day=words.day(reply.answered)) if reply.answered else None,
        reply=reply.reply,
        unquoted=words(PARAPHRASED) if reply.status == "replied" and reply.reply is None else None,
        speaker=speaker_name(dataset, reply.speaker) if reply.speaker else None,
        source=source_line(words, dataset.sources[reply.source]),
        target=Target("compare", issue.id, party.id, party.id) if issue else Target("party", party=party.id),
    )


@per_view
def replies(dataset: Dataset) -> tuple[ReplyView, ...]:
    """Every recorded reply, party by party in dataset order, then as the files list them."""
    words = words_for(dataset)
    order = {p: i for i, p in enumerate(dataset.parties)}
    ordered = sorted(dataset.replies, key=lambda r: order.get(r.party, len(order)))
    return tuple(reply_view(words, dataset, r) for r in ordered)


def party_replies(dataset: Dataset, party: str, issue: str | None = None) -> tuple[ReplyView, ...]:
    """A party's replies; with an issue, those on that issue and those on the record as a whole."""
    return tuple(r for r in replies(dataset) if r.party_id == party and (issue is None or r.issue_id in (None, issue)))


@dataclass(frozen=True)
class PartyReplies:
    """One party's entry in the About page's "Right of reply" section."""

    party_id: str
    party_name: str
    replies: tuple[ReplyView, ...]
    none_text: str | None  # "No reply recorded." when the party has none


def replies_by_party(dataset: Dataset) -> tuple[PartyReplies, ...]:
    words = words_for(dataset)
    out = []
    for party in dataset.parties.values():
        own = party_replies(dataset, party.id)
        out.append(
            PartyReplies(
                party_id=party.id, party_name=party.name, replies=own, none_text=None if own else words(NO_REPLY)
            )
        )
    return tuple(out)
