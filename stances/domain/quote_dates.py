"""When quoted words were said: the quote's own `date`, else the `date` of the excerpt of its source that holds
the words, else the date the caller gives (a position version's `as_of`); None where nothing records one."""

from __future__ import annotations

from datetime import date

from .dataset import Dataset
from .model import Quote


def said_on(dataset: Dataset, quote: Quote, fallback: date | None) -> date | None:
    if quote.date is not None:
        return quote.date
    source = dataset.sources.get(quote.source)
    for excerpt in source.excerpts if source else ():
        if excerpt.date is not None and quote.text in excerpt.text:
            return excerpt.date
    return fallback
