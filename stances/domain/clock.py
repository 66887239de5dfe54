"""Today's date, overridable with the NOW environment variable (YYYY-MM-DD) for repeatable checks."""

from __future__ import annotations

import os
from datetime import date

from .problems import shown_value


class BadNow(ValueError):
    """NOW is set but is not a real date; the message says so on one line."""


def today() -> date:
    override = os.environ.get("NOW", "").strip()
    if not override:
        return date.today()
    try:
        return date.fromisoformat(override)
    except ValueError:
        raise BadNow(f"NOW={shown_value(override)} is not a date; use YYYY-MM-DD, or unset NOW for today") from None
