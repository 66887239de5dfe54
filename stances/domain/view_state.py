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

FILTER_KEYS = ("issue", "party", "as_of", "kind", "q", "since", "until", "page", "curator", "evidence", "a", "b")
# Streamlit's own parameters, which a shared link may carry.
PASSTHROUGH_KEYS = frozenset({"embed", "embed_options"})
SOURCE_KINDS = ("primary", "secondary")
EVIDENCE = ("own_words", "reporting_only", "single_outlet")  # the codes of `evidence.py`, as Compare filters

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
    evidence: str | None = None  # only the cells with this evidence: own_words, reporting_only or single_outlet
    a: str | None = None  # the two parties of a pair (the pair page); `parties` stays the global filter
    b: str | None = None

    def with_(self, **changes: object) -> ViewState:
        return replace(self, **changes)


@dataclass(frozen=True)
class Notice:
    """Why part of a link was not applied, as a code and its facts; `stances.present` words it for readers.

    `key` is the URL parameter concerned, `value` the offending input as `shown()` quotes it, `n` a count."""

    code: str
    key: str = ""
    value: str = ""
    n: int = 0


TOO_MANY_VALUES = "too_many_values"  # key, n
UNKNOWN_VALUE = "unknown_value"  # key, value
SEVERAL_VALUES = "several_values"  # key
TOO_MANY_PARAMETERS = "too_many_parameters"  # n
UNKNOWN_PARAMETER = "unknown_parameter"  # value
OVER_LONG_VALUE = "over_long_value"  # key
MALFORMED_DATE = "malformed_date"  # key, value
BAD_PAGE = "bad_page"  # value
UNKNOWN_KIND = "unknown_kind"  # value
UNKNOWN_EVIDENCE = "unknown_evidence"  # value
NOTICE_CODES = (
    TOO_MANY_VALUES,
    UNKNOWN_VALUE,
    SEVERAL_VALUES,
    TOO_MANY_PARAMETERS,
    UNKNOWN_PARAMETER,
    OVER_LONG_VALUE,
    MALFORMED_DATE,
    BAD_PAGE,
    UNKNOWN_KIND,
    UNKNOWN_EVIDENCE,
)


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


def _known(values: Sequence[str], known: Sequence[str], key: str, notices: list[Notice]) -> tuple[str, ...]:
    parts = _split(values)
    if len(parts) > MAX_VALUES_PER_KEY:
        notices.append(Notice(TOO_MANY_VALUES, key=key, n=len(parts)))
        return ()
    wanted = set()
    for part in parts:
        if part in known:
            wanted.add(part)
        else:
            notices.append(Notice(UNKNOWN_VALUE, key=key, value=shown(part)))
    return tuple(ident for ident in known if ident in wanted)


def _one(values: Sequence[str], key: str, notices: list[Notice]) -> str | None:
    if not values:
        return None
    if len(set(values)) > 1:
        notices.append(Notice(SEVERAL_VALUES, key=key))
    return values[0]


def _choice(values: Sequence[str], key: str, allowed: Sequence[str], code: str, notices: list[Notice]) -> str | None:
    """One value from a closed list, or None with a notice for anything else."""
    raw = _one(values, key, notices)
    if raw and raw not in allowed:
        notices.append(Notice(code, value=shown(raw)))
    return raw if raw in allowed else None


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
        notices.append(Notice(TOO_MANY_PARAMETERS, n=len(keys)))
    for key in keys:
        if key not in FILTER_KEYS and key not in PASSTHROUGH_KEYS and len(notices) < 10:
            notices.append(Notice(UNKNOWN_PARAMETER, value=shown(key)))
    safe: dict[str, list[str]] = {}
    for key in FILTER_KEYS:
        values = list(query.get(key, ()))
        if any(len(v) > MAX_VALUE_CHARS for v in values):
            notices.append(Notice(OVER_LONG_VALUE, key=key))
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
                notices.append(Notice(MALFORMED_DATE, key=key, value=shown(raw_date)))
    raw_page = _one(safe["page"], "page", notices)
    if raw_page:
        if raw_page.strip().isdigit() and 1 <= int(raw_page.strip()) <= MAX_PAGE:
            state = state.with_(page=int(raw_page.strip()))
        else:
            notices.append(Notice(BAD_PAGE, value=shown(raw_page)))
    if _one(safe["curator"], "curator", notices) == "1":
        state = state.with_(curator=True)
    for key in ("a", "b"):
        raw_party = _one(safe[key], key, notices)
        if raw_party is not None:
            if raw_party.strip() in parties:
                state = state.with_(**{key: raw_party.strip()})
            else:
                notices.append(Notice(UNKNOWN_VALUE, key="party", value=shown(raw_party)))
    state = state.with_(
        kind=_choice(safe["kind"], "kind", SOURCE_KINDS, UNKNOWN_KIND, notices),
        evidence=_choice(safe["evidence"], "evidence", EVIDENCE, UNKNOWN_EVIDENCE, notices),
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
    if state.evidence:
        query["evidence"] = [state.evidence]
    for key in ("a", "b"):
        value = getattr(state, key)
        if value:
            query[key] = [value]
    return query


def query_string(state: ViewState) -> str:
    from urllib.parse import urlencode

    return urlencode(format_view(state), doseq=True)
