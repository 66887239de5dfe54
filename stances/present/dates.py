"""How a date is written for readers, keeping its precision and any conflict visible."""

from __future__ import annotations

from datetime import date

from ..domain.model import Event, Source

KIND_WORDS = {
    "exact": "",
    "inferred": "inferred",
    "approximate": "approximate",
    "month": "month only",
    "range": "range",
    "conflict": "dates conflict",
}


def written(value: date, kind: str) -> str:
    return value.strftime("%Y-%m") if kind == "month" else value.isoformat()


def event_when(event: Event) -> str:
    """'2026-03-02 or 2026-03-03', '2026-01 (month only)', '2026-02-23 to 2026-02-24', …"""
    dates = event.all_dates
    joiner = " to " if event.date_kind == "range" else " or "
    text = joiner.join(written(d, event.date_kind) for d in dates)
    word = KIND_WORDS[event.date_kind]
    return f"{text} ({word})" if word and event.date_kind != "conflict" else text


def published_text(source: Source) -> str:
    return source.published.isoformat() if isinstance(source.published, date) else "date unknown"
