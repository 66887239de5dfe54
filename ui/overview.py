"""The Overview page body, shared by the entry script (`/`) and `pages/overview.py` (the nav target)."""

import streamlit as st

from stances.domain.queries import cells, chosen_issues, chosen_parties, shown_versions
from stances.domain.view_state import format_view
from stances.present.text import count, md_escape, plural
from stances.tables import position_rows

from .frame import open_page
from .render import downloads, stance_badge


def render_overview(script: str) -> None:
    ctx = open_page(script, "each party's stance on each issue; open a cell for words, sources and history.")
    dataset, state = ctx.dataset, ctx.state

    shown = {k: v for k, v in dataset.counts.items() if k not in ("party × issue cell", "event")}
    for column, (noun, n) in zip(st.columns(len(shown)), shown.items(), strict=True):
        column.metric(plural(noun).capitalize(), n)
    st.caption(
        f"Latest source published {dataset.date_text}. Stances are written out in words; colour only repeats them."
    )

    issues, parties = chosen_issues(dataset, state), chosen_parties(dataset, state)
    view_cells = cells(dataset, state)
    by_key = {(c.issue.id, c.party.id): c for c in view_cells}

    if len(view_cells) <= 120:
        header = st.columns(len(parties))
        for column, party in zip(header, parties, strict=True):
            column.markdown(f"**{md_escape(party.name)}**")
        for issue in issues:
            st.markdown(f"##### {md_escape(issue.title)} :gray[· {issue.tier}]")
            row = st.columns(len(parties), vertical_alignment="top")
            for column, party in zip(row, parties, strict=True):
                cell = by_key[(issue.id, party.id)]
                with column:
                    st.markdown(stance_badge(dataset, issue, cell.stance, wrap=True))
                    st.page_link(
                        "pages/compare.py",
                        label=count(len(cell.earlier) + (1 if cell.current else 0), "version"),
                        query_params=format_view(state.with_(issues=(issue.id,), parties=(party.id,))),
                        icon=":material/arrow_forward:",
                    )
            st.divider()
    else:
        st.info(
            f"{len(view_cells)} cells are too many to lay out as cards; here they are as a table. "
            "Choose issues or parties in the sidebar for the detailed matrix.",
            icon=":material/table:",
        )
        st.dataframe(
            [
                {
                    "Issue": issue.title,
                    **{p.name: dataset.stance_label(issue.id, by_key[(issue.id, p.id)].stance) for p in parties},
                }
                for issue in issues
            ],
            hide_index=True,
            width="stretch",
        )

    st.subheader("Download this view")
    downloads(lambda: position_rows(dataset, shown_versions(view_cells, with_history=False)), "overview", state)
