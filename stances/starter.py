"""`stances new DIR`: a small, commented dataset to start a dispute from, and the schema next to it.

The template ships as package data (`stances/template/`). Each file's first line points editors at
`positions.schema.json` by a relative path, so schema completion keeps working when the folder is copied.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from .json_schema import SCHEMA_FILE_NAME, schema_text

TEMPLATE = files("stances") / "template"


class TargetNotEmpty(Exception):
    pass


def _template_files(folder: Traversable, relative: str = "") -> list[tuple[str, Traversable]]:
    found: list[tuple[str, Traversable]] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        name = f"{relative}{entry.name}"
        if entry.is_dir():
            found += _template_files(entry, f"{name}/")
        elif entry.name.endswith(".yaml"):
            found.append((name, entry))
    return found


def write_schema_into(folder: Path) -> Path:
    target = folder / SCHEMA_FILE_NAME
    target.write_text(schema_text(), encoding="utf-8")
    return target


def write_new_dataset(target: Path) -> list[Path]:
    """Write the template dataset and its schema into `target` (new or empty); the files written."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise TargetNotEmpty(f"{target} already exists and is not an empty folder; name a new folder")
    written: list[Path] = []
    for name, entry in _template_files(TEMPLATE):
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(entry.read_bytes())
        written.append(path)
    written.append(write_schema_into(target))
    return written
