"""Helpers for AppTest page tests: run the entry script, then switch to a page, as a reader would."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from streamlit.testing.v1 import AppTest

from stances.present.pages import ENTRY as ENTRY_PAGE
from stances.present.pages import PAGES as APP_PAGES

REPO = Path(__file__).resolve().parent.parent
ENTRY = str(REPO / "dashboard.py")
PAGES = tuple(p.script for p in (ENTRY_PAGE, *APP_PAGES))


def open_page(page: str, query: dict[str, str | list[str]] | None = None, timeout: float = 60) -> AppTest:
    at = AppTest.from_file(ENTRY, default_timeout=timeout)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    if page != "dashboard.py":
        at.switch_page(page).run()
    return at


def recorded_downloads(monkeypatch) -> dict[str, Callable[[], object]]:
    """The download buttons' files, by file name, as the callables the server runs when a reader clicks."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    deferred: dict[str, Callable[[], object]] = {}
    original = MediaFileManager.add_deferred

    def recording(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        deferred[file_name] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name=file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", recording)
    return deferred


def texts(at: AppTest) -> str:
    """Everything a reader can read on the page, as one string."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [h.value for h in at.header] + [h.value for h in at.subheader] + [t.value for t in at.title]
    parts += [w.value for w in at.warning] + [i.value for i in at.info] + [e.value for e in at.error]
    parts += [c.value for c in at.code]
    parts += [html_text(h.proto.body) for h in at.get("html")]
    return "\n".join(str(p) for p in parts)


def html_text(body: str) -> str:
    """What a reader reads in an HTML fragment: its text, entities decoded, tags dropped."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(body, "html.parser")
    for style in soup.find_all("style"):
        style.decompose()
    return soup.get_text(" ")
