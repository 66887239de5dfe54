"""The static site: files and permalinks, escaping, the same content as the app's Compare page, and a real browser."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cache, partial
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from conftest import NOW
from markupsafe import escape
from site_support import built_site

from stances.domain.dataset import Dataset
from stances.domain.model import Relay
from stances.domain.validate import check_folder
from stances.present import views
from stances.present.templating import environment
from stances.site.build import build_site

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "tests" / "data" / "sample"
SHIPPED = REPO / "positions"
HOSTILE = "\"'><script>alert(1)</script><img src=x onerror=alert(1)>"
# Fields holding free text in the schema; `speaker` is free text only in source excerpts.
TEXT_KEYS = {"title", "description", "corrections", "question", "label", "meaning", "name", "role", "summary", "gap"}
TEXT_KEYS |= {"change", "text", "note", "outlet", "date_note", "crux", "claim", "curator", "license"}
ALLOWED_TAGS = {"html", "head", "meta", "title", "link", "script", "body", "header", "nav", "main", "footer", "a"}
ALLOWED_TAGS |= {"div", "p", "span", "strong", "em", "cite", "code", "time", "h1", "h2", "h3", "h4", "ul", "ol", "li"}
ALLOWED_TAGS |= {"dl", "dt", "dd", "table", "thead", "tbody", "tr", "th", "td", "article", "blockquote"}
ALLOWED_TAGS |= {"details", "summary", "figure", "figcaption", "pre", "section"}
ALLOWED_TAGS |= {"svg", "desc", "rect", "line", "text", "tspan", "circle", "path", "g"}
FOLDERS = {"sample": SAMPLE, "positions": SHIPPED}
NAV_PAGES = (
    "index.html",
    "changes.html",
    "disagreements.html",
    "movement.html",
    "pairs/index.html",
    "timeline.html",
    "sources.html",
    "about.html",
)


def load(folder: Path) -> Dataset:
    dataset, problems = check_folder(folder)
    assert dataset is not None, [p.render(str(folder)) for p in problems]
    return dataset


@cache
def dataset_or_reason(name: str) -> Dataset | str:
    """The named folder's dataset, or why there is none (the site is built only from valid data)."""
    folder = FOLDERS[name]
    if not folder.is_dir():
        return f"{folder.name}/ does not exist"
    with pytest.MonkeyPatch.context() as patch:  # may run at collection, before conftest fixes "today"
        patch.setenv("NOW", NOW)
        dataset, problems = check_folder(folder)
    return dataset if dataset is not None else f"{folder.name}/ does not validate ({len(problems)} problems)"


def usable(name: str) -> Dataset:
    found = dataset_or_reason(name)
    if isinstance(found, str):
        pytest.skip(found)
    return found


def expected_pages(dataset: Dataset) -> set[str]:
    pages = set(NAV_PAGES)
    pages |= {f"issues/{i}.html" for i in dataset.issues} | {f"parties/{p}.html" for p in dataset.parties}
    # Up to 12 parties, a page for every pair, named by the two ids in sorted order.
    ids = sorted(dataset.parties)
    pages |= {f"pairs/{a}/{b}.html" for n, a in enumerate(ids) for b in ids[n + 1 :]}
    return pages


def html_files(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))}


@dataclass
class Tag:
    name: str
    attrs: dict[str, str]


class Tags(HTMLParser):
    """Every start tag of a page, with its attributes (entities decoded)."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[Tag] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(Tag(tag, {k: v or "" for k, v in attrs}))


# --- building ----------------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def sites() -> Callable[[str], Path]:
    """The site of a named data folder without PNGs, built once per session (these tests read only pages)."""

    def site(name: str) -> Path:
        usable(name)
        return built_site(None, FOLDERS[name])

    return site


def test_build_site_returns_every_page_it_wrote(tmp_path):
    dataset = load(SAMPLE)
    written = build_site(dataset, tmp_path, with_images=False)
    assert {p.relative_to(tmp_path).as_posix() for p in written} == expected_pages(dataset)


@pytest.fixture(params=list(FOLDERS))
def built(request, sites) -> tuple[Dataset, Path]:
    return usable(request.param), sites(request.param)


def test_build_writes_every_page_and_the_local_assets(built):
    dataset, site = built
    assert set(html_files(site)) == expected_pages(dataset)
    assert (site / "assets" / "site.css").stat().st_size > 1000
    assert (site / "assets" / "fragments.css").stat().st_size > 1000
    assert (site / "assets" / "favicon.svg").read_text(encoding="utf-8").startswith("<svg")
    assert not list(site.rglob("*.js")), "the site needs no script"


def test_every_page_has_the_frame_and_no_external_resource(built):
    _, site = built
    for name, text in html_files(site).items():
        lowered = text.lower()
        assert '<meta name="generator" content="stances site">' in lowered, name
        assert all(f'{page}"' in text for page in NAV_PAGES), name
        for tag in Tags(text).tags:
            if tag.name in ("script", "link", "img", "iframe", "source"):
                target = tag.attrs.get("src", tag.attrs.get("href", ""))
                assert not urlsplit(target).netloc and not target.startswith("//"), (name, tag)


def test_every_internal_link_and_permalink_resolves(built):
    _, site = built
    pages = html_files(site)
    ids = {name: {t.attrs["id"] for t in Tags(text).tags if "id" in t.attrs} for name, text in pages.items()}
    for name, text in pages.items():
        for tag in Tags(text).tags:
            target = tag.attrs.get("href") if tag.name == "a" else None
            if target is None or target.startswith(("http://", "https://")):
                continue
            resolved = urlsplit(urljoin(f"http://site/{name}", target))
            page = resolved.path.lstrip("/") or name
            if page.endswith((".xml", ".csv")):  # a feed or a download, linked for readers
                assert (site / page).is_file(), (name, target)
                continue
            assert page in pages, (name, target)
            assert not resolved.fragment or resolved.fragment in ids[page], (name, target)


def test_permalinks_are_stable_ids(built):
    dataset, site = built
    pages = html_files(site)

    def ids(name: str) -> set[str]:
        return {t.attrs["id"] for t in Tags(pages[name]).tags if "id" in t.attrs}

    for issue in dataset.issues:
        assert set(dataset.parties) <= ids(f"issues/{issue}.html")
        for party in dataset.parties:
            assert f'href="issues/{issue}.html#{party}"' in pages["index.html"]
    for party in dataset.parties:
        assert set(dataset.issues) <= ids(f"parties/{party}.html")
    assert set(dataset.sources) <= ids("sources.html")
    assert {e.id for e in dataset.events} <= ids("timeline.html")
    assert {d.id for d in dataset.disagreements} <= ids("disagreements.html")


def test_web_links_open_safely(built):
    _, site = built
    for name, text in html_files(site).items():
        for tag in Tags(text).tags:
            href = tag.attrs.get("href", "")
            if tag.name == "a" and href.startswith(("http://", "https://")):
                assert tag.attrs.get("rel") == "noopener noreferrer", (name, tag)


def test_cli_writes_the_site_and_without_images_skips_only_the_pngs(run_cli, tmp_path):
    out = tmp_path / "out"
    result = run_cli("site", str(out), "--data", "tests/data/sample", "--no-images")
    assert result.returncode == 0, result.stderr
    assert f"wrote {len(expected_pages(load(SAMPLE)))} pages" in result.stdout
    assert (out / "index.html").is_file() and (out / "issues" / "surveillance.html").is_file()
    assert not list(out.rglob("*.png"))
    assert (out / "images" / "matrix.svg").is_file() and (out / "feed.xml").is_file()
    with_images = built_site(None, SAMPLE, images=True)
    assert list(with_images.rglob("*.png"))
    assert html_files(out) == html_files(with_images)  # the pages are the same with or without the PNGs


# --- escaping ----------------------------------------------------------------------------------------------------


def poison(node: Any) -> Any:
    """Append the hostile string to every free-text field."""
    if isinstance(node, dict):
        return {k: v + " " + HOSTILE if k in TEXT_KEYS and isinstance(v, str) else poison(v) for k, v in node.items()}
    if isinstance(node, list):
        return [poison(item) for item in node]
    return node


def rewrite(folder: Path, name: str, change: Callable[[dict], None]) -> None:
    path = folder / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(poison(data), sort_keys=False, allow_unicode=True), encoding="utf-8")


def with_every_feature(tmp_path: Path) -> Path:
    """A copy of the sample with hostile text in every text field, and history, reporting and accounts to show."""
    folder = tmp_path / "hostile-data"
    shutil.copytree(SAMPLE, folder)

    def anthropic(data: dict) -> None:
        versions = data["positions"][0]["versions"]
        earlier = {**versions[0], "as_of": versions[0]["as_of"].replace(day=20), "stance": "qualified_bar"}
        versions[0] = {**versions[0], "change": "Hardened"}
        versions[0]["quotes"].append({**versions[0]["quotes"][0], "direct": False, "note": "Paraphrase"})
        versions.insert(0, {**earlier, "quotes": []})

    def timeline(data: dict) -> None:
        data["events"][1]["accounts"] = [{"claim": "Thursday", "sources": ["telegraphindia-amodei-statement"]}]
        data["events"][1]["date_note"] = "Outlets differ"

    def sources(data: dict) -> None:
        data["sources"][0]["title"] = "Statement"
        data["sources"][0]["date_note"] = "Day of the week only"

    for name in ("dataset.yaml", "issues.yaml", "disagreements.yaml", "parties/dod.yaml"):
        rewrite(folder, name, lambda data: None)
    rewrite(folder, "parties/anthropic.yaml", anthropic)
    rewrite(folder, "timeline.yaml", timeline)
    rewrite(folder, "sources.yaml", sources)
    return folder


@pytest.fixture
def hostile_site(tmp_path) -> Path:
    site = tmp_path / "hostile-site"
    build_site(load(with_every_feature(tmp_path)), site, with_images=False)
    return site


def test_curated_text_is_escaped_on_every_page(hostile_site):
    pages = html_files(hostile_site)
    escaped = str(escape(HOSTILE))
    for name, text in pages.items():
        assert "<script>alert" not in text and "<img" not in text, name
        tags = Tags(text).tags
        assert not [t for t in tags if any(a.startswith("on") for a in t.attrs)], name
        assert {t.name for t in tags} <= ALLOWED_TAGS, name
        assert not [t for t in tags if t.name == "script"], name
        assert escaped in text, name
    issue = pages["issues/surveillance.html"]
    assert "Reporting, not the party’s own words" in issue and "History: 1 earlier version" in issue
    assert "What changed in this version: Hardened" in issue and "Dates conflict" in pages["timeline.html"]


def ext_link(label: str, url: str) -> str:
    """A link as both skins draw it: the view model's link through the shared `ext` fragment."""
    module = environment().get_template("fragments.html").make_module({"w": None, "href": None})
    return str(module.ext(views.link(label, url)))


def test_links_are_made_only_from_web_urls():
    assert ext_link("<b>x</b>", "javascript:alert(1)") == "&lt;b&gt;x&lt;/b&gt;"
    assert ext_link("x", "data:text/html,<script>alert(1)</script>") == "x"
    assert ext_link("x", " JavaScript:alert(1)") == "x"
    link = ext_link("A & B", 'https://example.org/?a=1&b="><script>')
    assert link.startswith('<a class="ext" href="https://example.org/?a=1&amp;b=%22%3E%3Cscript%3E"')
    assert 'rel="noopener noreferrer">A &amp; B</a>' in link


def test_urls_the_validator_would_reject_never_become_links(tmp_path):
    """The validator refuses javascript: URLs; the site must not depend on that."""
    dataset = load(SAMPLE)
    bad = "javascript:alert(1)"
    sources = {
        sid: s.model_copy(
            update={"url": bad, "archive_url": bad, "via": [Relay.model_construct(outlet="<b>relay</b>", url=bad)]}
        )
        for sid, s in dataset.sources.items()
    }
    build_site(replace(dataset, sources=sources), tmp_path, with_images=False)
    for name, text in html_files(tmp_path).items():
        hrefs = [t.attrs.get("href", "") for t in Tags(text).tags]
        assert not [h for h in hrefs if h.strip().lower().startswith("javascript:")], name
        assert "<b>relay" not in text, name


# --- in a real browser -------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser(chromium: Any) -> Any:
    """The session's one Chromium (see conftest): a second playwright instance cannot run beside it."""
    return chromium


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def serve() -> Iterator[Callable[[Path], str]]:
    servers: list[ThreadingHTTPServer] = []

    def start(folder: Path) -> str:
        server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(folder)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("file", "data"):
        return True
    return parts.scheme in ("http", "https") and parts.hostname in ("127.0.0.1", "localhost")


@dataclass
class Visit:
    outside: list[str]
    errors: list[str]


def visit(browser: Any, urls: list[str], shown: str | None = None) -> Visit:
    """Open each URL in a fresh page; block and record requests off this machine, console errors and dialogs.

    `shown`: text every page must show as text (hostile markup that must appear escaped, not run)."""
    seen = Visit([], [])
    context = browser.new_context()

    def guard(route: Any, request: Any) -> None:
        if is_local(request.url):
            route.continue_()
        else:
            seen.outside.append(request.url)
            route.abort()

    context.route("**/*", guard)
    for url in urls:
        page = context.new_page()
        page.on("request", lambda r: None if is_local(r.url) else seen.outside.append(r.url))
        page.on("console", lambda m, url=url: seen.errors.append(f"{url}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e, url=url: seen.errors.append(f"{url}: {e}"))
        page.on("dialog", lambda d, url=url: (seen.errors.append(f"{url}: dialog {d.message}"), d.dismiss()))
        page.goto(url, wait_until="load")
        if url.split("#")[0].endswith("timeline.html"):
            assert page.locator("svg.timeline-svg g").count() > 0, url
        assert page.locator("main h1").count() == 1, url
        assert shown is None or shown in page.inner_text("body"), url
        page.close()
    context.close()
    return seen


@pytest.mark.browser
@pytest.mark.parametrize("which", [*FOLDERS, "hostile"])
def test_every_page_renders_offline_in_chromium(which, browser, serve, sites, request):
    site = request.getfixturevalue("hostile_site") if which == "hostile" else sites(which)
    names = list(html_files(site))
    base = serve(site)
    # Every page from a static host; from file:// the overview and the timeline.
    urls = [base + name for name in names] + [(site / name).as_uri() for name in ("index.html", "timeline.html")]
    seen = visit(browser, urls, shown=HOSTILE if which == "hostile" else None)
    assert not seen.outside, seen.outside
    assert not seen.errors, seen.errors
