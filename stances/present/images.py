"""Images for articles and link previews: the matrix and a card per cell, as SVG from a template and PNG via resvg.

SVG comes from Jinja2 templates with autoescape (data text is inert); PNG is rendered by `resvg_py`, a compiled
renderer from PyPI that needs no browser and no system library beyond a font (Debian `fonts-dejavu-core`).
Every image carries its title, the dataset's date, the legend where there is one, a source line and a link.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

import resvg_py

from ..domain.dataset import Dataset
from .facts import attribution_line, marks
from .templating import environment
from .views import CellView, MatrixView, StanceView, page_meta, words_for

OG_SIZE = (1200, 630)
FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"
SERIF = "DejaVu Serif, Liberation Serif, Georgia, serif"
WIDTH, MARGIN, LABEL_WIDTH, ROW_HEIGHT, HEADER_Y = 1200, 30, 300, 34, 108
CHAR_WIDTH = 0.6  # of the font size: a generous average for DejaVu Sans, so clipped text never overflows


@dataclass(frozen=True)
class Swatch:
    fill: str
    stroke: str
    ink: str
    dash: bool


SWATCHES = {
    "blue": Swatch("#005a8c", "#1b1b1b", "#ffffff", False),
    "green": Swatch("#009E73", "#1b1b1b", "#000000", False),
    "purple": Swatch("#CC79A7", "#1b1b1b", "#000000", False),
    "orange": Swatch("#E69F00", "#1b1b1b", "#000000", False),
    "unclear": Swatch("#dddddd", "#545454", "#000000", True),
}
NO_SWATCH = Swatch("#ffffff", "#545454", "#000000", True)


def swatch(stance: StanceView) -> Swatch:
    return SWATCHES.get(stance.tone, NO_SWATCH)


def clip(text: str, width_px: float, size: float) -> str:
    """The text cut to what fits in `width_px` at font size `size`, marked with an ellipsis when cut."""
    room = max(1, int(width_px / (size * CHAR_WIDTH)))
    return text if len(text) <= room else text[: max(1, room - 1)].rstrip() + "…"


def _source_lines(dataset: Dataset, link: str) -> list[str]:
    words, meta = words_for(dataset), page_meta(dataset)
    who = f"{meta.publisher}, " if meta.publisher else ""
    line = words("Source: {who}{title}, dataset of {date}.", who=who, title=meta.site_title, date=meta.dataset_date)
    room = WIDTH - 2 * MARGIN
    return [clip(line, room, 13), clip(words("View: {link}", link=link), room, 13)]


def _legend(view: MatrixView, top: float) -> tuple[list[dict], float]:
    """Legend entries laid out left to right, wrapping; returns them and the y below the last line."""
    items: list[dict] = []
    y = top
    for legend in view.legends:
        items.append(
            {"x": MARGIN, "y": y, "text": clip(", ".join(legend.issues), WIDTH - 2 * MARGIN, 13), "swatch": None}
        )
        y += 22
        x = MARGIN
        for item in legend.items:
            text = clip(item.stance.label, 360, 13)
            width = 20 + len(text) * 13 * CHAR_WIDTH + 24
            if x + width > WIDTH - MARGIN and x > MARGIN:
                x, y = MARGIN, y + 22
            items.append({"x": x, "y": y, "text": text, "swatch": swatch(item.stance)})
            x += width
        y += 30
    x = MARGIN
    for mark, meaning in view.marks:  # left to right, wrapping, each mark with its meaning in words
        text = clip(f"{mark} {meaning}", WIDTH - 2 * MARGIN, 13)
        width = len(text) * 13 * CHAR_WIDTH + 24
        if x + width > WIDTH - MARGIN and x > MARGIN:
            x, y = MARGIN, y + 22
        items.append({"x": x, "y": y, "text": text, "swatch": None})
        x += width
    return items, y + 40


def matrix_svg(dataset: Dataset, view: MatrixView, link: str, frame: tuple[int, int] | None = None) -> str:
    """The matrix as drawn in the view (filters and date applied); `frame` fits it into a fixed canvas."""
    words, meta = words_for(dataset), page_meta(dataset)
    columns = max(1, len(view.parties))
    col_w = (WIDTH - 2 * MARGIN - LABEL_WIDTH) / columns
    x_of = [MARGIN + LABEL_WIDTH + i * col_w for i in range(columns)]
    headers = [
        {"x": round(x + 3, 1), "text": clip(name, col_w - 14, 15)}
        for x, (_, name) in zip(x_of, view.parties, strict=False)
    ]
    rows = []
    for n, row in enumerate(view.rows):
        y = HEADER_Y + 16 + n * ROW_HEIGHT
        cells = []
        for x, c in zip(x_of, row.cells, strict=False):
            s = swatch(c.stance)
            shown = marks(c.changed, c.disputed) + (c.evidence.sign if c.evidence else "")
            text = clip(c.stance.label, col_w - 14 - len(shown) * 14, 13) + (f" {shown}" if shown else "")
            cells.append(
                {
                    "x": round(x + 2, 1),
                    "w": round(col_w - 4, 1),
                    "fill": s.fill,
                    "stroke": s.stroke,
                    "ink": s.ink,
                    "dash": s.dash,
                    "text": text,
                }
            )
        rows.append({"y": y, "text": clip(row.title, LABEL_WIDTH - 10, 14), "cells": cells})
    legend, foot_y = _legend(view, HEADER_Y + 16 + len(view.rows) * ROW_HEIGHT + 30)
    height = int(foot_y + 20 + 20)
    title = meta.site_title
    subtitle = clip(
        words(
            "Dataset of {date}. {caption}",
            date=meta.dataset_date,
            caption=view.caption.split(". ")[0].rstrip(".") + ".",
        ),
        WIDTH - 2 * MARGIN,
        14,
    )
    desc = words("Matrix of {parties} parties × {issues} issues.", parties=len(view.parties), issues=len(view.rows))
    return (
        environment()
        .get_template("matrix.svg")
        .render(
            frame=frame or (WIDTH, height),
            width=WIDTH,
            height=height,
            margin=MARGIN,
            font=FONT,
            title=title,
            subtitle=subtitle,
            desc=desc,
            headers=headers,
            header_y=HEADER_Y,
            rows=rows,
            row_h=ROW_HEIGHT,
            legend=legend,
            foot_y=foot_y,
            source_lines=_source_lines(dataset, link),
        )
    )


QUOTE_CHARS, QUOTE_LINES = 70, 6


def card_svg(dataset: Dataset, cell: CellView, link: str) -> str:
    """A 1200×630 card of one cell: the stance, one quote, its speaker and date, the source and the link. The quote
    comes from the version the cell leads with (the party's own words where they still hold), labelled with what
    the cell rests on."""
    words, meta = words_for(dataset), page_meta(dataset)
    version = cell.lead or cell.current
    s = swatch(cell.stance)
    quote = version.quotes[0] if version and version.quotes else None
    if quote:
        lines = textwrap.wrap(f"“{quote.text}”", QUOTE_CHARS)
        evidence = [cell.evidence.mark, cell.evidence.outlets_mark] if cell.evidence.code else []
        label, attribution = " · ".join([version.words_label, *evidence]), attribution_line(quote)
        source = words("Source: {outlet}, {published}", outlet=quote.outlet.label, published=quote.published)
    else:
        lines = textwrap.wrap(version.summary, QUOTE_CHARS) if version and version.summary else []
        label = words("Curator’s summary") if lines else (cell.empty_text or "")
        attribution = ""
        first = version.sources[0] if version and version.sources else None
        source = (
            words("Source: {outlet}, {published}", outlet=first.outlet.label, published=first.published)
            if first
            else ""
        )
    if len(lines) > QUOTE_LINES:
        lines = lines[: QUOTE_LINES - 1] + [clip(lines[QUOTE_LINES - 1] + " …", 1080, 25)]
    stance = clip(cell.stance.text, 700, 22)
    return (
        environment()
        .get_template("card.svg")
        .render(
            font=FONT,
            serif=SERIF,
            title=words(
                "{party} on {issue}: {stance}", party=cell.party_name, issue=cell.issue_title, stance=cell.stance.text
            ),
            site_title=clip(
                words("{title} · dataset of {date}", title=meta.site_title, date=meta.dataset_date), 1080, 20
            ),
            party=clip(cell.party_name, 1080, 36),
            issue=clip(cell.issue_title, 1080, 24),
            stance=stance,
            stance_w=int(len(stance) * 22 * CHAR_WIDTH + 32),
            fill=s.fill,
            stroke=s.stroke,
            ink=s.ink,
            dash=s.dash,
            as_of=words("as of {day}", day=version.as_of) if version else "",
            quote_label=label,
            quote_lines=lines,
            attribution=clip(attribution, 1080, 20),
            source=clip(source, 1080, 17),
            link=clip(link, 1080, 17),
        )
    )


def png(svg: str) -> bytes:
    """The SVG rendered to PNG at its own size, on white."""
    return bytes(resvg_py.svg_to_bytes(svg_string=svg, background="#ffffff", sans_serif_family="DejaVu Sans"))
