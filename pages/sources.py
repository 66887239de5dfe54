"""Sources: the bibliography, primary versus secondary, relay chains, and what cites each."""

import streamlit as st

from stances.domain.queries import sources
from stances.present import views
from stances.tables import source_table
from ui.frame import close_page, open_page
from ui.render import downloads, page_of
from ui.tables import draw_source_table

ctx = open_page("pages/sources.py", source_filters=True)
dataset, state, words = ctx.dataset, ctx.state, ctx.words
shown = sources(dataset, state)

primary = sum(1 for s in shown if s.kind == "primary")
st.markdown(
    words("**{n}** sources in this view: {p} primary, {s} secondary.", n=len(shown), p=primary, s=len(shown) - primary)
)
st.header(words("Sources as a table"), divider="gray")
st.caption(words("Sort by any column: click its heading. The cards below give each source in full."))
draw_source_table(dataset, shown, words)

st.header(words("Sources in this view"), divider="gray")
on_screen = page_of(shown, 100, words("sources"), state, words)
# One source on its own (a "cited by" link) lists everything that cites it.
limit = None if len(shown) == 1 else views.MAX_CITED_BY
ctx.fragment("source_records", items=views.source_records(dataset, on_screen, limit))

st.header(words("Download this view"), divider="gray")
downloads(lambda: source_table(dataset, shown), "sources", state, words)
close_page(ctx)
