"""Ids: lower-case letters of any script (NFC), digits, '_' and '-'; safe in URLs and file names.

An id names a file on the static site (`issues/<id>.html`), so it has no spaces, slashes or other
separators. Non-ASCII letters are kept as they are in file names and percent-encoded in links
(`url_segment`).
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

MAX_ID_LENGTH = 120
JOINERS = "_-"
PLAIN_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")  # the common case, valid by construction (ASCII is NFC)


def _is_lower_letter(char: str) -> bool:
    return unicodedata.category(char)[0] == "L" and char == char.lower()


def _allowed(char: str) -> bool:
    category = unicodedata.category(char)
    return char in JOINERS or category == "Nd" or category[0] == "M" or _is_lower_letter(char)


def _is_separator(char: str) -> bool:
    return char.isspace() or unicodedata.category(char)[0] in "PSZ" or char in "/\\"


def _invisible(char: str) -> bool:
    return unicodedata.category(char)[0] == "C" and not char.isspace()


def _listed(chars: list[str]) -> str:
    return ", ".join(repr(c) for c in dict.fromkeys(chars))


def suggest_id(value: str) -> str:
    """The nearest valid id: NFC, lower case, separators as '-', invisible characters dropped."""
    text = unicodedata.normalize("NFC", value).lower()
    text = "".join("" if _invisible(c) else c if _allowed(c) else "-" for c in text)
    text = re.sub(r"-{2,}", "-", text).strip("-_")
    return text[:MAX_ID_LENGTH].rstrip("-_")


def id_problems(value: str) -> list[str]:
    """What is wrong with `value` as an id, each with what to change; empty when it is valid."""
    if not value:
        return ["is empty"]
    if len(value) <= MAX_ID_LENGTH and PLAIN_ID.fullmatch(value):
        return []
    nfc = unicodedata.normalize("NFC", value)
    problems = [] if nfc == value else [f"not NFC: use {nfc!r}"]
    upper = [c for c in nfc if unicodedata.category(c)[0] == "L" and c != c.lower()]
    if upper:
        problems.append(f"upper-case {_listed(upper)}: use {_listed([c.lower() for c in upper])}")
    if any(c.isspace() for c in nfc):
        problems.append("contains a space: use '-'")
    if any(c in "/\\" for c in nfc):
        problems.append("contains a slash: use '-'")
    others = [c for c in nfc if not _allowed(c) and _is_separator(c) and not c.isspace() and c not in "/\\"]
    if others:
        problems.append(f"contains {_listed(others)}: use '-'")
    hidden = [c for c in nfc if _invisible(c)]
    if hidden:
        problems.append(f"contains invisible {', '.join(f'U+{ord(c):04X}' for c in dict.fromkeys(hidden))}: remove it")
    rest = [c for c in nfc if not _allowed(c) and not _is_separator(c) and not _invisible(c) and c not in upper]
    if rest:
        problems.append(f"contains {_listed(rest)}: use a letter, a digit, '_' or '-'")
    if nfc[0] in JOINERS:
        problems.append(f"starts with {nfc[0]!r}: start with a letter or a digit")
    if len(nfc) > MAX_ID_LENGTH:
        problems.append(f"is {len(nfc)} characters long: use at most {MAX_ID_LENGTH}")
    return problems


def id_advice(value: str) -> str:
    """`id_problems` as one sentence, ending with a corrected id when one is not already named."""
    problems = id_problems(value)
    suggestion = suggest_id(value)
    text = "; ".join(problems)
    if suggestion and f"{suggestion!r}" not in text:
        text += f"; for example {suggestion!r}"
    return text


def url_segment(ident: str) -> str:
    """The id as one percent-encoded URL path segment, e.g. for `issues/<id>.html` links."""
    return quote(ident, safe="")
