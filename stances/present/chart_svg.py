"""The static site's charts of movement and agreement, as SVG drawn through Jinja2 templates (autoescaped).

Each function only lays out a view model (movement, pair, agreement matrix) that the app's plotly figures draw
too; the site carries no script. Marker shapes and line dashes repeat what colour says.
"""

from __future__ import annotations

import textwrap
from datetime import date, timedelta

from .markers import DASHARRAYS, marker_path
from .movement import Y_NONE, IssueMovement, MovementPoint
from .pairs import AgreementMatrix, PairView
from .svg import draw
from .wording import Words

WIDTH, LABEL_WIDTH, ROW, TOP = 960, 170, 46, 24
WRAP = 20


def wrap_lines(text: str, width: int = WRAP) -> list[str]:
    """A label broken into lines of about `width` characters, at spaces only (a long word keeps its line)."""
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [""]


def _ticks(first: date, last: date, x_of, words: Words) -> list[dict]:
    days = max((last - first).days, 1)
    step = 7 if days <= 60 else 30 if days <= 400 else 91 if days <= 1200 else 365
    out, day = [], first
    while day <= last:
        out.append({"x": round(x_of(day), 1), "label": words.day(day) if step < 30 else words.month(day)})
        day += timedelta(days=step)
    return out


def movement_svg(view: IssueMovement, words: Words) -> str:
    """One issue: a step line per party, versions as markers, the scale's stances on the left axis."""
    if not view.series or not view.opens:
        return ""
    first, last = view.opens
    pad = timedelta(days=max(2, (last - first).days // 30))
    first, last = first - pad, last + pad
    left, right = LABEL_WIDTH, WIDTH - 16
    top_y = max(y for y, _ in view.axis)
    height = TOP + ROW * (top_y - Y_NONE + 1) + 36

    def x_of(day: date) -> float:
        day = min(max(day, first), last)
        return left + (right - left) * (day - first).days / max((last - first).days, 1)

    def y_of(value: float) -> float:
        return TOP + ROW * (top_y - value + 0.5)

    def title(p: MovementPoint, name: str) -> str:
        quote = f" · “{p.quote}”" if p.quote else ""
        return f"{name} · {p.when} · {p.stance.text}{quote}"

    series = []
    for s in view.series:
        segments, current = [], []
        for here, after in zip(s.points, [*s.points[1:], None], strict=False):
            until = after.day if after else view.end
            current.append((x_of(here.day), y_of(here.y)))
            if until is not None:
                current.append((x_of(until), y_of(here.y)))
            if after is not None and not (here.placed and after.placed):
                segments.append(current)
                current = []
            elif after is not None:
                current.append((x_of(after.day), y_of(after.y)))
        segments.append(current)
        series.append(
            {
                "name": s.style.party_name,
                "colour": s.style.colour,
                "dash": DASHARRAYS[s.style.dash],
                "paths": ["M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in seg) for seg in segments if len(seg) > 1],
                "marks": [
                    {"d": marker_path(s.style.marker, x_of(p.day), y_of(p.y)), "title": title(p, s.style.party_name)}
                    for p in s.points
                ],
            }
        )
    axis = [{"y": y_of(y), "lines": wrap_lines(label)} for y, label in view.axis]
    return draw(
        "movement.svg",
        WIDTH,
        round(height),
        (left, TOP, right, round(y_of(Y_NONE) + ROW / 2)),
        divider=y_of(0.5),
        axis=axis,
        ticks=_ticks(view.opens[0], view.opens[1], x_of, words),
        series=series,
        ident=view.issue_id,
        title=view.title,
        desc=view.summary,
    )


def agreement_line_svg(view: PairView, words: Words) -> str:
    """Agreement (0–100%) at each date either party recorded a version; gaps where nothing was comparable."""
    points = view.over_time
    if not points:
        return ""
    left, right, top, bottom = 56, WIDTH - 16, 16, 216
    first, last = points[0].day, points[-1].day
    pad = timedelta(days=max(2, (last - first).days // 30))
    first, last = first - pad, last + pad

    def x_of(day: date) -> float:
        return left + (right - left) * (day - first).days / max((last - first).days, 1)

    def y_of(value: float) -> float:
        return bottom - (bottom - top) * value

    paths, current, dots = [], [], []
    for here, after in zip(points, [*points[1:], None], strict=False):
        if here.value is None:
            if len(current) > 1:
                paths.append(current)
            current = []
            continue
        current.append((x_of(here.day), y_of(here.value)))
        dots.append(
            {"x": round(x_of(here.day), 1), "y": round(y_of(here.value), 1), "title": f"{here.when}: {here.text}"}
        )
        if after is not None:
            current.append((x_of(after.day), y_of(here.value)))
    if len(current) > 1:
        paths.append(current)
    return draw(
        "agreement_line.svg",
        WIDTH,
        bottom + 34,
        (left, top, right, bottom),
        grid=[{"y": y_of(v / 100), "label": f"{v}%"} for v in (0, 25, 50, 75, 100)],
        ticks=_ticks(points[0].day, points[-1].day, x_of, words),
        paths=["M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in p) for p in paths],
        dots=dots,
        title=words("Agreement over time"),
        desc=view.over_time_text,
    )


def agreement_matrix_svg(matrix: AgreementMatrix, words: Words) -> str:
    """Every pair as a square shaded by its agreement, the figure written in it (a lighter shade: lower)."""
    n = len(matrix.parties)
    if n < 2:
        return ""
    cell, label = 54, 190
    cells = []
    for i, row in enumerate(matrix.rows):
        for j, entry in enumerate(row):
            if entry is None:
                continue
            shade = "#eeeeee" if entry.value is None else _shade(entry.value)
            cells.append(
                {"x": label + j * cell, "y": label + i * cell, "fill": shade, "text": entry.text, "title": entry.label}
            )
    side = label + n * cell + 10
    return draw(
        "agreement_matrix.svg",
        side,
        side,
        cell=cell,
        label=label,
        names=[{"i": i, "lines": wrap_lines(name, 24)} for i, (_, name) in enumerate(matrix.parties)],
        cells=cells,
        title=words("Agreement of every pair"),
        desc=matrix.caption,
    )


def _shade(value: float) -> str:
    """From a pale orange (0%) to a pale blue (100%); the figure in the square always says the value."""
    low, high = (0xFB, 0xE3, 0xD1), (0xA8, 0xD5, 0xF0)
    return "#" + "".join(f"{round(a + (b - a) * value):02x}" for a, b in zip(low, high, strict=True))
