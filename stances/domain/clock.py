"""Today's date, overridable with the NOW environment variable (YYYY-MM-DD) for repeatable checks."""

from __future__ import annotations

import os
from datetime import date


def today() -> date:
    override = os.environ.get("NOW", "").strip()
    if override:
        return date.fromisoformat(override)
    return date.today()
