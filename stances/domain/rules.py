"""Rules across records: each is a small function of a validated dataset that returns the problems it finds.

They run once every file has passed the reader, the schema (with its record rules) and the cross-file checks.
`Places` says where each record was read, so every problem names its `file:line`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from .dataset import CellVersion, Dataset
from .model import Quote, Source
from .problems import WARNING, Places, Problem
from .queries import uncurated_gaps
from .view_state import ViewState

Rule = Callable[[Dataset, Places], list[Problem]]

# Text inside curly or straight double quotation marks.
QUOTED = re.compile(r"“([^”]*)”|\"([^\"]*)\"")


def _quotes(data: Dataset) -> Iterator[tuple[CellVersion, int, Quote]]:
    for cell in data.versions:
        for q, quote in enumerate(cell.version.quotes):
            yield cell, q, quote


def _excerpts_holding(source: Source, quote: Quote) -> list[bool]:
    """For each excerpt of the source that holds the quote word for word: whether it is marked direct."""
    return [excerpt.direct for excerpt in source.excerpts if quote.text in excerpt.text]


def quote_not_in_excerpts(data: Dataset, places: Places) -> list[Problem]:
    """Error: a quote is not an exact substring of any excerpt of the source it cites (where it records excerpts)."""
    return [
        places.of(cell.version, ("quotes", q, "text")).problem(
            f"not found word for word in any excerpt of source {quote.source!r}; "
            "copy the quote exactly as the excerpt has it (same characters, curly quotes included)"
        )
        for cell, q, quote in _quotes(data)
        if (source := data.sources[quote.source]).excerpts and not _excerpts_holding(source, quote)
    ]


def direct_quote_from_reporting(data: Dataset, places: Places) -> list[Problem]:
    """Error: a quote marked direct is found only in excerpts its source marks as reporting (`direct: false`)."""
    return [
        places.of(cell.version, ("quotes", q, "direct")).problem(
            f"marked direct, but source {quote.source!r} has these words only in excerpts marked as reporting; "
            "set `direct: false`, or quote the party's own words"
        )
        for cell, q, quote in _quotes(data)
        if quote.direct and (found := _excerpts_holding(data.sources[quote.source], quote)) and not any(found)
    ]


def _cited_source_ids(data: Dataset) -> set[str]:
    cited: set[str] = set()
    for cell in data.versions:
        cited.update(cell.version.sources)
    for disagreement in data.disagreements:
        for side in disagreement.sides:
            cited.update(side.sources)
    for event in data.events:
        cited.update(event.sources)
        for entry in event.dates:
            cited.update(entry.sources)
        for account in event.accounts:
            cited.update(account.sources)
    for source in data.sources.values():
        cited.update(relay.source for relay in source.via if relay.source)
    for correction in data.corrections:
        cited.update(correction.sources)
    cited.update(reply.source for reply in data.replies)
    return cited


def unused_source(data: Dataset, places: Places) -> list[Problem]:
    """Warning: a source that no position, event, disagreement, relay chain, correction or reply cites."""
    cited = _cited_source_ids(data)
    return [
        places.of(source, ("id",)).problem(
            "no position, event or disagreement cites this source; cite it or remove it", WARNING
        )
        for ident, source in data.sources.items()
        if ident not in cited
    ]


def summary_quotes_unquoted_words(data: Dataset, places: Places) -> list[Problem]:
    """Warning: a summary puts words in quotation marks that none of its version's quotes holds."""
    problems = []
    for cell in data.versions:
        for match in QUOTED.finditer(cell.version.summary or ""):
            words = match.group(1) if match.group(1) is not None else match.group(2)
            if not any(words in quote.text for quote in cell.version.quotes):
                problems.append(
                    places.of(cell.version, ("summary",)).problem(
                        f"quotes {words!r}, which none of this version's quotes holds; "
                        "add the quote, or drop the quotation marks",
                        WARNING,
                    )
                )
    return problems


PAIRS_NAMED = 5


def uncurated_disagreement(data: Dataset, places: Places) -> list[Problem]:
    """Warning, one per issue: pairs of parties at opposite ends of its scale that no curated disagreement covers."""
    by_issue: dict[str, list] = {}
    for gap in uncurated_gaps(data, ViewState()):
        by_issue.setdefault(gap.issue.id, []).append(gap)
    problems = []
    for gaps in by_issue.values():
        named = "; ".join(f"{g.a.id} ({g.stance_a}) and {g.b.id} ({g.stance_b})" for g in gaps[:PAIRS_NAMED])
        more = f"; and {len(gaps) - PAIRS_NAMED} more" if len(gaps) > PAIRS_NAMED else ""
        pairs = "1 pair sits" if len(gaps) == 1 else f"{len(gaps)} pairs sit"
        problems.append(
            places.of(gaps[0].issue, ("id",)).problem(
                f"{pairs} at opposite ends of this issue's scale with no disagreement covering them: "
                f"{named}{more}; curate one",
                WARNING,
            )
        )
    return problems


ERROR_RULES: tuple[Rule, ...] = (quote_not_in_excerpts, direct_quote_from_reporting)
WARNING_RULES: tuple[Rule, ...] = (unused_source, summary_quotes_unquoted_words, uncurated_disagreement)


def check_rules(data: Dataset, places: Places, rules: tuple[Rule, ...]) -> list[Problem]:
    return [problem for rule in rules for problem in rule(data, places)]
