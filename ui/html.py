"""The app draws the shared template fragments (the same ones the static site uses) with links into the app.

Every fragment goes through Jinja2's autoescape, so curated text is inert; Streamlit's `st.html` then sanitises
the result once more.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any
from urllib.parse import urlencode

import streamlit as st

from stances.domain.ids import url_segment
from stances.domain.view_state import ViewState, format_view
from stances.present.pages import app_view
from stances.present.templating import environment
from stances.present.views import Target
from stances.present.wording import Words


def app_href(target: Target, state: ViewState, passthrough: dict[str, list[str]]) -> str:
    """The app URL a view-model link opens, keeping the view's date (and `embed`), relative to the app root."""
    route, view, anchor = app_view(target, state)
    query = urlencode({**passthrough, **format_view(view)}, doseq=True)
    return f"./{route.url_path}" + (f"?{query}" if query else "") + (f"#{url_segment(anchor)}" if anchor else "")


@cache
def _css() -> str:
    return (files("stances.present") / "static" / "fragments.css").read_text(encoding="utf-8") + APP_CSS


# The app's own adjustments: Streamlit's headings and links inside fragments, and visible focus everywhere.
# On a phone, Streamlit's heading link icons (shown on hover only) would wrap onto a blank line of their own.
APP_CSS = """
.cell-title { font-size: 1.15rem; margin: 0; padding: 0; }
.stHtml a:focus-visible, [data-testid="stSidebar"] a:focus-visible, a[data-testid="stPageLink-NavLink"]:focus-visible {
  outline: 3px solid #1b1b1b !important; outline-offset: 2px; box-shadow: 0 0 0 5px #ffffff; }
[data-testid="stPageLink-NavLink"]:focus-visible span { text-decoration: underline; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p {
  color: #545454 !important; opacity: 1 !important; }
.st-key-phone_controls { display: none; }
@media (max-width: 640px) {
  .st-key-phone_controls { display: block; }
  [data-testid="stHeaderActionElements"] { display: none; } }
"""


def style() -> None:
    """The fragments' stylesheet, once per page run."""
    st.html(f"<style>{_css()}</style>")


def fragment(macro: str, words: Words, state: ViewState, passthrough: dict[str, list[str]], **args: Any) -> None:
    """Render one macro of `fragments.html` (or of the template named by `template=`) with links into the app."""
    html = render(macro, words, state, passthrough, **args)
    st.html(html)


def render(macro: str, words: Words, state: ViewState, passthrough: dict[str, list[str]], **args: Any) -> str:
    env = environment()
    template = args.pop("template", "fragments.html")
    module = env.get_template(template).make_module(
        {"w": words, "href": lambda target: app_href(target, state, passthrough)}
    )
    return str(getattr(module, macro)(**args))
