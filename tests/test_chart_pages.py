"""The Movement and Pairs pages in the app (AppTest): the figures a reader reads, and hostile URLs get a notice."""

from __future__ import annotations

from pathlib import Path

import pytest
from apptest_support import open_page, texts

MOVES = Path(__file__).resolve().parent / "data" / "moves"


@pytest.fixture
def moves(monkeypatch):
    monkeypatch.setenv("POSITIONS_DIR", str(MOVES))


def test_movement_says_the_move_in_words_with_a_link_and_draws_a_chart(moves):
    at = open_page("pages/movement.py", {"issue": "surveillance"})
    assert not at.exception, at.exception
    text = texts(at)
    assert "US Department of Defense moved from Existing law governs to Accepts a qualified bar on 2026-03-02." in text
    assert "Closer to: Anthropic." in text
    assert len(at.get("plotly_chart")) == 1
    bodies = " ".join(h.proto.body for h in at.get("html"))
    assert "./compare?issue=surveillance&amp;party=dod&amp;as_of=2026-03-02" in bodies


def test_pair_page_shows_the_figures_and_keeps_the_pair_in_the_share_link(moves):
    at = open_page("pages/pair.py", {"a": "anthropic", "b": "dod"})
    assert not at.exception, at.exception
    text = texts(at).replace("\\", "")  # captions are markdown-escaped
    assert "25%" in text and "over 2 comparable issues; 0 not comparable" in text
    assert "1 of 2 steps apart (distance 0.50)" in text
    assert "2026-03-02: 25%" in text
    disagreement = "Whether existing law already bars mass domestic surveillance"
    assert "Show them: 1 curated disagreement" in [e.label for e in at.expander]
    assert disagreement not in text  # drawn only once the reader opens them
    at.session_state["pair_disagreements_open"] = True  # what opening the expander does
    at.run()
    assert disagreement in texts(at)
    assert "/pair?a=anthropic&b=dod" in text
    assert len(at.get("plotly_chart")) == 2  # the line over time and the matrix


@pytest.mark.parametrize(
    ("query", "notice"),
    [
        ({"a": "anthropic", "b": "anthropic"}, "A pair needs two different parties"),
        ({"a": "x", "b": "x"}, "Ignored unknown party 'x'"),
        ({"a": ""}, "Ignored unknown party ''"),
        ({"a": "dod"}, "A pair needs two known parties"),
        ({"evidence": "bogus"}, "Ignored unknown evidence 'bogus'"),
    ],
)
def test_hostile_pair_urls_get_a_notice_and_the_default_pair(moves, query, notice):
    at = open_page("pages/pair.py", query)
    assert not at.exception, at.exception
    text = texts(at).replace("\\", "")
    assert notice in text
    assert "Anthropic and US Department of Defense" in text


def test_movement_with_hostile_urls_never_fails(moves):
    at = open_page("pages/movement.py", {"issue": "nope", "party": "x", "as_of": "2026-13-01", "evidence": "bogus"})
    assert not at.exception, at.exception
    text = texts(at).replace("\\", "")
    assert "Ignored unknown issue 'nope'" in text and "Ignored malformed as_of" in text


@pytest.mark.parametrize("page", ["pages/movement.py", "pages/pair.py"])
def test_new_pages_run_on_the_shipped_data(page):
    at = open_page(page)
    assert not at.exception, at.exception


def test_shipped_movement_on_surveillance_says_the_departments_march_move():
    at = open_page("pages/movement.py", {"issue": "surveillance"})
    assert not at.exception, at.exception
    assert (
        "US Department of Defense moved from Existing law governs to Qualified contractual bar on 2026-03-02."
        in texts(at)
    )


def test_every_kind_of_figure_passes_plotlys_own_validation():
    """The app hands plotly unvalidated dicts (fast); here each kind of figure is validated once, in full."""
    import plotly.graph_objects as go

    from stances.domain.validate import check_folder
    from stances.domain.view_state import ViewState
    from stances.present import movement, pairs, views
    from stances.present.wording import Words
    from ui import charts

    dataset, _ = check_folder(MOVES)
    words, state = Words(), ViewState()
    timeline = views.timeline_view(dataset, state)
    figures = [
        charts.movement_figure(movement.movement(dataset, state).issues[0], words),
        charts.agreement_line_figure(pairs.pair(dataset, state, "anthropic", "dod"), words),
        charts.agreement_matrix_figure(pairs.agreement_matrix(dataset, state), words),
        charts.timeline_figure(timeline, words, timeline.start, timeline.end),
    ]
    for figure in figures:
        go.Figure(figure.to_dict())  # raises on any invalid property or value


def test_static_permalinks_of_the_new_pages():
    from stances.domain.view_state import ViewState
    from stances.present.permalinks import static_permalink

    site = "https://example.org/record"
    assert static_permalink(site, "pair", ViewState(a="dod", b="anthropic")) == f"{site}/pairs/anthropic/dod.html"
    assert static_permalink(site, "pair", ViewState()) == f"{site}/pairs/index.html"
    one_issue = ViewState(issues=("surveillance",))
    assert static_permalink(site, "movement", one_issue) == f"{site}/movement.html#surveillance"
    assert static_permalink(site, "movement", ViewState()) == f"{site}/movement.html"


def test_a_movement_page_past_the_size_limit_is_split_per_issue(monkeypatch):
    from stances.domain.validate import check_folder
    from stances.site import build, chart_pages

    dataset, _ = check_folder(MOVES)
    monkeypatch.setattr(chart_pages, "PAGE_LIMIT", 1_000)
    pages = build.render_pages(dataset)
    assert {"movement/surveillance.html", "movement/autonomous_weapons.html"} <= set(pages)
    index = pages["movement.html"]
    assert 'href="movement/surveillance.html"' in index and 'id="surveillance"' in index
    assert "chart-svg" not in index  # the charts live on the issue pages
    assert MOVE_TEXT_FIXTURE in pages["movement/surveillance.html"]


MOVE_TEXT_FIXTURE = "US Department of Defense moved from Existing law governs to Accepts a qualified bar on 2026-03-02."
