"""Compare: the chosen parties side by side on each chosen issue, with words, sources and history."""

import streamlit as st

from stances.domain.queries import cells, chosen_parties, disagreements, shown_versions
from stances.domain.view_state import format_view
from stances.present.text import md_escape
from stances.tables import position_rows
from ui.frame import open_page
from ui.render import downloads, page_of, position_cell, stance_legend

ctx = open_page("pages/compare.py", "parties side by side: curator's summary, their own words, sources, history.")
dataset, state = ctx.dataset, ctx.state
parties = chosen_parties(dataset, state)
view_cells = cells(dataset, state)
per_row = 3 if len(parties) > 4 else max(len(parties), 1)
on_screen = page_of(view_cells, 60, "party × issue cells", "compare")
shown_issues = list(dict.fromkeys(c.issue.id for c in on_screen))
view_disagreements = disagreements(dataset, state)

for issue in (dataset.issues[i] for i in shown_issues):
    st.header(md_escape(issue.title), divider="gray")
    st.markdown(f"*{md_escape(issue.question)}*")
    with st.expander("What the stances mean"):
        stance_legend(dataset, issue)
    row_cells = [c for c in on_screen if c.issue.id == issue.id]
    for start in range(0, len(row_cells), per_row):
        columns = st.columns(per_row)
        for column, cell in zip(columns, row_cells[start : start + per_row], strict=False):
            with column:
                position_cell(dataset, cell, state)
    related = [d for d in view_disagreements if d.issue == issue.id]
    if related:
        st.markdown("**Where they disagree**")
        for d in related:
            names = " vs ".join(md_escape(dataset.parties[p].name) for p in d.parties)
            st.markdown(f"- {names}: {md_escape(d.crux)}")
        st.page_link(
            "pages/disagreements.py",
            label="See the disagreements with sources on each side",
            query_params=format_view(state.with_(issues=(issue.id,))),
            icon=":material/compare_arrows:",
        )

st.subheader("Download this view")
downloads(lambda: position_rows(dataset, shown_versions(view_cells, with_history=True)), "compare", state)
