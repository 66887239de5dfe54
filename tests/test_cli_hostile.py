"""Hostile input to the `stances` command: each gets a one-line message and a non-zero exit, or a file:line
problem; never a traceback. `stances site` never writes into, around or over what it may not."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from stances.domain import data_folder
from stances.domain.validate import check_folder
from stances.site import output
from stances.site.output import MARKER, OutputRefused, staged_output

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "tests" / "data" / "sample"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(SAMPLE, folder)
    return folder


def _one_line_error(result: subprocess.CompletedProcess) -> str:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("stances: error: "), result.stderr
    return lines[0]


@pytest.mark.parametrize("now", ["garbage", "2026-13-45", "yesterday"])
def test_a_bad_now_is_one_line(run_cli, now: str) -> None:
    line = _one_line_error(run_cli("validate", str(SAMPLE), env={"NOW": now}))
    assert f"NOW='{now}' is not a date" in line


def test_export_into_a_closed_pipe_ends_quietly(repo_root: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(repo_root)}
    command = [sys.executable, "-m", "stances", "export", str(SAMPLE)]
    process = subprocess.Popen(command, cwd=repo_root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader is gone before the first byte, as with `| head -c0`
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=60) == 141
    assert stderr == ""


def test_export_piped_into_head_prints_its_first_byte(repo_root: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(repo_root)}
    shell = f"{sys.executable} -m stances export {SAMPLE} | head -c1"
    result = subprocess.run(["sh", "-c", shell], cwd=repo_root, env=env, capture_output=True, timeout=60)
    assert result.stdout == b"{"
    assert b"Traceback" not in result.stderr


def test_validate_the_root_folder_is_refused_quickly(run_cli) -> None:
    started = time.monotonic()
    result = run_cli("validate", "/")
    assert time.monotonic() - started < 15
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "not a dataset folder: more than 10,000 files and folders" in result.stderr


def test_a_folder_nested_too_deep_is_not_a_dataset(data: Path) -> None:
    deep = data.joinpath(*["d"] * 10)
    deep.mkdir(parents=True)
    _, problems = check_folder(data)
    expected = "not a dataset folder: folders nested more than 8 levels deep"
    assert [p.message.split(".")[0] for p in problems] == [expected]


def test_a_file_name_that_is_not_utf8_is_a_problem(run_cli, data: Path) -> None:
    os.close(os.open(os.fsencode(data) + b"/bad\xff.yaml", os.O_CREAT | os.O_WRONLY))
    result = run_cli("validate", str(data))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{data}/bad\\xff.yaml:1: (file): file name is not valid UTF-8; rename the file" in result.stderr


def test_a_newline_in_a_file_name_does_not_split_the_line(run_cli, data: Path) -> None:
    (data / "two\nlines.yaml").write_text("issues: [oops]\n", encoding="utf-8")
    result = run_cli("validate", str(data))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert all(line.startswith(f"{data}/") for line in lines[:-1]), lines
    assert any(line.startswith(f"{data}/two\\nlines.yaml:1: issues[0]") for line in lines), lines


def test_an_unreadable_file_is_a_problem(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_open = os.open

    def refusing(path, flags, *args):
        if str(path).endswith("sources.yaml"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(data_folder.os, "open", refusing)
    dataset, problems = check_folder(data)
    assert dataset is None
    assert ("sources.yaml", 1, "(file)", "cannot read the file: Permission denied") in [
        (p.file, p.line, p.field, p.message) for p in problems
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file whatever its mode")
def test_an_unreadable_file_is_a_problem_for_real(run_cli, data: Path) -> None:
    (data / "sources.yaml").chmod(0)
    result = run_cli("validate", str(data))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{data}/sources.yaml:1: (file): cannot read the file: Permission denied" in result.stderr


def test_a_long_value_is_echoed_cut_to_200_characters(run_cli, data: Path) -> None:
    value = "x" * 100_000
    (data / "long.yaml").write_text(f"events:\n  - id: long\n    title: t\n    date: {value}\n", encoding="utf-8")
    result = run_cli("validate", str(data))
    assert result.returncode == 1
    assert len(result.stderr) < 2_000
    assert "… (100,002 characters)" in result.stderr  # repr adds the two quotes


@pytest.mark.parametrize("character", ["\u202e", "\u2066", "\x07", "\x85", "\r"])
def test_hidden_characters_in_text_are_reported_with_their_line(data: Path, character: str) -> None:
    escaped = character.encode("unicode_escape").decode()  # written as a YAML escape, as an editor might
    path = data / "parties" / "dod.yaml"
    rows = path.read_text(encoding="utf-8").splitlines()
    line = next(n for n, row in enumerate(rows, 1) if row.startswith("  name: "))
    rows[line - 1] = f'  name: "evil {escaped}name"'
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    _, problems = check_folder(data)
    hits = [p for p in problems if "invisible character" in p.message]
    assert [(p.file, p.line, p.field) for p in hits] == [("parties/dod.yaml", line, "party.name")]
    assert f"U+{ord(character):04X}" in hits[0].message


# ------------------------------------------------------------------------------------------ stances site


def test_site_into_proc_or_over_a_file_is_one_line(run_cli, tmp_path: Path) -> None:
    regular = tmp_path / "file"
    regular.write_text("keep", encoding="utf-8")
    for target in ("/proc/stances-site", "/proc/self/stances-site", str(regular)):
        _one_line_error(run_cli("site", target, "--data", str(SAMPLE)))
    assert regular.read_text(encoding="utf-8") == "keep"


def _listing(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


@pytest.mark.parametrize("where", [".", "site", "parties/site", ".."])
def test_site_never_writes_into_or_around_the_data(run_cli, data: Path, where: str) -> None:
    before = _listing(data.parent)
    line = _one_line_error(run_cli("site", str(data / where), "--data", str(data)))
    assert "data folder" in line
    assert _listing(data.parent) == before


def test_site_refuses_a_foreign_folder_unless_forced(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    line = _one_line_error(run_cli("site", str(out), "--data", str(SAMPLE)))
    assert "--force" in line
    assert _listing(out) == ["notes.txt"]
    forced = run_cli("site", str(out), "--data", str(SAMPLE), "--force", "--no-images")
    assert forced.returncode == 0, forced.stderr
    assert (out / MARKER).is_file() and not (out / "notes.txt").exists()


def test_site_rebuilds_its_own_output_without_stale_pages(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_cli("site", str(out), "--data", str(SAMPLE), "--no-images").returncode == 0
    (out / "stale.html").write_text("old", encoding="utf-8")
    again = run_cli("site", str(out), "--data", str(SAMPLE), "--no-images")
    assert again.returncode == 0, again.stderr
    assert not (out / "stale.html").exists()
    assert (out / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no staging folder left beside it


def test_a_failed_build_leaves_the_earlier_site_whole(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with staged_output(out, SAMPLE) as staging:
        (staging / "index.html").write_text("first", encoding="utf-8")
    with pytest.raises(RuntimeError), staged_output(out, SAMPLE) as staging:
        (staging / "index.html").write_text("half", encoding="utf-8")
        raise RuntimeError("the build failed")
    assert (out / "index.html").read_text(encoding="utf-8") == "first"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_the_output_check_resolves_links_to_the_data(tmp_path: Path, data: Path) -> None:
    link = tmp_path / "link"
    link.symlink_to(data)
    with pytest.raises(OutputRefused, match="data folder"):
        output.check_outdir(link / "site", data, force=True)


def test_a_line_break_in_a_key_does_not_split_the_line(run_cli, data: Path) -> None:
    (data / "keys.yaml").write_text('issues:\n  - id: k\n    "odd\\nkey\\u202e": 1\n', encoding="utf-8")
    result = run_cli("validate", str(data))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert all(line.startswith(f"{data}/") for line in lines[:-1]), lines
    assert any(line.startswith(f"{data}/keys.yaml:3: issues[0].odd\\nkey\\u202e: unknown field") for line in lines)
