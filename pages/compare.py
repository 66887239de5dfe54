"""Compare: the chosen parties side by side on each chosen issue: their words first, then sources and history."""

import streamlit as st

from stances.domain.queries import cells, shown_versions
from stances.domain.view_state import ViewState, format_view
from stances.present import views
from stances.present.text import md_escape
from stances.tables import position_table
from ui.frame import close_page, open_page
from ui.render import downloads, issues_page

ctx = open_page("pages/compare.py")
dataset, state, words = ctx.dataset, ctx.state, ctx.words
view_cells = views.cells(dataset, state)
view_disagreements = views.disagreements(dataset, state)
if state.evidence:
    st.info(views.evidence_filter_text(dataset, state.evidence), icon=":material/filter_alt:")
    unfiltered = {**ctx.passthrough, **format_view(state.with_(evidence=None))}
    st.page_link("pages/compare.py", label=words("Show every cell"), query_params=unfiltered or None)

for issue in issues_page(dataset, state, view_cells, words):
    st.header(md_escape(issue.title), divider="gray")
    if issue.question:
        st.markdown(f"*{md_escape(issue.question)}*")
    st.page_link(
        "pages/movement.py",
        label=words("How positions on {issue} moved", issue=md_escape(issue.title)),
        icon=":material/show_chart:",
        query_params={**ctx.passthrough, **format_view(ViewState(issues=(issue.id,), as_of=state.as_of))},
    )
    ctx.fragment("cells_grid", cells=[c for c in view_cells if c.issue_id == issue.id])
    related = [d for d in view_disagreements if d.issue_id == issue.id]
    if related:
        st.subheader(words("Where they disagree"))
        ctx.fragment("disagreement_list", items=related)
    with st.expander(words("What the stances mean")):
        ctx.fragment("legends", items=views.legends(dataset, [issue]))

st.header(words("Download this view"), divider="gray")
downloads(
    lambda: position_table(dataset, shown_versions(cells(dataset, state), with_history=True)), "compare", state, words
)
close_page(ctx)
