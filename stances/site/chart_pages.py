"""The static site's pages of movement and pairs: `movement.html`, `pairs/index.html`, `pairs/<a>/<b>.html`.

Drawn from the same view models as the app's Movement and Pairs pages; the charts are SVG, with the tables and
lists beside them as their text alternative. The analysis table behind them is `data/analysis.csv`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from markupsafe import Markup

from ..domain.dataset import Dataset
from ..domain.ids import url_segment
from ..domain.view_state import ViewState
from ..present import analysis, chart_svg
from ..present.movement import movement
from ..present.pairs import agreement_matrix, pair
from ..present.permalinks import pair_path
from ..present.wording import Words
from .page import Page, cited_page

EVERYTHING = ViewState()
ANALYSIS_CSV = "data/analysis.csv"
PAGE_LIMIT = 1_000_000  # bytes; a movement.html past it is split into movement/<issue>.html


def _chart_page(
    dataset: Dataset, base_url: str | None, path: str, template: str, title: str, description: str, **context: Any
) -> Page:
    """A page of charts: it links the analysis table behind them and cites the dataset at its own URL."""
    return cited_page(dataset, base_url, path, template, title, description, download=ANALYSIS_CSV, **context)


def movement_page(dataset: Dataset, words: Words, base_url: str | None = None) -> Page:
    view = movement(dataset, EVERYTHING)
    charts = {im.issue_id: Markup(chart_svg.movement_svg(im, words)) for im in view.issues}
    description = words("Who moved, when, and toward whom, issue by issue.")
    return _chart_page(
        dataset, base_url, "movement.html", "movement.html", words("Movement"), description, view=view, charts=charts
    )


def split_movement_pages(dataset: Dataset, words: Words, base_url: str | None = None) -> list[Page]:
    """movement.html as an index (each issue keeps its anchor and links its own page), and movement/<issue>.html."""
    view = movement(dataset, EVERYTHING)
    index = movement_page(dataset, words, base_url)
    out = [replace(index, context={**index.context, "charts": {}, "split": True})]
    for im in view.issues:
        path = f"movement/{url_segment(im.issue_id)}.html"
        title = words("Movement") + " · " + im.title
        one = replace(view, issues=(im,))
        chart = {im.issue_id: Markup(chart_svg.movement_svg(im, words))}
        out.append(_chart_page(dataset, base_url, path, "movement.html", title, im.summary, view=one, charts=chart))
    return out


def pairs_index_page(dataset: Dataset, words: Words, base_url: str | None = None) -> Page:
    matrix = agreement_matrix(dataset, EVERYTHING)
    chart = Markup(chart_svg.agreement_matrix_svg(matrix, words))
    description = words("How far apart every two parties stand, on the curators’ ordinal scales.")
    path = "pairs/index.html"
    return _chart_page(
        dataset, base_url, path, "pairs_index.html", words("Pairs"), description, matrix=matrix, chart=chart
    )


def site_pair_ids(dataset: Dataset) -> list[tuple[str, str]]:
    """The pairs with a page of their own (every pair up to 12 parties), each in sorted order."""
    matrix = agreement_matrix(dataset, EVERYTHING)
    return [
        (e.a_id, e.b_id) for row in matrix.rows for e in row if e is not None and e.has_site_page and e.a_id < e.b_id
    ]


def pair_page(dataset: Dataset, words: Words, ids: tuple[str, str], base_url: str | None = None) -> Page:
    view = pair(dataset, EVERYTHING, *ids)
    path = pair_path(*ids)
    title = words("{a} and {b}", a=view.a_name, b=view.b_name)
    description = words(
        "{a} and {b}: {value} agreement, {basis}.",
        a=view.a_name,
        b=view.b_name,
        value=view.agreement_text,
        basis=view.basis_text,
    )
    chart = Markup(chart_svg.agreement_line_svg(view, words))
    return _chart_page(dataset, base_url, path, "pair.html", title, description, p=view, chart=chart)


def analysis_files(dataset: Dataset) -> dict[str, bytes]:
    return {ANALYSIS_CSV: analysis.table_csv(analysis.analysis_table(dataset)).encode("utf-8")}
