"""Each quote's check against its source's stored excerpts, computed when the data loads and never stored in YAML.

`matched`: the quote is found word for word (same characters) in an excerpt of the source it cites; `excerpt` is
that excerpt's position in the source's `excerpts` (the first that holds it). `unchecked`: the source stores no
excerpts, so there was nothing to check against. A quote that a source with excerpts does not hold never reaches
a dataset: the validator refuses it (`rules.quote_not_in_excerpts`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from .model import Quote, Source

MATCHED: Literal["matched"] = "matched"
UNCHECKED: Literal["unchecked"] = "unchecked"
CheckResult = Literal["matched", "unchecked", "not_found"]


@dataclass(frozen=True)
class QuoteCheck:
    """The outcome for one quote: `result`, and the excerpt's index in the source's `excerpts` when matched."""

    result: CheckResult
    excerpt: int | None = None

    @property
    def matched(self) -> bool:
        return self.result == MATCHED


def check_quote(quote: Quote, source: Source) -> QuoteCheck:
    if not source.excerpts:
        return QuoteCheck(UNCHECKED)
    for index, excerpt in enumerate(source.excerpts):
        if quote.text in excerpt.text:
            return QuoteCheck(MATCHED, index)
    return QuoteCheck("not_found")


def check_quotes(quotes: Iterable[Quote], sources: Mapping[str, Source]) -> dict[tuple[str, str], QuoteCheck]:
    """The check of every quote, keyed by (text, source id): the check depends on nothing else."""
    out: dict[tuple[str, str], QuoteCheck] = {}
    for quote in quotes:
        key = (quote.text, quote.source)
        if key not in out and quote.source in sources:
            out[key] = check_quote(quote, sources[quote.source])
    return out


@dataclass(frozen=True)
class CheckCounts:
    """How many of the record's quotes matched a stored excerpt, of how many quotes."""

    matched: int
    total: int


def count_checks(checks: Mapping[tuple[str, str], QuoteCheck], quotes: Iterable[Quote]) -> CheckCounts:
    results = [checks[(q.text, q.source)] for q in quotes]
    return CheckCounts(sum(1 for c in results if c.matched), len(results))
