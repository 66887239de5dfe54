"""Rules across records: each is a small function of a validated dataset that returns the problems it finds.

They run once every file has passed the reader, the schema (with its record rules) and the cross-file checks.
`Places` says where each record was read, so every problem names its `file:line`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from .dataset import Dataset
from .model import Quote, Source
from .nearest_text import nearest_excerpt
from .problems import TODO, WARNING, Path, Places, Problem
from .queries import uncurated_gaps
from .view_state import ViewState

Rule = Callable[[Dataset, Places], list[Problem]]

# Text inside curly or straight double quotation marks.
QUOTED = re.compile(r"“([^”]*)”|\"([^\"]*)\"")


def _quotes(data: Dataset) -> Iterator[tuple[object, Path, Quote]]:
    """Every quote with the record that holds it and the path from that record: position versions' quotes, then
    disagreement sides' quotes."""
    for cell in data.versions:
        for q, quote in enumerate(cell.version.quotes):
            yield cell.version, ("quotes", q), quote
    for disagreement in data.disagreements:
        for s, side in enumerate(disagreement.sides):
            for q, quote in enumerate(side.quotes):
                yield disagreement, ("sides", s, "quotes", q), quote


def _excerpts_holding(source: Source, quote: Quote) -> list[bool]:
    """For each excerpt of the source that holds the quote word for word: whether it is marked direct."""
    return [excerpt.direct for excerpt in source.excerpts if quote.text in excerpt.text]


def mismatch_message(quote: Quote, source: Source) -> str:
    """Why a quote is not in its source's excerpts, with the nearest excerpt and where the two first differ."""
    message = f"not found word for word in any excerpt of source {quote.source!r}"
    nearest = nearest_excerpt(quote.text, [excerpt.text for excerpt in source.excerpts])
    if nearest is not None:
        excerpt_part = repr(nearest.excerpt_part) if nearest.excerpt_part else "nothing more"
        where = f"after {nearest.before!r}" if nearest.before else "from the start"
        message += (
            f"; nearest is its excerpt {nearest.index + 1}; they first differ at character {nearest.offset + 1}, "
            f"{where}: the quote has {nearest.quote_part!r}, the excerpt has {excerpt_part}"
        )
    return message + "; copy the quote exactly as the excerpt has it (same characters, curly quotes included)"


def quote_not_in_excerpts(data: Dataset, places: Places) -> list[Problem]:
    """Error: a quote is not an exact substring of any excerpt of the source it cites (where it records excerpts)."""
    return [
        places.of(record, (*path, "text")).problem(mismatch_message(quote, source))
        for record, path, quote in _quotes(data)
        if (source := data.sources.get(quote.source)) and source.excerpts and not _excerpts_holding(source, quote)
    ]


def direct_quote_from_reporting(data: Dataset, places: Places) -> list[Problem]:
    """Error: a quote marked direct is found only in excerpts its source marks as reporting (`direct: false`)."""
    return [
        places.of(record, (*path, "direct")).problem(
            f"marked direct, but source {quote.source!r} has these words only in excerpts marked as reporting; "
            "set `direct: false`, or quote the party's own words"
        )
        for record, path, quote in _quotes(data)
        if quote.direct
        and (source := data.sources.get(quote.source))
        and (found := _excerpts_holding(source, quote))
        and not any(found)
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


def far_apart_pairs(data: Dataset, places: Places) -> list[Problem]:
    """Curator's report, one line per pair: parties whose latest stances sit at opposite ends of an issue's scale
    and that no curated disagreement names. Not a warning: the record may hold no argument between them, and a
    curator must never invent one to quiet the tool."""
    return [
        places.of(gap.issue, ("id",)).problem(
            f"{gap.a.id} ({gap.stance_a}) and {gap.b.id} ({gap.stance_b}) sit at opposite ends of this issue's scale "
            "and no disagreement names both; curate one only if the record holds an argument between them",
            TODO,
        )
        for gap in uncurated_gaps(data, ViewState())
    ]


ERROR_RULES: tuple[Rule, ...] = (quote_not_in_excerpts, direct_quote_from_reporting)
WARNING_RULES: tuple[Rule, ...] = (unused_source, summary_quotes_unquoted_words)
TODO_RULES: tuple[Rule, ...] = (far_apart_pairs,)


def check_rules(data: Dataset, places: Places, rules: tuple[Rule, ...]) -> list[Problem]:
    return [problem for rule in rules for problem in rule(data, places)]
