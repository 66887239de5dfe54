"""Shared rendering: stance badges, position cells, quotes, sources and downloads. Curated text is escaped."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from stances.domain import queries
from stances.domain.dataset import Dataset
from stances.domain.model import NO_PUBLIC_POSITION, UNCLEAR, Issue, PositionVersion, Quote, Source
from stances.domain.queries import Cell, scale_index
from stances.domain.view_state import ViewState, format_view
from stances.present.dates import published_text
from stances.present.text import count, md_escape, md_link
from stances.tables import Row, rows_to_csv, rows_to_json

PALETTES = {
    2: ("blue", "orange"),
    3: ("blue", "violet", "orange"),
    4: ("blue", "green", "violet", "orange"),
}


def stance_colour(issue: Issue, stance: str) -> str:
    return queries.stance_colour(issue, stance, PALETTES) or "gray"


def stance_badge(dataset: Dataset, issue: Issue, stance: str, *, wrap: bool = False) -> str:
    """The stance in words (with its place on the scale) and in colour; `wrap` lets long labels wrap."""
    label = dataset.stance_label(issue.id, stance)
    index = scale_index(issue, stance)
    position = f" ({index + 1}/{len(issue.scale)})" if index is not None else ""
    style = "background" if wrap else "badge"
    return f":{stance_colour(issue, stance)}-{style}[{md_escape(label + position)}]"


def source_line(source: Source) -> str:
    parts = [md_link(source.outlet, source.url)]
    if source.title:
        parts.append(f"*{md_escape(source.title)}*")
    parts.append(md_escape(published_text(source)))
    parts.append(md_escape(source.kind))
    if source.via:
        parts.append("via " + md_escape(" → ".join(r.outlet for r in source.via)))
    if source.archive_url:
        parts.append(md_link("archived copy", source.archive_url))
    return " · ".join(parts)


def quote_block(dataset: Dataset, quotes: Sequence[Quote]) -> None:
    """Verbatim quotes, each with who said it (or that it is reporting) and where it was published."""
    for quote in quotes:
        source = dataset.sources[quote.source]
        st.markdown("> " + md_escape(quote.text))
        if quote.direct and quote.speaker:
            speaker = dataset.speakers.get(quote.speaker)
            who = speaker.name + (f", {speaker.role}" if speaker and speaker.role else "") if speaker else quote.speaker
            st.caption(f"— {md_escape(who)} · quoted in {md_link(source.outlet, source.url)}, {published_text(source)}")
        else:
            st.caption(
                f"Reporting, not the party's own words: {md_link(source.outlet, source.url)}, {published_text(source)}"
            )


def version_meta(version: PositionVersion) -> str:
    if version.stance == NO_PUBLIC_POSITION:
        return f"Recorded {version.as_of.isoformat()}"
    return (
        f"As of {version.as_of.isoformat()} · basis: **{version.basis}** · claim: **{version.claim_type}** · "
        f"binding: **{version.binding}**"
    )


def position_cell(dataset: Dataset, cell: Cell, state: ViewState) -> None:
    issue, version = cell.issue, cell.current
    with st.container(border=True):
        st.markdown(f"#### {md_escape(cell.party.name)}")
        if version is None:
            st.markdown(stance_badge(dataset, issue, NO_PUBLIC_POSITION))
            when = f" on or before {state.as_of.isoformat()}" if state.as_of else ""
            st.caption(f"No position is recorded{when}.")
        else:
            st.markdown(stance_badge(dataset, issue, version.stance))
            if version.change:
                st.caption("What changed in this version: " + md_escape(version.change))
            st.caption("Curator's summary")
            st.markdown(md_escape(version.summary))
            if version.gap:
                st.caption("Gap: " + md_escape(version.gap))
            if version.quotes:
                st.caption("In their words" if any(q.direct for q in version.quotes) else "As reported")
                quote_block(dataset, version.quotes)
            st.caption(version_meta(version))
            if version.sources:
                st.caption("Sources")
                st.markdown("\n".join(f"- {source_line(dataset.sources[s])}" for s in version.sources))
        if cell.earlier:
            with st.expander(f"History: {count(len(cell.earlier), 'earlier version')}"):
                for old in cell.earlier:
                    st.markdown(f"**{old.as_of.isoformat()}** · {stance_badge(dataset, issue, old.stance)}")
                    st.markdown(md_escape(old.summary))
                    if old.change:
                        st.caption("What changed then: " + md_escape(old.change))
                    links = (md_link(dataset.sources[s].outlet, dataset.sources[s].url) for s in old.sources)
                    st.caption(" · ".join(links))
        if cell.later_count:
            st.caption(f"{count(cell.later_count, 'later version')} hidden by the as-of date.")


def stance_legend(dataset: Dataset, issue: Issue) -> None:
    stances = [level.id for level in issue.scale] + [NO_PUBLIC_POSITION, UNCLEAR]
    st.markdown(
        "\n".join(
            f"- {stance_badge(dataset, issue, s)} {md_escape(dataset.stance_meaning(issue.id, s))}" for s in stances
        )
    )


def page_of(items: Sequence, per_page: int, what: str, key: str) -> Sequence:
    """One page of `items`, with a page picker when they do not fit (the downloads hold them all)."""
    if len(items) <= per_page:
        return items
    pages = -(-len(items) // per_page)
    left, right = st.columns([1, 4], vertical_alignment="bottom")
    number = left.number_input(f"Page (of {pages})", min_value=1, max_value=pages, step=1, key=f"page_{key}")
    start = (int(number) - 1) * per_page
    right.caption(f"Showing {start + 1}–{min(start + per_page, len(items))} of {len(items)} {what}.")
    return items[start : start + per_page]


def downloads(rows: Callable[[], Sequence[Row]], name: str, state: ViewState) -> None:
    """CSV and JSON of exactly the rows the page shows, built only when a reader asks for them."""
    left, right, _ = st.columns([1, 1, 4])
    left.download_button(
        "Download CSV",
        lambda: rows_to_csv(rows()),
        file_name=f"{name}.csv",
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
    )
    right.download_button(
        "Download JSON",
        lambda: rows_to_json(rows(), format_view(state)),
        file_name=f"{name}.json",
        mime="application/json",
        on_click="ignore",
        icon=":material/download:",
    )
