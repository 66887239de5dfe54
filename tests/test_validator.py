"""The validator, end to end: every broken folder gives exactly the expected `file:line: field: message` lines.

The committed corpus is tests/data/broken/<case>/ (one hazard per case, except `many-errors`); cases that need
exact bytes an editor would mangle (non-UTF-8, BOM, control characters, CRLF) are built at test time.
`stances validate` runs in-process (`main(argv)`); one test runs it as a real `python -m stances` process.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from cli_support import Cli
from cli_support import cli as cli  # the fixture

from stances.domain.validate import check_folder

BROKEN = "tests/data/broken"
SAMPLE = "tests/data/sample"
SAMPLE_OK = (
    "OK — 2 parties, 2 issues, 4 party × issue cells, 4 position versions, 2 quotes, 3 sources, "
    "1 disagreement, 2 events"
)
NOT_A_MAPPING = "file is empty; expected a mapping of sections (issues, party, positions, ...)"

# case folder -> the problems, as `file:line: field: message` relative to the folder, in output order
EXPECTED: dict[str, list[str]] = {
    "duplicate-key": ["data.yaml:18: party.name: duplicate key 'name' (first defined on line 17)"],
    "tab-indentation": ["data.yaml:17: (file): tab character in indentation; YAML indents with spaces"],
    "empty-file": [f"data.yaml:1: (file): {NOT_A_MAPPING}"],
    "comment-only-file": [f"data.yaml:1: (file): {NOT_A_MAPPING}"],
    "python-tag": [
        "data.yaml:40: sources[0].outlet: tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed; "
        "use plain YAML"
    ],
    "bad-indentation": ["data.yaml:18: (file): YAML syntax error: mapping values are not allowed in this context"],
    "unclosed-flow-list": [
        "data.yaml:33: (file): YAML syntax error: while parsing a flow sequence did not find expected ',' or ']'"
    ],
    "unknown-field": ["data.yaml:19: party.website: unknown field"],
    "unknown-section": [
        "data.yaml:45: notes: unknown section; "
        "expected one of dataset, party, scales, issues, parties, positions, sources, disagreements, events, "
        "corrections, replies"
    ],
    "wrong-type-quotes-string": [
        "data.yaml:33: positions[0].versions[0].quotes: expected a list (lines starting with `- `, or `[a, b]`), "
        "got 'Using these systems for mass domestic surveillance is incompatible with democratic values.'"
    ],
    "wrong-type-published-number": [
        "data.yaml:42: sources[0].published: 20260226 is not a date "
        "(use YYYY-MM-DD, or `unknown` where it is not known)"
    ],
    "missing-required-field": ["data.yaml:38: sources[0].url: required field is missing"],
    "invalid-id": [
        "data.yaml:32: positions[0].versions[0].sources[0]: unknown source 'anthropic-statement'",
        "data.yaml:36: positions[0].versions[0].quotes[0].source: unknown source 'anthropic-statement'",
        "data.yaml:38: sources[0].id: 'Anthropic Statement' is not a valid id: "
        "upper-case 'A', 'S': use 'a', 's'; contains a space: use '-'; for example 'anthropic-statement'",
    ],
    "javascript-url": ["data.yaml:39: sources[0].url: 'javascript:alert(document.cookie)' is not a valid http(s) URL"],
    "malformed-url": [
        "data.yaml:39: sources[0].url: 'https://[www.anthropic.com/news/statement-department-of-war' "
        "is not a valid http(s) URL"
    ],
    "ftp-url": ["data.yaml:39: sources[0].url: 'ftp://ftp.anthropic.com/statement.txt' is not a valid http(s) URL"],
    "impossible-date": ["data.yaml:42: sources[0].published: '2026-02-30' is not a real date (use YYYY-MM-DD)"],
    "future-date": ["data.yaml:42: sources[0].published: date 2026-12-05 is in the future (today is 2026-12-04)"],
    "duplicate-id-across-files": [
        "more-sources.yaml:4: sources[0].id: duplicate id 'anthropic-statement' (first defined at data.yaml:38)"
    ],
    "unknown-party": ["data.yaml:49: events[0].parties[1]: unknown party 'openai'"],
    "unknown-party-in-position": [
        "data.yaml:16: party.id: no position on core issue 'surveillance'; "
        "add one, or a version with stance no_public_position",
        "data.yaml:24: positions[0].party: unknown party 'openai'",
    ],
    "unknown-issue": ["data.yaml:50: events[0].issues[1]: unknown issue 'export_controls'"],
    "unknown-stance": [
        "data.yaml:27: positions[0].versions[0].stance: unknown stance 'explicit_ban' for issue 'surveillance'; "
        "expected one of explicit_bar, law_suffices, no_public_position, unclear"
    ],
    "unknown-source": ["data.yaml:32: positions[0].versions[0].sources[1]: unknown source 'anthropic-blog'"],
    "unknown-speaker": ["data.yaml:35: positions[0].versions[0].quotes[0].speaker: unknown speaker 'jared-kaplan'"],
    "quote-source-not-in-version": [
        "data.yaml:36: positions[0].versions[0].quotes[0].source: "
        "quote cites 'anthropic-statement', which is not among this version's sources"
    ],
    "stance-without-sources": ["data.yaml:26: positions[0].versions[0].sources: a position needs at least one source"],
    "same-as-of-twice": [
        "data.yaml:37: positions[0].versions[1].as_of: "
        "another version of anthropic × surveillance already has as_of 2026-02-26 (at data.yaml:26); "
        "to keep both, give each a `time` (HH:MM) or an `order`"
    ],
    "missing-core-cell": [
        "data.yaml:27: party.id: no position on core issue 'autonomous_weapons'; "
        "add one, or a version with stance no_public_position"
    ],
    "disagreement-party-without-side": [
        "dod.yaml:17: disagreements[0].parties[1]: party 'dod' has no side with sources"
    ],
    "event-date-and-dates": ["data.yaml:48: events[0].date: give exactly one of `date` or `dates`"],
    "billion-laughs": ["data.yaml:1: (file): file expands to more than 1,000,000 values (alias/anchor bomb?)"],
    "recursive-alias": ["data.yaml:1: (file): file is nested too deeply or has a recursive alias"],
    # an error elsewhere in the party must not make its speakers unknown to every quote
    "party-error-keeps-speakers": ["data.yaml:19: party.kind2: unknown field"],
    # several files, every layer (reader, schema, cross-file): all listed in one run, sorted by file and line;
    # the impossible date is not echoed as "give exactly one of `date` or `dates`"
    "many-errors": [
        "issues.yaml:6: issues[0].title: duplicate key 'title' (first defined on line 5)",
        "notes.yaml:4: (file): tab character in indentation; YAML indents with spaces",
        "parties/anthropic.yaml:7: party.website: unknown field",
        "parties/anthropic.yaml:21: positions[0].versions[0].sources[1]: unknown source 'anthropic-blog'",
        "sources.yaml:5: sources[0].url: 'javascript:alert(1)' is not a valid http(s) URL",
        "sources.yaml:8: sources[0].published: date 2027-02-26 is in the future (today is 2026-12-04)",
        "timeline.yaml:6: events[0].date: '2026-02-30' is not a real date (use YYYY-MM-DD)",
        "timeline.yaml:7: events[0].parties[1]: unknown party 'openai'",
    ],
}

VALID_CASES = ["ok-binding-yes-no"]


def _stderr_lines(folder: str, expected: list[str]) -> list[str]:
    return [f"{folder}/{line}" for line in expected] + [f"{len(expected)} problem(s) in {folder}"]


def test_corpus_and_expectations_match(repo_root: Path) -> None:
    on_disk = {p.name for p in (repo_root / BROKEN).iterdir() if p.is_dir()}
    assert on_disk == set(EXPECTED) | set(VALID_CASES)


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_broken_case(case: str, cli: Cli, repo_root: Path) -> None:
    folder = f"{BROKEN}/{case}"
    result = cli("validate", folder)
    assert result.stderr.splitlines() == _stderr_lines(folder, EXPECTED[case])
    assert result.stdout == ""
    assert result.returncode == 1
    dataset, problems = check_folder(repo_root / folder)
    assert dataset is None
    assert [p.render() for p in problems] == EXPECTED[case]


def test_many_errors_touch_every_file(repo_root: Path) -> None:
    folder = repo_root / BROKEN / "many-errors"
    files = {p.relative_to(folder).as_posix() for p in folder.rglob("*.yaml")}
    _, problems = check_folder(folder)
    assert {p.file for p in problems} == files
    assert len(problems) == 8


def test_binding_yes_no_is_accepted(cli: Cli, repo_root: Path) -> None:
    folder = f"{BROKEN}/ok-binding-yes-no"
    result = cli("validate", folder)
    assert result.stderr == ""
    counts = "1 party, 1 issue, 1 party × issue cell, 3 position versions, 1 quote, 1 source, 0 disagreements, 0 events"
    assert result.stdout == f"{folder}: OK — {counts}\n"
    assert result.returncode == 0
    dataset, problems = check_folder(repo_root / folder)
    assert problems == []
    assert [cell.version.binding for cell in dataset.versions] == ["no", "yes", "unknown"]


def test_clean_sample(cli: Cli) -> None:
    result = cli("validate", SAMPLE)
    assert result.stdout == f"{SAMPLE}: {SAMPLE_OK}\n"
    assert result.stderr == ""
    assert result.returncode == 0


def test_clean_sample_check_folder(repo_root: Path) -> None:
    dataset, problems = check_folder(repo_root / SAMPLE)
    assert problems == []
    assert sorted(dataset.parties) == ["anthropic", "dod"]
    assert sorted(dataset.issues) == ["autonomous_weapons", "surveillance"]
    assert len(dataset.versions) == 4


# --- choosing the folder ---------------------------------------------------------------------------------------


def test_data_option_selects_folder(cli: Cli) -> None:
    folder = f"{BROKEN}/unknown-field"
    result = cli("validate", "--data", folder)
    assert result.stderr.splitlines() == _stderr_lines(folder, EXPECTED["unknown-field"])
    assert result.returncode == 1


def test_data_option_overrides_dir_and_env(cli: Cli) -> None:
    result = cli("validate", f"{BROKEN}/unknown-field", "--data", SAMPLE, env={"POSITIONS_DIR": BROKEN + "/x"})
    assert result.stdout == f"{SAMPLE}: {SAMPLE_OK}\n"
    assert result.returncode == 0


def test_positions_dir_env_selects_folder(cli: Cli) -> None:
    folder = f"{BROKEN}/ftp-url"
    result = cli("validate", env={"POSITIONS_DIR": folder})
    assert result.stderr.splitlines() == _stderr_lines(folder, EXPECTED["ftp-url"])
    assert result.returncode == 1
    result = cli("validate", env={"POSITIONS_DIR": SAMPLE})
    assert result.stdout == f"{SAMPLE}: {SAMPLE_OK}\n"
    assert result.returncode == 0


def test_dir_argument_overrides_env(cli: Cli) -> None:
    result = cli("validate", SAMPLE, env={"POSITIONS_DIR": f"{BROKEN}/ftp-url"})
    assert result.stdout == f"{SAMPLE}: {SAMPLE_OK}\n"
    assert result.returncode == 0


def test_default_folder_is_positions(cli: Cli, repo_root: Path, tmp_path: Path) -> None:
    shutil.copytree(repo_root / SAMPLE, tmp_path / "positions")
    result = cli("validate", cwd=tmp_path)
    assert result.stdout == f"positions: {SAMPLE_OK}\n"
    assert result.returncode == 0


def test_missing_folder(cli: Cli, tmp_path: Path) -> None:
    folder = (tmp_path / "nowhere").as_posix()
    result = cli("validate", folder)
    assert result.stderr.splitlines() == [f"{folder}/.:1: (folder): data folder not found", f"1 problem(s) in {folder}"]
    assert result.returncode == 1


def test_folder_without_yaml(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("not data\n")
    folder = tmp_path.as_posix()
    result = cli("validate", folder)
    assert result.stderr.splitlines() == [
        f"{folder}/.:1: (folder): no .yaml files in the data folder",
        f"1 problem(s) in {folder}",
    ]
    assert result.returncode == 1


def test_now_decides_what_is_future(cli: Cli) -> None:
    folder = f"{BROKEN}/future-date"
    assert cli("validate", folder).returncode == 1
    later = cli("validate", folder, env={"NOW": "2026-12-05"})
    assert later.stderr == ""
    assert later.returncode == 0


# --- byte-level hazards, built at test time from the sample -------------------------------------------------------


def _sample_copy(repo_root: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(repo_root / SAMPLE, folder)
    return folder


def _replace_bytes(path: Path, old: bytes, new: bytes) -> None:
    raw = path.read_bytes()
    assert raw.count(old) == 1, old
    path.write_bytes(raw.replace(old, new))


def _non_utf8(folder: Path) -> list[str]:
    # a Latin-1 é, as a Windows editor would save it; the file's source ids stay known (no "unknown source" echo)
    _replace_bytes(folder / "sources.yaml", b"outlet: The Telegraph (India)", b"outlet: The T\xe9l\xe9graph (India)")
    return ["sources.yaml:5: (file): not valid UTF-8 (byte 0xe9); save the file as UTF-8"]


def _bom(folder: Path) -> list[str]:
    # as Notepad used to save; the file's issue ids stay known (no "unknown issue" echo)
    path = folder / "issues.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    return ["issues.yaml:1: (file): file starts with a byte-order mark (BOM); save it as UTF-8 without BOM"]


def _control_character(folder: Path) -> list[str]:
    # an escape character pasted in from a terminal or a PDF
    _replace_bytes(folder / "disagreements.yaml", b"claim: Anthropic says", b"claim: Anthropic\x1b says")
    return [
        "disagreements.yaml:9: (file): character U+001B is not allowed in YAML (control characters are not allowed); "
        "delete it"
    ]


def _line_separator(folder: Path) -> list[str]:
    # U+2028 is a line break to YAML but not to editors: left in, every later line number would be off by one
    _replace_bytes(folder / "timeline.yaml", b"reported in the press", "reported\u2028in the press".encode())
    return ["timeline.yaml:10: (file): invisible line separator U+2028; replace it with a space"]


def _three_files(folder: Path) -> list[str]:
    # three files broken at once: every one is reported
    _bom(folder)
    _non_utf8(folder)
    _replace_bytes(folder / "timeline.yaml", b"    date: 2026-02-26\n", b"\tdate: 2026-02-26\n")
    return [
        "issues.yaml:1: (file): file starts with a byte-order mark (BOM); save it as UTF-8 without BOM",
        "sources.yaml:5: (file): not valid UTF-8 (byte 0xe9); save the file as UTF-8",
        "timeline.yaml:5: (file): tab character in indentation; YAML indents with spaces",
    ]


BYTE_CASES = {
    "non-utf8": _non_utf8,
    "bom": _bom,
    "control-character": _control_character,
    "line-separator": _line_separator,
    "three-files": _three_files,
}


@pytest.mark.parametrize("case", sorted(BYTE_CASES))
def test_byte_hazard(case: str, cli: Cli, repo_root: Path, tmp_path: Path) -> None:
    folder = _sample_copy(repo_root, tmp_path)
    expected = BYTE_CASES[case](folder)
    result = cli("validate", folder.as_posix())
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == _stderr_lines(folder.as_posix(), expected)
    assert result.stdout == ""
    assert result.returncode == 1
    _, problems = check_folder(folder)
    assert [p.render() for p in problems] == expected


def test_crlf_line_endings_are_fine(cli: Cli, repo_root: Path, tmp_path: Path) -> None:
    folder = _sample_copy(repo_root, tmp_path)
    for path in folder.rglob("*.yaml"):
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    result = cli("validate", folder.as_posix())
    assert result.stdout == f"{folder.as_posix()}: {SAMPLE_OK}\n"
    assert result.returncode == 0


def test_crlf_keeps_line_numbers(repo_root: Path, tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(repo_root / BROKEN / "unknown-stance", folder)
    path = folder / "data.yaml"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    _, problems = check_folder(folder)
    assert [p.render() for p in problems] == EXPECTED["unknown-stance"]


# --- never a traceback ----------------------------------------------------------------------------------------

NASTY_FILES: dict[str, bytes] = {
    "null-byte": b"issues: [\x00]\n",
    "top-level-list": b"- issues\n- parties\n",
    "top-level-string": b"just some words\n",
    "section-not-a-list": b"issues: surveillance\n",
    "null-section": b"issues:\n",
    "list-of-numbers": b"issues: [1, 2]\n",
    "two-documents": b"issues: []\n---\nissues: []\n",
    "undefined-alias": b"issues: *nothing\n",
    "merge-key": b"events:\n  - &e {id: a, title: b, date: 2026-01-01, sources: [s]}\n  - <<: *e\n    id: c\n",
    "complex-key": b"? [a, b]\n: x\n",
    "deep-nesting": b"issues: " + b"[" * 5000 + b"]" * 5000 + b"\n",
    "binary-tag": b"issues: !!binary aGVsbG8=\n",
    "set-tag": b"issues: !!set {a, b}\n",
    "datetime": b"sources:\n  - id: s\n    url: https://a.example\n    outlet: A\n    published: 2026-02-26 10:00:00\n",
    "huge-int": b"issues: [" + b"9" * 5000 + b"]\n",
    "bool-tag-not-a-bool": b"issues: !!bool maybe\n",
    "int-tag-not-an-int": b"issues: !!int x\n",
    "party-as-list": b"party: [a, b]\n",
    "dataset-a": b"dataset: {title: a, description: b, corrections: c}\n",
    "dataset-b": b"dataset: {title: a, description: b, corrections: c}\n",  # a second `dataset` section
}


def test_no_traceback_on_nasty_files(cli: Cli, tmp_path: Path) -> None:
    for name, raw in NASTY_FILES.items():
        (tmp_path / f"{name}.yaml").write_bytes(raw)
    folder = tmp_path.as_posix()
    result = cli("validate", folder)
    assert "Traceback" not in result.stderr
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[-1] == f"{len(lines) - 1} problem(s) in {folder}"
    reported = set()
    for line in lines[:-1]:
        assert line.startswith(f"{folder}/"), line
        reported.add(line[len(folder) + 1 :].split(".yaml:", 1)[0])
    assert reported == set(NASTY_FILES) - {"dataset-a"}


def test_file_over_the_size_limit_is_refused_with_its_size(run_cli, tmp_path: Path) -> None:
    # The one run as a real process: the limit is read from the environment when the program starts.
    (tmp_path / "big.yaml").write_text("issues: []\n" + "# padding\n" * 200, encoding="utf-8")
    size = (tmp_path / "big.yaml").stat().st_size
    result = run_cli("validate", tmp_path.as_posix(), env={"STANCES_MAX_FILE_BYTES": "1000"})
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0] == (
        f"{tmp_path.as_posix()}/big.yaml:1: (file): file is {size:,} bytes; the limit is 1,000"
    )
