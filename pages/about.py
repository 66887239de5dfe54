"""About & method: what each stance means, how curation works, how to report a correction."""

import streamlit as st

from stances.domain.queries import chosen_issues
from stances.present.text import count, md_escape
from ui.frame import open_page
from ui.render import stance_legend

ctx = open_page("pages/about.py", "how the record is kept, and what each stance means.")
dataset, state = ctx.dataset, ctx.state
info = dataset.info

if info:
    st.markdown(md_escape(info.description))
counts = ", ".join(count(n, noun) for noun, n in dataset.counts.items())
st.markdown(f"**Dataset date:** latest source published {dataset.date_text}. **Counts:** {md_escape(counts)}.")

st.header("Method", divider="gray")
st.markdown(
    "- **Their words apart from ours.** Each cell shows the curator's one-sentence summary, labelled as such, "
    "and separately the party's own words, quoted verbatim from the cited source with the speaker named.\n"
    "- **Every claim carries its sources**: outlet, title, publication date, link, whether it is primary (the "
    "party's own document) or secondary (reporting), and the chain when one outlet relays another.\n"
    "- **Basis** says whether a position rests on the party's own words (*direct*) or on reporting (*reported*). "
    "**Claim type** says what it is: statement, policy, contract term, action or report. **Binding** says whether "
    "it commits the party (yes, no or unknown).\n"
    "- **No public position found** is a state of its own. It means no source here records a position; it is "
    "never read as opposition.\n"
    "- **History.** A position has dated versions; the as-of filter shows the record as it stood on a date.\n"
    "- **Conflicts are kept.** Where outlets give different dates or accounts, both are shown with their sources.\n"
    "- **Checked like code.** Every file is validated against a schema, with cross-file checks, before it is shown."
)

st.header("What the stances mean", divider="gray")
for issue in chosen_issues(dataset, state):
    st.subheader(md_escape(issue.title))
    st.markdown(f"*{md_escape(issue.question)}* ({issue.tier} issue)")
    if issue.description:
        st.caption(md_escape(issue.description))
    stance_legend(dataset, issue)

st.header("Report a correction", divider="gray")
st.markdown(md_escape(info.corrections) if info else "Contact the curators.")
