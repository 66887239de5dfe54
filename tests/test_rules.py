"""The record rules, as a curator meets them: `stances validate` on a copy of real data with one fault planted.

Errors (exit 1) come from the model's record rules and from the cross-record rules; warnings are printed, exit 0,
and fail only with `--strict`. The app loads data through `check_folder`, which never returns a warning.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from cli_support import Cli, edit
from cli_support import cli as cli  # the fixture
from pydantic import ValidationError

from stances.domain.model import PositionVersion, Quote, Source
from stances.domain.validate import check_folder, validate_folder

SAMPLE = "tests/data/sample"
POSITIONS = "positions"
PARNELL = (
    "The Department of War has no interest in using AI to conduct mass surveillance of Americans (which is "
    "illegal) nor do we want to use AI to develop autonomous weapons that operate without human involvement."
)
ORPHAN_SOURCE = """\
- id: orphan-source
  url: https://example.org/orphan
  outlet: Example
  published: unknown
  accessed: 2026-11-01
  kind: secondary
"""


def copy_of(repo_root: Path, tmp_path: Path, name: str) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(repo_root / name, folder)
    return folder


def line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


# ---------------------------------------------------------------- on a copy of the shipped positions/


def test_shipped_positions_are_clean_under_strict(cli: Cli) -> None:
    result = cli("validate", "--strict", POSITIONS)
    assert result.stderr == ""
    assert result.stdout.startswith(f"{POSITIONS}: OK — ")
    assert result.returncode == 0


def test_one_word_changed_in_one_quote_is_an_error_at_that_quote(cli: Cli, repo_root: Path, tmp_path: Path) -> None:
    folder = copy_of(repo_root, tmp_path, POSITIONS)
    path = folder / "parties" / "dod.yaml"
    line = edit(path, "- text: The Department of War has no interest", "- text: The Department of War has no intention")
    result = cli("validate", folder.as_posix())
    assert result.returncode == 1
    assert result.stdout == ""
    first, last = result.stderr.splitlines()
    assert re.fullmatch(
        re.escape(f"{folder.as_posix()}/parties/dod.yaml:{line}: ")
        + r"positions\[\d+\]\.versions\[\d+\]\.quotes\[\d+\]\.text: "
        + re.escape("not found word for word in any excerpt of source 'newrepublic-parnell-x'; ")
        + ".*",
        first,
    ), first
    assert last == f"1 problem(s) in {folder.as_posix()}"


def test_one_uncited_source_is_a_warning_that_fails_only_under_strict(
    cli: Cli, repo_root: Path, tmp_path: Path
) -> None:
    folder = copy_of(repo_root, tmp_path, POSITIONS)
    sources = folder / "sources.yaml"
    count = sources.read_text(encoding="utf-8").count("\n- id: ")
    with sources.open("a", encoding="utf-8") as out:
        out.write(ORPHAN_SOURCE)
    warning = (
        f"{folder.as_posix()}/sources.yaml:{line_of(sources, 'id: orphan-source')}: warning: sources[{count}].id: "
        "no position, event or disagreement cites this source; cite it or remove it"
    )

    result = cli("validate", folder.as_posix())
    assert result.stderr.splitlines() == [warning, f"1 warning(s) in {folder.as_posix()}"]
    assert result.stdout.startswith(f"{folder.as_posix()}: OK — ")
    assert result.returncode == 0

    strict = cli("validate", "--strict", folder.as_posix())
    assert strict.stderr.splitlines() == [
        warning,
        f"1 warning(s) in {folder.as_posix()}",
        "--strict: warnings count as errors",
    ]
    assert strict.stdout == ""
    assert strict.returncode == 1

    # what the app and the static site load: the dataset, and no warning to show readers
    dataset, problems = check_folder(folder)
    assert dataset is not None and "orphan-source" in dataset.sources
    assert problems == []


# ---------------------------------------------------------------- each rule, on a copy of the sample


def validate_lines(folder: Path) -> tuple[list[str], list[str]]:
    report = validate_folder(folder)
    return [p.render() for p in report.errors], [p.render() for p in report.warnings]


def test_the_sample_breaks_no_rule(repo_root: Path) -> None:
    assert validate_lines(repo_root / SAMPLE) == ([], [])


def test_quote_is_checked_only_against_a_source_that_records_excerpts(repo_root: Path, tmp_path: Path) -> None:
    folder = copy_of(repo_root, tmp_path, SAMPLE)
    dod = folder / "parties" / "dod.yaml"
    line = edit(dod, "text: The Department of War has no interest", "text: The Department of War has no intention")
    errors, _ = validate_lines(folder)
    # "The Department of War has no inte" is 33 characters; the 34th is "n" in the quote, "r" in the excerpt
    assert errors == [
        f"parties/dod.yaml:{line}: positions[0].versions[0].quotes[0].text: not found word for word in any excerpt "
        "of source 'newrepublic-parnell-x'; nearest is its excerpt 1; they first differ at character 34, "
        "after '… Department of War has no inte': the quote has 'ntion in using AI to conduct m…', "
        "the excerpt has 'rest in using AI to conduct ma…'; copy the quote exactly as the excerpt has it "
        "(same characters, curly quotes included)"
    ]
    sources = folder / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    parnell_excerpts = text.index("    excerpts:", text.index("id: newrepublic-parnell-x"))
    sources.write_text(text[:parnell_excerpts], encoding="utf-8")
    assert validate_lines(folder) == ([], [])


def test_direct_quote_found_only_in_reporting_is_an_error(repo_root: Path, tmp_path: Path) -> None:
    folder = copy_of(repo_root, tmp_path, SAMPLE)
    sources = folder / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    parnell = text.index("id: newrepublic-parnell-x")
    sources.write_text(text[:parnell] + text[parnell:].replace("direct: true", "direct: false"), encoding="utf-8")
    errors, _ = validate_lines(folder)
    # the quote leaves `direct` at its default, so the line is the quote's own
    quote_line = line_of(folder / "parties" / "dod.yaml", "- text: The Department of War")
    assert errors == [
        f"parties/dod.yaml:{quote_line}: positions[0].versions[0].quotes[0].direct: marked direct, but source "
        "'newrepublic-parnell-x' has these words only in excerpts marked as reporting; set `direct: false`, "
        "or quote the party's own words"
    ]
    # marked as the outlet's reporting, as the source has it: no error
    quoted = "            source: newrepublic-parnell-x"
    edit(folder / "parties" / "dod.yaml", quoted, f"{quoted}\n            direct: false")
    assert validate_lines(folder) == ([], [])


def test_summary_quoting_words_no_quote_holds_is_a_warning(repo_root: Path, tmp_path: Path) -> None:
    folder = copy_of(repo_root, tmp_path, SAMPLE)
    dod = folder / "parties" / "dod.yaml"
    line = edit(dod, "which it describes as illegal.", "which it calls “plainly illegal”.")
    assert validate_lines(folder) == (
        [],
        [
            f"parties/dod.yaml:{line}: warning: positions[0].versions[0].summary: quotes 'plainly illegal', which "
            "none of this version's quotes holds; add the quote, or drop the quotation marks"
        ],
    )
    edit(dod, "“plainly illegal”", "“which is illegal”")  # words the version's quote holds
    assert validate_lines(folder) == ([], [])


def test_parties_at_opposite_ends_without_a_disagreement_are_a_to_do_never_a_warning(
    cli: Cli, repo_root: Path, tmp_path: Path
) -> None:
    folder = copy_of(repo_root, tmp_path, SAMPLE)
    (folder / "disagreements.yaml").unlink()
    line = line_of(folder / "issues.yaml", "id: surveillance")
    todo = (
        f"issues.yaml:{line}: todo: issues[0].id: anthropic (explicit_bar) and dod (law_suffices) sit at opposite "
        "ends of this issue's scale and no disagreement names both; curate one only if the record holds an "
        "argument between them"
    )
    assert validate_lines(folder) == ([], [])
    assert [p.render() for p in validate_folder(folder, todo=True).todo] == [todo]
    strict = cli("validate", "--strict", folder.as_posix())
    assert (strict.returncode, strict.stderr) == (0, "")
    report = cli("validate", "--todo", folder.as_posix())
    assert report.returncode == 0
    assert report.stdout.splitlines()[:2] == [f"{folder.as_posix()}/{todo}", f"1 to-do(s) in {folder.as_posix()}"]


def test_warnings_wait_until_the_errors_are_fixed(repo_root: Path, tmp_path: Path) -> None:
    folder = copy_of(repo_root, tmp_path, SAMPLE)
    (folder / "disagreements.yaml").unlink()
    edit(folder / "parties" / "dod.yaml", "binding: no", "binding: perhaps")
    report = validate_folder(folder)
    assert report.dataset is None
    assert [p.field for p in report.errors] == ["positions[0].versions[0].binding"]
    assert report.warnings == []


# ---------------------------------------------------------------- record rules in the model


def test_direct_quote_without_speaker_is_an_error_at_its_speaker(repo_root: Path, tmp_path: Path) -> None:
    folder = copy_of(repo_root, tmp_path, SAMPLE)
    line = edit(folder / "parties" / "dod.yaml", "speaker: sean-parnell", "note: the speaker line was deleted")
    assert validate_lines(folder)[0] == [
        f"parties/dod.yaml:{line - 1}: positions[0].versions[0].quotes[0].speaker: a direct quote needs a speaker"
    ]


def test_no_public_position_with_quotes_is_an_error(repo_root: Path, tmp_path: Path) -> None:
    folder = copy_of(repo_root, tmp_path, SAMPLE)
    dod = folder / "parties" / "dod.yaml"
    edit(dod, "stance: law_suffices", "stance: no_public_position")
    assert validate_lines(folder)[0] == [
        f"parties/dod.yaml:{line_of(dod, 'quotes:')}: positions[0].versions[0].quotes: "
        "a no_public_position version cannot carry quotes"
    ]


def test_the_future_is_judged_against_the_today_given_as_context() -> None:
    published = dt.date(2026, 3, 1)
    data = {
        "id": "s",
        "url": "https://example.org/s",
        "outlet": "Example",
        "published": published.isoformat(),
        "accessed": "unknown",
        "kind": "primary",
    }
    assert Source.model_validate(data, context={"today": published}).published == published
    assert Source.model_validate(data).published == published  # no today given: no date is in the future
    with pytest.raises(ValidationError) as caught:
        Source.model_validate(data, context={"today": published - dt.timedelta(days=1)})
    [error] = caught.value.errors()
    assert error["loc"] == ("published",)
    assert error["msg"] == "date 2026-03-01 is in the future (today is 2026-02-28)"


def test_a_stance_needs_a_source_and_nothing_else_is_invented() -> None:
    with pytest.raises(ValidationError) as caught:
        PositionVersion.model_validate({"as_of": "2026-02-26", "stance": "law_suffices"})
    assert {(e["loc"], e["msg"]) for e in caught.value.errors()} == {
        (("sources",), "a position needs at least one source"),
    }
    version = PositionVersion.model_validate({"as_of": "2026-02-26", "stance": "law_suffices", "sources": ["s"]})
    assert (version.summary, version.claim_type, version.basis, version.binding) == (None, None, None, None)


def test_reported_text_needs_no_speaker() -> None:
    assert Quote(text="x", source="s", direct=False).speaker is None
    with pytest.raises(ValidationError, match="a direct quote needs a speaker"):
        Quote(text="x", source="s")


def test_a_record_breaking_a_record_rule_is_still_checked_against_the_other_files(
    repo_root: Path, tmp_path: Path
) -> None:
    folder = copy_of(repo_root, tmp_path, SAMPLE)
    timeline = folder / "timeline.yaml"
    text = timeline.read_text(encoding="utf-8")
    first_date = re.search(r"date: (\d{4}-\d{2}-\d{2})", text)
    assert first_date
    date_line = line_of(timeline, first_date.group(0))
    timeline.write_text(text.replace(first_date.group(0), "date: 2027-01-01", 1), encoding="utf-8")
    party_line = edit(timeline, "parties: [", "parties: [nobody, ")
    errors, _ = validate_lines(folder)
    assert errors == [
        f"timeline.yaml:{date_line}: events[0].date: date 2027-01-01 is in the future (today is 2026-12-04)",
        f"timeline.yaml:{party_line}: events[0].parties[0]: unknown party 'nobody'",
    ]
