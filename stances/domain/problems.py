"""A validation problem, anchored to a file, a line and a field path, at the level of an error or a warning.

An error makes the data unusable; a warning is a fault a curator should fix, which the app and the site never show;
a to-do is a line of the curator's report, which never fails a run.
Rendered: `file:line: field: message` for an error, `file:line: warning: field: message` for a warning and
`file:line: todo: field: message` for a to-do.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Literal, Protocol

Path = tuple[str | int, ...]
Level = Literal["error", "warning", "todo"]
ERROR: Level = "error"
WARNING: Level = "warning"
TODO: Level = "todo"  # a line of the curator's report (`stances validate --todo`): neither error nor warning

MAX_SHOWN = 200  # characters of a value echoed in a message
MAX_MESSAGE = 600  # a message that still grew longer (many long parts) is cut too


def shown(text: str) -> str:
    """`text` safe to print on one line: bytes that are not UTF-8 as \\xNN, other unprintable characters escaped."""
    if text.isprintable():
        return text
    try:  # a file name's undecodable bytes, as os gives them (surrogate escapes), back to the bytes
        text = os.fsencode(text).decode("utf-8", errors="backslashreplace")
    except UnicodeError:
        pass
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)


def clip(text: str, limit: int = MAX_SHOWN) -> str:
    """`text`, or its first `limit` characters, "…" and the total length."""
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text):,} characters)"


def shown_value(value: object) -> str:
    """A value echoed in a message: its repr, bounded."""
    return clip(repr(value))


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

    def __post_init__(self) -> None:
        # Each part printable and bounded, so a rendered problem is always one line of reasonable length.
        object.__setattr__(self, "file", shown(self.file))
        object.__setattr__(self, "field", clip(shown(self.field)))
        object.__setattr__(self, "message", clip(shown(self.message), MAX_MESSAGE))

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
