"""Pairs: two parties issue by issue, their overall agreement and how it changed, where they part, and every pair."""

import streamlit as st

from stances.present.pairs import agreement_matrix, pair, resolve_pair
from stances.present.text import md_escape
from ui.chart_page import analysis_download, draw
from ui.charts import agreement_line_figure, agreement_matrix_figure, selected
from ui.frame import close_page, open_page, write_url

W_A, W_B = "w_pair_a", "w_pair_b"
DISAGREEMENTS_OPEN = "pair_disagreements_open"

ctx = open_page("pages/pair.py")
dataset, state, words = ctx.dataset, ctx.state, ctx.words
matrix = agreement_matrix(dataset, state)
chosen = resolve_pair(dataset, state, matrix.default)


if chosen is None:
    st.info(words("A pair needs at least two parties in the dataset."))
else:
    if chosen.notice:
        st.warning(words(chosen.notice), icon=":material/link_off:")
    elif state.a is None:
        st.caption(words("No pair chosen: showing the pair with the most curated disagreements."))
    parties = list(dataset.parties)
    st.session_state[W_A], st.session_state[W_B] = chosen.a, chosen.b
    left, right = st.columns(2)
    for column, key, label in ((left, W_A, words("First party")), (right, W_B, words("Second party"))):
        column.selectbox(
            label,
            parties,
            key=key,
            format_func=lambda p: dataset.parties[p].name,
            on_change=lambda key=key: write_url(state.with_(a=st.session_state[W_A], b=st.session_state[W_B], page=1)),
        )
    view = pair(dataset, state, chosen.a, chosen.b)
    st.header(words("{a} and {b}", a=md_escape(view.a_name), b=md_escape(view.b_name)), divider="gray")
    ctx.fragment("pair_summary", template="analysis.html", p=view)
    st.subheader(words("Issue by issue"))
    ctx.fragment("pair_issues", template="analysis.html", p=view)
    st.subheader(words("Agreement over time"))
    if view.over_time:
        draw(agreement_line_figure(view, words), "pair-over-time", view.over_time_text, selection_mode=())
        ctx.fragment("over_time_list", template="analysis.html", p=view)
    st.subheader(words("Where they stand furthest apart"))
    ctx.fragment("far_apart", template="analysis.html", p=view)
    st.subheader(words("Their curated disagreements"))
    if view.disagreements:
        count = words.count(len(view.disagreements), "{n} curated disagreement", "{n} curated disagreements")
        # drawn when opened: the full cards, quotes and sources included, are most of the page's weight
        with st.expander(words("Show them: {count}", count=count), key=DISAGREEMENTS_OPEN, on_change="rerun") as shown:
            if shown.open:
                ctx.fragment("pair_disagreements", template="analysis.html", p=view)
    else:
        ctx.fragment("pair_disagreements", template="analysis.html", p=view)

st.header(words("Every pair"), divider="gray")
event = draw(agreement_matrix_figure(matrix, words), "pair-matrix", matrix.caption)
for point in selected(event):
    data = point.get("customdata") or []
    if len(data) == 2 and chosen and (data[0], data[1]) != (chosen.a, chosen.b):
        write_url(state.with_(a=data[0], b=data[1], page=1))
        st.rerun()
ctx.fragment("agreement_table", template="analysis.html", m=matrix)

st.header(words("Download this view"), divider="gray")
analysis_download(dataset, words, "pairs")
close_page(ctx)
