"""The view a reader sees, as a URL query string: the public contract of a shared link.

`?issue=surveillance&party=anthropic&party=dod&as_of=2026-03-01` — repeated keys, with
comma-separated values accepted too. Unknown or malformed values are dropped with a notice.
Nothing from the URL is ever evaluated; values are only compared against known ids.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from ..present.text import plural

FILTER_KEYS = ("issue", "party", "as_of", "kind", "q", "since", "until", "page", "curator", "a", "b")
# Streamlit's own parameters, which a shared link may carry.
PASSTHROUGH_KEYS = frozenset({"embed", "embed_options"})
SOURCE_KINDS = ("primary", "secondary")

MAX_KEYS = 20
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
MAX_VALUES_PER_KEY = 100
MAX_VALUE_CHARS = 200
MAX_SEARCH_CHARS = 100
MAX_PAGE = 100_000


@dataclass(frozen=True)
class ViewState:
    """Empty `issues` or `parties` means all of them."""

    issues: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()
    as_of: date | None = None
    kind: str | None = None
    q: str = ""
    since: date | None = None
    until: date | None = None
    page: int = 1
    curator: bool = False
    a: str | None = None  # the two parties of a pair (the pair page); `parties` stays the global filter
    b: str | None = None

    def with_(self, **changes: object) -> ViewState:
        return replace(self, **changes)


class Notice(str):
    """A notice, in English as a string; it keeps its message and values so the interface can translate it."""

    message: str
    values: dict[str, object]

    def __new__(cls, message: str, **values: object) -> Notice:
        notice = super().__new__(cls, message.format(**values))
        notice.message, notice.values = message, values
        return notice


@dataclass(frozen=True)
class ParsedView:
    state: ViewState
    notices: tuple[Notice, ...] = field(default=())


def shown(value: str, limit: int = 40) -> str:
    """A short, quoted rendering of untrusted input for a notice."""
    clipped = value if len(value) <= limit else value[:limit] + "…"
    return repr(clipped)


def _split(values: Sequence[str]) -> list[str]:
    out: list[str] = []
    for value in values:
        out.extend(part.strip() for part in value.split(","))
    return [part for part in out if part]


def _known(values: Sequence[str], known: Sequence[str], what: str, notices: list[Notice]) -> tuple[str, ...]:
    parts = _split(values)
    if len(parts) > MAX_VALUES_PER_KEY:
        notices.append(
            Notice(
                "Too many {what} values ({n}); showing all {whats} instead.",
                what=what,
                n=len(parts),
                whats=plural(what),
            )
        )
        return ()
    wanted = set()
    for part in parts:
        if part in known:
            wanted.add(part)
        else:
            notices.append(Notice("Ignored unknown {what} {value}.", what=what, value=shown(part)))
    return tuple(ident for ident in known if ident in wanted)


def _one(values: Sequence[str], key: str, notices: list[Notice]) -> str | None:
    if not values:
        return None
    if len(set(values)) > 1:
        notices.append(Notice("Several values for {key}; using the first.", key=key))
    return values[0]


def parse_view(
    query: Mapping[str, Sequence[str]],
    *,
    issues: Sequence[str],
    parties: Sequence[str],
) -> ParsedView:
    """Parse a query (key -> all its values) against the dataset's ids, in dataset order."""
    notices: list[Notice] = []
    keys = list(query)
    if len(keys) > MAX_KEYS:
        notices.append(Notice("The link has {n} parameters; only the known ones were read.", n=len(keys)))
    for key in keys:
        if key not in FILTER_KEYS and key not in PASSTHROUGH_KEYS and len(notices) < 10:
            notices.append(Notice("Ignored unknown parameter {value}.", value=shown(key)))
    safe: dict[str, list[str]] = {}
    for key in FILTER_KEYS:
        values = list(query.get(key, ()))
        if any(len(v) > MAX_VALUE_CHARS for v in values):
            notices.append(Notice("Ignored an over-long value for {key}.", key=key))
            values = [v for v in values if len(v) <= MAX_VALUE_CHARS]
        safe[key] = values

    state = ViewState(
        issues=_known(safe["issue"], issues, "issue", notices),
        parties=_known(safe["party"], parties, "party", notices),
    )
    for key in ("as_of", "since", "until"):
        raw_date = _one(safe[key], key, notices)
        if raw_date:
            try:
                if not ISO_DAY.fullmatch(raw_date.strip()):
                    raise ValueError
                state = state.with_(**{key: date.fromisoformat(raw_date.strip())})
            except ValueError:
                notices.append(
                    Notice("Ignored malformed {key} {value} (expected YYYY-MM-DD).", key=key, value=shown(raw_date))
                )
    raw_page = _one(safe["page"], "page", notices)
    if raw_page:
        if raw_page.strip().isdigit() and 1 <= int(raw_page.strip()) <= MAX_PAGE:
            state = state.with_(page=int(raw_page.strip()))
        else:
            notices.append(Notice("Ignored page {value} (expected a page number).", value=shown(raw_page)))
    if _one(safe["curator"], "curator", notices) == "1":
        state = state.with_(curator=True)
    for key in ("a", "b"):
        raw_party = _one(safe[key], key, notices)
        if raw_party is not None:
            if raw_party.strip() in parties:
                state = state.with_(**{key: raw_party.strip()})
            else:
                notices.append(Notice("Ignored unknown {what} {value}.", what="party", value=shown(raw_party)))
    raw_kind = _one(safe["kind"], "kind", notices)
    if raw_kind:
        if raw_kind in SOURCE_KINDS:
            state = state.with_(kind=raw_kind)
        else:
            notices.append(
                Notice("Ignored unknown kind {value} (expected primary or secondary).", value=shown(raw_kind))
            )
    raw_q = _one(safe["q"], "q", notices)
    if raw_q:
        state = state.with_(q=raw_q.strip()[:MAX_SEARCH_CHARS])
    return ParsedView(state, tuple(dict.fromkeys(notices)))


def format_view(state: ViewState) -> dict[str, list[str]]:
    """The query parameters of a view: repeated keys, only the ones that differ from the default."""
    query: dict[str, list[str]] = {}
    if state.issues:
        query["issue"] = list(state.issues)
    if state.parties:
        query["party"] = list(state.parties)
    if state.as_of:
        query["as_of"] = [state.as_of.isoformat()]
    if state.kind:
        query["kind"] = [state.kind]
    if state.q:
        query["q"] = [state.q]
    for key in ("since", "until"):
        value = getattr(state, key)
        if value:
            query[key] = [value.isoformat()]
    if state.page > 1:
        query["page"] = [str(state.page)]
    if state.curator:
        query["curator"] = ["1"]
    for key in ("a", "b"):
        value = getattr(state, key)
        if value:
            query[key] = [value]
    return query


def query_string(state: ViewState) -> str:
    from urllib.parse import urlencode

    return urlencode(format_view(state), doseq=True)
