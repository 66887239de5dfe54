"""Plotly figures built from query results. plotly is imported only when a figure is drawn."""

from __future__ import annotations

import html
from collections.abc import Iterable
from datetime import timedelta
from typing import TYPE_CHECKING

from ..domain.dataset import Dataset
from ..domain.queries import TimelineEntry

if TYPE_CHECKING:
    import plotly.graph_objects as go

# Okabe–Ito colours: distinguishable with the common forms of colour blindness.
EVENT_COLOUR, POSITION_COLOUR, CONFLICT_COLOUR = "#0072B2", "#E69F00", "#D55E00"


def timeline_figure(dataset: Dataset, entries: list[TimelineEntry]) -> go.Figure:
    """One row per party (plus 'several parties'); markers differ in shape as well as colour."""
    # Import pandas fully first: plotly uses it if it is in sys.modules, and a session importing it in another
    # thread would otherwise hand plotly a half-initialised module (seen on a freshly started server).
    import pandas  # noqa: F401
    import plotly.graph_objects as go

    def lane(entry: TimelineEntry) -> str:
        if len(entry.parties) == 1:
            return dataset.parties[entry.parties[0]].name
        return "Several parties" if entry.parties else "General"

    groups = [
        ("Event", "circle", EVENT_COLOUR, [e for e in entries if e.kind == "event" and not e.conflict]),
        ("Event, dates conflict", "x", CONFLICT_COLOUR, [e for e in entries if e.conflict]),
        ("Position recorded", "diamond", POSITION_COLOUR, [e for e in entries if e.kind == "position"]),
    ]
    figure = go.Figure()
    for name, symbol, colour, group in groups:
        if not group:
            continue
        figure.add_trace(
            go.Scatter(
                x=[e.date.isoformat() for e in group],
                y=[lane(e) for e in group],
                mode="markers",
                name=name,
                marker={"symbol": symbol, "size": 12, "color": colour, "line": {"width": 1, "color": "#333"}},
                text=[e.title for e in group],
                hovertemplate="%{x}<br>%{text}<extra>" + name + "</extra>",
            )
        )
    lanes = list(dict.fromkeys(lane(e) for e in entries))
    figure.update_layout(
        height=max(260, 60 * len(lanes) + 120),
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        legend={"orientation": "h", "y": 1.12},
        yaxis={"categoryorder": "array", "categoryarray": lanes[::-1], "title": None},
        xaxis={"title": None, "type": "date", "tickformat": "%d %b %Y"},
        template="plotly_white",
    )
    if entries:
        first, last = min(e.date for e in entries), max(e.date for e in entries)
        pad = max(timedelta(days=3), (last - first) * 0.05)
        figure.update_xaxes(range=[(first - pad).isoformat(), (last + pad).isoformat()])
    return inert(figure)


def inert(figure: go.Figure) -> go.Figure:
    """Plotly reads trace text and axis categories as pseudo-HTML: escape them so they show as written."""

    def plain(values: Iterable[object] | None) -> list[str] | None:
        return None if values is None else [html.escape(str(v), quote=False) for v in values]

    for trace in figure.data:
        trace.update(text=plain(trace.text), y=plain(trace.y))
    figure.update_yaxes(categoryarray=plain(figure.layout.yaxis.categoryarray))
    return figure
