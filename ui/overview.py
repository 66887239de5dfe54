"""The Overview page body, shared by the entry script (`/`) and `pages/overview.py` (the nav target)."""

import streamlit as st

from stances.domain.queries import cells, shown_versions
from stances.present import views
from stances.tables import position_rows

from .frame import close_page, open_page
from .render import downloads


def render_overview(script: str) -> None:
    ctx = open_page(script, "each party's stance on each issue; open a cell for their words, sources and history.")
    dataset, state, words = ctx.dataset, ctx.state, ctx.words
    matrix = views.matrix(dataset, state)
    ctx.fragment("matrix", m=matrix)
    with st.expander(words("What the stances mean")):
        ctx.fragment("legends", items=matrix.legends)
    ctx.fragment("counts", items=matrix.counts)
    st.header(words("Download this view"), divider="gray")
    downloads(
        lambda: position_rows(dataset, shown_versions(cells(dataset, state), with_history=False)), "overview", state
    )
    close_page(ctx)
