"""Another dispute is another folder: the 30 × 40 minimal "wide" dataset in both skins."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from apptest_support import PAGES, open_page
from bs4 import BeautifulSoup

from stances.domain.validate import check_folder

REPO = Path(__file__).resolve().parent.parent
MB = 1_000_000


def test_the_minimal_wide_data_validates_without_filler(wide_data):
    dataset, problems = check_folder(wide_data)
    assert dataset is not None, problems
    assert (len(dataset.parties), len(dataset.issues)) == (30, 40)
    assert all(v.version.summary is None and v.version.claim_type is None for v in dataset.versions)
    assert any(not i.isascii() for i in dataset.issues)


def test_every_static_page_is_under_a_megabyte_scripts_included(wide_site):
    files = [p for p in wide_site.rglob("*") if p.is_file() and (p.suffix == ".html" or p.parent.name == "assets")]
    assert not [p for p in files if p.suffix == ".js"]
    too_big = {p.relative_to(wide_site).as_posix(): p.stat().st_size for p in files if p.stat().st_size >= MB}
    assert not too_big, too_big


def test_unicode_ids_make_links_that_resolve(wide_site):
    files = {p.resolve() for p in wide_site.rglob("*") if p.is_file()}
    for page in wide_site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        ids = {t["id"] for t in soup.find_all(id=True)}
        for href in {a["href"] for a in soup.find_all("a", href=True)}:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc:
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page.resolve()
            assert target in files, (page.name, href)
            if parts.fragment and target == page.resolve():
                assert unquote(parts.fragment) in ids, (page.name, href)


@pytest.mark.parametrize("page", PAGES)
def test_every_app_page_renders_the_wide_data(page, wide_data, monkeypatch):
    monkeypatch.setenv("POSITIONS_DIR", str(wide_data))
    at = open_page(page)
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]


def test_compare_never_cuts_an_issue(wide_data, monkeypatch):
    monkeypatch.setenv("POSITIONS_DIR", str(wide_data))
    seen: list[str] = []
    for number in (1, 2, 3):
        at = open_page("pages/compare.py", {"page": str(number)})
        assert not at.exception, at.exception
        cells = [BeautifulSoup(h.proto.body, "html.parser").select("article.cell") for h in at.get("html")]
        per_issue: dict[str, int] = {}
        for cell in (c for group in cells for c in group):
            per_issue[cell["data-issue"]] = per_issue.get(cell["data-issue"], 0) + 1
        assert per_issue and set(per_issue.values()) == {30}, per_issue  # every issue on a page is whole
        assert not set(per_issue) & set(seen)
        seen += per_issue
