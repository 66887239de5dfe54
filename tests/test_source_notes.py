"""A curator's note on a weak source (an aggregator's copy, a page written by a party's own agent) reaches readers."""

from __future__ import annotations

from stances.site.build import render_pages


def test_the_note_on_a_source_shows_on_its_record_and_under_the_cells_that_cite_it(shipped):
    pages = render_pages(shipped)
    sources = pages["sources.html"]
    assert "Curator’s note: An aggregator&#39;s copy of OpenAI&#39;s post" in sources
    cited_in_issue_pages = [p for path, p in pages.items() if path.startswith("issues/") and "euno" in p]
    assert cited_in_issue_pages
    assert all("Curator’s note: An aggregator" in p for p in cited_in_issue_pages)
