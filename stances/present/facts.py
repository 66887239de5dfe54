"""Facts worded once, for the fragments, the images, the feeds and the exports alike.

- who said a quote, and the attribution line under it;
- the dataset's date (defined once, as `Dataset.dataset_date`; worded here, with the one fallback);
- the marks of a changed and of a disputed cell.
"""

from __future__ import annotations

from typing import Protocol

from ..domain.dataset import Dataset
from ..domain.model import Quote
from .wording import UNKNOWN_DATE, Words

CHANGED_MARK, DISPUTED_MARK = "◆", "⚑"


class Attributed(Protocol):
    """A quote as a view shows it: whether it is the party's own words, who said it, and when."""

    direct: bool
    attribution: str
    when: str


def marks(changed: bool, disputed: bool) -> str:
    """The marks of a cell, in the order the legend gives them: '◆', '⚑', '◆⚑' or ''."""
    return (CHANGED_MARK if changed else "") + (DISPUTED_MARK if disputed else "")


def speaker_name(dataset: Dataset, speaker_id: str) -> str:
    """'Dario Amodei, CEO': the recorded name and role; the id where the speaker is not on record."""
    speaker = dataset.speakers.get(speaker_id)
    if speaker is None:
        return speaker_id
    return speaker.name + (f", {speaker.role}" if speaker.role else "")


def is_own_words(quote: Quote) -> bool:
    """A quote shows as the party's own words only when it is direct and names its speaker."""
    return quote.direct and bool(quote.speaker)


def attribution(words: Words, dataset: Dataset, quote: Quote) -> str:
    """Who a quote is from: the speaker with role for the party's own words, otherwise that it is reporting."""
    if is_own_words(quote):
        return speaker_name(dataset, quote.speaker)
    return words("Reporting, not the party’s own words")


def attribution_line(quote: Attributed) -> str:
    """The line under a quote: '— Dario Amodei, CEO · said on 2026-02-26', or for reporting
    'Reporting, not the party’s own words · reported as of 2026-02-26'."""
    return f"{'— ' if quote.direct else ''}{quote.attribution} · {quote.when}"


def dataset_date(words: Words, dataset: Dataset) -> str:
    """The dataset's date in reader words, or that it is unknown."""
    return words.day(dataset.dataset_date) if dataset.dataset_date else words(UNKNOWN_DATE)
