"""Every CSV the product writes is inert in a spreadsheet and whole in any CSV reader; the JSON keeps exact text.

A copy of the sample gets formula payloads (OWASP CSV injection) in a party name, a summary, a quote, a source
outlet, an event title, a speaker's name and a disagreement's crux, and one quote becomes reported text with no
speaker. The CLI export and every page's download are then read back with Python's csv reader.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
import yaml

from stances import tables
from stances.csv_text import csv_text
from stances.domain import queries
from stances.domain.validate import check_folder
from stances.domain.view_state import ViewState
from stances.export import to_csv

SAMPLE = Path(__file__).resolve().parent / "data" / "sample"

HYPERLINK = '=HYPERLINK("http://127.0.0.1:9/x","click")'
DDE = "=cmd|' /C calc'!A0"
AT_SUM = "@SUM(1+1)"
PLUS = "+1+2"
MINUS = "-2+3"
PAYLOADS = (HYPERLINK, DDE, AT_SUM, PLUS, MINUS)
# What a spreadsheet evaluates as a formula at the start of a cell (OWASP, CSV injection), written out here.
SPREADSHEET_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000), encoding="utf-8")


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("csv") / "data"
    shutil.copytree(SAMPLE, folder)

    def anthropic(d):
        version = d["positions"][0]["versions"][0]
        version["summary"] = HYPERLINK
        version["quotes"][0]["text"] = DDE
        version["quotes"].append({"text": "reported words", "source": version["sources"][0], "direct": False})

    def dod(d):
        d["party"]["name"] = AT_SUM
        d["party"]["speakers"][0]["name"] = AT_SUM  # first in the quotes cell, as "speaker: text [source]"

    def sources(d):
        d["sources"][0]["outlet"] = PLUS
        # the planted quotes stay word for word in their source's excerpts, as the validator requires
        d["sources"][0]["excerpts"][0]["text"] = f"{DDE} and reported words"

    def timeline(d):
        d["events"][0]["title"] = MINUS

    def disagreements(d):
        d["disagreements"][0]["crux"] = HYPERLINK

    _edit(folder / "parties" / "anthropic.yaml", anthropic)
    _edit(folder / "parties" / "dod.yaml", dod)
    _edit(folder / "sources.yaml", sources)
    _edit(folder / "timeline.yaml", timeline)
    _edit(folder / "disagreements.yaml", disagreements)
    return folder


@pytest.fixture(scope="module")
def dataset(planted: Path):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NOW", "2026-12-01")
        found, problems = check_folder(planted)
    assert problems == []
    return found


def _cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def _assert_inert(text: str) -> list[list[str]]:
    rows = _cells(text)
    assert rows, "no CSV written"
    dangerous = [cell for row in rows for cell in row if cell.startswith(SPREADSHEET_FORMULA_STARTS)]
    assert dangerous == []
    assert len({len(row) for row in rows}) == 1, "ragged rows"
    return rows


def _downloads(dataset) -> dict[str, str]:
    view = ViewState()
    return {
        "positions": tables.position_table(
            dataset, queries.shown_versions(queries.cells(dataset, view), with_history=True)
        ).csv(),
        "disagreements": tables.disagreement_table(queries.disagreements(dataset, view)).csv(),
        "timeline": tables.timeline_table(dataset, queries.timeline(dataset, view)).csv(),
        "sources": tables.source_table(dataset, queries.sources(dataset, view)).csv(),
    }


def test_cli_csv_has_no_formula_cell_and_shows_each_payload_as_text(planted: Path, run_cli) -> None:
    result = run_cli("export", planted.as_posix(), "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = _assert_inert(result.stdout)
    text = [cell for row in rows for cell in row]
    assert f"'{HYPERLINK}" in text  # the summary, as a spreadsheet shows it: the text, not a link
    assert any(cell.startswith(f"'{AT_SUM}") for cell in text)  # the speaker's name, first in the quotes cell
    assert any(DDE in cell for cell in text)


@pytest.mark.parametrize("name", ["positions", "disagreements", "timeline", "sources"])
def test_every_download_has_no_formula_cell(dataset, name: str) -> None:
    rows = _assert_inert(_downloads(dataset)[name])
    planted_here = {"positions": HYPERLINK, "disagreements": HYPERLINK, "timeline": MINUS, "sources": PLUS}[name]
    assert any(cell == f"'{planted_here}" for row in rows for cell in row)


def test_a_reported_quote_has_no_speaker_word(dataset) -> None:
    header, *rows = _cells(to_csv(dataset))
    quotes = [row[header.index("quotes")] for row in rows]
    assert any("reported words [" in cell for cell in quotes)
    assert not any("None" in cell for row in rows for cell in row)


def test_empty_values_stay_empty() -> None:
    rows = _cells(csv_text(["a", "b", "c"], [{"a": None, "b": ""}]))
    assert rows == [["a", "b", "c"], ["", "", ""]]


@pytest.mark.parametrize("breaker", ["\r", "\n", "\r\n", "a\rb\nc"])
def test_a_line_break_inside_a_field_never_splits_a_row(breaker: str) -> None:
    rows_in = [{"id": "x", "text": f"before{breaker}after", "n": "1"}, {"id": "y", "text": "", "n": "2"}]
    text = tables.rows_to_csv(("id", "text", "n"), rows_in)
    rows = _cells(text)
    assert rows == [["id", "text", "n"], ["x", f"before{breaker}after", "1"], ["y", "", "2"]]
    assert f'"before{breaker}after"' in text


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("1+1", "1+1"),  # a formula sign later in the text is harmless
        ("e-mail", "e-mail"),
        ("'quoted", "'quoted"),
        ("", ""),
    ],
)
def test_a_cell_a_spreadsheet_would_evaluate_gets_a_leading_apostrophe(value: str, cell: str) -> None:
    rows = _cells(csv_text(["v"], [{"v": value}]))
    assert rows[1] == [cell]


def test_json_keeps_the_exact_text(planted: Path, run_cli) -> None:
    result = run_cli("export", planted.as_posix(), "--format", "json")
    assert result.returncode == 0, result.stderr
    exported = json.loads(result.stdout)
    anthropic = next(p for p in exported["positions"] if p["party"] == "anthropic" and p["issue"] == "surveillance")
    assert anthropic["summary"] == HYPERLINK
    assert anthropic["quotes"][0]["text"] == DDE
    assert next(p for p in exported["parties"] if p["id"] == "dod")["name"] == AT_SUM
    assert tables.rows_to_json([{"t": MINUS}], {})  # the download's JSON is built from the rows as they are
    assert json.loads(tables.rows_to_json([{"t": MINUS}], {}))["rows"] == [{"t": MINUS}]
