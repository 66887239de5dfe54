"""Timeline: dated events and position changes; conflicting dates are shown with both sources."""

from datetime import date

import streamlit as st

from stances.domain.queries import timeline
from stances.present import svg, views
from stances.tables import timeline_table
from ui.chart_page import draw
from ui.charts import selected_box, timeline_figure
from ui.frame import close_page, open_page, write_url
from ui.render import downloads, page_of

EVENTS_PER_PAGE = 25  # each event is a card with its sources: 65 cards cost a warm open about 250 ms in the browser

ctx = open_page("pages/timeline.py")
dataset, state, words = ctx.dataset, ctx.state, ctx.words
view = views.timeline_view(dataset, state)
start, end = views.timeline_range(view, state)

if not view.marks:
    st.info(words("Nothing dated matches these filters."))
else:
    chosen = bool(state.since or state.until)
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    left.caption(
        words("Showing {start} to {end}.", start=words.day(start), end=words.day(end))
        if chosen
        else words("Showing {start} to {end}, where the record is dense.", start=words.day(start), end=words.day(end))
    )
    if chosen:
        right.button(
            words("Show the dense period"),
            on_click=write_url,
            args=(state.with_(since=None, until=None, page=1),),
            icon=":material/close_fullscreen:",
        )
    elif (start, end) != (view.full_start, view.full_end):
        right.button(
            words("Show the whole record"),
            on_click=write_url,
            args=(state.with_(since=view.full_start, until=view.full_end, page=1),),
            icon=":material/open_in_full:",
        )
    ctx.fragment("chart_key", kinds=view.kinds)
    st.caption(words("Hover a mark for its date and title; drag across the chart to show that period."))
    caption = svg.timeline_caption(view, words, start, end)
    event = draw(timeline_figure(view, words, start, end), "timeline-chart", caption, ("box",))
    box = selected_box(event)
    if box:
        since, until = date.fromisoformat(box[0]), date.fromisoformat(box[1])
        if (since, until) != (state.since, state.until):
            write_url(state.with_(since=since, until=until, page=1))
            st.rerun()

in_range = views.timeline_in_range(view, start, end)
st.header(words("Events"), divider="gray")
ctx.fragment("events", items=page_of(in_range.events, EVENTS_PER_PAGE, words("events"), state, words))
st.header(words("Positions recorded"), divider="gray")
ctx.fragment("positions_list", items=in_range.positions)

st.header(words("Download this view"), divider="gray")
downloads(lambda: timeline_table(dataset, timeline(dataset, state)), "timeline", state, words)
close_page(ctx)
