"""The reader's dashboard in a real Chromium, at 1440×900 and 390×844: accessibility (axe-core), headings, no text
past the right edge, focus, the matrix as links, the phone layout and the timeline; with a screenshot of every page
at both widths."""

from __future__ import annotations

import base64
import re
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser_support import REPO, full_page_screenshot, streamlit_server, wait_idle
from browser_support import screenshots as screenshots
from site_support import built_site

from stances.domain.validate import check_folder
from stances.present.pages import PAGES

pytestmark = pytest.mark.browser

CURATED = REPO / "positions"
WIDTHS = {"desktop": (1440, 900), "phone": (390, 844)}
SERIOUS = ("serious", "critical")
APP_PAGES = [p for p in PAGES if p.key != "overview"] + [p for p in PAGES if p.key == "overview"]


@pytest.fixture(scope="module")
def server(chromium: Any, tmp_path_factory: pytest.TempPathFactory):
    with streamlit_server(CURATED, tmp_path_factory.mktemp("reader")) as running:
        yield running


@pytest.fixture(scope="module")
def site() -> Path:
    return built_site(None, CURATED)


def open_app(chromium: Any, url: str, width: str) -> Any:
    w, h = WIDTHS[width]
    page = chromium.new_page(viewport={"width": w, "height": h})
    page.goto(url)
    wait_idle(page)
    return page


def show_everything(page: Any) -> None:
    """axe skips what Streamlit's main area scrolls out of sight: grow the viewport to the content first."""
    height = page.evaluate(
        "() => Math.max(...[document.documentElement, document.querySelector('[data-testid=stMain]')]"
        ".filter(Boolean).map(e => e.scrollHeight))"
    )
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": min(int(height) + 50, 15_000)})
    page.wait_for_timeout(300)


def serious_violations(page: Any) -> list[str]:
    found = Axe().run(page).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes'][:3]]} {v['nodes'][0].get('failureSummary', '')}"
        for v in found
        if v["impact"] in SERIOUS
    ]


# Text whose line box ends past the viewport's right edge: cut off, or reachable only by scrolling the page sideways.
# The matrix table and the timeline chart are scroll frames of their own (fragments.css), so their text is left out.
TEXT_PAST_THE_EDGE = """() => {
  const edge = document.documentElement.clientWidth + 1, past = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const text = walker.currentNode;
    if (!text.textContent.trim() || text.parentElement.closest('.table-scroll, .timeline-chart')) continue;
    const range = document.createRange();
    range.selectNodeContents(text);
    if ([...range.getClientRects()].some(r => r.width > 0 && r.right > edge)) {
      past.push(text.textContent.trim().slice(0, 80));
    }
  }
  return past;
}"""


def text_past_the_edge(page: Any) -> list[str]:
    return page.evaluate(TEXT_PAST_THE_EDGE)


# Headings taller than their lines of text: Streamlit's hover-only link icon, wrapped onto a blank line of its own.
HEADINGS_WITH_A_BLANK_LINE = """() => [...document.querySelectorAll('[data-testid=stMain] :is(h1, h2, h3)')]
  .filter(h => h.offsetParent !== null && h.querySelector('[data-heading-text]'))
  .filter(h => {
    const text = h.querySelector('[data-heading-text]'), css = getComputedStyle(h);
    const lines = new Set([...text.getClientRects()].map(r => Math.round(r.top))).size;
    const inner = h.getBoundingClientRect().height - parseFloat(css.paddingTop) - parseFloat(css.paddingBottom);
    return inner > lines * parseFloat(css.lineHeight) + 2;
  }).map(h => h.innerText.trim())"""


def headings_with_a_blank_line(page: Any) -> list[str]:
    return page.evaluate(HEADINGS_WITH_A_BLANK_LINE)


def heading_levels(page: Any, scope: str) -> list[int]:
    return page.evaluate(
        f"() => [...document.querySelectorAll('{scope} h1, {scope} h2, {scope} h3, {scope} h4, {scope} h5, "
        f"{scope} h6')].filter(h => h.offsetParent !== null && h.innerText.trim()).map(h => +h.tagName[1])"
    )


def assert_no_skipped_level(levels: list[int], where: str) -> None:
    assert levels and levels[0] == 1, (where, levels)
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, (where, levels)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("app_page", APP_PAGES, ids=lambda p: p.key)
def test_app_page_is_accessible_at_both_widths(app_page, width, chromium, server, screenshots):
    page = open_app(chromium, server.url(app_page.url_path), width)
    try:
        assert page.locator('[data-testid="stException"]').count() == 0
        full_page_screenshot(page, screenshots / f"app-{app_page.key}-{width}.png")
        show_everything(page)
        assert not serious_violations(page), serious_violations(page)
        assert_no_skipped_level(heading_levels(page, "[data-testid=stMain]"), app_page.key)
        assert not text_past_the_edge(page), text_past_the_edge(page)
        assert not headings_with_a_blank_line(page), headings_with_a_blank_line(page)
    finally:
        page.close()


def site_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@pytest.mark.parametrize("width", WIDTHS)
def test_every_static_page_is_accessible_at_both_widths(width, chromium, site, screenshots):
    w, h = WIDTHS[width]
    page = chromium.new_page(viewport={"width": w, "height": h})
    try:
        for path in site_pages(site):
            page.goto(path.as_uri())
            name = path.relative_to(site).as_posix()
            if "/" not in name:
                page.screenshot(path=str(screenshots / f"site-{name[:-5]}-{width}.png"), full_page=True)
            assert not serious_violations(page), (name, serious_violations(page))
            assert_no_skipped_level(heading_levels(page, "main"), name)
            assert not text_past_the_edge(page), (name, text_past_the_edge(page))
    finally:
        page.close()


def test_focus_is_visible_on_matrix_links_and_navigation(chromium, server):
    page = open_app(chromium, server.url(), "desktop")
    try:
        for selector in ("a.cell-link", '[data-testid="stPageLink-NavLink"]'):
            link = page.locator(selector).first
            link.focus()
            page.keyboard.press("Shift+Tab")
            page.keyboard.press("Tab")
            style = link.evaluate(
                "e => { const s = getComputedStyle(e); return [s.outlineStyle, s.outlineWidth, s.outlineColor]; }"
            )
            assert style[0] == "solid" and float(style[1].rstrip("px")) >= 2, (selector, style)
            assert style[2] in ("rgb(27, 27, 27)", "rgb(0, 0, 0)"), (selector, style)  # 16:1 on white
    finally:
        page.close()


def test_every_matrix_cell_is_a_link_that_says_what_it_opens(chromium, server):
    dataset, _ = check_folder(CURATED)
    page = open_app(chromium, server.url(), "desktop")
    try:
        cells = page.locator("table.matrix a.cell-link")
        assert cells.count() == len(dataset.parties) * len(dataset.issues) == 42
        seen = set()
        for i in range(cells.count()):
            href = cells.nth(i).get_attribute("href")
            assert cells.nth(i).get_attribute("aria-label") is None  # named by its content, visible text first
            label = cells.nth(i).text_content()
            parts = urlsplit(href)
            query = parse_qs(parts.query)
            assert parts.path.endswith("compare"), href
            issue, party = query["issue"][0], query["party"][0]
            seen.add((issue, party))
            assert dataset.parties[party].name in label and dataset.issues[issue].title in label, label
            stance = page.locator("table.matrix a.cell-link").nth(i).locator(".stance-label").inner_text()
            assert stance in label, (stance, label)
        assert len(seen) == 42
    finally:
        page.close()


def test_phone_shows_party_next_to_stance_at_the_third_issue(chromium, server, screenshots):
    page = open_app(chromium, server.url(), "phone")
    try:
        row = page.locator("table.matrix tbody tr").nth(2)
        row.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        page.screenshot(path=str(screenshots / "app-overview-phone-third-issue.png"))
        visible = page.evaluate(
            """() => [...document.querySelectorAll('table.matrix tbody tr')[2].querySelectorAll('a.cell-link')]
                .map(a => { const r = a.getBoundingClientRect();
                    const party = a.querySelector('.cell-party'); const p = party.getBoundingClientRect();
                    const s = a.querySelector('.stance-label');
                    return {on: r.top >= 0 && r.bottom <= innerHeight, party: party.innerText,
                            shown: p.width > 0, stance: s.innerText,
                            sameLine: Math.abs(p.top - s.getBoundingClientRect().top) < 30};
                }).filter(c => c.on && c.shown && c.sameLine && c.stance)"""
        )
        assert len(visible) >= 2, visible
    finally:
        page.close()


def test_filters_and_share_link_are_reachable_from_a_labelled_control_on_a_phone(chromium, server):
    page = open_app(chromium, server.url("compare", "issue=surveillance"), "phone")
    try:
        panel = page.get_by_text("Pages, filters and share link")
        assert panel.is_visible()
        panel.click()
        page.wait_for_timeout(500)
        main = page.locator('[data-testid="stMain"]')
        assert main.get_by_text("Issues", exact=True).first.is_visible()
        assert "issue=surveillance" in re.sub(r"\s", "", main.locator('[data-testid="stCode"]').first.inner_text())
    finally:
        page.close()


def chart_svg(page: Any, base: str) -> ET.Element:
    """The SVG the page shows: inline as a data: URI, or served from the app's media endpoint."""
    src = page.locator('[data-testid="stImage"] img').first.get_attribute("src")
    if src.startswith("data:"):
        header, _, payload = src.partition(",")
        body = base64.b64decode(payload) if header.endswith(";base64") else unquote(payload).encode()
    else:
        with urllib.request.urlopen(src if src.startswith("http") else base + src, timeout=10) as response:
            body = response.read()
    return ET.fromstring(body)


def test_timeline_shows_both_white_house_orders_as_visible_markers(chromium, server):
    """The two White House orders are event marks of the interactive chart, in the events row, apart from positions."""
    page = open_app(chromium, server.url("timeline", "party=white_house&since=2026-01-01&until=2026-07-31"), "desktop")
    try:
        plot = page.locator(".js-plotly-plot").first
        plot.wait_for(state="visible")
        assert plot.bounding_box()["height"] > 100
        traces = page.evaluate(
            "() => document.querySelector('.js-plotly-plot').data"
            ".map(t => ({name: t.name, y: Array.from(t.y), hover: Array.from(t.hovertext)}))"
        )
        events = next(t for t in traces if t["name"] == "Event")
        positions = next(t for t in traces if t["name"] == "Position recorded")
        directive = [y for y, h in zip(events["y"], events["hover"], strict=True) if "cease use of Anthropic" in h]
        nspm = [y for y, h in zip(events["y"], events["hover"], strict=True) if "NSPM-11" in h]
        assert directive and nspm, events["hover"]
        assert not set(directive + nspm) & set(positions["y"])  # positions sit in a row of their own
        drawn = page.locator(".js-plotly-plot .scatterlayer .trace .points path")
        assert drawn.count() == sum(len(t["y"]) for t in traces)
    finally:
        page.close()
