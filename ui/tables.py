"""Sortable tables drawn with st.dataframe from the pandas frames of `stances.present.analysis`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import streamlit as st

from stances.domain.dataset import Dataset
from stances.domain.model import Source
from stances.present import analysis, views
from stances.present.wording import Words


def draw_source_table(dataset: Dataset, shown: Sequence[Source], words: Words) -> None:
    """Outlet, title, kind, published and cited-by (a number) for every source in the view; the URL as a link."""
    records = views.source_records(dataset, shown, limit=0)
    rows = [
        {
            "outlet": r.line.outlet.label,
            "title": r.line.title or "",
            "kind": r.line.kind_label,
            "published": s.published if isinstance(s.published, date) else None,
            "cited_by": r.cited_total,
            "url": r.line.outlet.url,  # a safe http(s) URL or None
        }
        for s, r in zip(shown, records, strict=True)
    ]
    st.dataframe(
        analysis.sources_frame(rows),
        hide_index=True,
        width="stretch",
        column_config={
            "outlet": st.column_config.TextColumn(words("Outlet")),
            "title": st.column_config.TextColumn(words("Title"), width="large"),
            "kind": st.column_config.TextColumn(words("Kind")),
            "published": st.column_config.DateColumn(words("Published"), format="YYYY-MM-DD"),
            "cited_by": st.column_config.NumberColumn(words("Cited by"), help=words("How many records cite it.")),
            "url": st.column_config.LinkColumn(words("Link"), display_text=r"https?://(?:www\.)?([^/?#]+)"),
        },
    )
