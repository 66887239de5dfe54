"""What changed between two dates: the right records, the window in the URL, the same view in the app and the site."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml
from apptest_support import open_page

from stances.domain.dataset import Dataset
from stances.domain.validate import check_folder
from stances.domain.view_state import ViewState
from stances.present.changes import changes, version_key, window
from stances.site import build

REPO = Path(__file__).resolve().parent.parent
POSITIONS = REPO / "positions"
MARCH = (date(2026, 3, 1), date(2026, 3, 31))


SAMPLE = REPO / "tests" / "data" / "sample"

# Versions and events added to a copy of the sample, on and around the edges of March 2026.
LATER_VERSIONS = {
    "anthropic": ("surveillance", ["2026-02-28", "2026-03-01", "2026-03-31", "2026-04-01"]),
    "dod": ("autonomous_weapons", ["2026-03-15"]),
}
LATER_EVENTS = """
  - id: march-end
    title: An event on the last day of March
    date: 2026-03-31
    parties: [dod]
    issues: [autonomous_weapons]
    sources: [newrepublic-parnell-x]
  - id: april-first
    title: An event just after March
    date: 2026-04-01
    parties: [anthropic]
    issues: [surveillance]
    sources: [newrepublic-parnell-x]
"""


@pytest.fixture(scope="module")
def edges(tmp_path_factory) -> Dataset:
    """The sample with the versions and events above: each a copy of the cell's first version at a later date."""
    folder = tmp_path_factory.mktemp("changes") / "data"
    shutil.copytree(SAMPLE, folder)
    for party, (issue, days) in LATER_VERSIONS.items():
        path = folder / "parties" / f"{party}.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        position = next(p for p in data["positions"] if p["issue"] == issue)
        position["versions"] += [{**position["versions"][0], "as_of": date.fromisoformat(day)} for day in days]
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    with (folder / "timeline.yaml").open("a", encoding="utf-8") as timeline:
        timeline.write(LATER_EVENTS)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NOW", "2026-12-01")
        dataset, problems = check_folder(folder)
    assert dataset is not None, problems
    return dataset


def shown_keys(dataset: Dataset, state: ViewState) -> set[str]:
    return {e.key for e in changes(dataset, state).entries if e.kind in ("position", "event")}


def test_march_lists_exactly_the_versions_and_events_dated_in_march(edges):
    view = changes(edges, ViewState(since=MARCH[0], until=MARCH[1]))
    assert shown_keys(edges, ViewState(since=MARCH[0], until=MARCH[1])) == {
        "version:anthropic:surveillance:2026-03-01",
        "version:anthropic:surveillance:2026-03-31",
        "version:dod:autonomous_weapons:2026-03-15",
        "event:march-end",
    }
    assert [d.day for d in view.days] == [date(2026, 3, 31), date(2026, 3, 15), date(2026, 3, 1)]


def test_issue_and_party_filters_apply(edges):
    march = ViewState(since=MARCH[0], until=MARCH[1])
    assert shown_keys(edges, march.with_(parties=("dod",))) == {
        "version:dod:autonomous_weapons:2026-03-15",
        "event:march-end",
    }
    assert shown_keys(edges, march.with_(issues=("surveillance",))) == {
        "version:anthropic:surveillance:2026-03-01",
        "version:anthropic:surveillance:2026-03-31",
    }
    assert shown_keys(edges, march.with_(parties=("anthropic",), issues=("autonomous_weapons",))) == set()


def test_a_position_entry_says_what_changed_and_links_to_the_cell_as_it_stood(shipped):
    view = changes(shipped, ViewState(since=date(2000, 1, 1), until=date(2100, 1, 1)))
    moved = [e for e in view.entries if e.kind == "position" and e.before and e.before.id != e.after.id]
    assert moved, "the shipped record has stance changes"
    entry = moved[0]
    history = shipped.history[(entry.party, entry.issue)]
    current = next(v for v in history if version_key(entry.party, entry.issue, v) == entry.key)
    previous = history[history.index(current) - 1]
    assert (entry.before.id, entry.after.id) == (previous.stance, current.stance)
    assert entry.note == current.change
    assert [q.text for q in entry.quotes] == [q.text for q in current.quotes]
    assert entry.target.as_of == current.as_of and entry.target.party == entry.party


def test_with_only_until_the_window_is_the_90_days_before_it(shipped):
    until = date(2026, 6, 30)
    assert window(shipped, ViewState(until=until)) == (until - timedelta(days=90), until)


def test_the_window_round_trips_through_the_url_and_entries_link_with_as_of(monkeypatch):
    monkeypatch.setenv("POSITIONS_DIR", str(POSITIONS))
    at = open_page("pages/changes.py", {"since": "2026-03-01", "until": "2026-03-31"})
    assert not at.exception, at.exception
    assert at.date_input(key="w_since").value == MARCH[0] and at.date_input(key="w_until").value == MARCH[1]
    assert "What changed from 2026-03-01 to 2026-03-31" in [s.value for s in at.header]
    bodies = " ".join(h.proto.body for h in at.get("html"))
    assert "as_of=2026-03-" in bodies  # a permalink to the cell as it stood that day

    at.date_input(key="w_since").set_value(date(2026, 3, 10)).run()
    assert not at.exception, at.exception
    written = {key: at.query_params[key] for key in ("since", "until")}
    assert written == {"since": "2026-03-10", "until": "2026-03-31"}
    assert "What changed from 2026-03-10 to 2026-03-31" in [s.value for s in at.header]

    reopened = open_page("pages/changes.py", written)
    assert [s.value for s in reopened.header] == [s.value for s in at.header]
    assert reopened.date_input(key="w_since").value == date(2026, 3, 10)


def test_app_and_site_show_the_same_changes(monkeypatch, shipped):
    import ui.html

    seen: list[dict] = []
    real = ui.html.fragment

    def record(macro, words, state, passthrough, **args):
        if macro == "changes":
            seen.append(args)
        real(macro, words, state, passthrough, **args)

    monkeypatch.setattr(ui.html, "fragment", record)
    monkeypatch.setenv("POSITIONS_DIR", str(POSITIONS))
    at = open_page("pages/changes.py")
    assert not at.exception, at.exception
    site = {p.path: p for p in build.pages(shipped)}["changes.html"].context["changes"]
    assert seen[0]["v"] == site
    assert site.entries, "the default window holds changes"
