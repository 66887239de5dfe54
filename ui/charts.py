"""The app's plotly figures. Each only draws a view model (movement, pair, agreement matrix, timeline marks).

plotly renders an HTML subset in titles, hover text and labels: every string from the data is escaped here
(`esc`) before it enters a figure. plotly is imported through `stances.present.heavy`, on first use, so the
Overview never pays for it.
"""

from __future__ import annotations

import html
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from functools import wraps
from typing import Any, TypeVar

from stances.present import heavy
from stances.present.chart_svg import wrap_lines
from stances.present.movement import Y_NONE, Y_UNCLEAR, IssueMovement
from stances.present.pairs import AgreementMatrix, PairView
from stances.present.timeline_marks import place
from stances.present.views import TimelineView
from stances.present.wording import Words

INK, MUTED, RULE, PAPER = "#1b1b1b", "#545454", "#d9d6cf", "#ffffff"
FONT = {"family": "system-ui, sans-serif", "size": 13, "color": INK}
CONFIG = {"displaylogo": False, "scrollZoom": False, "responsive": True}
KIND_SYMBOLS = {"event": "circle", "conflict": "x-thin-open", "position": "diamond"}
KIND_COLOURS = {"event": "#0072B2", "conflict": "#B34700", "position": "#E69F00"}
WRAP = 16  # characters per line of an axis label, so the long stance names never push the chart off a phone


F = TypeVar("F", bound=Callable[..., Any])
_figures: OrderedDict[tuple, tuple[Any, Any]] = OrderedDict()
_figures_lock = threading.Lock()
MAX_FIGURES = 256


def cache_figure(build: F) -> F:
    """One figure per view model object: view models are immutable and cached per view (`per_view`), so the same
    object comes back on every rerun of the same view; the figure is built once and only drawn again."""

    @wraps(build)
    def cached(view: Any, words: Words, *args: Any) -> Any:
        key = (id(view), words.language, build.__name__, args)
        with _figures_lock:
            hit = _figures.get(key)
            if hit is not None and hit[0] is view:
                _figures.move_to_end(key)
                return hit[1]
        figure = build(view, words, *args)
        with _figures_lock:
            _figures[key] = (view, figure)  # holding the view keeps its id from being reused while cached
            while len(_figures) > MAX_FIGURES:
                _figures.popitem(last=False)
        return figure

    return cached  # type: ignore[return-value]


def esc(text: str) -> str:
    """Data text made inert for plotly's HTML subset: with < > & escaped no tag or entity can form, so the text shows
    as written (quotes stay as they are: plotly would show &quot; literally)."""
    return html.escape(text, quote=False)


def wrap(text: str, width: int = WRAP) -> str:
    """An escaped label broken into lines of about `width` characters with <br>."""
    return "<br>".join(esc(line) for line in wrap_lines(text, width))


class Spec:
    """A figure written as plotly's plain dict: building go.Figure trace by trace validates every property and costs
    about 80 ms a chart, so the dict is handed over whole, unvalidated (tests validate each kind of figure once)."""

    def __init__(self) -> None:
        self.data: list[dict] = []
        self.layout: dict[str, Any] = {"xaxis": {}, "yaxis": {}, "shapes": [], "annotations": []}

    def add_trace(self, trace: dict) -> None:
        self.data.append(trace)

    def update_layout(self, **values: Any) -> None:
        self.layout.update(values)

    def update_xaxes(self, **values: Any) -> None:
        self.layout["xaxis"].update(values)

    def update_yaxes(self, **values: Any) -> None:
        self.layout["yaxis"].update(values)

    def add_hline(self, y: float, line: dict) -> None:
        self.layout["shapes"].append(
            {"type": "line", "xref": "paper", "x0": 0, "x1": 1, "yref": "y", "y0": y, "y1": y, "line": line}
        )

    def add_annotation(self, **values: Any) -> None:
        self.layout["annotations"].append(values)

    def figure(self) -> Any:
        with heavy.plotly_work() as go:
            return go.Figure({"data": self.data, "layout": self.layout}, _validate=False)


def scatter(**values: Any) -> dict:
    return {"type": "scatter", **values}


def _figure(height: int) -> Spec:
    fig = Spec()
    fig.update_layout(
        height=height,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        paper_bgcolor=PAPER,
        plot_bgcolor=PAPER,
        font=FONT,
        hoverlabel={"bgcolor": PAPER, "font": FONT, "align": "left"},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0, "xanchor": "left"},
        dragmode="zoom",
    )
    fig.update_xaxes(
        showgrid=True,
        gridcolor=RULE,
        linecolor=INK,
        automargin=True,
        zeroline=False,
        tickangle=0,  # never rotated (and cut) on a phone: few ticks, month over year
        nticks=6,
        tickformat="%b<br>%Y",
    )
    fig.update_yaxes(showgrid=True, gridcolor=RULE, automargin=True, fixedrange=True, zeroline=False)
    return fig


def _pad(start: date, end: date) -> list[str]:
    pad = timedelta(days=max(2, (end - start).days // 30))
    return [(start - pad).isoformat(), (end + pad).isoformat()]


@cache_figure
def movement_figure(view: IssueMovement, words: Words) -> Any:
    """A step line per party; markers are the recorded versions, each carrying (party, issue, day) for a click."""
    fig = _figure(140 + 48 * len(view.axis))
    for series in view.series:
        style = series.style
        xs: list[str | None] = []
        ys: list[float | None] = []
        for here, after in zip(series.points, [*series.points[1:], None], strict=False):
            xs.append(here.day.isoformat())
            ys.append(here.y)
            until = after.day if after else view.end
            if until is not None:
                xs.append(until.isoformat())
                ys.append(here.y)
            if after is not None and not (here.placed and after.placed):
                xs.append(None)  # no line drawn through the scale into or out of a state off it
                ys.append(None)
        fig.add_trace(
            scatter(
                x=xs,
                y=ys,
                mode="lines",
                line={"color": style.colour, "dash": style.dash, "width": 2.5, "shape": "hv"},
                hoverinfo="skip",
                showlegend=False,
                legendgroup=style.party_id,
            )
        )
        hover = [
            "<br>".join(
                part
                for part in (
                    f"<b>{esc(style.party_name)}</b>",
                    f"{esc(p.when)} · {esc(p.stance.text)}",
                    words("Moved here") if p.move else "",
                    f"“{esc(p.quote)}”" if p.quote else "",
                    words("Click to open this position on Compare."),
                )
                if part
            )
            for p in series.points
        ]
        fig.add_trace(
            scatter(
                x=[p.day.isoformat() for p in series.points],
                y=[p.y for p in series.points],
                mode="markers",
                marker={"symbol": style.marker, "size": 12, "color": style.colour, "line": {"color": INK, "width": 1}},
                name=esc(style.party_name),
                legendgroup=style.party_id,
                hovertext=hover,
                hoverinfo="text",
                customdata=[[style.party_id, view.issue_id, p.day.isoformat()] for p in series.points],
            )
        )
    fig.add_hline(y=(Y_UNCLEAR + 1) / 2, line={"color": MUTED, "dash": "dot", "width": 1})
    fig.update_yaxes(
        tickvals=[y for y, _ in view.axis],
        ticktext=[wrap(label) for _, label in view.axis],
        range=[Y_NONE - 0.6, max(y for y, _ in view.axis) + 0.6],
    )
    if view.opens:
        fig.update_xaxes(range=_pad(*view.opens))
    return fig.figure()


@cache_figure
def agreement_line_figure(view: PairView, words: Words) -> Any:
    """Agreement at each date either party recorded a version; gaps where no issue was comparable."""
    fig = _figure(300)
    points = view.over_time
    xs = [p.day.isoformat() for p in points]
    ys = [None if p.value is None else round(100 * p.value, 1) for p in points]
    fig.add_trace(
        scatter(
            x=xs,
            y=ys,
            mode="lines+markers",
            line={"shape": "hv", "color": "#0072B2", "width": 2.5},
            marker={"symbol": "circle", "size": 9, "color": "#0072B2", "line": {"color": INK, "width": 1}},
            hovertext=[f"{esc(p.when)} · {esc(p.text)}" for p in points],
            hoverinfo="text",
            showlegend=False,
        )
    )
    fig.update_yaxes(range=[-5, 105], ticksuffix="%", title={"text": esc(words("Agreement"))})
    if points:
        fig.update_xaxes(range=_pad(points[0].day, points[-1].day))
    return fig.figure()


@cache_figure
def agreement_matrix_figure(matrix: AgreementMatrix, words: Words) -> Any:
    """Every pair as a square coloured by its agreement, with the figure written in it; a click opens the pair."""
    names = [wrap(name, 22) for _, name in matrix.parties]
    xs, ys, values, texts, hover, custom = [], [], [], [], [], []
    for row_id, row in zip((p for p, _ in matrix.parties), matrix.rows, strict=True):
        for entry in row:
            if entry is None:
                continue
            xs.append(names[[p for p, _ in matrix.parties].index(entry.b_id)])
            ys.append(names[[p for p, _ in matrix.parties].index(row_id)])
            values.append(-1 if entry.value is None else round(100 * entry.value))
            texts.append(esc(entry.text))
            hover.append(esc(entry.label))
            custom.append([entry.target.party, entry.target.other])
    n = len(matrix.parties)
    fig = _figure(120 + 46 * n)
    fig.add_trace(
        scatter(
            x=xs,
            y=ys,
            mode="markers+text",
            text=texts,
            textfont={"color": INK, "size": 12},
            marker={
                "symbol": "square",
                "size": 42,
                "color": values,
                "cmin": -1,
                "cmax": 100,
                "colorscale": [[0, "#eeeeee"], [0.0099, "#eeeeee"], [0.01, "#fbe3d1"], [1, "#a8d5f0"]],
                "line": {"color": RULE, "width": 1},
            },
            hovertext=hover,
            hoverinfo="text",
            customdata=custom,
            showlegend=False,
        )
    )
    fig.update_xaxes(side="top", showgrid=False, fixedrange=True, categoryorder="array", categoryarray=names)
    fig.update_yaxes(showgrid=False, categoryorder="array", categoryarray=list(reversed(names)))
    return fig.figure()


@cache_figure
def timeline_figure(view: TimelineView, words: Words, start: date | None, end: date | None) -> Any:
    """Events and positions in rows; marks of one day in one row spread apart; the row names above their rows."""
    placed = place(view, words)
    fig = _figure(round(90 + 62 * placed.height))
    for kind, label in placed.kinds:
        marks = [m for m in placed.marks if m.mark.kind == kind]
        if not marks:
            continue
        fig.add_trace(
            scatter(
                x=[m.day.isoformat() for m in marks],
                y=[m.y for m in marks],
                mode="markers",
                name=esc(label),
                marker={
                    "symbol": KIND_SYMBOLS[kind],
                    "size": 12,
                    "color": KIND_COLOURS[kind],
                    "line": {"color": INK if kind != "conflict" else KIND_COLOURS[kind], "width": 1.5},
                },
                hovertext=[
                    "<br>".join((f"<b>{esc(m.when)}</b> · {esc(label)}", wrap(m.mark.title, 60), esc(m.mark.parties)))
                    for m in marks
                ],
                hoverinfo="text",
                customdata=[[m.mark.target.page, m.mark.target.issue or "", m.mark.target.party or ""] for m in marks],
            )
        )
    top_of = {r.label: max(m.y for m in placed.marks if m.mark.row == r.label) - r.y + 0.25 for r in placed.rows}
    for row in placed.rows:
        fig.add_annotation(
            x=0,
            xref="paper",
            y=row.y + top_of[row.label],
            yref="y",
            text=f"<b>{esc(row.label)}</b>",
            showarrow=False,
            xanchor="left",
            yanchor="bottom",
            font={"size": 12, "color": INK},
        )
    fig.update_yaxes(
        showticklabels=False,
        tickvals=[r.y for r in placed.rows],
        range=[min((m.y for m in placed.marks), default=0) - 0.7, placed.height - 0.2],
    )
    if start and end:
        fig.update_xaxes(range=_pad(start, end))
    fig.update_layout(dragmode="select", selectdirection="h", showlegend=False)  # the key stands above the chart
    return fig.figure()


def selected(event: Any) -> Sequence[dict]:
    """The points a click or a box selected, from st.plotly_chart's return value."""
    try:
        return list(event["selection"]["points"])
    except (KeyError, TypeError):
        return []


def selected_box(event: Any) -> tuple[str, str] | None:
    """The x range of a box selection, as two ISO dates."""
    try:
        box = event["selection"]["box"][0]
        low, high = sorted(str(x)[:10] for x in box["x"][:2])
    except (KeyError, TypeError, IndexError, ValueError):
        return None
    return low, high
