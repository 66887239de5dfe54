"""What the chart pages share: drawing a plotly figure, following a click into Compare, the analysis download."""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st

from stances.domain.dataset import Dataset
from stances.domain.view_state import PASSTHROUGH_KEYS, ViewState, format_view
from stances.present import analysis, heavy
from stances.present.text import md_escape
from stances.present.wording import Words

from .charts import CONFIG, selected


def draw(fig: Any, key: str, alt: str, selection_mode: str | tuple[str, ...] = "points") -> Any:
    """The figure at full width, reporting clicks (or a box) back; `alt` is also written below as a caption."""
    with heavy.plotly_work():  # Streamlit turns the figure into JSON with plotly
        event = st.plotly_chart(
            fig, width="stretch", on_select="rerun", selection_mode=selection_mode, key=key, config=CONFIG, theme=None
        )
    st.caption(md_escape(alt))
    return event


def _passthrough() -> dict[str, list[str]]:
    return {k: st.query_params.get_all(k) for k in PASSTHROUGH_KEYS if k in st.query_params}


def open_clicked_cell(event: Any, dataset: Dataset) -> None:
    """A click on a version's marker opens that cell on Compare, as it stood that day."""
    for point in selected(event):
        data = point.get("customdata") or []
        if len(data) >= 3 and data[0] in dataset.parties and data[1] in dataset.issues:
            try:
                day = date.fromisoformat(str(data[2])[:10])
            except ValueError:
                continue
            view = ViewState(issues=(data[1],), parties=(data[0],), as_of=day)
            st.switch_page("pages/compare.py", query_params={**_passthrough(), **format_view(view)})


def analysis_download(dataset: Dataset, words: Words, name: str) -> None:
    """The analysis table behind the charts, as CSV with stable machine headers, built when asked for."""
    st.download_button(
        words("Download the analysis table (CSV)"),
        lambda: analysis.table_csv(analysis.analysis_table(dataset)),
        file_name=f"{name}.csv",
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
    )
    st.caption(
        words(
            "One row per position version: party, issue, date, stance, its place on the scale, whether it is a move, "
            "and the evidence under it (own words, the party's own document, how many outlets). The column names are "
            "stable, for scripts."
        )
    )
