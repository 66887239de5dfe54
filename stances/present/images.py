"""Images for articles and link previews: the matrix and a card per cell, as SVG from a template and PNG via resvg.

SVG comes from Jinja2 templates with autoescape (data text is inert); PNG is rendered by `resvg_py`, a compiled
renderer from PyPI that needs no browser and no system library beyond a font (Debian `fonts-dejavu-core`).
Every image carries its title, the dataset's date, the legend where there is one, a source line and a link.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

from ..domain.dataset import Dataset
from .facts import attribution_line, marks
from .palette import STEPS
from .templating import environment
from .text_fit import text_width, wrap
from .views import CellView, MatrixView, StanceView, page_meta, words_for

OG_SIZE = (1200, 630)
FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"
SERIF = "DejaVu Serif, Liberation Serif, Georgia, serif"
WIDTH, MARGIN, LABEL_WIDTH, ROW_HEIGHT = 1200, 30, 300, 34
CHAR_WIDTH = 0.6  # of the font size: a generous average for DejaVu Sans, so clipped text never overflows


@dataclass(frozen=True)
class Swatch:
    fill: str
    stroke: str
    ink: str
    dash: bool


SWATCHES = {
    **{
        f"p{k}": Swatch(fill=step.fill, stroke="#1b1b1b", ink=step.ink, dash=False)
        for k, step in enumerate(STEPS, start=1)
    },
    "unclear": Swatch(fill="#dddddd", stroke="#545454", ink="#000000", dash=True),
    "not-yet-recorded": Swatch(fill="#f6f4ef", stroke="#545454", ink="#1b1b1b", dash=True),
}
NO_SWATCH = Swatch(fill="#ffffff", stroke="#545454", ink="#000000", dash=True)


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
    return [line, words("View: {link}", link=link)]


INK, MUTED, RULE = "#1b1b1b", "#3d3d3d", "#d9d6cf"
CELL_SIZES = ((13, 3), (11, 4))  # font size and the most lines a cell label may take at it; then its place


@dataclass
class _Canvas:
    """Texts (each a list of lines, never cut) and rectangles, laid out top to bottom."""

    texts: list[dict] = field(default_factory=list)
    rects: list[dict] = field(default_factory=list)

    def text(self, x: float, y: float, text: str, width: float, size: float, bold: bool = False, fill: str = INK):
        """Wrapped text whose first baseline is `y`; returns the y below its last line."""
        lines = wrap(text, width, size, bold)
        lh = round(size * 1.3, 1)
        self.texts.append(
            {"x": round(x, 1), "y": round(y, 1), "size": size, "bold": bold, "fill": fill, "lines": lines, "lh": lh}
        )
        return y + lh * (len(lines) - 1) + size * 0.4

    def rect(self, x: float, y: float, w: float, h: float, s: Swatch, rx: int = 4) -> None:
        self.rects.append(
            {
                "x": round(x, 1),
                "y": round(y, 1),
                "w": round(w, 1),
                "h": round(h, 1),
                "rx": rx,
                "fill": s.fill,
                "stroke": s.stroke,
                "dash": s.dash,
                "line": False,
            }
        )

    def rule(self, y: float, stroke: str, weight: int) -> None:
        self.rects.append(
            {
                "x": MARGIN,
                "y": round(y, 1),
                "w": WIDTH - 2 * MARGIN,
                "h": weight,
                "rx": 0,
                "fill": "none",
                "stroke": stroke,
                "dash": False,
                "line": True,
            }
        )


def _cell_lines(stance: StanceView, marks: str, width: float) -> tuple[list[str], int, bool]:
    """The cell's words in full at the largest size that fits, or (on a narrow column) its place on the scale."""
    text = stance.label + (f" {marks}" if marks else "")
    for size, most in CELL_SIZES:
        lines = wrap(text, width, size)
        if len(lines) <= most:
            return lines, size, False
    return [stance.short + (f" {marks}" if marks else "")], CELL_SIZES[0][0], True


def _legend(canvas: _Canvas, view: MatrixView, top: float, extra: list[StanceView]) -> float:
    """Each scale's levels with their place and swatch, flowing left to right; returns the y below."""
    room = WIDTH - 2 * MARGIN
    y = top
    for legend in view.legends:
        y = canvas.text(MARGIN, y, ", ".join(legend.issues), room, 13, bold=True, fill=MUTED) + 20
        if legend.ends:
            y = canvas.text(MARGIN, y, legend.ends, room, 13, fill=MUTED) + 20
        y = _legend_items(canvas, [item.stance for item in legend.items], y) + 30
    if extra:
        y = _legend_items(canvas, extra, y) + 30
    x, bottom = MARGIN, y
    for mark, meaning in view.marks:  # left to right, wrapping, each mark with its meaning in words
        text = f"{mark} {meaning}"
        width = min(text_width(text, 13) + 24, room)
        if x + width > WIDTH - MARGIN and x > MARGIN:
            x, y = MARGIN, bottom + 22
        bottom = max(bottom, canvas.text(x, y, text, width, 13) - 13 * 0.4)
        x += width
    return bottom + 30


def _legend_items(canvas: _Canvas, stances: list[StanceView], y: float) -> float:
    x, bottom = MARGIN, y
    for stance in stances:
        text = f"{stance.short} {stance.label}"
        width = min(20 + text_width(text, 13) + 24, WIDTH - 2 * MARGIN)
        if x + width > WIDTH - MARGIN and x > MARGIN:
            x, y = MARGIN, bottom + 22
        canvas.rect(x, y - 12, 14, 14, swatch(stance), rx=0)
        bottom = max(bottom, canvas.text(x + 20, y, text, width - 20, 13) - 13 * 0.4)
        x += width
    return bottom


def matrix_svg(dataset: Dataset, view: MatrixView, link: str, frame: tuple[int, int] | None = None) -> str:
    """The matrix as drawn in the view (filters and date applied); `frame` fits it into a fixed canvas.
    No text is cut: titles, names and labels wrap; a stance label too long for its cell shrinks, and on a very
    narrow column the cell shows its place on the scale, which the legend spells out."""
    words, meta = words_for(dataset), page_meta(dataset)
    canvas = _Canvas()
    room = WIDTH - 2 * MARGIN
    y = canvas.text(MARGIN, 44, meta.site_title, room, 26, bold=True) + 22
    caption = view.caption.split(". ")[0].rstrip(".") + "."
    y = (
        canvas.text(
            MARGIN,
            y,
            words("Dataset of {date}. {caption}", date=meta.dataset_date, caption=caption),
            room,
            14,
            fill=MUTED,
        )
        + 30
    )
    columns = max(1, len(view.parties))
    col_w = (room - LABEL_WIDTH) / columns
    x_of = [MARGIN + LABEL_WIDTH + i * col_w for i in range(columns)]
    header_bottom = y
    for x, (_, name) in zip(x_of, view.parties, strict=False):
        header_bottom = max(header_bottom, canvas.text(x + 3, y, name, col_w - 8, 14, bold=True))
    canvas.rule(header_bottom + 6, INK, 2)
    y = header_bottom + 10
    extra: dict[str, StanceView] = {}
    for row in view.rows:
        fitted = []
        for c in row.cells:
            shown = marks(c.changed, c.disputed) + (c.evidence.sign if c.evidence else "")
            lines, size, by_place = _cell_lines(c.stance, shown, col_w - 16)
            fitted.append((c, lines, size))
            if c.stance.place is None and c.stance.id not in {i.stance.id for lg in view.legends for i in lg.items}:
                extra[c.stance.id] = c.stance
        title_lines = wrap(row.title, LABEL_WIDTH - 12, 14, True)
        height = max([len(title_lines) * 18.2] + [len(lines) * size * 1.3 for _, lines, size in fitted]) + 14
        height = max(height, ROW_HEIGHT)
        canvas.text(MARGIN, y + 19, row.title, LABEL_WIDTH - 12, 14, bold=True)
        for x, (c, lines, size) in zip(x_of, fitted, strict=False):
            s = swatch(c.stance)
            canvas.rect(x + 2, y + 3, col_w - 4, height - 6, s)
            canvas.texts.append(
                {
                    "x": round(x + 8, 1),
                    "y": round(y + 6 + size * 1.1, 1),
                    "size": size,
                    "bold": False,
                    "fill": s.ink,
                    "lines": lines,
                    "lh": round(size * 1.3, 1),
                }
            )
        y += height
    foot_y = _legend(canvas, view, y + 30, list(extra.values()))
    canvas.rule(foot_y - 22, RULE, 1)
    for line in _source_lines(dataset, link):
        foot_y = canvas.text(MARGIN, foot_y, line, room, 13, fill=MUTED) + 16
    height = int(foot_y + 20)
    desc = words("Matrix of {parties} parties × {issues} issues.", parties=len(view.parties), issues=len(view.rows))
    return (
        environment()
        .get_template("matrix.svg")
        .render(
            frame=frame or (WIDTH, height),
            width=WIDTH,
            height=height,
            font=FONT,
            title=meta.site_title,
            desc=desc,
            texts=canvas.texts,
            rects=canvas.rects,
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
    import resvg_py  # the compiled renderer loads only when a PNG is drawn, never for SVG, pages or the validator

    return bytes(resvg_py.svg_to_bytes(svg_string=svg, background="#ffffff", sans_serif_family="DejaVu Sans"))
