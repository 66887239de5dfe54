"""Checking one data file in the context of its folder: the file's own problems, and those it causes elsewhere.

The whole folder is validated (a file means nothing without the ids the others define); then the problems are
kept that sit in the file, or that elsewhere name an id the file defines or the file itself (a duplicate id's
"first defined at parties/x.yaml:3").
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .cross_checks import ids_in_text
from .problems import Problem
from .validate import Report


@dataclass(frozen=True)
class FileReport:
    name: str  # the file, relative to its data folder, with '/'
    errors: list[Problem]
    warnings: list[Problem]
    others: int  # problems elsewhere in the folder, not caused by this file


def file_name_in(folder: Path, file: Path) -> str | None:
    """The file's name relative to the data folder, or None when it lies outside it."""
    try:
        return file.absolute().relative_to(folder.absolute()).as_posix()
    except ValueError:
        return None


def _caused_by(problem: Problem, name: str, ids: set[str]) -> bool:
    return problem.file == name or f"{name}:" in problem.message or any(f"'{i}'" in problem.message for i in ids)


def file_report(report: Report, folder: Path, name: str) -> FileReport:
    text = (folder / name).read_text(encoding="utf-8", errors="replace")
    ids = set(ids_in_text(text))
    errors = [p for p in report.errors if _caused_by(p, name, ids)]
    warnings = [p for p in report.warnings if _caused_by(p, name, ids)]
    return FileReport(name, errors, warnings, len(report.errors) - len(errors))
