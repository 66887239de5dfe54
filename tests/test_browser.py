"""The app in a real Chromium against a real Streamlit server: cold deep links, the URL as the view, navigation
and history, hostile query strings, console errors, and one screenshot per page.

Run: REQUIRE_BROWSER=1 python -m pytest tests/test_browser.py -q -s
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit

import pytest

# Fixtures, imported under their own names so pytest finds them (`x as x` marks a deliberate re-export).
from browser_support import (
    CURATED,
    NAV_PAGES,
    PAGES,
    SAMPLE,
    AppPage,
    Browsing,
    StreamlitServer,
    chips,
    curated_data_present,
    dataset_labels,
    date_digits,
    full_page_screenshot,
    main_text,
    multiselect,
    nav_links,
    sidebar,
    streamlit_server,
    wait_idle,
)
from browser_support import browsing as browsing
from browser_support import sample_server as sample_server
from browser_support import screenshots as screenshots

pytestmark = pytest.mark.browser

DEEP = {"issue": ["surveillance"], "party": ["anthropic", "dod"], "as_of": ["2026-03-01"]}
DEEP_QUERY = urlencode(DEEP, doseq=True)  # issue=surveillance&party=anthropic&party=dod&as_of=2026-03-01
SURVEILLANCE, AUTONOMOUS = "Domestic surveillance", "Autonomous weapons"
ANTHROPIC, DOD = "Anthropic", "US Department of Defense"
AS_OF_INFO = "Positions as they stood on 2026-03-01"
HOSTILE_QUERY = "issue=nope&party=ghost,dod&as_of=2026-02-30&foo=<script>alert(1)</script>"

FOLDERS = [
    pytest.param(SAMPLE, id="sample"),
    pytest.param(
        CURATED,
        id="positions",
        marks=pytest.mark.skipif(not curated_data_present(), reason="positions/ holds no curated YAML yet"),
    ),
]

# The screenshots are for people to look at: the curated dataset when there is one.
SCREENSHOT_FOLDER = CURATED if curated_data_present() else SAMPLE


def page_id(app_page: AppPage) -> str:
    return app_page.url_path or "overview"


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query, keep_blank_values=True)


def path_of(url: str) -> str:
    return urlsplit(url).path.strip("/")


def eventually(check: Callable[[], None], timeout: float = 15) -> None:
    """Retry an assertion until it holds: Back/Forward and clicks start a rerun a moment after the URL moves."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            check()
            return
        except AssertionError:
            if time.monotonic() > deadline:
                raise
        time.sleep(0.2)


def titles(page) -> list[str]:
    return [t.strip() for t in page.locator('[data-testid="stMain"] h1').all_inner_texts()]


def warnings(page) -> list[str]:
    return [t.split("\n")[-1].strip() for t in page.locator('[data-testid="stAlertContentWarning"]').all_inner_texts()]


def share_link(page) -> str:
    return re.sub(r"\s", "", sidebar(page).locator('[data-testid="stCode"]').first.inner_text())


def assert_no_exception(page) -> None:
    exceptions = page.locator('[data-testid="stException"]')
    assert exceptions.count() == 0, exceptions.all_inner_texts()


def assert_view(
    page,
    *,
    path: str,
    query: dict[str, list[str]],
    title: str,
    issues: list[str],
    parties: list[str],
    as_of: str = "",
) -> None:
    """The address bar, the page title, the chips and the date field all show this view."""

    def check() -> None:
        assert path_of(page.url) == path, page.url
        assert query_of(page.url) == query, page.url
        assert titles(page) == [title], page.url
        assert chips(page, "Issues") == issues, page.url
        assert chips(page, "Parties") == parties, page.url
        assert date_digits(page) == as_of.replace("-", ""), page.url

    eventually(check)
    wait_idle(page)
    check()
    assert_no_exception(page)


def click_nav(page, label: str, path: str) -> None:
    sidebar(page).get_by_role("link", name=label, exact=True).click()
    page.wait_for_url(lambda url: path_of(url) == path)
    wait_idle(page)


# ---------------------------------------------------------------- a, e, f: a cold deep link to every page


@pytest.mark.parametrize("folder", FOLDERS)
@pytest.mark.parametrize("app_page", PAGES, ids=page_id)
def test_cold_deep_link_shows_page_with_filters(
    app_page: AppPage, folder: Path, browsing: Browsing, screenshots: Path, tmp_path: Path
) -> None:
    """A freshly started server whose first page request is the deep link (only /_stcore/health before it)."""
    issue_titles, party_names = dataset_labels(folder)
    known = {
        "issue": [i for i in DEEP["issue"] if i in issue_titles],
        "party": [p for p in DEEP["party"] if p in party_names],
        "as_of": DEEP["as_of"],
    }
    expected_query = {k: v for k, v in known.items() if v}
    if folder == SAMPLE:
        assert expected_query == DEEP
        assert [issue_titles[i] for i in known["issue"]] == [SURVEILLANCE]
        assert [party_names[p] for p in known["party"]] == [ANTHROPIC, DOD]

    with streamlit_server(folder, tmp_path) as server:
        page = browsing.new_page()
        started = time.monotonic()
        page.goto(server.url(app_page.url_path, DEEP_QUERY))
        wait_idle(page)
        print(f"[{page_id(app_page)}/{folder.name}] cold deep link idle after {time.monotonic() - started:.1f} s")

        assert_view(
            page,
            path=app_page.url_path,
            query=DEEP,
            title=app_page.title,
            issues=[issue_titles[i] for i in known["issue"]],
            parties=[party_names[p] for p in known["party"]],
            as_of="2026-03-01",
        )
        assert AS_OF_INFO in main_text(page)
        unknown = [
            f"Ignored unknown {key} '{v}'." for key in ("issue", "party") for v in DEEP[key] if v not in known[key]
        ]
        assert warnings(page) == unknown

        links = nav_links(page)
        assert [label for label, _ in links] == [p.title for p in NAV_PAGES]
        for (label, href), target in zip(links, NAV_PAGES, strict=True):
            assert query_of(href) == expected_query, (label, href)
            assert path_of(urljoin(page.url, href)) == target.link_path, (label, href)

        assert share_link(page) == server.url(app_page.url_path, urlencode(expected_query, doseq=True))

        if folder == SCREENSHOT_FOLDER:
            index = PAGES.index(app_page) + 1
            full_page_screenshot(page, screenshots / f"{index}-{page_id(app_page)}.png")
            assert_no_exception(page)

        browsing.assert_clean()
        browsing.close()  # before the server stops, so its disconnect is not logged against the page


# ---------------------------------------------------------------- b: a filter change is a shareable URL


def test_filter_change_updates_url_and_new_context_reproduces_view(
    sample_server: StreamlitServer, browsing: Browsing
) -> None:
    page = browsing.new_page()
    page.goto(sample_server.url("compare", DEEP_QUERY))
    wait_idle(page)
    full = {"path": "compare", "title": "Compare", "as_of": "2026-03-01"}
    assert_view(page, query=DEEP, issues=[SURVEILLANCE], parties=[ANTHROPIC, DOD], **full)

    multiselect(page, "Parties").get_by_role("button", name=f"Remove {ANTHROPIC}").click()
    only_dod = {**DEEP, "party": ["dod"]}
    page.wait_for_url(lambda url: query_of(url) == only_dod)
    assert_view(page, query=only_dod, issues=[SURVEILLANCE], parties=[DOD], **full)

    combo = multiselect(page, "Issues").get_by_role("combobox")
    combo.click()
    combo.fill("Autonomous")
    page.get_by_role("option", name=AUTONOMOUS).click()
    combo.press("Escape")
    both_issues = {**only_dod, "issue": ["surveillance", "autonomous_weapons"]}
    page.wait_for_url(lambda url: query_of(url) == both_issues)
    assert_view(page, query=both_issues, issues=[SURVEILLANCE, AUTONOMOUS], parties=[DOD], **full)
    assert share_link(page) == page.url
    shown = main_text(page)
    assert AUTONOMOUS in shown and ANTHROPIC not in shown

    other = browsing.new_page()  # a new browser context: nothing shared but the URL
    other.goto(page.url)
    wait_idle(other)
    assert_view(other, query=both_issues, issues=[SURVEILLANCE, AUTONOMOUS], parties=[DOD], **full)
    assert main_text(other) == shown
    browsing.assert_clean()


# ---------------------------------------------------------------- c: navigation, reload, Back and Forward


def test_nav_links_reload_back_and_forward_keep_the_view(sample_server: StreamlitServer, browsing: Browsing) -> None:
    page = browsing.new_page()
    page.goto(sample_server.url("", DEEP_QUERY))
    wait_idle(page)
    full = {"query": DEEP, "issues": [SURVEILLANCE], "parties": [ANTHROPIC, DOD], "as_of": "2026-03-01"}
    without_dod = {"query": {**DEEP, "party": ["anthropic"]}, "issues": [SURVEILLANCE], "parties": [ANTHROPIC]}
    without_dod["as_of"] = "2026-03-01"
    overview, compare, timeline = ("", "Overview"), ("compare", "Compare"), ("timeline", "Timeline")
    overview_link = ("overview", "Overview")

    def at(where: tuple[str, str], view: dict) -> None:
        assert_view(page, path=where[0], title=where[1], **view)

    at(overview, full)
    click_nav(page, "Compare", "compare")
    at(compare, full)
    click_nav(page, "Timeline", "timeline")
    at(timeline, full)
    page.reload()
    wait_idle(page)
    at(timeline, full)

    multiselect(page, "Parties").get_by_role("button", name=f"Remove {DOD}").click()
    page.wait_for_url(lambda url: query_of(url) == without_dod["query"])
    at(timeline, without_dod)
    click_nav(page, "Overview", "overview")
    at(overview_link, without_dod)

    steps = [
        (page.go_back, timeline, without_dod),
        (page.go_back, timeline, full),  # Back undoes the filter change in one step
        (page.go_back, compare, full),
        (page.go_back, overview, full),
        (page.go_forward, compare, full),
        (page.go_forward, timeline, full),
        (page.go_forward, timeline, without_dod),
        (page.go_forward, overview_link, without_dod),
    ]
    for move, where, view in steps:
        move()
        at(where, view)
    browsing.assert_clean()


# ---------------------------------------------------------------- d: hostile query strings


def test_malformed_and_unknown_params_show_notices_only(sample_server: StreamlitServer, browsing: Browsing) -> None:
    page = browsing.new_page()
    expected_notices = {
        "Ignored unknown parameter 'foo'.",
        "Ignored unknown issue 'nope'.",
        "Ignored unknown party 'ghost'.",
        "Ignored malformed as_of '2026-02-30' (expected YYYY-MM-DD).",
    }
    for app_page in PAGES:
        page.goto(sample_server.url(app_page.url_path, HOSTILE_QUERY))
        wait_idle(page)
        eventually(lambda: assert_notices(page, expected_notices))
        assert titles(page) == [app_page.title]
        assert chips(page, "Issues") == []
        assert chips(page, "Parties") == [DOD]
        assert date_digits(page) == ""
        assert "Positions as they stood on" not in main_text(page)
        assert all(query_of(href) == {"party": ["dod"]} for _, href in nav_links(page))
        assert share_link(page) == sample_server.url(app_page.url_path, "party=dod")
        assert_no_exception(page)
        injected = page.evaluate("() => [...document.querySelectorAll('script')].some(s => s.text.includes('alert'))")
        assert not injected
        assert "<script>alert(1)</script>" not in page.content()
    browsing.assert_clean()  # includes: no dialog opened


def assert_notices(page, expected: set[str]) -> None:
    assert set(warnings(page)) == expected, warnings(page)


# ---------------------------------------------------------------- e: every page, plain, has a clean console


def test_every_page_renders_without_console_errors(sample_server: StreamlitServer, browsing: Browsing) -> None:
    page = browsing.new_page()
    for app_page in PAGES:
        page.goto(sample_server.url(app_page.url_path))  # a full load of each page
        wait_idle(page)
        assert titles(page) == [app_page.title]
        assert warnings(page) == []
        assert chips(page, "Issues") == [] and chips(page, "Parties") == []
        assert_no_exception(page)
    browsing.assert_clean()


# ---------------------------------------------------------------- the nav links point at their own pages


def test_nav_link_hrefs_resolve_to_their_own_pages(sample_server: StreamlitServer, browsing: Browsing) -> None:
    """What "Open link in new tab" or "Copy link address" on a sidebar link gives must be that link's page."""
    page = browsing.new_page()
    wrong = []
    for app_page in PAGES:
        page.goto(sample_server.url(app_page.url_path, DEEP_QUERY))
        wait_idle(page)
        for (label, href), target in zip(nav_links(page), NAV_PAGES, strict=True):
            resolved = urljoin(page.url, href)
            if path_of(resolved) != target.link_path or query_of(resolved) != DEEP:
                wrong.append(f"on /{app_page.url_path}: {label!r} href={href!r} resolves to {resolved}")
    browsing.assert_clean()
    assert not wrong, "\n".join(wrong)
