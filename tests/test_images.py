"""Images for articles and previews: the stated sizes, real content (not blank), the title and source line."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest
from site_support import BASE_URL, POSITIONS, built_site, png_pixels, png_size

from stances.domain.dataset import Dataset
from stances.domain.validate import check_folder
from stances.domain.view_state import ViewState
from stances.present import images, views

SVG = "{http://www.w3.org/2000/svg}"


SAMPLE = POSITIONS.parent / "tests" / "data" / "sample"


@pytest.fixture(scope="module")
def sample() -> Dataset:
    """The sample's site is the one built with its PNGs (2 × 2 cells: the rendering is the same, and quick)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NOW", "2026-12-01")
        dataset, problems = check_folder(SAMPLE)
    assert dataset is not None, problems
    return dataset


def svg_text(svg: str) -> str:
    """Every text of the image, a wrapped text's lines joined by a space."""
    return " ".join(" ".join(t.itertext()) for t in ET.fromstring(svg).iter(f"{SVG}text"))


def test_the_site_writes_the_matrix_as_svg_and_png_with_title_legend_source_and_link(sample):
    site = built_site(BASE_URL, SAMPLE, images=True)
    svg = (site / "images" / "matrix.svg").read_text(encoding="utf-8")
    text = svg_text(svg)
    assert sample.info.title in text
    assert views.page_meta(sample).dataset_date in text
    assert all(level.label in text for level in next(iter(sample.issues.values())).scale)  # the legend
    assert "Source:" in text and f"{BASE_URL}/index.html" in text
    png = (site / "images" / "matrix.png").read_bytes()
    width, height = png_size(png)
    root = ET.fromstring(svg)
    assert (width, height) == (int(root.get("width")), int(root.get("height"))) and width == 1200
    assert len(set(png_pixels(png))) > 20, "the PNG is blank"


def test_one_matrix_image_per_issue_and_a_1200x630_card_per_cell(sample):
    site = built_site(BASE_URL, SAMPLE, images=True)
    for issue in sample.issues:
        assert sample.issues[issue].title in svg_text((site / "images" / "issues" / f"{issue}.svg").read_text())
        assert png_size((site / "images" / "issues" / f"{issue}.png").read_bytes())[0] == 1200
        for party in sample.parties:
            card = site / "images" / "cells" / issue / f"{party}.png"
            assert png_size(card.read_bytes()) == (1200, 630), card
    sample = (site / "images" / "cells" / next(iter(sample.issues)) / f"{next(iter(sample.parties))}.png").read_bytes()
    assert len(set(png_pixels(sample))) > 20


def test_a_card_shows_the_stance_one_quote_its_speaker_the_date_and_the_source(shipped):
    cell = next(c for c in views.cells(shipped, ViewState()) if c.current and c.current.quotes)
    text = svg_text(images.card_svg(shipped, cell, "https://example.org/pos/x.html"))
    shown = cell.lead or cell.current  # the party's own words lead where the stance has not changed since
    quote = shown.quotes[0]
    assert cell.stance.label in text and cell.party_name in text and cell.issue_title in text
    assert quote.text.split()[0] in text and quote.attribution in text and shown.as_of in text
    assert f"{shown.words_label} · {cell.evidence.mark} · {cell.evidence.outlets_mark}" in text
    assert quote.outlet.label in text and "https://example.org/pos/x.html" in text


def test_the_image_follows_the_filters(shipped):
    issue, party = next(iter(shipped.issues.values())), next(iter(shipped.parties.values()))
    others = [i.title for i in shipped.issues.values() if i.id != issue.id]
    view = views.matrix(shipped, ViewState(issues=(issue.id,), parties=(party.id,)))
    text = svg_text(images.matrix_svg(shipped, view, "x"))
    assert issue.title in text and party.name in text
    assert not [t for t in others if t in text]


def test_data_text_is_inert_in_the_svg(shipped):
    hostile = '</text><script>alert(1)</script><text x="0">&amp;'
    view = views.matrix(shipped, ViewState())
    hostile_view = replace(view, rows=(replace(view.rows[0], title=hostile),))
    svg = images.matrix_svg(shipped, hostile_view, hostile)
    root = ET.fromstring(svg)
    assert not list(root.iter(f"{SVG}script"))
    assert hostile[:20] in svg_text(svg)
