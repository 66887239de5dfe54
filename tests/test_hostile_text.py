"""Hostile curated text: HTML, scripts, markdown images and javascript: links in the data show as text, inert.

A copy of the sample data gets payloads in every kind of curated string a page renders (quote, summary,
issue title, crux, event title, source outlet and excerpt, party name, dataset description). AppTest
checks the markdown the app emits (fast); a real Chromium against a real server checks what a reader's
browser does with it: no script runs, no dialog, no image or request to the planted host, no
javascript: link, and the payload is visible as literal text.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from apptest_support import PAGES, open_page
from bs4 import BeautifulSoup
from dataset_support import strings_in
from markupsafe import escape

from stances.serve import streamlit_server

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "tests" / "data" / "sample"

TRAP_HOST = "127.0.0.1:9"  # discard port on loopback: nothing listens, so a leak is harmless but observable
SCRIPT = "<script>window.__pwned=1</script>"
IMG_TAG = '<img src=x onerror="window.__pwned=2">'
MD_IMAGE = f"![x](http://{TRAP_HOST}/x.png)"
JS_LINK = "[click](javascript:window.__pwned=3)"
BOLD = "**bold** <b>b</b>"

QUOTE = f"{SCRIPT} {IMG_TAG}"
SUMMARY = f"Summary {MD_IMAGE} and {JS_LINK}"
ISSUE_TITLE = f"Surveillance {BOLD}"
CRUX = 'Crux [crux](javascript:window.__pwned=4) <a href="javascript:window.__pwned=5">a</a>'
EVENT_TITLE = f'Event <b>e</b> <a href="javascript:window.__pwned=6">t</a> {SCRIPT}'
OUTLET = f"Outlet ![o](http://{TRAP_HOST}/o.png) [o](javascript:window.__pwned=7)"
EXCERPT = f"Excerpt {IMG_TAG} {SCRIPT}"
PARTY_NAME = 'DoD <a href="javascript:window.__pwned=8">x</a>'
DESCRIPTION = f"Description {IMG_TAG} {MD_IMAGE}"
PAYLOADS = (QUOTE, SUMMARY, ISSUE_TITLE, CRUX, EVENT_TITLE, OUTLET, EXCERPT, PARTY_NAME, DESCRIPTION)


# ------------------------------------------------------------------------------------------- the data


def _edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000), encoding="utf-8")


def plant(folder: Path) -> Path:
    """Copy the sample to `folder` and plant the payloads; returns the folder."""
    shutil.copytree(SAMPLE, folder)

    def anthropic(d):
        version = d["positions"][0]["versions"][0]  # surveillance, with a quote
        version["summary"] = SUMMARY
        version["quotes"][0]["text"] = QUOTE

    def dod(d):
        d["party"]["name"] = PARTY_NAME

    def issues(d):
        d["issues"][0]["title"] = ISSUE_TITLE

    def disagreements(d):
        d["disagreements"][0]["crux"] = CRUX

    def timeline(d):
        d["events"][0]["title"] = EVENT_TITLE

    def sources(d):
        d["sources"][0]["outlet"] = OUTLET
        # the planted quote stays word for word in its source's excerpt, as the validator requires
        d["sources"][0]["excerpts"][0]["text"] = f"{EXCERPT} {QUOTE}"

    def dataset(d):
        d["dataset"]["description"] = DESCRIPTION

    _edit(folder / "parties" / "anthropic.yaml", anthropic)
    _edit(folder / "parties" / "dod.yaml", dod)
    _edit(folder / "issues.yaml", issues)
    _edit(folder / "disagreements.yaml", disagreements)
    _edit(folder / "timeline.yaml", timeline)
    _edit(folder / "sources.yaml", sources)
    _edit(folder / "dataset.yaml", dataset)
    return folder


@pytest.fixture(scope="module")
def hostile_folder(tmp_path_factory) -> Path:
    return plant(tmp_path_factory.mktemp("hostile") / "data")


def test_planted_data_still_validates(hostile_folder, monkeypatch):
    monkeypatch.setenv("NOW", "2026-12-01")
    from stances.domain.validate import check_folder

    dataset, problems = check_folder(hostile_folder)
    assert dataset is not None, [p.render(str(hostile_folder)) for p in problems]
    assert dataset.issues["surveillance"].title == ISSUE_TITLE


# ---------------------------------------------------------------------------------------------- AppTest

# Markdown that would be live: an image, a link target, an HTML tag, unless its first character is escaped.
LIVE_MARKDOWN = [
    re.compile(r"(?<!\\)!\["),  # ![alt](src): an image
    re.compile(r"(?<!\\)\[[^\]]*(?<!\\)\]\((?!https?:)"),  # [label](target) with a target other than http(s)
    re.compile(r"(?<!\\)<\s*/?\s*(script|img|a|b)\b", re.IGNORECASE),  # <script, <img, <a, <b>, </b>
    re.compile(r"javascript:", re.IGNORECASE),  # md_escape turns every ':' into '\:'
]


def _rendered(at) -> list[str]:
    """Every markdown string a reader sees, with the element kind, including labels rendered as markdown."""
    out = []
    for kind in ("markdown", "caption", "title", "header", "subheader", "warning", "info", "error", "success"):
        out += [f"{kind}: {e.value}" for e in getattr(at, kind)]
    out += [f"expander label: {e.label}" for e in at.expander]
    out += [f"metric label: {e.label}" for e in at.metric]
    return out


def _live(text: str) -> list[str]:
    body = text.split(": ", 1)[1]
    return [m.group(0) for pattern in LIVE_MARKDOWN for m in pattern.finditer(body)]


@pytest.mark.parametrize("page", PAGES)
def test_apptest_curated_text_is_escaped_on_every_page(page, hostile_folder, monkeypatch):
    monkeypatch.setenv("POSITIONS_DIR", str(hostile_folder))
    at = open_page(page)
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    rendered = _rendered(at)
    live = {text[:160]: _live(text) for text in rendered if _live(text)}
    assert not live, f"markdown from curated text is live on {page}: {live}"


def test_apptest_compare_shows_each_payload_escaped(hostile_folder, monkeypatch):
    from stances.present.text import md_escape

    monkeypatch.setenv("POSITIONS_DIR", str(hostile_folder))
    at = open_page("pages/compare.py", {"issue": "surveillance"})
    assert not at.exception, at.exception
    everything = "\n".join(_rendered(at))
    fragments = "\n".join(h.proto.body for h in at.get("html"))
    for payload in (QUOTE, SUMMARY, ISSUE_TITLE, CRUX):
        assert md_escape(payload) in everything or str(escape(payload)) in fragments, payload
        assert payload not in everything, payload
    for payload in (QUOTE, SUMMARY, CRUX):  # drawn by the shared fragments, escaped by Jinja2's autoescape
        assert str(escape(payload)) in fragments, payload
    soup = BeautifulSoup(fragments, "html.parser")
    assert not soup.find_all(["script", "img", "iframe"])
    assert not [t for t in soup.find_all(True) if any(a.startswith("on") for a in t.attrs)]
    hrefs = [a["href"] for a in soup.find_all("a")]
    assert hrefs and all(h.startswith(("https://", "http://", "#", "./")) for h in hrefs), hrefs


# ---------------------------------------------------------------------------------------------- browser


@pytest.fixture(scope="module")
def hostile_server(hostile_folder, chromium):
    """Asks for Chromium first, so a missing browser skips (or fails) before a server starts."""
    with streamlit_server(REPO, hostile_folder, env={"NOW": "2026-12-01"}) as server:
        yield server


def open_in_browser(browser, url: str, timeout_ms: int = 60_000):
    """Open `url`, wait until the app is idle; returns (page, dialogs, requests)."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    dialogs: list[str] = []
    requests: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(url, timeout=timeout_ms)
    page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=timeout_ms)
    page.wait_for_selector("[data-testid=stStatusWidget]", state="detached", timeout=timeout_ms)
    page.wait_for_timeout(300)  # let an onerror handler or a lazy image fire, if any were live
    return page, dialogs, requests


BROWSER_PAGES = ["", "compare", "disagreements", "timeline", "sources", "about"]

JS_ANCHORS = """() => Array.from(document.querySelectorAll('a'))
  .map(a => a.getAttribute('href') || a.getAttribute('xlink:href') || '')
  .filter(h => /^\\s*javascript:/i.test(h))"""
TRAP_IMAGES = """(host) => Array.from(document.querySelectorAll('img, image'))
  .map(i => i.getAttribute('src') || i.getAttribute('href') || i.getAttribute('xlink:href') || '')
  .filter(s => s === 'x' || s.includes(host))"""


@pytest.mark.browser
@pytest.mark.parametrize("path", BROWSER_PAGES, ids=lambda p: p or "overview")
def test_browser_payloads_are_inert(path, hostile_server, chromium):
    page, dialogs, requests = open_in_browser(chromium, f"{hostile_server.url}/{path}")
    try:
        # open every expander shown at this width (the phone panel is hidden), so its content is rendered too
        page.evaluate(
            "() => document.querySelectorAll('[data-testid=stExpander] summary')"
            ".forEach(s => { if (s.offsetParent) s.click(); })"
        )
        page.wait_for_timeout(300)
        assert page.evaluate("() => typeof window.__pwned") == "undefined"
        assert dialogs == []
        assert page.evaluate(TRAP_IMAGES, TRAP_HOST) == []
        assert page.evaluate(JS_ANCHORS) == []
        assert [u for u in requests if TRAP_HOST in u or u.startswith("javascript:")] == []
        assert page.locator("[data-testid=stException]").count() == 0
    finally:
        page.close()


@pytest.mark.browser
def test_browser_compare_shows_the_payloads_as_text(hostile_server, chromium):
    page, dialogs, _ = open_in_browser(chromium, f"{hostile_server.url}/compare?issue=surveillance")
    try:
        assert page.evaluate("() => typeof window.__pwned") == "undefined"
        assert dialogs == []
        page.wait_for_selector(".quote-text", timeout=30_000)  # st.html fragments draw once their code has loaded
        for text in (SCRIPT, IMG_TAG, MD_IMAGE, JS_LINK, BOLD):
            found = page.get_by_text(text, exact=False)  # some copies sit in a folded history
            assert any(found.nth(i).is_visible() for i in range(found.count())), text
        assert page.locator("strong", has_text="bold").count() == 0
    finally:
        page.close()


@pytest.mark.browser
def test_browser_timeline_chart_shows_names_as_written(hostile_server, chromium):
    """The plotly chart: each row's name (drawn above its row) reads exactly as written; plotly makes no link."""
    page, dialogs, _ = open_in_browser(chromium, f"{hostile_server.url}/timeline")
    try:
        assert page.evaluate("() => typeof window.__pwned") == "undefined"
        assert dialogs == []
        chart = page.locator(".js-plotly-plot").first
        chart.locator(".annotation-text").first.wait_for(state="attached", timeout=30_000)  # plotly draws late
        rows = chart.locator(".annotation-text").all_text_contents()
        assert any(row.startswith(PARTY_NAME) for row in rows), rows
        assert chart.locator("a").count() == 0
    finally:
        page.close()


# ---------------------------------------------------------------------------------------------- plotly charts

# plotly renders an HTML subset (<a>, <b>, <br>, <i>, <span style>, ...) in titles, hover text and labels.
CHART_PAGES = [
    ("pages/movement.py", {"issue": "surveillance"}),
    ("pages/pair.py", {"a": "anthropic", "b": "dod"}),
    ("pages/timeline.py", {}),
]
LIVE_IN_PLOTLY = ("<script", "<img", "<a ", "<a>", "<iframe", "<span", "<i>")


@pytest.mark.parametrize(("page", "query"), CHART_PAGES)
def test_apptest_chart_text_is_escaped(page, query, hostile_folder, monkeypatch):
    import html
    import json

    monkeypatch.setenv("POSITIONS_DIR", str(hostile_folder))
    at = open_page(page, query)
    assert not at.exception, at.exception
    charts = at.get("plotly_chart")
    assert charts, page
    text = "\n".join(s for c in charts for s in strings_in(json.loads(c.proto.spec)))
    found = [tag for tag in LIVE_IN_PLOTLY if tag in text.lower()]
    assert not found, f"live HTML in a plotly figure on {page}: {found}"
    assert html.escape(PARTY_NAME, quote=False) in text  # the party's name, shown as written
    if page == "pages/timeline.py":
        assert html.escape(EVENT_TITLE, quote=False)[:40] in text
