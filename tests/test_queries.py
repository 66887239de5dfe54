"""Queries over the sample dataset: as-of history, far-apart pairs, timeline, bibliography, side quotes."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from stances import load_dataset
from stances.domain.queries import cell, cells, side_quotes, sources, timeline, uncurated_gaps
from stances.domain.view_state import ViewState

SAMPLE = Path(__file__).resolve().parent / "data" / "sample"


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(SAMPLE)


def test_as_of_shows_the_position_as_it_stood(dataset):
    anthropic, surveillance = dataset.parties["anthropic"], dataset.issues["surveillance"]
    assert cell(dataset, anthropic, surveillance, None).current.stance == "explicit_bar"
    before = cell(dataset, anthropic, surveillance, date(2026, 2, 25))
    assert before.current is None
    assert before.stance == "not_yet_recorded"  # the record says nothing yet: never "no public position found"
    assert before.later_count == 1


def test_history_keeps_earlier_versions_newest_first(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(SAMPLE, folder)
    party = folder / "parties" / "dod.yaml"
    text = party.read_text()
    earlier = (
        "      - as_of: 2026-02-20\n        stance: explicit_bar\n        summary: An invented earlier version.\n"
        '        claim_type: statement\n        basis: direct\n        binding: "no"\n'
        "        sources: [newrepublic-parnell-x]\n"
    )
    party.write_text(
        text.replace(
            "    versions:\n      - as_of: 2026-02-26\n        stance: law_suffices",
            "    versions:\n" + earlier + "      - as_of: 2026-02-26\n        stance: law_suffices",
            1,
        )
    )
    data = load_dataset(folder)
    latest = cell(data, data.parties["dod"], data.issues["surveillance"], None)
    assert latest.current.stance == "law_suffices"
    assert [v.as_of for v in latest.earlier] == [date(2026, 2, 20)]
    assert (
        cell(data, data.parties["dod"], data.issues["surveillance"], date(2026, 2, 21)).current.stance == "explicit_bar"
    )


def test_far_apart_pairs_without_a_note_are_flagged(dataset, tmp_path):
    assert uncurated_gaps(dataset, ViewState()) == []
    folder = tmp_path / "data"
    shutil.copytree(SAMPLE, folder)
    (folder / "disagreements.yaml").write_text("disagreements: []\n")
    data = load_dataset(folder)
    gaps = uncurated_gaps(data, ViewState())
    assert [(g.issue.id, g.a.id, g.b.id, g.distance) for g in gaps] == [("surveillance", "anthropic", "dod", 2)]


def test_no_public_position_is_never_counted_as_disagreement(dataset, tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(SAMPLE, folder)
    (folder / "disagreements.yaml").write_text("disagreements: []\n")
    data = load_dataset(folder)
    assert all(g.issue.id != "autonomous_weapons" for g in uncurated_gaps(data, ViewState()))


def test_filters_choose_cells_in_dataset_order(dataset):
    view = cells(dataset, ViewState(issues=("surveillance",), parties=("dod", "anthropic")))
    assert [(c.issue.id, c.party.id) for c in view] == [("surveillance", "dod"), ("surveillance", "anthropic")]


def test_timeline_respects_as_of_and_keeps_both_conflicting_dates(dataset):
    entries = timeline(dataset, ViewState())
    conflict = [e for e in entries if e.event and e.event.id == "statement-publication"]
    assert [e.date for e in conflict] == [date(2026, 2, 26), date(2026, 2, 27)]
    assert all(e.conflict for e in conflict)
    assert all(e.date <= date(2026, 2, 26) for e in timeline(dataset, ViewState(as_of=date(2026, 2, 26))))


def test_bibliography_filters_by_kind_text_and_view(dataset):
    assert [s.id for s in sources(dataset, ViewState(parties=("dod",), issues=("surveillance",)))] == [
        "newrepublic-parnell-x"
    ]
    both = ViewState(parties=("anthropic", "dod"), issues=("surveillance",))
    assert [s.id for s in sources(dataset, both)] == ["newrepublic-parnell-x", "telegraphindia-amodei-statement"]
    assert sources(dataset, ViewState(kind="primary")) == []
    assert [s.id for s in sources(dataset, ViewState(q="telegraph"))] == ["telegraphindia-amodei-statement"]


def test_side_quotes_are_the_partys_direct_words_from_that_sides_sources(dataset):
    disagreement = dataset.disagreements[0]
    by_party = {side.party: side_quotes(dataset, disagreement, side) for side in disagreement.sides}
    assert [q.speaker for _, q in by_party["dod"]] == ["sean-parnell"]
    assert [q.speaker for _, q in by_party["anthropic"]] == ["dario-amodei"]
