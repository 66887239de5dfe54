"""Real-browser helpers: a Streamlit server per test or module, Debian's Chromium driven by Playwright.

Chromium or Playwright missing skips the browser tests, or fails them when REQUIRE_BROWSER=1 (as in CI).
Never `playwright install`: the system Chromium is used through `executable_path`.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest

from stances import serve
from stances.present.pages import PAGES as REGISTRY
from stances.serve import CHROMIUM_ARGS

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Dialog, Page, Response

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "tests" / "data" / "sample"
CURATED = REPO / "positions"

VIEWPORT = {"width": 1400, "height": 900}


@dataclass(frozen=True)
class AppPage:
    url_path: str  # "" for the entry page
    title: str
    link_path: str  # where the app's own nav link goes: the Overview link targets /overview, which shows the same
    nav: bool = True  # listed in the app's navigation (a per-entity page such as the party page is not)


# From the one page registry: the Overview is opened at "/", and its nav link goes to /overview.
PAGES = tuple(AppPage("" if p.key == "overview" else p.url_path, p.title, p.url_path, p.nav) for p in REGISTRY)
NAV_PAGES = tuple(p for p in PAGES if p.nav)

# A full load of a sub-page URL (a cold deep link, but also a reload or a new tab) makes the frontend probe these
# two paths under the page's own path first; they 404 and Chromium logs "Failed to load resource"
# (https://github.com/streamlit/streamlit/issues/7074). Nothing else is allowed.
KNOWN_404 = re.compile(r"^/[A-Za-z0-9_-]+/_stcore/(health|host-config)$")
RESOURCE_404 = "Failed to load resource: the server responded with a status of 404"


def unavailable(reason: str) -> None:
    """Skip, or fail when the run requires the browser tests (REQUIRE_BROWSER=1)."""
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (REQUIRE_BROWSER=1)", pytrace=False)
    pytest.skip(reason)


def chromium_path() -> str:
    for candidate in ("/usr/bin/chromium", shutil.which("chromium")):
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    unavailable("Chromium not found: apt-get install chromium")
    raise AssertionError("unreachable")


def sync_playwright() -> Any:
    try:
        from playwright.sync_api import sync_playwright as start
    except ImportError as exc:
        unavailable(f"playwright cannot be imported ({exc}): pip install playwright (never `playwright install`)")
        raise AssertionError("unreachable") from exc
    return start


@dataclass(frozen=True)
class StreamlitServer:
    """`streamlit run dashboard.py` from the one harness (`stances.serve`), in its own process group. Before a
    test's first page, only /_stcore/health is requested, so that page is the first real visit to a fresh server."""

    running: serve.Process  # its base URL, process id and log
    data_dir: Path

    def url(self, page: str = "", query: str = "") -> str:
        return f"{self.running.url}/{page}" + (f"?{query}" if query else "")


@contextmanager
def streamlit_server(data_dir: Path, log_dir: Path) -> Iterator[StreamlitServer]:
    """A healthy server on `data_dir`, its log kept in `log_dir`; a server that never answers fails with its log."""
    log = Path(tempfile.mkstemp(prefix="streamlit-", suffix=".log", dir=log_dir)[1])
    with serve.streamlit_server(REPO, data_dir, log=log, keep_log=True, own_group=True) as running:
        yield StreamlitServer(running, data_dir)


def curated_data_present() -> bool:
    return CURATED.is_dir() and any(CURATED.glob("*.yaml"))


# ---------------------------------------------------------------- watching a page


@dataclass
class PageWatch:
    """Console errors, uncaught page errors, HTTP errors and dialogs of one page."""

    name: str
    console_errors: list[tuple[str, str]] = field(default_factory=list)  # (text, resource url)
    page_errors: list[str] = field(default_factory=list)
    http_errors: list[tuple[int, str]] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def attach(self, page: Page) -> None:
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        page.on("response", self._on_response)
        page.on("dialog", self._on_dialog)

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.console_errors.append((message.text, (message.location or {}).get("url", "")))

    def _on_response(self, response: Response) -> None:
        if response.status >= 400:
            self.http_errors.append((response.status, response.url))

    def _on_dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def split_console_errors(self) -> tuple[list[str], list[str]]:
        """(allowed request paths, unexpected errors). Allowed: only "Failed to load resource ... 404" for the
        two documented sub-path probes (streamlit/streamlit#7074), matched to a 404 this page really received."""
        got_404 = {url for status, url in self.http_errors if status == 404}
        allowed, unexpected = [], []
        for text, url in self.console_errors:
            if text.startswith(RESOURCE_404) and url in got_404 and KNOWN_404.match(urlsplit(url).path):
                allowed.append(urlsplit(url).path)
            else:
                unexpected.append(f"{text} [{url or 'no url'}]")
        return allowed, unexpected

    def problems(self) -> list[str]:
        allowed, unexpected = self.split_console_errors()
        if allowed:
            paths = ", ".join(sorted(allowed))
            print(f"[{self.name}] allowed {len(allowed)} console error(s) '{RESOURCE_404}' for {paths}")
        out = [f"console error: {line}" for line in unexpected]
        out += [f"page error: {line}" for line in self.page_errors]
        out += [f"dialog opened: {line}" for line in self.dialogs]
        return out


class Browsing:
    """Pages in browser contexts, every one watched; `check()` fails on anything unexpected."""

    def __init__(self, browser: Browser, name: str) -> None:
        self.browser = browser
        self.name = name
        self.contexts: list[BrowserContext] = []
        self.watches: list[PageWatch] = []

    def new_page(self) -> Page:
        """A page in a NEW context (no shared cookies, storage or session)."""
        context = self.browser.new_context(viewport=VIEWPORT)  # type: ignore[arg-type]
        context.set_default_timeout(30_000)
        self.contexts.append(context)
        page = context.new_page()
        watch = PageWatch(f"{self.name}#{len(self.watches) + 1}")
        watch.attach(page)
        self.watches.append(watch)
        return page

    def problems(self) -> list[str]:
        return [f"[{w.name}] {p}" for w in self.watches for p in w.problems()]

    def assert_clean(self) -> None:
        """No console error (beyond the documented probe 404s), no uncaught page error, no dialog, on any page."""
        problems = self.problems()
        assert not problems, "\n".join(problems)

    def close(self) -> None:
        contexts, self.contexts = self.contexts, []
        for context in contexts:
            context.close()


# ---------------------------------------------------------------- reading the app


IDLE_JS = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    return !!app && app.getAttribute('data-test-script-state') === 'notRunning'
        && !document.querySelector('[data-testid="stStatusWidget"]')
        && !document.querySelector('[data-stale="true"]')
        && !document.querySelector('[data-testid="stSkeleton"]');
}"""


def wait_idle(page: Page, timeout: float = 30_000, settle: int = 300) -> None:
    """The script has finished, nothing is stale and no element still waits for its lazily loaded code
    (`stSkeleton`); checked twice, `settle` ms apart. On a fresh browser context the widgets' JS chunks
    (page link, multiselect, date input...) can arrive over a second after the script state turns
    `notRunning`, so the state alone is not enough."""
    deadline = time.monotonic() + timeout / 1000
    while True:
        remaining = max(deadline - time.monotonic(), 0.1) * 1000
        page.wait_for_function(IDLE_JS, timeout=remaining)
        page.wait_for_timeout(settle)
        if page.evaluate(IDLE_JS):
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"the app did not become idle within {timeout / 1000:.0f} s: {page.url}")


def sidebar(page: Page) -> Any:
    return page.locator('[data-testid="stSidebar"]')


def multiselect(page: Page, label: str) -> Any:
    return (
        sidebar(page)
        .locator('[data-testid="stMultiSelect"]')
        .filter(has=page.locator('[data-testid="stWidgetLabel"]', has_text=label))
    )


def chips(page: Page, label: str) -> list[str]:
    """The selected values of the sidebar multiselect `label`, in order."""
    return (
        multiselect(page, label)
        .locator('[data-testid="stMultiSelectTagsContainer"] [data-tag]')
        .evaluate_all("tags => tags.map(t => t.getAttribute('aria-label'))")
    )


def date_digits(page: Page) -> str:
    """The digits the sidebar date input shows, e.g. "20260301"."""
    texts = sidebar(page).locator('[data-testid="stDateInputField"]').all_inner_texts()
    return re.sub(r"\D", "", "".join(texts))


def nav_links(page: Page) -> list[tuple[str, str]]:
    """(label, href) of the app's own page links in the sidebar."""
    links = sidebar(page).locator('[data-testid="stPageLink-NavLink"]')
    script = """as => as.map(a => [
        a.querySelector('[data-testid=stMarkdownContainer]').innerText.trim(), a.getAttribute('href')])"""
    return links.evaluate_all(script)


def main_text(page: Page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def full_page_screenshot(page: Page, path: Path) -> None:
    """Streamlit scrolls an inner container, so grow the viewport to the content before a full-page shot."""
    height = page.evaluate(
        """() => Math.max(...[document.body, document.documentElement,
            document.querySelector('[data-testid="stMain"]'),
            document.querySelector('[data-testid="stAppViewContainer"]'),
            document.querySelector('[data-testid="stSidebarContent"]')]
            .filter(Boolean).map(e => e.scrollHeight))"""
    )
    size = page.viewport_size or VIEWPORT
    page.set_viewport_size({"width": size["width"], "height": min(max(int(height), size["height"]), 12_000)})
    page.wait_for_timeout(300)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)  # type: ignore[arg-type]


def screenshot_dir() -> Path:
    folder = Path(os.environ.get("SCREENSHOT_DIR") or REPO / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder.resolve()


def dataset_labels(folder: Path) -> tuple[dict[str, str], dict[str, str]]:
    """(issue id -> title, party id -> name), read straight from the YAML files the app is given."""
    import yaml

    issues_doc = yaml.safe_load((folder / "issues.yaml").read_text(encoding="utf-8")) or {}
    issues = {item["id"]: item["title"] for item in issues_doc.get("issues", [])}
    parties = {}
    for path in sorted((folder / "parties").glob("*.yaml")):
        party = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("party", {})
        parties[party["id"]] = party["name"]
    return issues, parties


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    path = chromium_path()
    start = sync_playwright()
    with start() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=list(CHROMIUM_ARGS))
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="module")
def sample_server(chromium: Browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[StreamlitServer]:
    """One server on the sample data, shared by a module's tests (Chromium is checked first, so a missing
    browser skips before any server starts)."""
    with streamlit_server(SAMPLE, tmp_path_factory.mktemp("streamlit")) as server:
        yield server


@pytest.fixture
def browsing(chromium: Browser, request: pytest.FixtureRequest) -> Iterator[Browsing]:
    session = Browsing(chromium, request.node.name)
    try:
        yield session
    finally:
        session.close()


@pytest.fixture(scope="session")
def screenshots(request: pytest.FixtureRequest) -> Iterator[Path]:
    folder = screenshot_dir()
    message = f"browser screenshots: {folder}"
    print(message)
    sys.stderr.write(message + "\n")
    yield folder
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    shots = sorted(p.name for p in folder.glob("*.png"))
    if reporter is not None:
        reporter.write_line(f"{message} ({len(shots)} PNG files)")
