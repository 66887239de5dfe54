"""What changed: every position version, event, source and correction dated between `since` and `until`."""

from datetime import date

import streamlit as st

from stances.present.changes import changes, in_pages, window
from ui.frame import close_page, open_page, write_url
from ui.render import pick_page

W_SINCE, W_UNTIL = "w_since", "w_until"

ctx = open_page("pages/changes.py")
dataset, state, words = ctx.dataset, ctx.state, ctx.words
start, end = window(dataset, state)


def _window_changed() -> None:
    since, until = st.session_state.get(W_SINCE), st.session_state.get(W_UNTIL)
    write_url(
        state.with_(
            since=since if isinstance(since, date) else None,
            until=until if isinstance(until, date) else None,
            page=1,
        )
    )


st.session_state[W_SINCE], st.session_state[W_UNTIL] = start, end
left, right, _ = st.columns([1, 1, 2])
for column, key, label in ((left, W_SINCE, words("Since")), (right, W_UNTIL, words("Until"))):
    column.date_input(label, key=key, value=None, format="YYYY-MM-DD", on_change=_window_changed)
view = changes(dataset, state)
st.header(view.heading, divider="gray")
pages = in_pages(view)
shown = pick_page(pages, words("changes"), len(view.entries), state, words, size=lambda chunk: len(chunk.entries))
ctx.fragment("changes", v=shown)
close_page(ctx)
