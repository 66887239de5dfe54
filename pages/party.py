"""A party's page: who it is, whom the record quotes, and its position on every issue, with the evidence under each."""

import streamlit as st

from stances.present.party import party_view
from stances.present.text import md_escape
from ui.frame import close_page, open_page

ctx = open_page("pages/party.py")
dataset, state, words = ctx.dataset, ctx.state, ctx.words
party_id = state.parties[0] if state.parties else next(iter(dataset.parties))
if len(state.parties) != 1:
    st.info(words("This page shows one party; showing {party}.", party=md_escape(dataset.parties[party_id].name)))
view = party_view(dataset, party_id, state.as_of)
st.header(md_escape(view.name), divider="gray")
ctx.fragment("party_page", p=view)
close_page(ctx)
