"""A validation problem, anchored to a file, a line and a field path, at the level of an error or a warning.

An error makes the data unusable; a warning is a curator's to-do that the app and the site never show.
Rendered: `file:line: field: message` for an error, `file:line: warning: field: message` for a warning.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

Path = tuple[str | int, ...]
Level = Literal["error", "warning"]
ERROR: Level = "error"
WARNING: Level = "warning"


def format_path(path: Path) -> str:
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text or "(file)"


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    field: str
    message: str
    level: Level = ERROR

    def render(self, prefix: str = "") -> str:
        location = f"{prefix.rstrip('/')}/{self.file}" if prefix else self.file
        marker = "" if self.level == ERROR else f"{self.level}: "
        return f"{location}:{self.line}: {marker}{self.field}: {self.message}"


@dataclass(frozen=True)
class Place:
    """Where a record, or a field inside it, was read."""

    file: str
    line: int
    field: str

    def problem(self, message: str, level: Level = ERROR) -> Problem:
        return Problem(self.file, self.line, self.field, message, level)


class Places(Protocol):
    """Finds where a record of a validated dataset was read; `path` leads from the record to one of its fields."""

    def of(self, record: object, path: Path = ()) -> Place: ...


class DataError(Exception):
    """Raised when a data folder does not validate; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the data")
