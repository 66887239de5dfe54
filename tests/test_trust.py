"""Trust the reader can see, in the domain and the view models: each quote's check, the evidence under each cell,
the party's own words leading, the trust line's counts, the evidence filter in the URL, and the right of reply.

Every expected figure below was counted by hand from the YAML files, never recomputed with the code under test.
The shipped-data figures (204 quotes; 25 of 34 cells; 9; 9; Anthropic × surveillance) were counted on
2026-12-04 from positions/ as it stood before the record corrections of branch `record`; if those change the
record, these are the tests that pin the old counts.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import pytest
from cli_support import cli as cli  # the fixture
from dataset_support import sample as sample  # the fixture

from stances.domain import queries
from stances.domain.evidence import lead_version
from stances.domain.model import Excerpt, PositionVersion, Quote, Source
from stances.domain.quote_checks import QuoteCheck, check_quote
from stances.domain.validate import validate_folder
from stances.domain.view_state import UNKNOWN_EVIDENCE, Notice, ViewState, format_view, parse_view
from stances.present import images, views
from stances.present.wording import Words

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "tests" / "data" / "sample"


# 1. Every quote carries its check


def test_a_quote_found_in_the_second_excerpt_is_matched_with_index_1() -> None:
    source = Source(
        id="s",
        url="https://example.org/a",
        excerpts=[
            Excerpt(text="Nothing to see here.", direct=True),
            Excerpt(text="He said: we will not cross that line, ever.", direct=True),
            Excerpt(text="we will not cross that line", direct=True),  # holds it too, but comes later
        ],
    )
    quote = Quote(text="we will not cross that line", speaker="x", source="s")
    assert check_quote(quote, source) == QuoteCheck("matched", 1)


def test_a_quote_whose_source_stores_no_excerpt_is_unchecked() -> None:
    source = Source(id="s", url="https://example.org/a")
    assert check_quote(Quote(text="anything", speaker="x", source="s"), source) == QuoteCheck("unchecked", None)


def test_the_sample_export_carries_each_quotes_check(cli) -> None:
    # Both sample quotes are the whole of their source's only excerpt (sources.yaml), so each is excerpt 0.
    exported = json.loads(cli("export", str(SAMPLE), "--format", "json").stdout)
    quotes = [q for p in exported["positions"] for q in p["quotes"]]
    assert [(q["source"], q["check"], q["excerpt"]) for q in quotes] == [
        ("telegraphindia-amodei-statement", "matched", 0),
        ("newrepublic-parnell-x", "matched", 0),
    ]


def test_every_shipped_quote_has_a_check_and_the_counts_match_the_validator(cli) -> None:
    # All 174 shipped sources store excerpts, so the validator checked every one of the 208 quotes it counts.
    validated = cli("validate", "positions").stdout
    assert "208 quotes" in validated and "174 sources" in validated
    exported = json.loads(cli("export", "positions", "--format", "json").stdout)
    quotes = [q for p in exported["positions"] for q in p["quotes"]]
    assert len(quotes) == 208
    assert all(q["check"] == "matched" and isinstance(q["excerpt"], int) for q in quotes)
    assert all(s["excerpts"] for s in exported["sources"])
    assert not any("check" in q for d in exported["disagreements"] for q in d.get("quotes", []))


def test_the_data_file_schema_refuses_a_stored_check(tmp_path: Path) -> None:
    folder = tmp_path / "sample"
    shutil.copytree(SAMPLE, folder)
    dod = folder / "parties" / "dod.yaml"
    text = dod.read_text(encoding="utf-8")
    marker = "            source: newrepublic-parnell-x\n"
    dod.write_text(text.replace(marker, marker + "            check: matched\n", 1), encoding="utf-8")
    line = dod.read_text(encoding="utf-8").splitlines().index("            check: matched") + 1
    errors = [p.render() for p in validate_folder(folder).errors]
    assert errors == [f"parties/dod.yaml:{line}: positions[0].versions[0].quotes[0].check: unknown field"]


def test_a_quote_view_reads_its_check_with_the_excerpt_one_click_away(sample) -> None:
    cell = views.cells(sample, ViewState(issues=("surveillance",), parties=("dod",)))[0]
    quote = cell.current.quotes[0]
    assert quote.check == "matched"
    assert quote.check_text == "✓ word for word in the stored excerpt"
    assert quote.excerpt_label == "Stored excerpt 1 of 1, The New Republic"
    assert quote.excerpt.startswith("The Department of War has no interest")


# 2 and 4. The evidence under each cell, from the version it leads with


def version(as_of: str, stance: str, direct: bool | None) -> PositionVersion:
    """A version with one quote (direct or reported), or none when `direct` is None."""
    quotes = [] if direct is None else [Quote(text="t", speaker="x" if direct else None, source="s", direct=direct)]
    return PositionVersion(as_of=date.fromisoformat(as_of), stance=stance, sources=["s"], quotes=quotes)


def test_own_words_of_an_earlier_version_lead_while_the_stance_holds() -> None:
    own = version("2026-02-27", "bar", True)
    report = version("2026-05-22", "bar", False)
    assert lead_version(report, [own]) is own


def test_own_words_lead_only_while_the_stance_has_not_changed_since() -> None:
    own = version("2026-02-27", "bar", True)
    other = version("2026-03-10", "no_bar", False)
    report = version("2026-05-22", "bar", False)
    assert lead_version(report, [other, own]) is report  # earlier is newest first; the stance moved in between


def test_the_earliest_own_words_since_the_stance_last_changed_lead() -> None:
    first = version("2026-02-26", "bar", True)
    later = version("2026-03-04", "bar", True)
    report = version("2026-05-22", "bar", False)
    assert lead_version(report, [later, first]) is first  # the words with which the party took the stance it holds


def test_a_current_version_with_own_words_leads_itself() -> None:
    older = version("2026-02-27", "bar", True)
    current = version("2026-05-22", "bar", True)
    assert lead_version(current, [older]) is current


def test_the_sample_cells_evidence_counted_by_hand(sample) -> None:
    # anthropic × surveillance: Amodei quoted (direct), one source, The Telegraph (India), secondary, relaying
    # Anthropic's own statement (via: Anthropic), so a copy of the party's document.
    # dod × surveillance: Parnell quoted (direct), one source, The New Republic, secondary, relaying X.
    # dod × autonomous_weapons: no quote at all, one source: reporting only, one outlet.
    # anthropic × autonomous_weapons: no public position, so no evidence.
    found = {(c.party.id, c.issue.id): c.evidence(sample) for c in queries.cells(sample, ViewState())}
    facts = {
        k: (e.has_position, e.own_words, e.party_document, e.party_document_copy, e.reporting_only, e.outlets)
        for k, e in found.items()
    }
    assert facts == {
        ("anthropic", "surveillance"): (True, True, False, True, False, 1),
        ("dod", "surveillance"): (True, True, False, False, False, 1),
        ("anthropic", "autonomous_weapons"): (False, False, False, False, False, 0),
        ("dod", "autonomous_weapons"): (True, False, False, False, True, 1),
    }
    assert [k for k, e in found.items() if e.single_outlet] == [
        ("anthropic", "surveillance"),
        ("dod", "surveillance"),
        ("dod", "autonomous_weapons"),
    ]


def test_an_as_of_date_names_the_later_versions_it_hides(shipped) -> None:
    # Anthropic on surveillance has versions of 2026-02-26, 02-27, 03-04 and 05-22: as of 1 March the last two are
    # hidden, and the 26 February version is the one History holds under the current 27 February one.
    state = ViewState(issues=("surveillance",), parties=("anthropic",), as_of=date(2026, 3, 1))
    cell = views.cells(shipped, state)[0]
    assert cell.current.as_of == "2026-02-27"
    assert cell.history.hidden_later == "2 later versions hidden by the as-of date."
    assert cell.history.label == "History: 1 earlier version"


def test_anthropic_on_surveillance_leads_with_its_own_words_of_february(shipped) -> None:
    # positions/parties/anthropic.yaml: the 2026-05-22 version quotes only WarpTechLab's reporting; the 2026-03-04,
    # 2026-02-27 and 2026-02-26 versions hold the same stance, explicit_bar, in Amodei's own words. The earliest,
    # 26 February, leads: two sources of two outlets (The Telegraph (India), YouCongress).
    cell = views.cells(shipped, ViewState(issues=("surveillance",), parties=("anthropic",)))[0]
    assert cell.current.as_of == "2026-05-22"
    assert cell.lead is not None and cell.lead.as_of == "2026-02-26"
    assert cell.lead.quotes[0].direct and cell.current.quotes[0].direct is False
    assert cell.lead_text.startswith("The party’s own words of 2026-02-26 lead")
    assert cell.later_label == "Later reporting, 2026-05-22"
    # the lead is not repeated in History
    assert [v.as_of for v in cell.history.versions] == ["2026-03-04", "2026-02-27"]
    assert cell.evidence.code == "own_words" and cell.evidence.outlets_mark == "2 outlets"


# 3. The trust line


def test_the_sample_trust_line_counted_by_hand(sample) -> None:
    # 2 quotes, both in their source's excerpt; 3 cells hold a position, 2 on a direct quote, 1 on reporting only;
    # each of the 3 rests on one outlet.
    line = views.trust_line(sample)
    assert [p.text for p in line.parts] == [
        "2 of 2 quotes match a stored excerpt word for word",
        "2 of 3 cells rest on the party’s own words",
        "(1 on reporting only)",
        "3 cells rest on a single outlet",
    ]
    assert [p.target.evidence if p.target else None for p in line.parts] == [
        None,
        "own_words",
        "reporting_only",
        "single_outlet",
    ]
    lists = {entry.code: [label for label, _ in entry.items] for entry in line.lists}
    assert lists == {
        "own_words": ["Anthropic on Domestic surveillance", "US Department of Defense on Domestic surveillance"],
        "reporting_only": ["US Department of Defense on Autonomous weapons"],
        "single_outlet": [
            "Anthropic on Domestic surveillance",
            "US Department of Defense on Domestic surveillance",
            "US Department of Defense on Autonomous weapons",
        ],
    }


def test_the_shipped_trust_line_counted_by_hand(shipped) -> None:
    # 42 cells, 8 of them no public position (xAI ×5, Google on supply_chain_risk and federal_ban, OpenAI on
    # federal_ban): 34 hold a position. 22 current versions quote the party directly; 3 more lead with earlier own
    # words of the same stance (Anthropic × surveillance from 26 Feb, DoD × supply_chain_risk from 27 Feb, White
    # House × federal_ban from 21 Apr): 25. Single outlet: 9 of the 34 lead versions cite one outlet.
    # Quotes: 208 in the party files, each found in its source's stored excerpts.
    counts = views.trust_line(shipped).counts
    assert (counts.quotes_matched, counts.quotes) == (208, 208)
    assert (counts.own_words, counts.reporting_only, counts.single_outlet, counts.cells) == (25, 9, 9, 34)


# The evidence filter in the URL


def test_the_evidence_filter_is_parsed_formatted_and_bounded() -> None:
    parsed = parse_view({"evidence": ["single_outlet"]}, issues=[], parties=[])
    assert parsed.state.evidence == "single_outlet" and not parsed.notices
    assert format_view(parsed.state) == {"evidence": ["single_outlet"]}
    unknown = parse_view({"evidence": ["<script>"]}, issues=[], parties=[])
    assert unknown.state.evidence is None
    assert list(unknown.notices) == [Notice(UNKNOWN_EVIDENCE, value="'<script>'")]
    assert Words().notice(unknown.notices[0]) == (
        "Ignored unknown evidence '<script>' (expected own_words, reporting_only or single_outlet)."
    )
    assert parse_view({"evidence": ["x" * 201]}, issues=[], parties=[]).state.evidence is None


def test_compare_with_an_evidence_filter_keeps_only_the_cells_it_counts(sample) -> None:
    def shown(code: str) -> list[tuple[str, str]]:
        return [(c.party_id, c.issue_id) for c in views.cells(sample, ViewState(evidence=code))]

    assert shown("own_words") == [("anthropic", "surveillance"), ("dod", "surveillance")]
    assert shown("reporting_only") == [("dod", "autonomous_weapons")]
    assert shown("single_outlet") == [
        ("anthropic", "surveillance"),
        ("dod", "surveillance"),
        ("dod", "autonomous_weapons"),
    ]
    assert len(views.matrix(sample, ViewState(evidence="own_words")).rows) == 2  # the matrix keeps every cell


def test_the_matrix_marks_the_evidence_with_words(sample) -> None:
    cells = {c.party_id: c for c in views.matrix(sample, ViewState()).rows[1].cells}  # autonomous weapons
    assert (cells["dod"].evidence.sign, cells["dod"].evidence.mark) == ("≈", "reporting only")
    assert cells["dod"].evidence.outlets_mark == "1 outlet"  # shown in the link beside the sign, in words
    assert cells["anthropic"].evidence.code == ""  # no public position: no evidence mark


# 5. The right of reply


def test_the_sample_reply_shows_on_the_partys_cells_and_a_party_with_none_reads_no_reply(sample) -> None:
    by_party = {c.party_id: c for c in views.cells(sample, ViewState(issues=("surveillance",)))}
    dod = by_party["dod"]
    assert [(r.status_text, r.about, r.asked) for r in dod.replies] == [
        ("Did not respond", "on the record as a whole", "asked: date unknown")
    ]
    assert dod.replies[0].source.outlet.label == "AIWire" and dod.no_reply_text is None
    assert by_party["anthropic"].replies == () and by_party["anthropic"].no_reply_text == "No reply recorded."
    groups = {g.party_id: (len(g.replies), g.none_text) for g in views.replies_by_party(sample)}
    assert groups == {"anthropic": (0, "No reply recorded."), "dod": (1, None)}


REPLY_CASES = {
    "unknown party": ("party: nobody", "replies.yaml:5: replies[0].party: unknown party 'nobody'"),
    "unknown issue": (
        "party: dod\n    issue: weather",
        "replies.yaml:6: replies[0].issue: unknown issue 'weather'",
    ),
    "unknown source": (
        "party: dod\n    source: nowhere",
        "replies.yaml:6: replies[0].source: unknown source 'nowhere'",
    ),
}


@pytest.mark.parametrize("case", REPLY_CASES)
def test_a_reply_naming_an_unknown_record_is_reported_at_its_line(case: str, tmp_path: Path) -> None:
    folder = tmp_path / "sample"
    shutil.copytree(SAMPLE, folder)
    replies = folder / "replies.yaml"
    text = replies.read_text(encoding="utf-8")
    edit, expected = REPLY_CASES[case]
    if "source:" in edit:
        text = text.replace("    source: aiwire-nsa-mythos-scoop\nsources:", "sources:", 1)
    replies.write_text(text.replace("party: dod", edit, 1), encoding="utf-8")
    assert expected in [p.render() for p in validate_folder(folder).errors]


def test_a_reply_status_and_its_words_must_fit(tmp_path: Path) -> None:
    folder = tmp_path / "sample"
    shutil.copytree(SAMPLE, folder)
    replies = folder / "replies.yaml"
    text = replies.read_text(encoding="utf-8")
    replies.write_text(
        text.replace("status: no_answer", "status: replied\n    reply: We never said that.", 1), encoding="utf-8"
    )
    errors = [p.render() for p in validate_folder(folder).errors]
    assert errors == [
        "replies.yaml:7: replies[0].reply: not found word for word in any excerpt of source "
        "'aiwire-nsa-mythos-scoop'; copy the reply exactly as the excerpt has it "
        "(same characters, curly quotes included)"
    ]
    replies.write_text(text.replace("status: no_answer", "status: no_answer\n    reply: No.", 1), encoding="utf-8")
    errors = [p.render() for p in validate_folder(folder).errors]
    assert errors == [
        "replies.yaml:7: replies[0].reply: not found word for word in any excerpt of source "
        "'aiwire-nsa-mythos-scoop'; copy the reply exactly as the excerpt has it "
        "(same characters, curly quotes included)",
        "replies.yaml:7: replies[0].reply: status no_answer cannot carry a reply; use replied or declined",
    ]


def test_the_matrix_image_marks_the_evidence_and_its_key_says_it_in_words(sample) -> None:
    svg = images.matrix_svg(sample, views.matrix(sample, ViewState()), "https://example.org/pos/")
    # a text too long for its box wraps into lines (tspans); joined by a space, it reads as written
    texts = [" ".join(t.itertext()) for t in ElementTree.fromstring(svg).iter("{http://www.w3.org/2000/svg}text")]
    assert "❝ own words: the cell rests on a direct quote from the party" in texts
    assert "≈ reporting only: no direct quote from the party" in texts
    # autonomous weapons: DoD rests on reporting only; its cell carries the sign the key explains
    assert "Existing policy governs ≈" in texts
