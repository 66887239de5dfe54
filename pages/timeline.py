"""Timeline: dated events and position changes; conflicting dates are shown with both sources."""

import streamlit as st

from stances.domain.queries import timeline
from stances.present.dates import event_when, written
from stances.present.figures import timeline_figure
from stances.present.text import md_escape
from stances.tables import timeline_rows
from ui.frame import open_page
from ui.render import downloads, page_of, source_line

ctx = open_page("pages/timeline.py", "events and position changes over time; where outlets disagree on a date, both.")
dataset, state = ctx.dataset, ctx.state
CHART_LIMIT = 1000
entries = timeline(dataset, state)

if not entries:
    st.info("Nothing dated matches these filters.")
else:
    if len(entries) <= CHART_LIMIT:
        st.plotly_chart(timeline_figure(dataset, entries), width="stretch", config={"displaylogo": False})
    else:
        st.info(
            f"{len(entries)} dated entries are too many to chart; choose issues or parties to see the chart.",
            icon=":material/filter_alt:",
        )

seen_events: set[str] = set()
for entry in page_of(entries, 100, "dated entries", "timeline"):
    if entry.event is not None:
        event = entry.event
        if event.id in seen_events:
            continue
        seen_events.add(event.id)
        with st.container(border=True):
            flag = " :red-badge[Dates conflict]" if event.date_kind == "conflict" else ""
            st.markdown(f"**{md_escape(event_when(event))}**{flag} — {md_escape(event.title)}")
            if event.description:
                st.markdown(md_escape(event.description))
            if event.date_note:
                st.caption("Date: " + md_escape(event.date_note))
            for d in event.dates:
                label = f" ({md_escape(d.label)})" if d.label else ""
                st.markdown(
                    f"- **{written(d.date, event.date_kind)}**{label}: "
                    + "; ".join(source_line(dataset.sources[s]) for s in d.sources)
                )
            for account in event.accounts:
                st.markdown(
                    f"- Account: {md_escape(account.claim)} — "
                    + "; ".join(source_line(dataset.sources[s]) for s in account.sources)
                )
            with st.expander("Sources"):
                st.markdown("\n".join(f"- {source_line(dataset.sources[s])}" for s in event.sources))
    else:
        with st.container(border=True):
            st.markdown(f"**{entry.date.isoformat()}** :orange-badge[Position recorded] — {md_escape(entry.title)}")
            if entry.cell and entry.cell.version.change:
                st.caption("What changed: " + md_escape(entry.cell.version.change))

st.subheader("Download this view")
downloads(lambda: timeline_rows(dataset, entries), "timeline", state)
