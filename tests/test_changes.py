"""What changed between two dates: the right records, the window in the URL, the same view in the app and the site."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from apptest_support import open_page

from stances.domain.view_state import ViewState
from stances.present.changes import changes, version_key, window
from stances.site import build

REPO = Path(__file__).resolve().parent.parent
POSITIONS = REPO / "positions"
MARCH = (date(2026, 3, 1), date(2026, 3, 31))


def march(day: date) -> bool:
    return MARCH[0] <= day <= MARCH[1]


def expected_keys(dataset, parties=None, issues=None) -> set[str]:
    """Position versions and events dated in March 2026, read from the dataset directly."""
    keys = {
        version_key(c.party, c.issue, c.version)
        for c in dataset.versions
        if march(c.version.as_of) and (parties is None or c.party in parties) and (issues is None or c.issue in issues)
    }
    keys |= {
        f"event:{e.id}"
        for e in dataset.events
        if any(march(d) for d in e.all_dates)
        and (parties is None or set(e.parties) & parties)
        and (issues is None or set(e.issues) & issues)
    }
    return keys


def test_march_lists_exactly_the_versions_and_events_dated_in_march(shipped):
    view = changes(shipped, ViewState(since=MARCH[0], until=MARCH[1]))
    shown = {e.key for e in view.entries if e.kind in ("position", "event")}
    assert shown == expected_keys(shipped)
    assert len(shown) > 5
    assert all(march(e.day) for e in view.entries)
    assert [d.day for d in view.days] == sorted({e.day for e in view.entries}, reverse=True)


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


def test_issue_and_party_filters_apply(shipped):
    state = ViewState(since=MARCH[0], until=MARCH[1], parties=("anthropic",), issues=("supply_chain_risk",))
    shown = {e.key for e in changes(shipped, state).entries if e.kind in ("position", "event")}
    assert shown == expected_keys(shipped, {"anthropic"}, {"supply_chain_risk"})
    assert shown < expected_keys(shipped)


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
