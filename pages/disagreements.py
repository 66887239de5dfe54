"""Disagreements: curated cruxes, each side's own words first, then the curator's account and the sources."""

import streamlit as st

from stances.domain.queries import disagreements
from stances.present import views
from stances.present.text import md_escape
from stances.tables import disagreement_table
from ui.frame import close_page, open_page
from ui.render import downloads, page_of

ctx = open_page("pages/disagreements.py")
dataset, state, words = ctx.dataset, ctx.state, ctx.words
shown = views.disagreements(dataset, state)

if not shown:
    st.info(words("No curated disagreement matches these filters."))
on_screen = page_of(shown, 50, words("disagreements"), state, words)
for issue_id in dict.fromkeys(d.issue_id for d in on_screen):
    st.header(md_escape(dataset.issues[issue_id].title), divider="gray")
    ctx.fragment("disagreement_list", items=[d for d in on_screen if d.issue_id == issue_id])

if state.curator:
    st.header(words("For curators: far-apart pairs with no write-up"), divider="gray")
    st.caption(words("Also reported by `stances validate` as warnings. Readers never see this section."))
    for issue_title, n in views.uncurated_counts(dataset, state):
        st.markdown(f"- {md_escape(issue_title)}: {n}")

st.header(words("Download this view"), divider="gray")
downloads(lambda: disagreement_table(disagreements(dataset, state)), "disagreements", state, words)
close_page(ctx)
