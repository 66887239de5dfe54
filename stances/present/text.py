"""Curated text made inert for markdown rendering: no HTML, no images, no links but http(s)."""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:^=])")


def md_escape(text: str) -> str:
    """Escape every markdown-active character, so the text shows exactly as written."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("\n", " ")


def safe_href(url: str) -> str | None:
    """The URL for a link target if it is http(s), with characters that would end a markdown link encoded."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return quote(url.strip(), safe=":/?#@!$&'*+,;=%~-._")


def md_link(label: str, url: str) -> str:
    """A markdown link when the URL is http(s); otherwise the label alone, escaped."""
    href = safe_href(url)
    return f"[{md_escape(label)}]({href})" if href else md_escape(label)


def plural(noun: str) -> str:
    return noun[:-1] + "ies" if noun.endswith("y") and noun[-2:-1] not in "aeiou" else noun + "s"


def count(n: int, noun: str) -> str:
    """'1 disagreement', '12 disagreements', '6 parties'."""
    return f"{n} {noun if n == 1 else plural(noun)}"
