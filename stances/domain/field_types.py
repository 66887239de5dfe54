"""The building blocks of the data schema: field types, the rules a single field checks, and the stance and claim
vocabularies every record shares."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    WithJsonSchema,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from .ids import MAX_ID_LENGTH, id_advice, id_problems

RECORD_RULE = "record_rule"
# Context key: False skips every record rule, so that a record whose only faults are broken rules (or values the
# YAML reader already refused and read as None) can still be checked against the other files.
RECORD_RULES = "record_rules"

Loc = tuple[str | int, ...]


def rule_error(message: str) -> PydanticCustomError:
    return PydanticCustomError(RECORD_RULE, "{message}", {"message": message})


def not_in_future(value: dt.date | str, info: ValidationInfo) -> dt.date | str:
    today = (info.context or {}).get("today")
    if today is not None and isinstance(value, dt.date) and value > today:
        raise rule_error(f"date {value.isoformat()} is in the future (today is {today.isoformat()})")
    return value


def rules_off(info: ValidationInfo) -> bool:
    return (info.context or {}).get(RECORD_RULES) is False


def web_url(value: str, info: ValidationInfo) -> str:
    if rules_off(info):
        return value
    try:
        parts = urlsplit(value)
    except ValueError:  # e.g. an unclosed '[' in the host
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc or " " in value:
        raise rule_error(f"{value!r} is not a valid http(s) URL")
    return value


def enforce(record: BaseModel, info: ValidationInfo, broken: Iterable[tuple[Loc, str]]) -> None:
    """Raise every broken rule at once, each located at its field."""
    if rules_off(info):
        return
    errors = [
        InitErrorDetails(type=rule_error(message), loc=loc, input=getattr(record, str(loc[0]), None))
        for loc, message in broken
    ]
    if errors:
        raise ValidationError.from_exception_data(type(record).__name__, errors)


def valid_id(value: str) -> str:
    if id_problems(value):
        raise PydanticCustomError("invalid_id", "{advice}", {"advice": id_advice(value)})
    return value


Id = Annotated[
    str,
    AfterValidator(valid_id),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^[^\s/\\A-Z_\-][^\s/\\A-Z]*$",
            "maxLength": MAX_ID_LENGTH,
            "description": "Lower-case letters of any script (NFC), digits, '_' and '-'; no spaces or slashes.",
        }
    ),
]
Text = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]
Url = Annotated[str, StringConstraints(min_length=1, max_length=2_000), AfterValidator(web_url)]
Unknown = Literal["unknown"]
PastDate = Annotated[dt.date, AfterValidator(not_in_future)]
PastDateOrUnknown = Annotated[dt.date | Unknown, AfterValidator(not_in_future)]

NO_PUBLIC_POSITION = "no_public_position"
UNCLEAR = "unclear"
SPECIAL_STANCES = (NO_PUBLIC_POSITION, UNCLEAR)
# Not a stance in the data: the state of a cell in a view that holds no version of it (yet) on the view's date.
# The record says nothing there, which is not the same as "no public position found".
NOT_YET_RECORDED = "not_yet_recorded"

# The built-in claim types; dataset.yaml's `claim_types` may relabel them or add more.
CLAIM_TYPES = ("statement", "policy", "contract_term", "action", "report")
ClaimType = Annotated[
    str,
    AfterValidator(valid_id),
    WithJsonSchema(
        {
            "type": "string",
            "examples": list(CLAIM_TYPES),
            "description": "One of the built-in claim types, or one declared in dataset.yaml's claim_types.",
        }
    ),
]
Basis = Literal["direct", "reported"]


def yes_no(value: object) -> object:
    """YAML 1.1 reads a bare yes/no as a boolean; take it back to the word the curator wrote."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value


Binding = Annotated[Literal["yes", "no", "unknown"], BeforeValidator(yes_no)]
Tier = Literal["core", "secondary"]
SourceKind = Literal["primary", "secondary"]
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


def language_tag(value: str) -> str:
    if not _LANGUAGE_TAG.match(value) or len(value) > 35:
        raise PydanticCustomError("invalid_language", "not a BCP 47 language tag (e.g. en, de, de-CH)")
    return value


Language = Annotated[str, AfterValidator(language_tag)]
DateKind = Literal["exact", "inferred", "approximate", "month", "range", "conflict"]
