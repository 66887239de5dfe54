"""A validation problem, anchored to a file, a line and a field path."""

from __future__ import annotations

from dataclasses import dataclass

Path = tuple[str | int, ...]


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

    def render(self, prefix: str = "") -> str:
        location = f"{prefix.rstrip('/')}/{self.file}" if prefix else self.file
        return f"{location}:{self.line}: {self.field}: {self.message}"


class DataError(Exception):
    """Raised when a data folder does not validate; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the data")
