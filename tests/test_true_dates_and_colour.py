"""Issue 22, what readers see: states the record really holds, dates that are true, colour that follows the scale,
images that fit any dataset, one count of sources.

Most cases run on the example dataset `stances new` writes (dates and labels known by heart, see
stances/template/); expected values are worked out by hand from those files.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from apptest_support import open_page
from bs4 import BeautifulSoup
from PIL import ImageFont

from stances.domain.dataset import Dataset
from stances.domain.validate import check_folder
from stances.domain.view_state import ViewState
from stances.present import images, views
from stances.present.changes import changes, window
from stances.present.palette import STEPS, tone_of
from stances.site import build
from stances.starter import write_new_dataset

REPO = Path(__file__).resolve().parent.parent
SVG = "{http://www.w3.org/2000/svg}"
FONT_FILE = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def example(tmp_path: Path, edits: dict[str, tuple[str, str]] | None = None) -> Dataset:
    """The `stances new` dataset, with `file: (old, new)` replacements, validated."""
    folder = tmp_path / "example"
    write_new_dataset(folder)
    for name, (old, new) in (edits or {}).items():
        path = folder / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    dataset, problems = check_folder(folder)
    assert dataset is not None, [p.render() for p in problems]
    return dataset


def cell_quote_dates(dataset: Dataset, issue: str, party: str) -> list[str]:
    cell = next(c for c in views.cells(dataset, ViewState(issues=(issue,), parties=(party,))))
    return [q.when for q in cell.current.quotes]


# ---------------------------------------------------------------- not yet recorded


def overview_links(html: str) -> list[str]:
    """Each matrix link's accessible name: its text, the visible stance first, then the hidden party and marks."""
    return [a.get_text(" ", strip=True) for a in BeautifulSoup(html, "html.parser").select("a.cell-link")]


def test_as_of_before_a_cells_first_version_reads_not_yet_recorded_in_both_skins(monkeypatch, shipped):
    import ui.html

    day = date(2026, 2, 20)  # Anthropic's first surveillance version is dated 2026-02-26
    matrix = views.matrix(shipped, ViewState(as_of=day))
    index = build.index_page(shipped, views.words_for(shipped))  # the site's Overview, drawn as of that day
    site_html = build.Renderer(shipped).render(replace(index, context={**index.context, "matrix": matrix}))
    bodies: list[str] = []
    real = ui.html.render
    monkeypatch.setattr(ui.html, "render", lambda *a, **k: bodies.append(real(*a, **k)) or bodies[-1])
    monkeypatch.setenv("POSITIONS_DIR", str(REPO / "positions"))
    at = open_page("dashboard.py", {"as_of": day.isoformat()})
    assert not at.exception, at.exception
    app_links = [label for body in bodies for label in overview_links(body)]
    for links in (overview_links(site_html), app_links):
        (anthropic,) = [label for label in links if "; Anthropic on Domestic surveillance;" in label]
        assert anthropic.startswith("Anthropic Not yet recorded")
        marks = "changed after 2026-02-20; curated disagreement"
        assert anthropic.endswith("; Anthropic on Domestic surveillance; " + marks)
        # the issue counted 35 cells with no version yet on that day; none may claim "no public position"
        assert sum("Not yet recorded" in label for label in links) == 35
        assert not [label for label in links if "No public position found" in label]


def test_a_cell_with_a_version_shows_it_and_an_empty_one_is_not_yet_recorded(tmp_path):
    dataset = example(tmp_path)
    before = views.matrix(dataset, ViewState(as_of=date(2025, 3, 4)))  # the company's first version is 03-05
    stances = {(row.issue_id, c.party_id): c.stance.label for row in before.rows for c in row.cells}
    assert stances == {
        ("data_sharing", "company"): "Not yet recorded",
        ("data_sharing", "ministry"): "Supports",
        ("independent_audit", "company"): "Not yet recorded",
        ("independent_audit", "ministry"): "Supports with conditions",
    }


# ---------------------------------------------------------------- a quote's own date


def test_a_quotes_own_date_is_shown_instead_of_the_versions(tmp_path):
    # the company's 2025-04-10 version quotes words dated 2025-04-09 (quote and excerpt both say so)
    assert cell_quote_dates(example(tmp_path / "a"), "data_sharing", "company") == ["said on 2025-04-09"]
    no_quote_date = {"parties/company.yaml": ("            date: 2025-04-09", "")}
    assert cell_quote_dates(example(tmp_path / "b", no_quote_date), "data_sharing", "company") == [
        "said on 2025-04-09"  # from the excerpt that holds the words
    ]
    neither = {**no_quote_date, "sources.yaml": ("        date: 2025-04-09", "")}
    assert cell_quote_dates(example(tmp_path / "c", neither), "data_sharing", "company") == ["said on 2025-04-10"]


# ---------------------------------------------------------------- disagreements: title, side quotes, the flag


def test_a_disagreement_shows_its_title_and_its_sides_own_quotes(tmp_path):
    dataset = example(tmp_path)
    [view] = views.disagreements(dataset, ViewState())
    assert view.names == "Raw or aggregate trip data"
    ministry, company = view.sides
    # the side's curated quote, dated by the ministry's 2025-03-03 version that records the same words
    assert [(q.text, q.when) for q in ministry.quotes] == [
        ("We need the trip data to plan buses where people travel.", "said on 2025-03-03")
    ]
    # no curated quote: the company's own words on the issue from the side's source
    assert [(q.text, q.when) for q in company.quotes] == [
        ("We will share trip data in aggregate form, never rider by rider.", "said on 2025-04-09")
    ]


def test_the_flag_marks_only_cells_a_curated_disagreement_names(tmp_path):
    matrix = views.matrix(example(tmp_path), ViewState())
    flagged = {(row.issue_id, c.party_id) for row in matrix.rows for c in row.cells if c.disputed}
    assert flagged == {("data_sharing", "ministry"), ("data_sharing", "company")}


def test_a_dataset_claim_type_is_shown_with_its_own_label(tmp_path):
    cell = next(c for c in views.cells(example(tmp_path), ViewState(issues=("data_sharing",), parties=("company",))))
    assert cell.current.facts[0] == "signed a voluntary code"


# ---------------------------------------------------------------- colour follows the scale


def luminance(hex_colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_palette_is_ordered_by_lightness_and_every_step_passes_contrast():
    lights = [luminance(step.fill) for step in STEPS]
    assert lights == sorted(lights) and len(set(lights)) == len(STEPS) == 9
    assert all(contrast(step.fill, step.ink) >= 4.5 for step in STEPS)


@pytest.mark.parametrize(
    ("levels", "tones"),
    [
        (2, ["p1", "p9"]),
        (3, ["p1", "p5", "p9"]),
        (5, ["p1", "p3", "p5", "p7", "p9"]),
        (9, ["p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9"]),
    ],
)
def test_a_scale_spreads_its_places_from_the_first_step_to_the_last(levels, tones):
    assert [tone_of(place, levels) for place in range(levels)] == tones


def test_the_stylesheet_holds_exactly_the_palettes_colours():
    css = (REPO / "stances" / "present" / "static" / "fragments.css").read_text(encoding="utf-8")
    found = dict(re.findall(r"\.s-p(\d) \{ background: (#[0-9a-f]{6}); color: #[0f]{3}; \}", css))
    assert found == {str(k): step.fill for k, step in enumerate(STEPS, start=1)}
    inks = re.findall(r"\.s-p\d \{ background: #[0-9a-f]{6}; color: #([0f]{3}); \}", css)
    assert inks == ["fff" if step.ink == "#ffffff" else "000" for step in STEPS]


def test_a_scale_names_its_two_ends_in_the_legend_and_the_image(tmp_path):
    dataset = example(tmp_path)
    view = views.matrix(dataset, ViewState())
    assert [lg.ends for lg in view.legends] == ["From full support (first place) to opposition (last place)."]
    drawn = [" ".join(lines) for _, lines in drawn_lines(images.matrix_svg(dataset, view, "x"))]
    assert "From full support (first place) to opposition (last place)." in drawn


def test_the_same_place_has_the_same_colour_on_every_row(shipped):
    matrix = views.matrix(shipped, ViewState())
    by_place: dict[tuple[int, int], set[str]] = {}
    for row in matrix.rows:
        for c in row.cells:
            if c.stance.place is not None:
                by_place.setdefault((c.stance.place, c.stance.of), set()).add(c.stance.tone)
    assert by_place[(1, 3)] == {"p1"} and by_place[(3, 3)] == {"p9"}
    assert all(len(tones) == 1 for tones in by_place.values())


# ---------------------------------------------------------------- images that fit any dataset

LONG = {
    "issues.yaml": ("label: Supports with conditions", "label: Supports with several conditions"),  # 31 characters
    "parties/ministry.yaml": ("name: Example Ministry", "name: Example Ministry of Transport, Housing"),
}


def drawn_lines(svg: str) -> list[tuple[dict, list[str]]]:
    root = ET.fromstring(svg)
    return [(t.attrib, [s.text or "" for s in t.iter(f"{SVG}tspan")]) for t in root.iter(f"{SVG}text")]


def fits_its_cell(svg: str) -> None:
    """Every line of text inside a stance box is narrower than the box, measured with the real font."""
    root = ET.fromstring(svg)
    boxes = [
        (float(r.get("x")), float(r.get("y")), float(r.get("width")), float(r.get("height")))
        for r in root.iter(f"{SVG}rect")
        if r.get("rx") == "4"
    ]
    for attrib, lines in drawn_lines(svg):
        x, y = float(attrib["x"]), float(attrib["y"])
        inside = [b for b in boxes if b[0] <= x <= b[0] + b[2] and b[1] <= y <= b[1] + b[3]]
        if not inside:
            continue
        font = ImageFont.truetype(str(FONT_FILE), round(float(attrib["font-size"])))
        right = inside[0][0] + inside[0][2]
        for line in lines:
            assert x + font.getlength(line) <= right, (line, x, right)


@pytest.mark.skipif(not FONT_FILE.exists(), reason="needs Debian's fonts-dejavu-core to measure text")
@pytest.mark.parametrize("case", ["shipped", "long labels", "long labels, 14 columns"])
def test_the_matrix_image_shows_every_stance_label_in_full_or_its_place_and_a_legend(case, shipped, tmp_path):
    dataset = shipped if case == "shipped" else example(tmp_path, LONG)
    view = views.matrix(dataset, ViewState())
    if case.endswith("14 columns"):
        view = replace(
            view,
            parties=view.parties * 7,
            rows=tuple(replace(row, cells=row.cells * 7) for row in view.rows),
        )
    svg = images.matrix_svg(dataset, view, "https://example.org/x/index.html")
    words = " ".join(line for _, lines in drawn_lines(svg) for line in lines)
    assert "…" not in words
    fits_its_cell(svg)
    legend = {f"{item.stance.short} {item.stance.label}" for lg in view.legends for item in lg.items}
    for row in view.rows:
        for c in row.cells:
            label = c.stance.label
            in_full = label in words or label.replace(" ", "") in words.replace(" ", "")
            assert in_full or f"{c.stance.short} {label}" in " ".join(legend), label
    assert images.png(svg)[:8] == b"\x89PNG\r\n\x1a\n"


# ---------------------------------------------------------------- What changed


def test_what_changed_opens_on_the_densest_window_and_skips_first_searches(tmp_path):
    dataset = example(tmp_path)
    # changes: versions 03-03 (two), 03-05, 04-10; event 04-10; sources 03-03, 03-05, 04-10. The company's
    # no_public_position on the audit (04-30) is its first version: a search recorded, not a change. 80 % of the
    # 8 dates is 6; every span of 6 runs from 03-03 to 04-10, and nothing lies outside it.
    assert window(dataset, ViewState()) == (date(2025, 3, 3), date(2025, 4, 10))
    everything = changes(dataset, ViewState(since=date(2025, 1, 1), until=date(2025, 12, 31)))
    assert [e.key for e in everything.entries if e.kind == "position" and e.issue == "independent_audit"] == [
        "version:ministry:independent_audit:2025-03-03"
    ]


def test_a_no_public_position_that_replaces_a_stance_is_a_change(tmp_path):
    replaced = {
        "parties/company.yaml": (
            "      - as_of: 2025-04-30\n        stance: no_public_position",
            "      - as_of: 2025-04-20\n        stance: opposes\n        sources: [company-blog]\n"
            "      - as_of: 2025-04-30\n        stance: no_public_position",
        )
    }
    dataset = example(tmp_path, replaced)
    everything = changes(dataset, ViewState(since=date(2025, 1, 1), until=date(2025, 12, 31)))
    audit = [
        (e.key, e.before and e.before.id, e.after.id) for e in everything.entries if e.issue == "independent_audit"
    ]
    assert audit == [
        ("version:company:independent_audit:2025-04-30", "opposes", "no_public_position"),
        ("version:company:independent_audit:2025-04-20", None, "opposes"),
        ("version:ministry:independent_audit:2025-03-03", None, "supports_with_conditions"),
    ]


# ---------------------------------------------------------------- one count of sources


def test_the_overview_counts_the_sources_the_sources_page_lists(tmp_path):
    dataset = example(tmp_path)
    counts = {c.label: c.value for c in views.view_counts(dataset, ViewState())}
    assert counts["Sources in this view"] == 3
    # the company cites news-report and company-blog; the one disagreement needs both parties in view
    company = {c.label: c.value for c in views.view_counts(dataset, ViewState(parties=("company",)))}
    assert company["Sources in this view"] == 2


# ---------------------------------------------------------------- dates never break inside themselves


def test_each_date_is_kept_whole_and_the_text_around_it_stays_escaped():
    from stances.present.templating import unbroken_dates

    assert str(unbroken_dates("<b>said on 2026-02-26 or 26.02.2026</b>")) == (
        '&lt;b&gt;said on <span class="date">2026-02-26</span> or <span class="date">26.02.2026</span>&lt;/b&gt;'
    )


def test_dates_on_the_sites_cards_are_kept_whole(tmp_path):
    pages = build.render_pages(example(tmp_path))
    soup = BeautifulSoup(pages["issues/data_sharing.html"], "html.parser")
    whole = {span.get_text() for span in soup.select("span.date")}
    assert {"2025-03-03", "2025-03-05", "2025-04-09", "2025-04-10"} <= whole
    css = (REPO / "stances" / "present" / "static" / "fragments.css").read_text(encoding="utf-8")
    assert ".date { white-space: nowrap; }" in css
