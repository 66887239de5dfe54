"""The route table: its page files, its site pages and its links agree, and the party page is the same in both skins."""

from __future__ import annotations

from pathlib import Path

from apptest_support import REPO, html_text, open_page

from stances.domain.validate import check_folder
from stances.domain.view_state import ViewState
from stances.present.pages import BY_KEY, ENTRY, PAGES, ROUTES, app_view, site_path
from stances.present.views import Target
from stances.site.build import pages as site_pages

SAMPLE = REPO / "tests" / "data" / "sample"


def test_every_page_file_is_a_route_and_every_route_script_exists():
    files = {f"pages/{p.name}" for p in (REPO / "pages").glob("*.py")}
    scripts = {r.script for r in ROUTES if r.script}
    assert files == scripts
    assert (REPO / ENTRY.script).is_file()
    assert {"pages/party.py", "pages/compare.py"} <= {p.script for p in PAGES}


def test_the_pages_drawn_from_pandas_frames_are_marked_so_the_app_loads_pandas_first():
    """Movement and Pairs draw from the analysis table, the party page lists its pairs from it, and Sources draws a
    sortable table; the Overview, Compare and Timeline never load pandas (test_imports.py)."""
    assert {r.key for r in ROUTES if r.analysis} == {"movement", "pair", "party", "sources"}


def test_route_keys_and_app_paths_are_unique():
    keys = [r.key for r in ROUTES]
    assert len(keys) == len(set(keys))
    scripted = [r.url_path for r in ROUTES if r.script]
    assert len(scripted) == len(set(scripted))


def test_the_site_writes_one_page_per_navigation_route_and_one_per_entity():
    dataset, problems = check_folder(SAMPLE)
    assert dataset is not None, problems
    paths = {p.path for p in site_pages(dataset)}
    assert {"index.html", "changes.html", "disagreements.html", "timeline.html", "sources.html", "about.html"} <= paths
    assert {"issues/surveillance.html", "issues/autonomous_weapons.html"} <= paths
    assert {"parties/anthropic.html", "parties/dod.html"} <= paths


def test_links_map_through_the_route_table_in_both_skins():
    cell = Target("compare", "surveillance", "anthropic", "anthropic")
    assert site_path(cell) == "issues/surveillance.html#anthropic"
    assert site_path(Target("party", party="dod")) == "parties/dod.html"
    assert site_path(Target("party", party="zölle")) == "parties/z%C3%B6lle.html"
    assert site_path(Target("source", anchor="a b")) == "sources/a%20b.html"
    assert site_path(Target("timeline", anchor="ev-1")) == "timeline.html#ev-1"
    assert site_path(Target("no-such-page")) == "index.html"
    route, view, anchor = app_view(Target("party", party="dod"), ViewState())
    assert (route.url_path, view.parties, anchor) == ("party", ("dod",), None)
    route, view, anchor = app_view(cell, ViewState())
    assert (route.url_path, view.issues, view.parties, anchor) == (
        "compare",
        ("surveillance",),
        ("anthropic",),
        "anthropic",
    )
    assert BY_KEY["party"].script == "pages/party.py"


def test_the_app_party_page_draws_the_sites_party_view(monkeypatch):
    monkeypatch.setenv("POSITIONS_DIR", str(SAMPLE))
    at = open_page("pages/party.py", {"party": "dod"})
    assert not at.exception, at.exception
    assert [h.value for h in at.header] == ["US Department of Defense"]
    body = " ".join(html_text(h.proto.body) for h in at.get("html"))
    assert "Sean Parnell" in body
    # The Department's two cells in the sample, each titled by its issue, each at "Existing law/policy governs".
    assert "Domestic surveillance" in body and "Autonomous weapons" in body
    assert "Existing law governs" in body and "Existing policy governs" in body
    assert not at.info


def test_the_party_page_without_one_party_says_which_it_shows(monkeypatch):
    monkeypatch.setenv("POSITIONS_DIR", str(SAMPLE))
    at = open_page("pages/party.py")
    assert not at.exception, at.exception
    assert [h.value for h in at.header] == ["Anthropic"]
    assert "showing Anthropic" in at.info[0].value


def test_the_site_party_page_holds_the_same_cells(tmp_path: Path):
    dataset, _ = check_folder(SAMPLE)
    page = next(p for p in site_pages(dataset) if p.path == "parties/dod.html")
    view = page.context["view"]
    assert [c.issue_title for c in view.cells] == ["Domestic surveillance", "Autonomous weapons"]
    assert [c.stance.label for c in view.cells] == ["Existing law governs", "Existing policy governs"]
