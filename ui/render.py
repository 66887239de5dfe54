"""Pieces every page shares: a page picker whose page lives in the URL, and downloads built on click."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import streamlit as st

from stances.domain.dataset import Dataset
from stances.domain.model import Issue
from stances.domain.view_state import ViewState, format_view
from stances.present.views import CellView
from stances.present.wording import Words
from stances.tables import Table

T = TypeVar("T")
CELLS_PER_PAGE = 60


def _go_to_page(state: ViewState, key: str) -> None:
    from .frame import write_url

    write_url(state.with_(page=int(st.session_state[key])))


def page_of(items: Sequence[T], per_page: int, what: str, state: ViewState, words: Words) -> Sequence[T]:
    """One page of `items` (the page number is in the URL); the downloads always hold them all."""
    pages = -(-len(items) // per_page)
    return _pick(
        [items[i : i + per_page] for i in range(0, len(items), per_page)], pages, what, len(items), state, words
    )


def pick_page(
    chunks: list, what: str, total: int, state: ViewState, words: Words, size: Callable[[Any], int] = len
) -> Any:
    """One of `chunks` (the page number is in the URL), with a picker when there is more than one."""
    return _pick(chunks, len(chunks), what, total, state, words, size)


def _pick(
    chunks: list, pages: int, what: str, total: int, state: ViewState, words: Words, size: Callable[[Any], int] = len
) -> Sequence:
    if pages <= 1:
        return chunks[0] if chunks else []
    number = min(state.page, pages)
    key = "page_picker"
    st.session_state[key] = number
    left, right = st.columns([1, 4], vertical_alignment="bottom")
    left.number_input(
        words("Page (of {pages})", pages=pages),
        min_value=1,
        max_value=pages,
        step=1,
        key=key,
        on_change=_go_to_page,
        args=(state, key),
    )
    first = sum(size(c) for c in chunks[: number - 1])
    right.caption(
        words("Showing {a}–{b} of {n} {what}.", a=first + 1, b=first + size(chunks[number - 1]), n=total, what=what)
    )
    return chunks[number - 1]


def issues_page(dataset: Dataset, state: ViewState, cells: Sequence[CellView], words: Words) -> list[Issue]:
    """Compare pages by whole issues, so no page ever cuts an issue in two."""
    chunks: list[list[Issue]] = [[]]
    size = 0
    for issue_id in dict.fromkeys(c.issue_id for c in cells):
        n = sum(1 for c in cells if c.issue_id == issue_id)
        if chunks[-1] and size + n > CELLS_PER_PAGE:
            chunks.append([])
            size = 0
        chunks[-1].append(dataset.issues[issue_id])
        size += n
    total = sum(len(c) for c in chunks)
    return list(_pick(chunks, len(chunks), words("issues"), total, state, words))


def downloads(table: Callable[[], Table], name: str, state: ViewState, words: Words) -> None:
    """CSV and JSON of exactly the view the page shows, built only when a reader asks for them."""
    left, right, _ = st.columns([1, 1, 4])
    left.download_button(
        words("Download CSV"),
        lambda: table().csv(),
        file_name=f"{name}.csv",
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
    )
    right.download_button(
        words("Download JSON"),
        lambda: table().json(format_view(state)),
        file_name=f"{name}.json",
        mime="application/json",
        on_click="ignore",
        icon=":material/download:",
    )
