"""The timeline's marks placed for a chart: a row per party and kind, and marks of one day in one row spread apart.

Rows run from the top (y highest) down; each row's name is drawn above its row, so no label is ever cut by a
narrow screen. Both the app's plotly chart and any other drawing read this placement.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from .views import TimelineMark, TimelineView
from .wording import Words

STEP = 0.2  # between two marks of one day in one row, in row heights
GAP = 1.0  # from one row's lowest mark to the next row's label


class PlacedRow(NamedTuple):
    label: str
    y: float


@dataclass(frozen=True)
class PlacedMark:
    mark: TimelineMark
    day: date
    y: float
    when: str


@dataclass(frozen=True)
class PlacedMarks:
    rows: tuple[PlacedRow, ...]
    marks: tuple[PlacedMark, ...]
    kinds: tuple[tuple[str, str], ...]
    height: float  # in row units, for the chart's height


def place(view: TimelineView, words: Words) -> PlacedMarks:
    """Every mark of the view (the chart opens on the dense period; the reader may pan to the rest)."""
    same: dict[tuple[str, date], list[TimelineMark]] = {}
    for m in view.marks:
        same.setdefault((m.row, m.date), []).append(m)
    rows = [r for r in view.rows if any(m.row == r for m in view.marks)]
    tallest = {r: max(len(g) for (row, _), g in same.items() if row == r) for r in rows}
    y_of, y = {}, 0.0
    for row in reversed(rows):  # from the bottom up: each row as tall as its fullest day
        y += (tallest[row] - 1) * STEP / 2
        y_of[row] = y
        y += (tallest[row] - 1) * STEP / 2 + GAP
    placed = []
    for (row, day), group in same.items():
        k = len(group)
        for j, m in enumerate(group):
            placed.append(PlacedMark(mark=m, day=day, y=y_of[row] + ((k - 1) / 2 - j) * STEP, when=words.day(day)))
    return PlacedMarks(rows=tuple(PlacedRow(r, y_of[r]) for r in rows), marks=tuple(placed), kinds=view.kinds, height=y)
