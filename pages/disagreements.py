"""Disagreements: curated cruxes with sources on each side, and far-apart pairs nobody has written up."""

import streamlit as st

from stances.domain.queries import disagreements, side_quotes, uncurated_gaps
from stances.present.text import md_escape
from stances.tables import disagreement_rows
from ui.frame import open_page
from ui.render import downloads, page_of, quote_block, source_line, stance_badge

ctx = open_page("pages/disagreements.py", "what exactly is disputed, by whom, with sources on each side.")
dataset, state = ctx.dataset, ctx.state
shown = disagreements(dataset, state)

if not shown:
    st.info("No curated disagreement matches these filters.")
on_screen = page_of(shown, 50, "disagreements", "disagreements")
for issue_id in dict.fromkeys(d.issue for d in on_screen):
    issue = dataset.issues[issue_id]
    st.header(md_escape(issue.title), divider="gray")
    for d in (d for d in on_screen if d.issue == issue_id):
        with st.container(border=True):
            names = " vs ".join(md_escape(dataset.parties[p].name) for p in d.parties)
            st.markdown(f"**{names}**")
            st.markdown(f"**Crux:** {md_escape(d.crux)}")
            if d.note:
                st.caption(md_escape(d.note))
            columns = st.columns(len(d.sides))
            for column, side in zip(columns, d.sides, strict=True):
                with column:
                    st.markdown(f"**{md_escape(dataset.parties[side.party].name)}**")
                    st.markdown(md_escape(side.claim))
                    quotes = side_quotes(dataset, d, side)
                    if quotes:
                        st.caption("In their words")
                        quote_block(dataset, quotes)
                    st.markdown("\n".join(f"- {source_line(dataset.sources[s])}" for s in side.sources))

gaps = uncurated_gaps(dataset, state)
st.header("Far apart, not yet written up", divider="gray")
st.caption(
    "Pairs of parties at opposite ends of an issue's scale with no curated disagreement note. "
    "Shown for curators; no public position is never counted as disagreement."
)
if not gaps:
    st.success("Every far-apart pair in this view has a curated note.")
for gap in page_of(gaps, 50, "far-apart pairs", "gaps"):
    st.warning(
        f"**{md_escape(gap.issue.title)}:** {md_escape(gap.a.name)} "
        f"{stance_badge(dataset, gap.issue, gap.stance_a)} and {md_escape(gap.b.name)} "
        f"{stance_badge(dataset, gap.issue, gap.stance_b)}",
        icon=":material/edit_note:",
    )

st.subheader("Download this view")
downloads(lambda: disagreement_rows(shown), "disagreements", state)
