"""The analysis table, movement and agreement, checked against figures worked out by hand from tests/data/moves.

The fixture (read tests/data/moves/parties/*.yaml beside this file):

    surveillance (3 levels: explicit_bar=1, qualified_bar=2, law_suffices=3)
      anthropic  2026-02-26 explicit_bar, 2026-03-05 explicit_bar (same stance: not a move)
      dod        2026-02-26 law_suffices, 2026-03-02 qualified_bar (a move, toward anthropic)
      google     2026-03-01 unclear,      2026-04-10 qualified_bar (a move; before 03-01: not yet recorded)
    autonomous_weapons (2 levels: explicit_bar=1, law_suffices=2)
      anthropic 2026-02-26 explicit_bar; dod 2026-02-26 law_suffices; google 2026-03-01 no_public_position
    curated disagreements: anthropic–dod (1), dod–google (1): a tie
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from stances.domain.validate import check_folder
from stances.domain.view_state import ViewState
from stances.present import analysis, movement, pairs

MOVES = Path(__file__).resolve().parent / "data" / "moves"


@pytest.fixture(scope="module")
def dataset():
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NOW", "2026-12-01")
        data, problems = check_folder(MOVES)
    assert data is not None, problems
    return data


def test_the_table_has_a_row_per_version_with_place_state_and_move(dataset):
    frame = analysis.analysis_table(dataset)
    assert len(frame) == 9
    rows = {(r.party, r.issue, r.as_of.isoformat()): r for r in frame.itertuples(index=False)}
    dod_move = rows[("dod", "surveillance", "2026-03-02")]
    assert (dod_move.stance, int(dod_move.place), dod_move.levels, dod_move.move) == ("qualified_bar", 2, 3, True)
    assert dod_move.previous_stance == "law_suffices"
    same = rows[("anthropic", "surveillance", "2026-03-05")]
    assert (same.move, same.previous_stance, same.seq) == (False, "explicit_bar", 2)
    unclear = rows[("google", "surveillance", "2026-03-01")]
    assert (unclear.state, unclear.move) == ("unclear", False)
    assert str(unclear.place) == "<NA>"
    none = rows[("google", "autonomous_weapons", "2026-03-01")]
    assert (none.state, str(none.place)) == ("no_public_position", "<NA>")
    from_unclear = rows[("google", "surveillance", "2026-04-10")]
    assert (from_unclear.move, int(from_unclear.place)) == (True, 2)
    assert int(frame["move"].sum()) == 2


def test_the_download_has_stable_headers_and_inert_cells(dataset):
    text = analysis.table_csv(analysis.analysis_table(dataset))
    reader = list(csv.reader(io.StringIO(text)))
    assert reader[0] == [
        "party", "issue", "as_of", "time", "seq", "stance", "state", "place", "levels", "move",
        "previous_stance", "first_quote", "first_quote_direct",
        "lead_as_of", "leads_with_earlier", "own_words", "party_document", "party_document_copy",
        "reporting_only", "outlets", "single_outlet",
    ]  # fmt: skip
    dod_move = next(r for r in reader if r[:3] == ["dod", "surveillance", "2026-03-02"])
    assert dod_move[5:11] == ["qualified_bar", "placed", "2", "3", "true", "law_suffices"]
    unclear = next(r for r in reader if r[:3] == ["google", "surveillance", "2026-03-01"])
    assert unclear[7] == ""


def test_each_row_carries_the_evidence_under_the_cell_as_it_stood(dataset):
    """Worked out from the fixture's YAML: both parties rest on one outlet each (The New Republic; The Telegraph,
    which relays Anthropic's own statement); the dod move has no quote; Anthropic's repeat has none either, so it
    leads with its own words of 2026-02-26."""
    text = analysis.table_csv(analysis.analysis_table(dataset))
    rows = {tuple(r[:3]): r[13:] for r in csv.reader(io.StringIO(text))}
    #  lead_as_of, leads_with_earlier, own_words, party_document, party_document_copy, reporting_only, outlets,
    #  single_outlet
    expected = {
        ("dod", "surveillance", "2026-02-26"): "2026-02-26,false,true,false,false,false,1,true",
        ("dod", "surveillance", "2026-03-02"): "2026-03-02,false,false,false,false,true,1,true",
        ("anthropic", "surveillance", "2026-03-05"): "2026-02-26,true,true,false,true,false,1,true",
        ("google", "autonomous_weapons", "2026-03-01"): "2026-03-01,false,false,false,false,false,0,false",
    }
    assert {key: ",".join(rows[key]) for key in expected} == expected


def test_before_its_first_version_a_cell_is_not_yet_recorded(dataset):
    steps = analysis.steps_by_cell(dataset)[("google", "surveillance")]
    assert analysis.standing(steps, date(2026, 2, 28)) is None
    assert analysis.standing(steps, date(2026, 3, 1)).stance == "unclear"


def test_movement_lists_the_two_moves_in_words_with_whom_they_approach(dataset):
    view = movement.movement(dataset, ViewState(issues=("surveillance",)))
    (issue,) = view.issues
    assert [m.text for m in issue.moves] == [
        "US Department of Defense moved from Existing law governs to Accepts a qualified bar on 2026-03-02.",
        "Google moved from Unclear to Accepts a qualified bar on 2026-04-10.",
    ]
    # On 2026-03-02 anthropic stands at place 1: dod goes from |3-1|=2 to |2-1|=1, closer; google is unclear.
    assert issue.moves[0].relations[0] == "Closer to: Anthropic."
    assert issue.moves[0].relations[1].startswith("Not comparable with: Google")
    # On 2026-04-10 google leaves "unclear" for place 2: level with dod (place 2), apart from anthropic (place 1).
    assert issue.moves[1].relations == (
        "Now at the same stance as: US Department of Defense.",
        "Now comparable, at a distance, with: Anthropic.",
    )
    assert issue.moves[0].target.as_of == date(2026, 3, 2)
    series = {s.style.party_id: s for s in issue.series}
    assert series["google"].first_text == "Not yet recorded before 2026-03-01."
    # Place 1 is drawn at the top (y=3), place 3 at y=1; unclear and no position below the scale.
    assert [p.y for p in series["dod"].points] == [1.0, 2.0]
    assert [p.y for p in series["google"].points] == [movement.Y_UNCLEAR, 2.0]
    assert [p.move for p in series["anthropic"].points] == [False, False]


def test_movement_as_of_hides_later_moves(dataset):
    view = movement.movement(dataset, ViewState(issues=("surveillance",), as_of=date(2026, 3, 3)))
    assert [m.party_id for m in view.issues[0].moves] == ["dod"]
    autonomous = movement.movement(dataset, ViewState(issues=("autonomous_weapons",))).issues[0]
    assert autonomous.moves == ()


def test_agreement_per_issue_and_overall_by_hand(dataset):
    # anthropic–dod: surveillance |1-2|/2 = 0.5, autonomous |1-2|/1 = 1; agreement 1 - 0.75 = 0.25.
    view = pairs.pair(dataset, ViewState(), "anthropic", "dod")
    assert [r.distance for r in view.issues] == [0.5, 1.0]
    assert (view.agreement.value, view.agreement.comparable, view.agreement.not_comparable) == (0.25, 2, 0)
    assert view.agreement_text == "25%"
    # dod–google: surveillance 0, autonomous not comparable (google has no public position): agreement 1.
    other = pairs.pair(dataset, ViewState(), "dod", "google")
    assert (other.agreement.value, other.agreement.not_comparable) == (1.0, 1)
    assert other.issues[1].distance_text == "Not comparable (no public position)"


def test_agreement_over_time_by_hand(dataset):
    # 02-26: surveillance |1-3|/2 = 1, autonomous 1 -> 0; 03-02: 0.5 and 1 -> 0.25; 03-05: unchanged 0.25.
    view = pairs.pair(dataset, ViewState(), "anthropic", "dod")
    assert [(p.when, p.value) for p in view.over_time] == [
        ("2026-02-26", 0.0),
        ("2026-03-02", 0.25),
        ("2026-03-05", 0.25),
    ]
    # anthropic–google: nothing comparable until google's 04-10 qualified_bar: |1-2|/2 = 0.5 -> 0.5.
    later = pairs.pair(dataset, ViewState(), "anthropic", "google")
    assert [(p.when, p.value) for p in later.over_time] == [
        ("2026-02-26", None),
        ("2026-03-01", None),
        ("2026-03-05", None),
        ("2026-04-10", 0.5),
    ]


def test_default_pair_breaks_the_tie_on_lower_agreement(dataset):
    # anthropic–dod and dod–google share one curated disagreement each; 0.25 < 1.0.
    assert pairs.default_pair(dataset, ViewState()) == ("anthropic", "dod")
    # As of 2026-03-01, dod–google is not comparable at all (ranked as above any figure); anthropic–dod is 0.
    assert pairs.default_pair(dataset, ViewState(as_of=date(2026, 3, 1))) == ("anthropic", "dod")


def test_furthest_issues_and_curated_disagreements(dataset):
    view = pairs.pair(dataset, ViewState(), "anthropic", "dod")
    assert [f.issue_id for f in view.furthest] == ["autonomous_weapons", "surveillance"]
    surveillance = view.furthest[1]
    assert surveillance.a.quote is not None and surveillance.a.quote.text.startswith("We support the use of AI")
    assert surveillance.b.quote is None  # dod's qualified_bar version quotes no one
    assert [d.id for d in view.disagreements] == ["surveillance-clause-needed"]


def test_the_agreement_matrix_is_symmetric_and_links_each_pair(dataset):
    m = pairs.agreement_matrix(dataset, ViewState())
    texts = [[e.text if e else None for e in row] for row in m.rows]
    assert texts == [[None, "25%", "50%"], ["25%", None, "100%"], ["50%", "100%", None]]
    entry = m.rows[2][0]
    assert (entry.target.page, entry.target.party, entry.target.other) == ("pair", "anthropic", "google")
    assert all(e.has_site_page for row in m.rows for e in row if e)


@pytest.mark.parametrize(
    ("a", "b", "expected", "notice"),
    [
        ("dod", "google", ("dod", "google"), None),
        (None, None, ("anthropic", "dod"), None),
        ("dod", "dod", ("anthropic", "dod"), "A pair needs two different parties; showing the default pair instead."),
        (
            "dod",
            None,
            ("anthropic", "dod"),
            "A pair needs two known parties, a and b; showing the default pair instead.",
        ),  # noqa: E501
    ],
)
def test_a_bad_pair_falls_back_to_the_default_with_a_notice(dataset, a, b, expected, notice):
    chosen = pairs.resolve_pair(dataset, ViewState(a=a, b=b), ("anthropic", "dod"))
    assert (chosen.a, chosen.b, chosen.notice) == (*expected, notice)
