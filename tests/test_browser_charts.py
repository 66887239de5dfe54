"""Movement and Pairs in a real Chromium: cold (the first request to a fresh server) and after a click from another
page; the pair stays in the URL through a reload; the plotly charts are drawn and hover text shows a date."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from browser_support import StreamlitServer, sidebar, streamlit_server, wait_idle
from browser_support import browsing as browsing

pytestmark = pytest.mark.browser

MOVES = Path(__file__).resolve().parent / "data" / "moves"
MOVE_TEXT = "US Department of Defense moved from Existing law governs to Accepts a qualified bar on 2026-03-02."


def main_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def assert_clean(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0


def fresh_server(chromium, tmp_path_factory):
    return streamlit_server(MOVES, tmp_path_factory.mktemp("charts"))


@pytest.mark.parametrize(
    ("path", "expected"),
    [("movement?issue=surveillance", MOVE_TEXT), ("pair?a=anthropic&b=dod", "Anthropic and US Department of Defense")],
)
def test_cold_deep_link(path, expected, chromium, tmp_path_factory, browsing):
    with fresh_server(chromium, tmp_path_factory) as server:  # nothing has asked this server anything yet
        page = browsing.new_page()
        page.goto(server.url(*path.split("?")))
        wait_idle(page, timeout=90_000)
        assert_clean(page)
        assert expected in main_text(page)
        assert page.locator(".js-plotly-plot").count() >= 1
        browsing.assert_clean()


@pytest.fixture(scope="module")
def server(chromium, tmp_path_factory):
    with fresh_server(chromium, tmp_path_factory) as running:
        yield running


def test_movement_and_pairs_after_a_click_from_another_page(server: StreamlitServer, browsing):
    page = browsing.new_page()
    page.goto(server.url("compare", "issue=surveillance"))
    wait_idle(page)
    page.get_by_role("link", name="How positions on Domestic surveillance moved").click()
    page.wait_for_url(lambda url: urlsplit(url).path.strip("/") == "movement")
    wait_idle(page)
    assert parse_qs(urlsplit(page.url).query) == {"issue": ["surveillance"]}
    assert MOVE_TEXT in main_text(page)
    assert page.locator(".js-plotly-plot").count() == 1

    sidebar(page).get_by_role("link", name="Pairs", exact=True).click()
    page.wait_for_url(lambda url: urlsplit(url).path.strip("/") == "pair")
    wait_idle(page)
    assert "Anthropic and US Department of Defense" in main_text(page)
    assert_clean(page)
    browsing.assert_clean()


def test_the_pair_survives_a_reload_and_a_shared_link(server: StreamlitServer, browsing):
    page = browsing.new_page()
    page.goto(server.url("pair", "a=dod&b=google"))
    wait_idle(page)
    assert "US Department of Defense and Google" in main_text(page)
    page.reload()
    wait_idle(page)
    assert parse_qs(urlsplit(page.url).query) == {"a": ["dod"], "b": ["google"]}
    assert "US Department of Defense and Google" in main_text(page)
    other = browsing.new_page()  # a new context: a reader who was sent the link
    other.goto(page.url)
    wait_idle(other)
    assert "US Department of Defense and Google" in main_text(other)
    browsing.assert_clean()


def test_timeline_hover_shows_a_date_and_title(server: StreamlitServer, browsing):
    page = browsing.new_page()
    page.goto(server.url("timeline"))
    wait_idle(page)
    point = page.locator(".js-plotly-plot .scatterlayer .point").first
    box = point.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # plotly's drag layer sits on top
    page.wait_for_timeout(500)
    hover = page.locator(".js-plotly-plot .hoverlayer").first.text_content() or ""
    assert "2026-02-26" in hover, hover
    browsing.assert_clean()


def hover_text(page) -> str:
    return page.locator(".js-plotly-plot .hoverlayer").first.text_content() or ""


def test_a_click_on_a_step_opens_that_cell_on_compare_as_it_stood(server: StreamlitServer, browsing):
    page = browsing.new_page()
    page.goto(server.url("movement", "issue=surveillance"))
    wait_idle(page)
    points = page.locator(".js-plotly-plot .scatterlayer .point")
    for n in range(points.count()):  # find the Department's 2 March marker by its hover text, as a reader would
        box = points.nth(n).bounding_box()
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        page.mouse.move(x, y)
        page.wait_for_timeout(300)
        if "US Department of Defense" in hover_text(page) and "2026-03-02" in hover_text(page):
            break
    else:
        pytest.fail("no marker hovers as the Department's 2026-03-02 version")
    page.mouse.click(x, y)
    page.wait_for_url(lambda url: urlsplit(url).path.strip("/") == "compare", timeout=30_000)
    wait_idle(page)
    assert parse_qs(urlsplit(page.url).query) == {"issue": ["surveillance"], "party": ["dod"], "as_of": ["2026-03-02"]}
    assert "Accepts a qualified bar" in main_text(page)
    assert_clean(page)
    browsing.assert_clean()


def test_a_box_drawn_across_the_timeline_sets_since_and_until_in_the_url(server: StreamlitServer, browsing):
    page = browsing.new_page()
    page.goto(server.url("timeline"))
    wait_idle(page)
    drag = page.locator(".js-plotly-plot .nsewdrag").first.bounding_box()
    y = drag["y"] + drag["height"] / 2
    page.mouse.move(drag["x"] + drag["width"] * 0.2, y)
    page.mouse.down()
    page.mouse.move(drag["x"] + drag["width"] * 0.5, y, steps=8)
    page.mouse.move(drag["x"] + drag["width"] * 0.6, y, steps=8)
    page.mouse.up()
    page.wait_for_url(lambda url: "since=" in url and "until=" in url, timeout=30_000)
    wait_idle(page)
    query = parse_qs(urlsplit(page.url).query)
    since, until = query["since"][0], query["until"][0]
    # The fixture's dense period runs from late February to mid-April 2026: the box lies inside it.
    assert "2026-02-01" <= since < until <= "2026-05-01", (since, until)
    assert f"Showing {since} to {until}." in main_text(page)
    assert_clean(page)
    browsing.assert_clean()
