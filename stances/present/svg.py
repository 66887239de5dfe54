"""Charts and images as SVG, drawn from the view models through Jinja2 templates with autoescape.

No chart library is needed in the browser: the same SVG serves the app, the static site and the downloads.
"""

from __future__ import annotations

from datetime import date, timedelta

from .templating import environment
from .views import TimelineView
from .wording import Words

ROW_HEIGHT, MARGIN, WIDTH = 44, 16, 1100  # each row's name sits above it, so no name is cut at any width
Box = tuple[float, float, float, float]  # a chart's plotting area: left, top, right, bottom


def draw(template: str, width: float, height: float, box: Box | None = None, **values: object) -> str:
    """An SVG of `width` × `height` drawn through its template (autoescaped); `box` is the plotting area, passed to
    the template as `left`, `top`, `right` and `bottom`."""
    if box is not None:
        values.update(zip(("left", "top", "right", "bottom"), box, strict=True))
    return environment().get_template(template).render(width=width, height=height, **values)


def _ticks(start: date, end: date, left: float, span: float, words: Words) -> list[dict]:
    days = max((end - start).days, 1)
    step = 7 if days <= 120 else 30 if days <= 800 else 365
    out, day = [], start
    while day <= end:
        x = left + span * (day - start).days / days
        room = left + 40 <= x <= left + span - 40  # a label centred closer to an edge would be cut
        out.append({"x": round(x, 1), "label": words.day(day) if room else ""})
        day += timedelta(days=step)
    return out


def in_range(view: TimelineView, start: date | None, end: date | None) -> list:
    return [m for m in view.marks if (start is None or m.date >= start) and (end is None or m.date <= end)]


def timeline_svg(
    view: TimelineView,
    words: Words,
    start: date | None = None,
    end: date | None = None,
) -> str:
    """Events and positions in separate rows; several marks on one day in one row are spread, never stacked."""
    start = start or view.full_start
    end = end or view.full_end
    marks = in_range(view, start, end)
    if not marks or start is None or end is None:
        return ""
    rows = [r for r in view.rows if any(m.row == r for m in marks)]
    top, left, right = 40, MARGIN, WIDTH - 20
    pad = max(2, (end - start).days // 40)
    first, last = start - timedelta(days=pad), end + timedelta(days=pad)
    days = max((last - first).days, 1)
    y_of = {row: top + 30 + i * ROW_HEIGHT for i, row in enumerate(rows)}
    placed: dict[tuple[str, date], int] = {}
    drawn = []
    for m in marks:
        n = placed.get((m.row, m.date), 0)
        placed[(m.row, m.date)] = n + 1
        x = left + (right - left) * (m.date - first).days / days + (n % 4) * 7
        drawn.append(
            {
                "x": round(x, 1),
                "y": y_of[m.row] - (n // 4) * 6,
                "kind": m.kind,
                "title": m.title,
                "when": words.day(m.date),
            }
        )
    bottom = top + 30 + len(rows) * ROW_HEIGHT - 20
    return draw(
        "timeline.svg",
        WIDTH,
        bottom + 10,
        (left, top, right, bottom),
        label_x=left,
        rows=[{"label": r, "y": y_of[r]} for r in rows],
        marks=drawn,
        ticks=_ticks(first, last, left, right - left, words),
        title=words("Timeline from {start} to {end}", start=words.day(start), end=words.day(end)),
        desc=timeline_caption(view, words, start, end),
    )


def timeline_caption(view: TimelineView, words: Words, start: date | None = None, end: date | None = None) -> str:
    shown = in_range(view, start, end)
    return words(
        "{shown} of {total} dated entries; circles are events, crosses are events whose dates conflict, diamonds "
        "are recorded positions. The lists below hold every entry.",
        shown=len(shown),
        total=len(view.marks),
    )
