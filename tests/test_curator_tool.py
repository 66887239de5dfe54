"""Issue 22, a curator's tool: start a dispute in one command, never be pushed to invent a disagreement, see every
problem at once in words a curator understands, check one file in the context of its folder.

Every expected line is written out by hand from the planted fault; none is recomputed with the code under test.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from cli_support import Cli, edit
from cli_support import cli as cli  # the fixture

from stances.json_schema import schema_text


def new_dataset(cli: Cli, folder: Path) -> Path:
    result = cli("new", folder.as_posix())
    assert result.returncode == 0, result.stderr
    return folder


# ---------------------------------------------------------------- stances new


def test_new_writes_a_dataset_that_passes_strict_with_nothing_to_do(cli: Cli, tmp_path: Path) -> None:
    folder = new_dataset(cli, tmp_path / "x")
    result = cli("validate", "--strict", "--todo", folder.as_posix())
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        f"0 to-do(s) in {folder.as_posix()}",
        f"{folder.as_posix()}: OK — 2 parties, 2 issues, 4 party × issue cells, 5 position versions, 4 quotes, "
        "3 sources, 1 disagreement, 1 event",  # and one reply, which the summary does not count
    ]
    assert result.returncode == 0


def test_new_refuses_a_folder_that_holds_files(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "notes.txt").write_text("mine", encoding="utf-8")
    result = cli("new", (tmp_path / "full").as_posix())
    assert result.returncode == 1
    assert "not an empty folder" in result.stderr
    assert sorted(p.name for p in (tmp_path / "full").iterdir()) == ["notes.txt"]


def test_new_files_point_at_a_schema_next_to_them_that_survives_a_copy(cli: Cli, tmp_path: Path) -> None:
    folder = new_dataset(cli, tmp_path / "x")
    moved = tmp_path / "elsewhere" / "copy"
    shutil.copytree(folder, moved)
    shutil.rmtree(folder)
    headers = {
        p.relative_to(moved).as_posix(): p.read_text(encoding="utf-8").splitlines()[0] for p in moved.rglob("*.yaml")
    }
    assert headers == {
        "dataset.yaml": "# yaml-language-server: $schema=positions.schema.json",
        "issues.yaml": "# yaml-language-server: $schema=positions.schema.json",
        "sources.yaml": "# yaml-language-server: $schema=positions.schema.json",
        "disagreements.yaml": "# yaml-language-server: $schema=positions.schema.json",
        "timeline.yaml": "# yaml-language-server: $schema=positions.schema.json",
        "parties/company.yaml": "# yaml-language-server: $schema=../positions.schema.json",
        "parties/ministry.yaml": "# yaml-language-server: $schema=../positions.schema.json",
    }
    schema = moved / "positions.schema.json"
    assert schema.read_text(encoding="utf-8") == schema_text()
    assert json.loads(schema.read_text(encoding="utf-8"))["title"] == "Curated positions file"
    assert cli("validate", "--strict", moved.as_posix()).returncode == 0


def test_new_template_holds_every_record_the_issue_asks_for(cli: Cli, tmp_path: Path) -> None:
    folder = new_dataset(cli, tmp_path / "x")
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.yaml")))
    for shape in ("scales:", "excerpts:", "disagreements:", "events:", "stance: no_public_position", "quotes:"):
        assert shape in text
    assert "replies:" in text and "status: replied" in text


def test_schema_into_writes_next_to_the_data_not_into_the_package(cli: Cli, tmp_path: Path) -> None:
    result = cli("schema", "--into", tmp_path.as_posix())
    assert result.returncode == 0
    assert (tmp_path / "positions.schema.json").read_text(encoding="utf-8") == schema_text()


# ---------------------------------------------------------------- the far-apart report


SCALE_OF_THREE = """\
issues:
  - id: code
    title: The code
    scale:
      - {id: signs, label: Signs}
      - {id: signs_part, label: Signs part}
      - {id: refuses, label: Refuses}
sources:
  - {id: s, url: https://example.org/s}
"""


def one_refuses(folder: Path) -> Path:
    """Four parties on one issue: a, b and c sign, d refuses; no disagreement is curated."""
    (folder / "parties").mkdir(parents=True)
    (folder / "issues.yaml").write_text(SCALE_OF_THREE, encoding="utf-8")
    for party, stance in (("a", "signs"), ("b", "signs"), ("c", "signs"), ("d", "refuses")):
        (folder / "parties" / f"{party}.yaml").write_text(
            f"party: {{id: {party}, name: Party {party.upper()}}}\n"
            "positions:\n  - issue: code\n    versions:\n"
            f"      - {{as_of: 2025-08-01, stance: {stance}, sources: [s]}}\n",
            encoding="utf-8",
        )
    return folder


def test_one_party_refusing_what_all_others_accept_passes_strict_with_no_disagreement(cli: Cli, tmp_path: Path) -> None:
    folder = one_refuses(tmp_path / "eu")
    strict = cli("validate", "--strict", folder.as_posix())
    assert (strict.returncode, strict.stderr) == (0, "")


def test_the_curators_report_lists_every_far_apart_pair(cli: Cli, tmp_path: Path) -> None:
    folder = one_refuses(tmp_path / "eu")
    result = cli("validate", "--todo", folder.as_posix())
    pair = (
        "{} (signs) and d (refuses) sit at opposite ends of this issue's scale and no disagreement names both; "
        "curate one only if the record holds an argument between them"
    )
    where = f"{folder.as_posix()}/issues.yaml:2: todo: issues[0].id: "
    assert result.stdout.splitlines()[:4] == [
        where + pair.format("a"),
        where + pair.format("b"),
        where + pair.format("c"),
        f"3 to-do(s) in {folder.as_posix()}",
    ]
    assert result.returncode == 0


# ---------------------------------------------------------------- every problem at once


def test_four_faults_in_two_files_are_all_reported_in_one_run(cli: Cli, tmp_path: Path) -> None:
    folder = new_dataset(cli, tmp_path / "x")
    company, ministry = folder / "parties" / "company.yaml", folder / "parties" / "ministry.yaml"
    date_line = edit(company, "as_of: 2025-03-05", "as_of: 2025-02-30")  # impossible date, version 0
    quote_line = edit(company, "in aggregate form, never", "in aggregated form, never")  # wrong quote, version 1
    speaker_line = edit(company, "speaker: ceo", "speaker: chief-executive")  # unknown speaker, same quote
    stance_line = edit(ministry, "stance: supports_with_conditions", "stance: conditional")
    result = cli("validate", folder.as_posix())
    at = folder.as_posix()
    # "We will share trip data in aggregate" is 36 characters; the 37th is "d" in the quote, " " in the excerpt
    assert result.stderr.splitlines() == [
        f"{at}/parties/company.yaml:{date_line}: positions[0].versions[0].as_of: '2025-02-30' is not a real date "
        "(use YYYY-MM-DD)",
        f"{at}/parties/company.yaml:{quote_line}: positions[0].versions[1].quotes[0].text: not found word for word "
        "in any excerpt of source 'company-blog'; nearest is its excerpt 1; they first differ at character 37, "
        "after '…l share trip data in aggregate': the quote has 'd form, never rider by rider.', "
        "the excerpt has ' form, never rider by rider.'; copy the quote exactly as the excerpt has it "
        "(same characters, curly quotes included)",
        f"{at}/parties/company.yaml:{speaker_line}: positions[0].versions[1].quotes[0].speaker: "
        "unknown speaker 'chief-executive'",
        f"{at}/parties/ministry.yaml:{stance_line}: positions[1].versions[0].stance: unknown stance 'conditional' "
        "for issue 'independent_audit'; expected one of supports, supports_with_conditions, opposes, "
        "no_public_position, unclear",
        f"4 problem(s) in {at}",
    ]
    assert result.returncode == 1


def test_a_party_file_yaml_cannot_read_is_reported_once_not_at_every_use(cli: Cli, tmp_path: Path) -> None:
    folder = new_dataset(cli, tmp_path / "x")
    company = folder / "parties" / "company.yaml"
    line = edit(company, "  name: Example Company", "  name: [Example Company")
    result = cli("validate", folder.as_posix())
    lines = result.stderr.splitlines()
    assert "unknown party" not in result.stderr and "unknown speaker" not in result.stderr
    # used elsewhere: in the disagreement's `parties`, the event's `parties` and the reply's `party`
    assert lines[-3:] == [
        f"{folder.as_posix()}/parties/company.yaml:1: (file): this file could not be read, so 3 reference(s) in "
        "other files to ids it seems to define ('company') were not checked; fix the problem above and "
        "validate again",
        f"{folder.as_posix()}/parties/company.yaml:{line + 1}: (file): YAML syntax error: while parsing a flow "
        "sequence did not find expected ',' or ']'",
        f"2 problem(s) in {folder.as_posix()}",
    ]


# ---------------------------------------------------------------- messages a curator understands


def test_a_scale_of_bare_words_is_told_the_shape_of_a_level_with_an_example(cli: Cli, tmp_path: Path) -> None:
    folder = one_refuses(tmp_path / "eu")
    issues = folder / "issues.yaml"
    issues.write_text(SCALE_OF_THREE.split("    scale:")[0] + "    scale: [yes, no]\n" + SOURCES_ONLY, "utf-8")
    result = cli("validate", folder.as_posix())
    level = (
        "got a true/false value (YAML reads yes, no, on and off as true/false); "
        "each level is a mapping with `id` and `label`, e.g. `- {id: for, label: For}`"
    )
    at = f"{folder.as_posix()}/issues.yaml:4"
    assert result.stderr.splitlines()[:2] == [
        f"{at}: issues[0].scale[0]: {level}",
        f"{at}: issues[0].scale[1]: {level}",
    ]
    assert "StanceLevel" not in result.stderr and "dictionary" not in result.stderr


SOURCES_ONLY = "sources:\n  - {id: s, url: https://example.org/s}\n"


def test_a_claim_type_the_dataset_does_not_declare_names_where_to_declare_it(cli: Cli, tmp_path: Path) -> None:
    folder = new_dataset(cli, tmp_path / "x")
    line = edit(folder / "parties" / "ministry.yaml", "claim_type: statement", "claim_type: tweet")
    result = cli("validate", folder.as_posix())
    assert result.stderr.splitlines()[0] == (
        f"{folder.as_posix()}/parties/ministry.yaml:{line}: positions[0].versions[0].claim_type: unknown claim type "
        "'tweet'; expected one of statement, policy, contract_term, action, report, signed_code, or declare it in "
        "dataset.yaml under `claim_types`, e.g. `- {id: signed_code, label: signed a code}`"
    )


def test_a_disagreement_sides_quote_is_checked_word_for_word(cli: Cli, tmp_path: Path) -> None:
    folder = new_dataset(cli, tmp_path / "x")
    line = edit(folder / "disagreements.yaml", "- text: We need the trip data", "- text: We want the trip data")
    result = cli("validate", folder.as_posix())
    assert result.stderr.splitlines()[0].startswith(
        f"{folder.as_posix()}/disagreements.yaml:{line}: disagreements[0].sides[0].quotes[0].text: not found word "
        "for word in any excerpt of source 'ministry-press-release'; nearest is its excerpt 1; they first differ "
        "at character 4, after 'We ': the quote has 'want the trip data"
    )


# ---------------------------------------------------------------- one file, in the context of its folder


def test_one_file_is_validated_within_the_folder_above_it(cli: Cli, tmp_path: Path) -> None:
    folder = new_dataset(cli, tmp_path / "x")
    company = folder / "parties" / "company.yaml"
    result = cli("validate", company.as_posix())
    assert result.stdout == f"{company.as_posix()} (checked with the rest of {folder.as_posix()}): OK\n"
    assert result.returncode == 0

    stance_line = edit(folder / "parties" / "ministry.yaml", "stance: supports_with_conditions", "stance: maybe")
    speaker_line = edit(company, "speaker: ceo", "speaker: nobody")
    result = cli("validate", company.as_posix())
    assert result.stderr.splitlines() == [
        f"{company.as_posix()}:{speaker_line}: positions[0].versions[1].quotes[0].speaker: unknown speaker 'nobody'",
        f"1 problem(s) in {company.as_posix()} (checked with the rest of {folder.as_posix()})",
        f"1 other problem(s) elsewhere in {folder.as_posix()}",
    ]
    assert result.returncode == 1
    assert stance_line > 0


def test_one_file_reports_the_problems_it_causes_elsewhere(cli: Cli, tmp_path: Path) -> None:
    folder = new_dataset(cli, tmp_path / "x")
    sources = folder / "sources.yaml"
    # a second copy of the company's blog post, in a file read after sources.yaml: the duplicate is reported there
    (folder / "zz-more.yaml").write_text(
        "sources:\n  - {id: company-blog, url: https://example.org/again}\n", encoding="utf-8"
    )
    first = next(i for i, row in enumerate(sources.read_text("utf-8").splitlines(), 1) if "id: company-blog" in row)
    result = cli("validate", sources.as_posix())
    assert result.stderr.splitlines()[0] == (
        f"{folder.as_posix()}/zz-more.yaml:2: sources[0].id: duplicate id 'company-blog' "
        f"(first defined at sources.yaml:{first})"
    )
    assert result.returncode == 1


def test_a_file_that_is_not_yaml_is_refused_not_called_ok(cli: Cli, tmp_path: Path) -> None:
    folder = new_dataset(cli, tmp_path / "x")
    notes = folder / "notes.md"
    notes.write_text("# notes\n", encoding="utf-8")
    result = cli("validate", notes.as_posix())
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == f"stances: error: {notes} is not a data file; name a .yaml or .yml file, or a data folder\n"


def test_a_file_outside_any_data_folder_is_told_to_name_one(cli: Cli, tmp_path: Path) -> None:
    stray = tmp_path / "stray.yaml"
    stray.write_text("sources: []\n", encoding="utf-8")
    result = cli("validate", stray.as_posix())
    assert result.returncode == 1
    assert result.stderr == (
        f"stances: error: no data folder above {stray}: no folder above it holds issues.yaml or dataset.yaml; "
        "name it with --data DIR\n"
    )


def test_a_wrong_optional_field_hides_no_other_problem_and_causes_none(cli: Cli, tmp_path: Path) -> None:
    folder = new_dataset(cli, tmp_path / "x")
    at = folder.as_posix()
    tier = edit(folder / "issues.yaml", "    tier: core                    # every", "    tier: main  # every")
    ends = edit(folder / "issues.yaml", "ends: {first: full support, last: opposition}", "ends: [support, opposition]")
    terms = edit(folder / "dataset.yaml", "- {id: signed_code, label: signed a voluntary code}", "- signed_code")
    stance = edit(folder / "parties" / "ministry.yaml", "stance: supports", "stance: backs")  # on data_sharing
    result = cli("validate", at)
    # no "unknown scale 'support'" (the scale is declared; its own problem is reported), no "unknown claim type
    # 'signed_code'" (dataset.yaml's list could not be read), and the stance on the issue with a wrong tier is checked
    assert result.stderr.splitlines() == [
        f"{at}/dataset.yaml:{terms}: dataset.claim_types[0]: got 'signed_code'; each term is a mapping with `id` and "
        "`label`, e.g. `- {id: signed_code, label: signed a code}`",
        f"{at}/issues.yaml:{ends}: scales[0].ends: got a list; `ends` is a mapping with `first` and `last`, "
        "e.g. `ends: {first: more limits, last: fewer limits}`",
        f"{at}/issues.yaml:{tier}: issues[0].tier: expected one of: core or secondary; got 'main'",
        f"{at}/parties/ministry.yaml:{stance}: positions[0].versions[0].stance: unknown stance 'backs' for issue "
        "'data_sharing'; expected one of supports, supports_with_conditions, opposes, no_public_position, unclear",
        f"4 problem(s) in {at}",
    ]
