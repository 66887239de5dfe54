"""About & method: who answers for the record, how it is kept, what each stance means, how to correct it."""

import streamlit as st

from stances.domain.queries import chosen_issues
from stances.present import views
from stances.present.text import md_escape
from stances.present.wording import AGREEMENT_METHOD, METHOD, TERMS
from ui.frame import close_page, open_page

ctx = open_page("pages/about.py")
dataset, state, words = ctx.dataset, ctx.state, ctx.words
meta = views.page_meta(dataset, state)

if meta.description:
    st.markdown(md_escape(meta.description))
st.markdown(words("**Dataset date:** latest source published {day}.", day=meta.dataset_date))
ctx.fragment("counts", items=meta.counts)
ctx.fragment("trust_line", t=views.trust_line(dataset))

st.header(words("Method"), divider="gray")
ctx.fragment("method", items=[(words(h), words(t)) for h, t in METHOD], terms=[(words(h), words(t)) for h, t in TERMS])

st.header(words("How agreement is computed"), divider="gray", anchor="agreement")
for paragraph in AGREEMENT_METHOD:
    st.markdown(md_escape(words(paragraph)))

st.header(words("What the stances mean"), divider="gray")
ctx.fragment("legends", items=views.legends(dataset, chosen_issues(dataset, state)))

st.header(words("Right of reply"), divider="gray")
st.markdown(words(views.REPLY_INTRO))
ctx.fragment("right_of_reply", groups=views.replies_by_party(dataset))

st.header(words("Corrections log"), divider="gray")
ctx.fragment("corrections", items=views.corrections(dataset))

st.header(words("Report a correction"), divider="gray")
st.markdown(md_escape(meta.corrections) if meta.corrections else words("Contact the curators."))
close_page(ctx)
