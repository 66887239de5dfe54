"""`stances export`: the JSON round-trips to the validated models; the CSV has one row per position version and
says, row by row, what the JSON export says."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from cli_support import Cli
from cli_support import cli as cli  # the fixture

from stances.domain.model import DatasetInfo, Disagreement, Event, Issue, Party, PositionVersion, Source
from stances.domain.validate import check_folder

SAMPLE = "tests/data/sample"
TOP_LEVEL = set("dataset parties issues positions sources disagreements events corrections replies".split())
POSITION_KEYS = {"party", "issue", "stance", "stance_label", "as_of", "summary", "quotes", "sources"}
STANCE_KEYS = {"claim_type", "basis", "binding"}  # carried by every version whose stance is not no_public_position
SPREADSHEET_NAME = re.compile(r"[a-z][a-z_]*[a-z]")  # one word or snake_case: no spaces, dots or brackets


@pytest.fixture(scope="module")
def dataset(repo_root: Path):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NOW", "2026-12-01")
        found, problems = check_folder(repo_root / SAMPLE)
    assert problems == []
    return found


@pytest.fixture
def exported(cli: Cli) -> dict:
    result = cli("export", SAMPLE, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return json.loads(result.stdout)


def test_json_top_level(exported: dict) -> None:
    assert set(exported) == TOP_LEVEL
    assert exported["dataset"]["title"] == "Sample — military use of AI models"
    assert [p["id"] for p in exported["parties"]] == ["anthropic", "dod"]
    assert [i["id"] for i in exported["issues"]] == ["surveillance", "autonomous_weapons"]
    assert len(exported["positions"]) == 4
    assert {s["id"] for s in exported["sources"]} == {
        "telegraphindia-amodei-statement",
        "newrepublic-parnell-x",
        "aiwire-nsa-mythos-scoop",  # the source of the sample's reply
    }
    assert [d["id"] for d in exported["disagreements"]] == ["surveillance-clause-needed"]
    assert [e["id"] for e in exported["events"]] == ["parnell-post", "statement-publication"]


def test_json_positions_carry_their_fields(exported: dict) -> None:
    source_ids = {s["id"] for s in exported["sources"]}
    for position in exported["positions"]:
        assert POSITION_KEYS <= set(position), position
        if position["stance"] == "no_public_position":
            assert position["sources"] == [] and position["quotes"] == []
            assert "gap" in position
        else:
            assert STANCE_KEYS <= set(position), position
            assert position["sources"], position
        assert set(position["sources"]) <= source_ids
        for quote in position["quotes"]:
            assert {"text", "speaker", "source"} <= set(quote), quote
            assert quote["source"] in position["sources"]
    by_cell = {(p["party"], p["issue"]): p for p in exported["positions"]}
    dod = by_cell["dod", "surveillance"]
    assert dod["as_of"] == "2026-02-26"
    assert dod["stance"] == "law_suffices"
    assert dod["stance_label"] == "Existing law governs"
    assert (dod["claim_type"], dod["basis"], dod["binding"]) == ("statement", "direct", "no")
    assert dod["sources"] == ["newrepublic-parnell-x"]
    assert dod["quotes"][0]["speaker"] == "Sean Parnell"
    assert dod["quotes"][0]["speaker_id"] == "sean-parnell"
    assert dod["quotes"][0]["text"].startswith("The Department of War has no interest in using AI")
    assert by_cell["anthropic", "autonomous_weapons"]["stance_label"] == "No public position found"


def test_json_sources_carry_their_fields(exported: dict) -> None:
    for source in exported["sources"]:
        assert {"id", "url", "outlet", "published", "accessed", "kind"} <= set(source), source
        assert source["url"].startswith("https://")
    telegraph = next(s for s in exported["sources"] if s["id"] == "telegraphindia-amodei-statement")
    assert telegraph["outlet"] == "The Telegraph (India)"
    assert telegraph["published"] == "2026-02-27"
    assert telegraph["accessed"] == "unknown"
    assert telegraph["kind"] == "secondary"
    assert "title" not in telegraph  # not set in the sample: left out, not null
    assert telegraph["via"][0]["url"] == "https://www.anthropic.com/news/statement-department-of-war"


def _file_quote(quote: dict) -> dict:
    """The quote as a data file holds it: the speaker's id, and no check (computed on load, never stored)."""
    rest = {k: v for k, v in quote.items() if k not in ("speaker", "speaker_id", "check", "excerpt")}
    return {**rest, "speaker": quote["speaker_id"]}


def test_json_round_trips_to_the_validated_models(exported: dict, dataset) -> None:
    assert DatasetInfo.model_validate(exported["dataset"]) == dataset.info
    assert {p["id"]: Party.model_validate(p) for p in exported["parties"]} == dataset.parties
    assert {i["id"]: Issue.model_validate(i) for i in exported["issues"]} == dataset.issues
    assert {s["id"]: Source.model_validate(s) for s in exported["sources"]} == dataset.sources
    assert tuple(Disagreement.model_validate(d) for d in exported["disagreements"]) == dataset.disagreements
    assert tuple(Event.model_validate(e) for e in exported["events"]) == dataset.events

    rebuilt = []
    for position in exported["positions"]:
        record = {k: v for k, v in position.items() if k not in ("party", "issue", "stance_label")}
        # the export shows the speaker's name and keeps the id as speaker_id; the file holds the id as speaker
        record["quotes"] = [_file_quote(q) for q in position["quotes"]]
        rebuilt.append((position["party"], position["issue"], PositionVersion.model_validate(record)))
    assert rebuilt == [(cell.party, cell.issue, cell.version) for cell in dataset.versions]


def test_json_keeps_non_ascii(cli: Cli) -> None:
    result = cli("export", SAMPLE, "--format", "json")
    assert "Sample — military use" in result.stdout


def _csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def _export(cli: Cli, folder: str, fmt: str) -> str:
    result = cli("export", folder, "--format", fmt)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


@pytest.mark.parametrize("folder", [SAMPLE, "positions"])
def test_every_csv_row_says_what_the_json_says(folder: str, cli: Cli) -> None:
    exported = json.loads(_export(cli, folder, "json"))
    text = _export(cli, folder, "csv")
    header = next(csv.reader(io.StringIO(text)))
    rows = _csv_rows(text)
    urls = {s["id"]: s["url"] for s in exported["sources"]}

    assert len(header) == len(set(header))
    assert all(SPREADSHEET_NAME.fullmatch(name) for name in header), header
    # nothing a position holds is left out of the CSV
    assert set().union(*(position.keys() for position in exported["positions"])) <= set(header)
    assert len(rows) == len(exported["positions"]) > 0
    for row, position in zip(rows, exported["positions"], strict=True):
        for key, value in position.items():
            if key == "sources":
                assert (row[key].split(" | ") if row[key] else []) == value
                assert (row["source_urls"].split(" | ") if row["source_urls"] else []) == [urls[s] for s in value]
            elif key == "quotes":
                _assert_quotes_read_as_exported(row[key], value)
            else:
                assert row[key] == ("" if value is None else str(value)), (key, row[key], value)
        for key in set(header) - set(position) - {"source_urls"}:
            assert row[key] == "", (key, row[key])  # a field the version does not have is an empty cell


def _assert_quotes_read_as_exported(cell: str, quotes: list[dict]) -> None:
    """Who said it (or that it is reporting), the words, and the source, in the export's order."""
    at = 0
    for quote in quotes:
        who = quote["speaker"] if quote["direct"] else "Reporting, not the party’s own words"
        found = cell.find(f"{who}", at)
        assert found >= 0, (who, cell[at:])
        words = cell.find(quote["text"], found)
        assert words >= 0, quote["text"]
        cited = cell.find(f"[{quote['source']}]", words + len(quote["text"]))
        assert cited >= 0, quote["source"]
        at = cited
    assert (cell == "") == (quotes == [])


def test_csv_one_row_per_version(cli: Cli, dataset) -> None:
    result = cli("export", SAMPLE, "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    rows = _csv_rows(result.stdout)
    assert len(rows) == len(dataset.versions) == 4
    for row, cell in zip(rows, dataset.versions, strict=True):
        version = cell.version
        assert (row["party"], row["issue"], row["as_of"]) == (cell.party, cell.issue, version.as_of.isoformat())
        assert row["stance"] == version.stance
        assert row["summary"] == version.summary
        assert row["binding"] == (version.binding or "")
        assert (row["sources"].split(" | ") if row["sources"] else []) == list(version.sources)
        assert row["source_urls"] == " | ".join(dataset.sources[s].url for s in version.sources)
    labels = ["No public position found", "Seeks an explicit bar", "Existing policy governs", "Existing law governs"]
    assert [row["stance_label"] for row in rows] == labels  # the curator's labels; the state without one, worded
    dod = rows[3]
    assert (dod["party"], dod["issue"]) == ("dod", "surveillance")
    assert dod["sources"] == "newrepublic-parnell-x"
    assert dod["source_urls"] == "https://newrepublic.com/post/207146/democrats-slam-trumpist-takeover-warner-bros"
    assert dod["quotes"].startswith("Sean Parnell, chief Pentagon spokesman: The Department of War has no interest")
    assert dod["quotes"].endswith(" [newrepublic-parnell-x]")
    assert rows[0]["gap"] == "The sample holds no Anthropic source on autonomous weapons."


def test_csv_quotes_awkward_text(cli: Cli, repo_root: Path, tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(repo_root / SAMPLE, folder)
    party = folder / "parties" / "dod.yaml"
    old = "        summary: The Department says it has no interest in mass surveillance of Americans, which it describes as illegal.\n"  # noqa: E501
    awkward = 'It said "no", then, after a pause;\nit said yes — twice.'
    text = party.read_text(encoding="utf-8")
    assert text.count(old) == 1
    new = f"        summary: {json.dumps(awkward, ensure_ascii=False)}\n"
    party.write_text(text.replace(old, new), encoding="utf-8")
    result = cli("export", folder.as_posix(), "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = _csv_rows(result.stdout)
    assert len(rows) == 4
    assert rows[3]["summary"] == awkward


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_invalid_folder_exports_nothing(fmt: str, cli: Cli) -> None:
    folder = "tests/data/broken/unknown-field"
    result = cli("export", folder, "--format", fmt)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{folder}/data.yaml:19: party.website: unknown field",
        f"1 problem(s) in {folder}",
    ]
