"""Every page through AppTest: no params, valid, unknown and malformed params; filters round-trip the URL."""

from __future__ import annotations

from pathlib import Path

import pytest
from apptest_support import PAGES, REPO, open_page, recorded_downloads, texts

SAMPLE = REPO / "tests" / "data" / "sample"
SHIPPED = REPO / "positions"
FOLDERS = [SAMPLE] + ([SHIPPED] if SHIPPED.is_dir() else [])


@pytest.fixture(params=FOLDERS, ids=lambda p: p.name)
def data_folder(request, monkeypatch) -> Path:
    monkeypatch.setenv("POSITIONS_DIR", str(request.param))
    return request.param


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_without_params(page, data_folder):
    at = open_page(page)
    assert not at.exception, at.exception
    assert not at.warning, [w.value for w in at.warning]
    assert at.title[0].value


@pytest.mark.parametrize("page", PAGES)
def test_valid_params_set_the_filters(page, monkeypatch):
    monkeypatch.setenv("POSITIONS_DIR", str(SAMPLE))
    at = open_page(page, {"issue": "surveillance", "party": ["anthropic", "dod"], "as_of": "2026-03-01"})
    assert not at.exception, at.exception
    assert not at.warning, [w.value for w in at.warning]
    assert at.multiselect(key="w_issues").value == ["surveillance"]
    assert at.multiselect(key="w_parties").value == ["anthropic", "dod"]
    assert str(at.date_input(key="w_as_of").value) == "2026-03-01"
    assert "2026-03-01" in texts(at)


@pytest.mark.parametrize("page", PAGES)
def test_unknown_and_malformed_params_give_a_notice_not_a_crash(page, monkeypatch):
    monkeypatch.setenv("POSITIONS_DIR", str(SAMPLE))
    query = {"issue": ["surveillance", "nope"], "party": "ghost,dod", "as_of": "2026-02-30", "colour": "red"}
    at = open_page(page, query)
    assert not at.exception, at.exception
    notices = " ".join(w.value for w in at.warning)
    assert "Ignored unknown issue 'nope'" in notices
    assert "Ignored unknown party 'ghost'" in notices
    assert "Ignored malformed as\\_of '2026\\-02\\-30'" in notices
    assert "Ignored unknown parameter 'colour'" in notices
    assert at.multiselect(key="w_issues").value == ["surveillance"]
    assert at.multiselect(key="w_parties").value == ["dod"]
    assert at.date_input(key="w_as_of").value is None


def test_compare_shows_who_said_what_and_when(monkeypatch):
    monkeypatch.setenv("POSITIONS_DIR", str(SAMPLE))
    at = open_page("pages/compare.py", {"issue": "surveillance", "party": ["anthropic", "dod"]})
    page = texts(at)
    assert "Anthropic" in page and "US Department of Defense" in page
    assert "incompatible with democratic values" in page
    assert "Dario Amodei, CEO, Anthropic" in page
    assert "Sean Parnell, chief Pentagon spokesman" in page
    assert "Seeks an explicit bar" in page and "Existing law governs" in page
    assert "Whether existing law already bars mass domestic surveillance" in page
    assert "Autonomous weapons" not in [h.value for h in at.header]


def test_as_of_before_any_position_shows_not_yet_recorded(monkeypatch):
    monkeypatch.setenv("POSITIONS_DIR", str(SAMPLE))
    at = open_page("pages/compare.py", {"issue": "surveillance", "as_of": "2026-01-01"})
    assert "Not yet recorded" in texts(at)  # the record says nothing yet; never "No public position found"
    assert "No position is recorded on or before 2026-01-01." in texts(at)


def test_changing_a_filter_writes_the_url_and_the_url_reproduces_the_view(monkeypatch):
    monkeypatch.setenv("POSITIONS_DIR", str(SAMPLE))
    at = open_page("pages/compare.py")
    at.multiselect(key="w_issues").select("autonomous_weapons").run()
    at.multiselect(key="w_parties").select("dod").run()
    assert not at.exception
    shared = {key: _as_list(values) for key, values in at.query_params.items()}
    assert shared == {"issue": ["autonomous_weapons"], "party": ["dod"]}
    again = open_page("pages/compare.py", shared)
    assert again.multiselect(key="w_issues").value == ["autonomous_weapons"]
    assert again.multiselect(key="w_parties").value == ["dod"]
    assert texts(again) == texts(at)


def test_switching_pages_keeps_the_filters(monkeypatch):
    monkeypatch.setenv("POSITIONS_DIR", str(SAMPLE))
    at = open_page("dashboard.py", {"issue": "surveillance", "party": "dod"})
    for page in PAGES[1:]:
        at.switch_page(page).run()
        assert not at.exception, (page, at.exception)
        assert at.multiselect(key="w_issues").value == ["surveillance"], page
        assert at.multiselect(key="w_parties").value == ["dod"], page


def test_navigation_links_carry_the_view(monkeypatch):
    monkeypatch.setenv("POSITIONS_DIR", str(SAMPLE))
    at = open_page("dashboard.py", {"issue": "surveillance", "as_of": "2026-03-01"})
    links = [el.proto for el in at.get("page_link")]
    nav = [link for link in links if link.label in ("Compare", "Timeline", "Sources")]
    assert {link.label for link in nav} == {"Compare", "Timeline", "Sources"}  # in the sidebar and the phone panel
    for link in nav:
        assert link.query_string == "issue=surveillance&as_of=2026-03-01", link.label


def test_share_link_shows_the_query_string(monkeypatch):
    monkeypatch.setenv("POSITIONS_DIR", str(SAMPLE))
    at = open_page("pages/compare.py", {"party": ["dod", "anthropic"], "issue": "surveillance"})
    assert "/compare?issue=surveillance&party=anthropic&party=dod" in [c.value for c in at.code][0]


def test_downloads_match_the_screen(monkeypatch):
    """The files are built on click; run exactly what the server would run and check the content."""
    import json

    deferred = recorded_downloads(monkeypatch)
    monkeypatch.setenv("POSITIONS_DIR", str(SAMPLE))
    at = open_page("pages/compare.py", {"issue": "surveillance", "party": "dod"})
    assert {b.proto.label for b in at.get("download_button")} == {"Download CSV", "Download JSON"}
    payload = json.loads(deferred["compare.json"]())
    assert payload["view"] == {"issue": ["surveillance"], "party": ["dod"]}
    assert [(r["party"], r["issue"], r["stance"]) for r in payload["rows"]] == [("dod", "surveillance", "law_suffices")]
    assert payload["rows"][0]["quotes"][0]["speaker"] == "Sean Parnell"
    csv_text = deferred["compare.csv"]()
    assert csv_text.splitlines()[0].startswith("party,issue,")
    assert len(csv_text.strip().splitlines()) == 2
    assert "The Department of War has no interest" in csv_text


def test_invalid_data_shows_file_line_messages_instead_of_a_traceback(tmp_path, monkeypatch):
    (tmp_path / "issues.yaml").write_text("issues:\n  - id: x\n    title: X\n    colour: red\n", encoding="utf-8")
    monkeypatch.setenv("POSITIONS_DIR", str(tmp_path))
    for page in PAGES:
        at = open_page(page)
        assert not at.exception, at.exception
        assert "did not validate" in at.error[0].value
        report = at.code[0].value
        assert "issues.yaml:4: issues[0].colour: unknown field" in report
        assert "issues.yaml:2: issues[0].scale: required field is missing" in report


def _as_list(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def test_disagreement_sides_carry_the_parties_own_words(monkeypatch):
    monkeypatch.setenv("POSITIONS_DIR", str(SAMPLE))
    at = open_page("pages/disagreements.py", {"issue": "surveillance"})
    page = texts(at)
    assert "Whether existing law already bars mass domestic surveillance" in page
    assert "The Department of War has no interest in using AI" in page
    assert "Sean Parnell, chief Pentagon spokesman" in page
    assert "incompatible with democratic values" in page


def test_large_views_are_paged_and_every_page_is_reachable(monkeypatch, generated):
    folder = generated(10).folder
    monkeypatch.setenv("POSITIONS_DIR", str(folder))
    at = open_page("pages/sources.py")
    assert not at.exception
    from stances.domain.validate import load_dataset

    total = len(load_dataset(folder).sources)
    assert any(c.value.startswith("Showing 1–100 of ") for c in at.caption)
    pager = at.number_input(key="page_picker")
    last = int(pager.max)
    pager.set_value(last).run()
    assert not at.exception
    assert at.query_params["page"] == [str(last)] or at.query_params["page"] == str(last)
    shown = next(c.value for c in at.caption if c.value.startswith("Showing "))
    assert shown == f"Showing {(last - 1) * 100 + 1}–{total} of {total} sources."


def _file_writing_payload(marker: Path) -> str:
    """YAML that creates `marker` when a loader that builds Python objects reads it."""
    return f"events: !!python/object/apply:os.system ['touch {marker}']\n"


def test_the_payload_writes_its_marker_when_loaded_unsafely(tmp_path):
    # The control for the test below: the same text through an unsafe loader does create the file.
    import yaml

    marker = tmp_path / "control-marker"
    yaml.unsafe_load(_file_writing_payload(marker))
    assert marker.exists()


def test_yaml_hazards_show_as_an_error_panel_with_file_and_line(tmp_path, monkeypatch):
    import shutil

    folder = tmp_path / "data"
    shutil.copytree(SAMPLE, folder)
    marker = tmp_path / "pwned"
    (folder / "extra.yaml").write_text(_file_writing_payload(marker), encoding="utf-8")
    (folder / "tabs.yaml").write_text("issues:\n\t- id: x\n", encoding="utf-8")
    (folder / "dupes.yaml").write_text("sources: []\nsources: []\n", encoding="utf-8")
    monkeypatch.setenv("POSITIONS_DIR", str(folder))
    at = open_page("pages/compare.py", {"issue": "surveillance"})
    assert not at.exception
    report = at.code[0].value
    assert "extra.yaml:1: events: tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed" in report
    assert "tabs.yaml:2: (file): tab character in indentation; YAML indents with spaces" in report
    assert "dupes.yaml:2: sources: duplicate key 'sources' (first defined on line 1)" in report
    assert not marker.exists()
