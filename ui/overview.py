"""The Overview page body, shared by the entry script (`/`) and `pages/overview.py` (the nav target)."""

import streamlit as st

from stances.domain.queries import cells, shown_versions
from stances.present import images, views
from stances.tables import position_table

from .frame import PAGE_BY_PATH, close_page, open_page, share_url
from .render import downloads


def render_overview(script: str) -> None:
    ctx = open_page(script)
    dataset, state, words = ctx.dataset, ctx.state, ctx.words
    matrix = views.matrix(dataset, state)
    ctx.fragment("trust_line", t=views.trust_line(dataset))
    ctx.fragment("matrix", m=matrix)
    with st.expander(words("What the stances mean")):
        ctx.fragment("legends", items=matrix.legends)
    ctx.fragment("counts", items=matrix.counts)
    st.header(words("Download this view"), divider="gray")
    downloads(
        lambda: position_table(dataset, shown_versions(cells(dataset, state), with_history=False)),
        "overview",
        state,
        words,
    )
    link = share_url(PAGE_BY_PATH[script], state)
    svg = lambda: images.matrix_svg(dataset, views.matrix(dataset, state), link)  # noqa: E731
    st.caption(words("The matrix of this view as an image for articles, with its legend, source line and link."))
    left, right, _ = st.columns([1, 1, 4])
    left.download_button(
        words("Download PNG"),
        lambda: images.png(svg()),
        file_name="matrix.png",
        mime="image/png",
        on_click="ignore",
        icon=":material/image:",
    )
    right.download_button(
        words("Download SVG"),
        lambda: svg().encode("utf-8"),
        file_name="matrix.svg",
        mime="image/svg+xml",
        on_click="ignore",
        icon=":material/image:",
    )
    close_page(ctx)
