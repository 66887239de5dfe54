"""The committed JSON Schema matches the model, and every data file points editors at it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stances.json_schema import SCHEMA_PATH, schema_text

MARKER = "# yaml-language-server: $schema="
REPO_ROOT = Path(__file__).resolve().parent.parent
SCHEMA_FILE = REPO_ROOT / "stances" / "schema" / "positions.schema.json"


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def _schema_target(path: Path) -> Path | None:
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    if not first.startswith(MARKER):
        return None
    return (path.parent / first[len(MARKER) :].strip()).resolve()


def test_schema_path_is_the_committed_file() -> None:
    assert SCHEMA_PATH.resolve() == SCHEMA_FILE


def test_committed_schema_is_up_to_date() -> None:
    committed = SCHEMA_FILE.read_text(encoding="utf-8")
    assert committed == schema_text(), (
        "stances/schema/positions.schema.json is out of date with stances/domain/model.py; "
        "run `python -m stances schema --write` and commit the result"
    )


def test_schema_describes_a_data_file() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is False
    keys = "dataset scales issues party parties positions sources disagreements events corrections replies"
    assert set(schema["properties"]) == set(keys.split())


DATA_FILES = _yaml_files(REPO_ROOT / "tests" / "data" / "sample") + _yaml_files(REPO_ROOT / "positions")


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.relative_to(REPO_ROOT).as_posix())
def test_data_file_points_at_the_schema(path: Path) -> None:
    target = _schema_target(path)
    assert target is not None, f"{path.relative_to(REPO_ROOT)} must start with `{MARKER}<relative path>`"
    assert target == SCHEMA_FILE, f"{path.relative_to(REPO_ROOT)} points at {target}, not at {SCHEMA_FILE}"


def test_there_are_data_files_to_check() -> None:
    assert len(DATA_FILES) >= 6


BROKEN_WITH_MARKER = [p for p in _yaml_files(REPO_ROOT / "tests" / "data" / "broken") if p.read_bytes()[:1] == b"#"]


@pytest.mark.parametrize("path", BROKEN_WITH_MARKER, ids=lambda p: p.relative_to(REPO_ROOT).as_posix())
def test_broken_corpus_markers_resolve(path: Path) -> None:
    # the broken examples are opened in editors too; where they name the schema, the path must be right
    target = _schema_target(path)
    assert target in (None, SCHEMA_FILE), f"{path.relative_to(REPO_ROOT)} points at {target}"
