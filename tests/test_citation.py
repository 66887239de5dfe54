"""Cite this: publisher, title, permalink, dataset date and access date, as plain text and BibTeX; CITATION.cff."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml
from bs4 import BeautifulSoup
from site_support import BASE_URL, POSITIONS, built_site

from stances.present import views
from stances.present.citation import bibtex_value, cell_citation, citation, disagreement_citation

REPO = Path(__file__).resolve().parent.parent


def test_citation_cff_parses_and_has_the_required_keys():
    data = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    assert data["cff-version"] == "1.2.0"
    assert data["title"] and data["message"] and data["type"] in ("dataset", "software")
    assert data["authors"] and all(a.get("name") or a.get("family-names") for a in data["authors"])
    assert any(r["type"] == "software" for r in data.get("references", []))


def test_a_cell_citation_names_publisher_title_permalink_dataset_date_and_access_date(shipped, monkeypatch):
    monkeypatch.setenv("NOW", "2026-12-01")
    party, issue = next(iter(shipped.parties)), next(iter(shipped.issues))
    url = f"{BASE_URL}/issues/{issue}.html#{party}"
    cite = cell_citation(shipped, party, issue, url)
    meta = views.page_meta(shipped)
    for part in (shipped.info.title, shipped.parties[party].name, url, meta.dataset_date, "accessed 2026-12-01"):
        assert part in cite.text, part
    assert (shipped.info.publisher or shipped.info.curator).rstrip(".") in cite.text
    assert cite.bibtex.startswith("@misc{") and "\\url{" + url + "}" in cite.bibtex
    assert "urldate = {2026-12-01}" in cite.bibtex and f"year = {{{meta.dataset_date[:4]}}}" in cite.bibtex


def test_a_disagreement_citation_names_its_parties(shipped):
    d = shipped.disagreements[0]
    cite = disagreement_citation(shipped, d, f"{BASE_URL}/disagreements.html#{d.id}")
    assert all(shipped.parties[p].name in cite.text for p in d.parties)


def test_bibtex_fields_stay_inert(shipped):
    hostile = "Evil} , title = {forged} \\input{/etc/passwd} 100% & #1"
    cite = citation(shipped, hostile, "https://example.org/{x}", accessed=date(2026, 12, 1))
    assert "title = {forged}" not in cite.bibtex and "\\input" not in cite.bibtex
    unescaped = cite.bibtex.replace("\\{", "").replace("\\}", "")
    assert unescaped.count("{") == unescaped.count("}")  # data braces cannot close or open a field
    assert bibtex_value("a{b}") == "a\\{b\\}"


def test_the_site_offers_cite_this_for_each_cell_disagreement_and_the_dataset(shipped):
    site = built_site()

    def cites(page: str) -> list[str]:
        soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
        return [d.find("pre", class_="cite-text").get_text() for d in soup.find_all("details", class_="cite")]

    issue = next(iter(shipped.issues))
    on_issue = cites(f"issues/{issue}.html")
    assert len(on_issue) >= len(shipped.parties)
    assert all(any(f"#{p} " in c for c in on_issue) for p in shipped.parties)
    assert len(cites("disagreements.html")) == len(shipped.disagreements)
    assert any(f"{BASE_URL}/index.html" in c for c in cites("index.html"))


def test_the_app_share_panel_offers_cite_this_and_the_static_permalink(monkeypatch):
    from apptest_support import open_page

    monkeypatch.setenv("POSITIONS_DIR", str(POSITIONS))
    monkeypatch.setenv("SITE_URL", BASE_URL)
    at = open_page("pages/compare.py", {"issue": "surveillance", "party": "anthropic"})
    assert not at.exception, at.exception
    codes = [c.value for c in at.code]
    assert f"{BASE_URL}/issues/surveillance.html#anthropic" in codes
    text = next(c for c in codes if c.startswith("The project") or "accessed" in c)
    assert "Anthropic on Domestic surveillance" in text and "accessed 2026-12-04" in text
    assert any(c.startswith("@misc{") for c in codes)
