"""Cite this: publisher, title, permalink, dataset date and access date, as plain text and BibTeX; CITATION.cff."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import bibtexparser
import yaml
from bs4 import BeautifulSoup
from site_support import BASE_URL, POSITIONS, built_site

from stances.present import views
from stances.present.citation import bibtex_url, bibtex_value, cell_citation, citation, disagreement_citation

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
    assert cite.bibtex.count("{") == cite.bibtex.count("}")  # BibTeX counts every brace, escaped or not
    assert bibtex_value("a{b}") == "a\\textbraceleft{}b\\textbraceright{}"


HOSTILE = (
    "Evil} , title = {forged}\n@misc{injected, author = {x}}\n% comment\n"
    "\\input{/etc/passwd} \\{ \\} {{{ }}} 100% & #1 # @ ~ ^ $ _ \\"
)


def test_hostile_text_in_every_field_yields_one_bibtex_entry_with_only_its_own_fields(shipped):
    """Braces, backslashes, %, @ and # in the publisher, the title, the subject and the URL: bibtexparser reads
    exactly one entry per block, with the six fields the citation writes and no other."""
    info = shipped.info.model_copy(update={"title": HOSTILE, "publisher": HOSTILE, "curator": HOSTILE})
    party = next(iter(shipped.parties.values())).model_copy(update={"name": HOSTILE})
    issue = next(iter(shipped.issues.values())).model_copy(update={"title": HOSTILE})
    hostile = dataclasses.replace(
        shipped, info=info, parties={party.id: party}, issues={issue.id: issue}, fingerprint="hostile"
    )
    url = "https://example.org/{x}}\\@a%zz#" + HOSTILE.replace("\n", "")
    blocks = [
        citation(hostile, HOSTILE, url, accessed=date(2026, 12, 1)).bibtex,
        citation(hostile, None, url, accessed=date(2026, 12, 1)).bibtex,
        cell_citation(hostile, party.id, issue.id, url).bibtex,
    ]
    for block in blocks:
        library = bibtexparser.parse_string(block)
        assert len(library.entries) == 1, block
        assert not library.failed_blocks and not library.comments and not library.strings, block
        entry = library.entries[0]
        assert entry.entry_type == "misc"
        assert [f.key for f in entry.fields] == ["author", "title", "year", "howpublished", "note", "urldate"]
        assert "forged" in entry["title"] and "injected" in entry["title"]  # the text stays, inert, in its field
    library = bibtexparser.parse_string("\n\n".join(blocks))
    assert len(library.entries) == 3 and not library.failed_blocks


def test_a_plain_url_stays_as_it_is_in_bibtex_and_percent_escapes_are_kept():
    assert bibtex_url("https://example.org/issues/a.html#anthropic") == "https://example.org/issues/a.html#anthropic"
    assert bibtex_url("https://example.org/a%20b%zz{c}") == "https://example.org/a%20b%25zz%7Bc%7D"


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
