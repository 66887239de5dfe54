"""Where a quote that is not word for word in any excerpt comes closest to one, and where the two first differ.

Used only for the validator's message, so a curator sees at once which characters to copy again.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

CONTEXT = 30  # characters shown either side of the first difference


@dataclass(frozen=True)
class Nearest:
    """The excerpt (its index) nearest a quote, and the first difference: after `offset` characters of the quote
    (which end with `before`), the quote reads `quote_part` where the excerpt reads `excerpt_part`."""

    index: int
    offset: int
    before: str
    quote_part: str
    excerpt_part: str


def _aligned(quote: str, excerpt: str) -> tuple[int, int]:
    """(matched characters, where in the excerpt the quote would start), from difflib's matching blocks."""
    matcher = SequenceMatcher(None, quote, excerpt, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if not blocks:
        return 0, 0
    longest = max(blocks, key=lambda b: b.size)
    return sum(b.size for b in blocks), max(longest.b - longest.a, 0)


def _first_difference(quote: str, text: str) -> int:
    for i, (a, b) in enumerate(zip(quote, text, strict=False)):
        if a != b:
            return i
    return min(len(quote), len(text))


def _before(text: str, at: int) -> str:
    start = max(at - CONTEXT, 0)
    return ("…" if start else "") + text[start:at]


def _after(text: str, at: int) -> str:
    return text[at : at + CONTEXT] + ("…" if at + CONTEXT < len(text) else "")


def nearest_excerpt(quote: str, excerpts: list[str]) -> Nearest | None:
    """The excerpt that shares the most characters with the quote, aligned where they match longest."""
    if not excerpts or not quote:
        return None
    scored = [(_aligned(quote, text), i) for i, text in enumerate(excerpts)]
    (matched, start), index = max(scored, key=lambda s: (s[0][0], -s[1]))
    if not matched:
        return None
    excerpt = excerpts[index]
    offset = _first_difference(quote, excerpt[start:])
    return Nearest(index, offset, _before(quote, offset), _after(quote, offset), _after(excerpt, start + offset))
