"""Movement: each party's place on each issue's scale through time, with every move in words and a link to it."""

import streamlit as st

from stances.present.movement import movement
from stances.present.text import md_escape
from ui.chart_page import analysis_download, draw, open_clicked_cell
from ui.charts import movement_figure
from ui.frame import close_page, open_page
from ui.render import page_of

ISSUES_PER_PAGE = 8  # charts drawn in one run; the page number is in the URL

ctx = open_page("pages/movement.py")
dataset, state, words = ctx.dataset, ctx.state, ctx.words
view = movement(dataset, state)

st.markdown(md_escape(view.how_to_read))
ctx.fragment("party_key", template="analysis.html", styles=view.styles)
for im in page_of(view.issues, ISSUES_PER_PAGE, words("issues"), state, words):
    st.header(md_escape(im.title), divider="gray", anchor=f"issue-{im.issue_id}")
    if im.question:
        st.markdown(f"*{md_escape(im.question)}*")
    if im.drawn_note:
        st.info(md_escape(im.drawn_note))
    if im.series:
        event = draw(movement_figure(im, words), f"movement-{im.issue_id}", im.summary)
        open_clicked_cell(event, dataset)
    else:
        st.caption(words("No position recorded on this issue in this view."))
    ctx.fragment("move_list", template="analysis.html", im=im)

st.header(words("Download this view"), divider="gray")
analysis_download(dataset, words, "movement")
close_page(ctx)
