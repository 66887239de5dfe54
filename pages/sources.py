"""Sources: the bibliography, primary versus secondary, relay chains, and which positions cite each."""

import streamlit as st

from stances.domain.queries import sources
from stances.present.dates import published_text
from stances.present.text import md_escape
from stances.tables import source_rows
from ui.frame import open_page
from ui.render import downloads, page_of, source_line

ctx = open_page("pages/sources.py", "every source cited, with its relay chain and what cites it.", source_filters=True)
dataset, state = ctx.dataset, ctx.state
shown = sources(dataset, state)
cited = dataset.citations

primary = sum(1 for s in shown if s.kind == "primary")
st.markdown(f"**{len(shown)}** sources in this view: {primary} primary, {len(shown) - primary} secondary.")
on_screen = page_of(shown, 100, "sources", "sources")
st.dataframe(
    source_rows(dataset, on_screen),
    hide_index=True,
    width="stretch",
    column_config={
        "url": st.column_config.LinkColumn("URL"),
        "cited_by": st.column_config.ListColumn("Cited by"),
    },
)
st.subheader("Details")
for source in on_screen:
    with st.expander(md_escape(f"{source.outlet} · {published_text(source)} · {source.id}")):
        st.markdown(source_line(source))
        st.code(source.url, language=None, wrap_lines=True)
        if source.date_note:
            st.caption("Date: " + md_escape(source.date_note))
        for relay in source.via:
            target = f" (source `{md_escape(relay.source)}`)" if relay.source else ""
            st.markdown(
                f"- Relays **{md_escape(relay.outlet)}**{target}" + (f": {md_escape(relay.note)}" if relay.note else "")
            )
        citing = cited.get(source.id, [])
        if citing:
            st.markdown(
                "**Cited by:** "
                + ", ".join(
                    md_escape(f"{dataset.parties[c.party].name} / {dataset.issues[c.issue].title} ({c.version.as_of})")
                    for c in citing
                )
            )
        for excerpt in source.excerpts:
            st.markdown("> " + md_escape(excerpt.text))
            who = excerpt.speaker or "the outlet's narration"
            st.caption(("Direct: " if excerpt.direct else "Reported: ") + md_escape(who))

st.subheader("Download this view")
downloads(lambda: source_rows(dataset, shown), "sources", state)
