"""The frame every page shares: data, the view from the URL, navigation, filters and the share link.

The URL is the single source of truth for the view. Filter widgets are set from it on every run,
and a widget change writes the whole query string in one call, so Back restores a complete view.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

import streamlit as st

from stances.domain.clock import today
from stances.domain.dataset import Dataset
from stances.domain.view_state import (
    FILTER_KEYS,
    MAX_KEYS,
    MAX_SEARCH_CHARS,
    PASSTHROUGH_KEYS,
    ViewState,
    format_view,
    parse_view,
)
from stances.present import heavy, pages, views
from stances.present.citation import view_citation
from stances.present.pages import Route
from stances.present.permalinks import static_permalink
from stances.present.text import md_escape, safe_href
from stances.present.wording import Words

from . import html
from .collector import settle_heap
from .data import load
from .problems import render_problems, render_stale

PAGES = pages.NAV
PAGE_BY_PATH = pages.BY_SCRIPT

EARLIEST_DATE = date(2000, 1, 1)
W_ISSUES, W_PARTIES, W_AS_OF, W_KIND, W_Q = "w_issues", "w_parties", "w_as_of", "w_kind", "w_q"


@dataclass(frozen=True)
class PageContext:
    dataset: Dataset
    state: ViewState
    folder: Path
    words: Words
    passthrough: dict[str, list[str]]
    script: str

    def fragment(self, macro: str, **args: object) -> None:
        """Draw a shared template fragment, with its links into the app."""
        html.fragment(macro, self.words, self.state, self.passthrough, **args)


def _query() -> dict[str, list[str]]:
    """The known keys in full, and only enough unknown ones for parse_view to count and name a few."""
    keys = list(st.query_params)
    wanted = [k for k in keys if k in FILTER_KEYS or k in PASSTHROUGH_KEYS]
    others = [k for k in keys if k not in wanted]
    query = {key: st.query_params.get_all(key) for key in wanted + others[:MAX_KEYS]}
    query.update({key: [] for key in others[MAX_KEYS:]})
    return query


def _passthrough() -> dict[str, list[str]]:
    """Streamlit's own parameters (embed), kept on every link the app writes."""
    return {key: st.query_params.get_all(key) for key in PASSTHROUGH_KEYS if key in st.query_params}


# The filters stand twice: in the sidebar, and in the phone panel (the sidebar is folded away on a phone).
SIDEBAR, PHONE = "", "phone_"


def _state_from_widgets(dataset: Dataset, base: ViewState, prefix: str) -> ViewState:
    ss = st.session_state
    chosen_issues = set(ss.get(prefix + W_ISSUES) or ())
    chosen_parties = set(ss.get(prefix + W_PARTIES) or ())
    as_of = ss.get(prefix + W_AS_OF)
    return base.with_(
        issues=tuple(i for i in dataset.issues if i in chosen_issues),
        parties=tuple(p for p in dataset.parties if p in chosen_parties),
        as_of=as_of if isinstance(as_of, date) else None,
        kind=ss.get(prefix + W_KIND, base.kind) or None,
        q=(ss.get(prefix + W_Q, base.q) or "").strip()[:MAX_SEARCH_CHARS],
        page=1,
    )


def write_url(state: ViewState) -> None:
    st.query_params.from_dict({**_passthrough(), **format_view(state)})


def _filters_changed(dataset: Dataset, base: ViewState, prefix: str) -> None:
    write_url(_state_from_widgets(dataset, base, prefix))


def _reset_filters() -> None:
    write_url(ViewState())


def _set_widgets(state: ViewState) -> None:
    ss = st.session_state
    for prefix in (SIDEBAR, PHONE):
        ss[prefix + W_ISSUES] = list(state.issues)
        ss[prefix + W_PARTIES] = list(state.parties)
        ss[prefix + W_AS_OF] = state.as_of
        ss[prefix + W_KIND] = state.kind
        ss[prefix + W_Q] = state.q


def share_url(page: Route, state: ViewState) -> str:
    """The canonical link to this view: the app's root from the browser's URL, the page's path, the query."""
    base = st.context.url or ""
    root = base.split("?")[0].rstrip("/")
    if page.url_path and root.endswith("/" + page.url_path):
        root = root[: -len(page.url_path) - 1]
    share_path = "" if page.key == "overview" else page.url_path
    path = f"{root}/{share_path}" if root or share_path else "/"
    query = urlencode({**_passthrough(), **format_view(state)}, doseq=True)
    return f"{path}?{query}" if query else path


def _navigation(state: ViewState | None, words: Words) -> None:
    params = {**_passthrough(), **(format_view(state) if state else {})}
    with st.sidebar:
        for page in PAGES:
            st.page_link(page.script, label=words(page.title), icon=page.icon, query_params=params or None)


def _filters(dataset: Dataset, state: ViewState, with_source_filters: bool, words: Words, prefix: str) -> None:
    """The widgets; the date range always includes the view's own date, so a linked as_of is never hidden."""
    issues, parties = dataset.issues, dataset.parties
    latest = max(today(), dataset.record_end or today(), state.as_of or today())
    with st.sidebar if prefix == SIDEBAR else st.container():
        st.subheader(words("Filters"))
        st.multiselect(
            words("Issues"),
            list(issues),
            key=prefix + W_ISSUES,
            format_func=lambda i: issues[i].title,
            placeholder=words("All issues"),
            on_change=_filters_changed,
            args=(dataset, state, prefix),
        )
        st.multiselect(
            words("Parties"),
            list(parties),
            key=prefix + W_PARTIES,
            format_func=lambda p: parties[p].name,
            placeholder=words("All parties"),
            on_change=_filters_changed,
            args=(dataset, state, prefix),
        )
        st.date_input(
            words("Positions as they stood on"),
            key=prefix + W_AS_OF,
            value=None,
            min_value=min(EARLIEST_DATE, state.as_of or EARLIEST_DATE),
            max_value=latest,
            format="YYYY-MM-DD",
            on_change=_filters_changed,
            args=(dataset, state, prefix),
            help=words("Leave empty for the latest positions."),
        )
        if with_source_filters:
            st.selectbox(
                words("Source kind"),
                ["primary", "secondary"],
                key=prefix + W_KIND,
                format_func=words.source_kind,
                index=None,
                placeholder=words("Primary and secondary"),
                on_change=_filters_changed,
                args=(dataset, state, prefix),
            )
            st.text_input(
                words("Search sources"),
                key=prefix + W_Q,
                max_chars=MAX_SEARCH_CHARS,
                on_change=_filters_changed,
                args=(dataset, state, prefix),
            )
        st.button(words("Reset filters"), on_click=_reset_filters, width="stretch", key=prefix + "reset")


def site_url() -> str | None:
    """Where the static site is served: `-- --site-url URL`, else the SITE_URL environment variable."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--site-url")
    known, _ = parser.parse_known_args(sys.argv[1:])
    value = (known.site_url or os.environ.get("SITE_URL", "")).strip()
    return safe_href(value) if value else None


def _share(page: Route, state: ViewState, words: Words, dataset: Dataset | None = None) -> None:
    st.subheader(words("Share this view"))
    link = share_url(page, state)
    st.code(link, language=None, wrap_lines=True)
    st.caption(words("The link opens this page with these filters. Copy it with the button at the top right."))
    static = site_url()
    if static:
        st.caption(words("Static permalink (previews with a title and an image):"))
        st.code(static_permalink(static, page.key, state), language=None, wrap_lines=True)
    if dataset is not None:
        st.subheader(words("Cite this"))
        cite = view_citation(dataset, state, None if page.key == "overview" else words(page.title), link)
        st.code(cite.text, language=None, wrap_lines=True)
        st.caption(words("The same as BibTeX:"))
        st.code(cite.bibtex, language=None, wrap_lines=True)  # no highlighting: its colours fail contrast


def _phone_controls(dataset: Dataset, page: Route, state: ViewState, words: Words, source_filters: bool) -> None:
    """On a narrow screen the sidebar is folded away: pages, filters and the share link sit in a labelled panel."""
    with st.container(key="phone_controls"):
        with st.expander(words("Pages, filters and share link"), icon=":material/menu:"):
            params = {**_passthrough(), **format_view(state)}
            for other in PAGES:
                st.page_link(other.script, label=words(other.title), icon=other.icon, query_params=params or None)
            _filters(dataset, state, source_filters, words, PHONE)
            _share(page, state, words)


def _footer(ctx: PageContext) -> None:
    ctx.fragment("footer_note", meta=views.page_meta(ctx.dataset, ctx.state))


def open_page(path: str, *, source_filters: bool = False) -> PageContext:
    """Set up a page and return what it needs; stops the script after showing data errors.

    The page's title and intro come from its entry in the page registry (`stances/present/pages.py`)."""
    page = PAGE_BY_PATH[path]
    folder, shown = load()
    dataset = shown.dataset
    if page.analysis and dataset is not None:
        # Before the page sends anything: imported while the browser fetches the code of the elements already sent,
        # pandas took 0.5-0.6 s on a cold server instead of 0.3 s (README, Performance).
        heavy.pandas()
    words = views.words_for(dataset) if dataset else Words()
    st.set_page_config(page_title=f"{words(page.title)} · {_site_title(dataset, words)}", layout="wide")
    html.style()
    render_stale(shown, words)
    st.title(words(page.title))
    if dataset is None:
        _navigation(None, words)
        render_problems(shown.problems, words)
        st.stop()
    parsed = parse_view(_query(), issues=list(dataset.issues), parties=list(dataset.parties))
    state = parsed.state
    _set_widgets(state)
    _navigation(state, words)
    _filters(dataset, state, source_filters, words, SIDEBAR)
    with st.sidebar:
        _share(page, state, words, dataset)
    _phone_controls(dataset, page, state, words, source_filters)
    ctx = PageContext(dataset=dataset, state=state, folder=folder, words=words, passthrough=_passthrough(), script=path)

    st.caption(f"{md_escape(_site_title(dataset, words))} · {md_escape(words(page.intro))}")
    for notice in parsed.notices:
        st.warning(md_escape(words.notice(notice)), icon=":material/link_off:")
    if state.as_of:
        st.info(words("Positions as they stood on **{day}**. Later versions are hidden.", day=words.day(state.as_of)))
    return ctx


_warmed: set[str] = set()  # pages whose first run has finished in this process


def close_page(ctx: PageContext) -> None:
    """The footer every page ends with: who answers for the record, its licence, how to report a correction.

    After a page's first run, everything it imported and cached is moved out of the collector's reach
    (`settle_heap`): under load, full collections otherwise rescan it on every run (see README, Many readers)."""
    _footer(ctx)
    if ctx.script not in _warmed:
        _warmed.add(ctx.script)
        settle_heap()


def _site_title(dataset: Dataset | None, words: Words) -> str:
    return dataset.info.title if dataset and dataset.info else words("Positions")
