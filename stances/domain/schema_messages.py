"""The schema's complaints in a curator's words: what was expected, with an example, and never a Python class name.

Pydantic reports an error by its type (`model_type`, `list_type`, ...) and the model class it expected; here each
becomes a sentence about the YAML: "each level is a mapping with `id` and `label`, e.g. `- {id: for, label: For}`".
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from .field_types import RECORD_RULE
from .problems import Path, shown_value
from .yaml_reader import ReadResult

# What a record looks like, by the model that reads it: the sentence that starts "expected ...".
SHAPES: dict[str, str] = {
    "DatasetInfo": "`dataset` is a mapping with `title`, `description` and `corrections`, "
    "e.g. `dataset: {title: My dispute, description: …, corrections: Open an issue}`",
    "Scale": "each scale is a mapping with `id` and `levels`, e.g. `- {id: support, levels: [{id: for, label: For}, "
    "{id: against, label: Against}]}`",
    "ScaleEnds": "`ends` is a mapping with `first` and `last`, e.g. `ends: {first: more limits, last: fewer limits}`",
    "StanceLevel": "each level is a mapping with `id` and `label`, e.g. `- {id: for, label: For}`",
    "Issue": "each issue is a mapping with `id`, `title` and `scale`, e.g. `- {id: tariffs, title: Tariffs, "
    "scale: support}`",
    "Party": "a party is a mapping with `id` and `name`, e.g. `{id: acme, name: Acme Corp.}`",
    "Speaker": "each speaker is a mapping with `id` and `name`, e.g. `- {id: jane-doe, name: Jane Doe, role: CEO}`",
    "Position": "each position is a mapping with `issue` and `versions`, e.g. `- {issue: tariffs, versions: [...]}`",
    "PositionVersion": "each version is a mapping with `as_of`, `stance` and `sources`, "
    "e.g. `- {as_of: 2026-03-01, stance: for, sources: [acme-blog]}`",
    "Quote": "each quote is a mapping with `text`, `speaker` and `source`, "
    'e.g. `- {text: "We support it.", speaker: jane-doe, source: acme-blog}`',
    "Source": "each source is a mapping with `id` and `url`, e.g. `- {id: acme-blog, url: https://example.org/post}`",
    "Excerpt": 'each excerpt is a mapping with `text` and `direct`, e.g. `- {text: "We support it.", direct: true}`',
    "Relay": "each relay is a mapping with `outlet`, e.g. `- {outlet: Reuters, url: https://example.org/r}`",
    "Disagreement": "each disagreement is a mapping with `id`, `issue`, `parties`, `crux` and `sides`",
    "DisagreementSide": "each side is a mapping with `party`, `claim` and `sources`, "
    "e.g. `- {party: acme, claim: Acme says …, sources: [acme-blog]}`",
    "Event": "each event is a mapping with `id`, `title`, `date` and `sources`, "
    "e.g. `- {id: hearing, title: Hearing, date: 2026-03-01, sources: [acme-blog]}`",
    "EventDate": "each date is a mapping with `date` and `sources`, e.g. `- {date: 2026-03-01, sources: [acme-blog]}`",
    "Account": "each account is a mapping with `claim` and `sources`, e.g. `- {claim: …, sources: [acme-blog]}`",
    "Correction": "each correction is a mapping with `id`, `date`, `what`, `now`, `why` and `sources`",
    "Term": "each term is a mapping with `id` and `label`, e.g. `- {id: signed_code, label: signed a code}`",
}

LEVELS_EXAMPLE = "e.g. `scale: [{id: for, label: For}, {id: against, label: Against}]` or `scale: support`"
UNKNOWN_TOO = "or `unknown` where it is not known"
KIND_OF_VALUE = {bool: "true/false", int: "a number", float: "a number", str: "text", dict: "a mapping", list: "a list"}


def yaml_kind(value: object) -> str:
    """What a value is, in YAML's words."""
    if value is None:
        return "an empty value"
    for kind, words in KIND_OF_VALUE.items():
        if isinstance(value, kind):
            return words
    return "a date" if hasattr(value, "isoformat") else "a value of another kind"


def _got(value: object) -> str:
    if isinstance(value, bool):
        return "a true/false value (YAML reads yes, no, on and off as true/false)"
    if isinstance(value, (dict, list)) or value is None:
        return yaml_kind(value)
    return shown_value(value)


def friendly(error: Any) -> str:
    """One pydantic error as a curator reads it."""
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == RECORD_RULE:
        return error["msg"]
    if kind == "extra_forbidden":
        return "unknown field"
    if kind == "missing":
        return "required field is missing"
    if kind == "invalid_id":
        return f"{shown_value(value)} is not a valid id: {error['msg']}"
    if kind.startswith("date") or kind == "datetime_from_date_parsing":
        return f"{shown_value(value)} is not a date (use YYYY-MM-DD)"
    if kind == "too_short" and isinstance(value, str):
        return "must not be empty"
    if kind == "too_short":
        least = ctx.get("min_length")
        return f"needs at least {least} {'entry' if least == 1 else 'entries'}, has {ctx.get('actual_length')}"
    if kind == "list_type" and error["loc"][-2:] == ("scale", "levels"):
        return f"expected a list of levels or the id of a shared scale, got {_got(value)}; {LEVELS_EXAMPLE}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        shape = SHAPES.get(str(ctx.get("class_name")), "expected a mapping of `field: value` lines")
        return f"got {_got(value)}; {shape}"
    if kind == "list_type":
        return f"expected a list (lines starting with `- `, or `[a, b]`), got {_got(value)}"
    if kind == "string_type":
        return f"expected text, got {_got(value)}"
    if kind == "bool_parsing" or kind == "bool_type":
        return f"expected true or false, got {_got(value)}"
    if kind.startswith("int_") or kind.startswith("float_"):
        return f"expected a whole number, got {_got(value)}"
    if kind == "literal_error" and ctx.get("expected") == "'unknown'":
        return UNKNOWN_TOO
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", "")
        return f"expected one of: {expected}; got {_got(value)}"
    if kind == "greater_than_equal":
        return f"expected a number of at least {ctx.get('ge')}, got {_got(value)}"
    if kind.startswith("time"):
        return f"{shown_value(value)} is not a time of day (use HH:MM)"
    return f"{error['msg']}, got {_got(value)}"


def real_path(data: Any, loc: tuple, kind: str) -> Path:
    """Drop pydantic's union-member labels from an error location, keeping real keys and indexes."""
    path: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and part in node:
            path.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            path.append(part)
            node = node[part]
        elif kind in ("missing", "extra_forbidden", RECORD_RULE) and str(part).isidentifier() and part == loc[-1]:
            path.append(part)
            break
    return tuple(path)


def schema_messages(exc: ValidationError, data: Any, prefix: Path, read: ReadResult) -> dict[Path, list[str]]:
    """The schema's complaints per field path, leaving out the values the reader already refused."""
    messages: dict[Path, list[str]] = {}
    for error in exc.errors():
        path = (*prefix, *real_path(data, error["loc"], error["type"]))
        if path in read.refused:
            continue  # already reported by the reader, which read the value as None
        text = friendly(error)
        if text not in messages.setdefault(path, []):
            messages[path].append(text)
    return {path: _merged(texts) for path, texts in messages.items()}


def _merged(texts: list[str]) -> list[str]:
    """A date that may also be `unknown`: one sentence, not two."""
    if UNKNOWN_TOO in texts and len(texts) == 2:
        other = next(text for text in texts if text != UNKNOWN_TOO)
        return [other.replace("(use YYYY-MM-DD)", "(use YYYY-MM-DD, or `unknown` where it is not known)")]
    return texts
