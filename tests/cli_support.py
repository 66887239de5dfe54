"""The `stances` command run in-process: `main(argv)` with its output captured, as a subprocess would see it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from stances.cli import main


@dataclass(frozen=True)
class CliResult:
    returncode: int
    stdout: str
    stderr: str


Cli = Callable[..., CliResult]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, repo_root: Path) -> Cli:
    """cli("validate", "tests/data/sample", env={"POSITIONS_DIR": ...}, cwd=...) -> CliResult, run from the repo."""

    def run(*args: str, env: dict[str, str] | None = None, cwd: Path | str = repo_root) -> CliResult:
        monkeypatch.chdir(cwd)
        for name, value in (env or {}).items():
            monkeypatch.setenv(name, value)
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


def edit(path: Path, old: str, new: str) -> int:
    """Replace the first line holding `old`; return that line's number."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if old in line)
    lines[index] = lines[index].replace(old, new, 1)
    path.write_text("".join(lines), encoding="utf-8")
    return index + 1
