"""Load a positions folder and validate it in three layers, collecting every problem:

1. the YAML reader refuses hazards (tabs, duplicate keys, tags, ...);
2. the schema, with the record rules of `model.py`, checks each record on its own;
3. cross-file checks here (ids exist, no duplicates, core cells present), then the rules of `rules.py` across
   the whole dataset: errors, and warnings that only `stances validate` reports.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from pathlib import Path as FsPath
from typing import Any

from pydantic import BaseModel, ValidationError

from .clock import today
from .cross_checks import Checker, Collector, Item
from .data_folder import read_data_file, scan_folder
from .dataset import CellVersion, Dataset
from .field_types import RECORD_RULES
from .model import (
    Correction,
    DatasetInfo,
    Disagreement,
    Event,
    Issue,
    Party,
    Position,
    PositionVersion,
    Reply,
    Scale,
    Source,
)
from .problems import TODO, DataError, Path, Place, Problem, format_path
from .rules import ERROR_RULES, TODO_RULES, WARNING_RULES, Rule, check_rules
from .schema_messages import schema_messages
from .yaml_reader import ReadResult, paused_gc, read_yaml

LIST_SECTIONS: dict[str, type[BaseModel]] = {
    "scales": Scale,
    "issues": Issue,
    "parties": Party,
    "positions": Position,
    "sources": Source,
    "disagreements": Disagreement,
    "events": Event,
    "corrections": Correction,
    "replies": Reply,
}
SINGLE_SECTIONS: dict[str, type[BaseModel]] = {"dataset": DatasetInfo, "party": Party}
SECTIONS = (*SINGLE_SECTIONS, *LIST_SECTIONS)


def data_files(folder: FsPath) -> list[FsPath]:
    return [file.path for file in scan_folder(folder).files]


def folder_fingerprint(folder: FsPath) -> str:
    """Changes whenever a data file is added, removed or edited, or a folder entry becomes unusable; stat only."""
    digest = hashlib.sha256()
    scan = scan_folder(folder)
    for file in scan.files:
        digest.update(f"{file.name}|{file.size}|{file.mtime_ns}|{file.identity}\n".encode())
    for problem in scan.problems:
        digest.update(f"{problem.file}|{problem.message}\n".encode())
    return digest.hexdigest()[:16]


def _validate_model(
    model: type[BaseModel], data: Any, file: str, prefix: Path, read: ReadResult, out: Collector, now: date
) -> tuple[Any, list[int] | None]:
    """The record, checked; on failure every problem is reported, and the record is still returned (with
    record rules off) so the cross-file checks see it. A position whose only unusable parts are some of its
    versions is returned without them, with the indexes of the versions kept."""
    try:
        return model.model_validate(data, context={"today": now}), None
    except ValidationError as exc:
        messages = schema_messages(exc, data, prefix, read)
    for path, texts in messages.items():
        out.add(read, file, path, " or ".join(texts) if len(texts) < 4 else texts[0])
    # If only record rules (or values the reader refused, or optional fields) failed, the record still goes to the
    # cross-file checks, so that their problems are listed in the same run; the dataset is not built from it.
    lenient = _lenient(model, data)
    if lenient is not None:
        return lenient, None
    if model is Position and isinstance(data, dict) and isinstance(data.get("versions"), list):
        return _usable_versions(data)
    return None, None


def _lenient(model: type[BaseModel], data: Any) -> Any:
    """The record with record rules off and, if that still fails, without the optional fields that failed; None
    when a required field is wrong. Only for the cross-file checks: its problems are already reported."""
    try:
        return model.model_validate(data, context={RECORD_RULES: False})
    except ValidationError as exc:
        failed = {error["loc"][0] for error in exc.errors() if error["loc"]}
    fields = model.model_fields
    if not isinstance(data, dict) or not all(isinstance(f, str) and f in fields for f in failed):
        return None
    if any(fields[f].is_required() for f in failed):
        return None
    try:
        return model.model_validate({k: v for k, v in data.items() if k not in failed}, context={RECORD_RULES: False})
    except ValidationError:
        return None


def _usable_versions(data: dict) -> tuple[Position | None, list[int] | None]:
    kept: list[tuple[int, PositionVersion]] = []
    for v, raw in enumerate(data["versions"]):
        version = _lenient(PositionVersion, raw)
        if version is not None:
            kept.append((v, version))
    if not kept:
        return None, None
    try:
        shell = Position.model_validate(
            {**data, "versions": [data["versions"][kept[0][0]]]}, context={RECORD_RULES: False}
        )
    except ValidationError:
        return None, None
    return shell.model_copy(update={"versions": [version for _, version in kept]}), [v for v, _ in kept]


class _Places:
    """Where each record of the dataset was read, looked up by the record object itself."""

    def __init__(self, items: dict[str, list[Item]]):
        self.items = items

    @cached_property
    def index(self) -> dict[int, tuple[Item, Path]]:
        found: dict[int, tuple[Item, Path]] = {}
        for entries in self.items.values():
            for item in entries:
                found[id(item.model)] = (item, item.path)
                if isinstance(item.model, Position):
                    for v, version in item.versions():
                        found[id(version)] = (item, (*item.path, "versions", v))
        return found

    def of(self, record: object, path: Path = ()) -> Place:
        item, base = self.index[id(record)]
        full = (*base, *path)
        return Place(item.file, item.read.line_of(full), format_path(full))


@dataclass(frozen=True)
class Report:
    """A folder's dataset (None on any error), its errors, and the warnings and curator's to-dos found once it had
    none."""

    dataset: Dataset | None
    errors: list[Problem]
    warnings: list[Problem] = field(default_factory=list)
    todo: list[Problem] = field(default_factory=list)


def check_folder(folder: str | FsPath) -> tuple[Dataset | None, list[Problem]]:
    """Validate a positions folder. Returns the dataset (None on any error) and every error; no warnings."""
    report = validate_folder(folder, warnings=False)
    return report.dataset, report.errors


def validate_folder(folder: str | FsPath, warnings: bool = True, todo: bool = False) -> Report:
    """Validate a positions folder: its errors and, when it has none, the warnings a curator should act on and
    (with `todo`) the curator's report."""
    with paused_gc():
        report = _check_folder(FsPath(folder), (WARNING_RULES if warnings else ()) + (TODO_RULES if todo else ()))
    return replace(
        report,
        warnings=[p for p in report.warnings if p.level != TODO],
        todo=[p for p in report.warnings if p.level == TODO],
    )


def _sorted(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(set(problems), key=lambda p: (p.file, p.line, p.field, p.message))


def _check_folder(folder: FsPath, warning_rules: tuple[Rule, ...]) -> Report:
    root = FsPath(folder)
    out = Collector()
    if not root.is_dir():
        return Report(None, [Problem(".", 1, "(folder)", "data folder not found")])
    scan = scan_folder(root)
    if scan.refused:
        return Report(None, scan.problems)
    if not scan.files and not scan.problems:
        return Report(None, [Problem(".", 1, "(folder)", "no .yaml files in the data folder")])
    out.problems.extend(scan.problems)
    now = today()
    checker = Checker(out, SECTIONS)
    digest = hashlib.sha256()
    for file in scan.files:
        raw = read_data_file(file)
        if isinstance(raw, str):
            out.problems.append(Problem(file.name, 1, "(file)", raw))
            continue
        digest.update(file.name.encode() + b"\0" + raw)
        read = read_yaml(raw, file.name)
        out.problems.extend(read.problems)
        if not isinstance(read.data, dict):
            checker.register_unreadable(file.name, raw.decode("utf-8", errors="replace"))
            continue
        _collect_file(file.name, read, checker, out, now)
    versions = checker.run()
    dataset = _dataset(checker, versions, digest.hexdigest()[:16])
    places = _Places(checker.items)
    if out.problems:
        # The cross-record rules still run on every record that parsed, so one run lists every problem.
        partial = replace(dataset, versions=tuple(checker.all_versions))
        return Report(None, _sorted([*out.problems, *check_rules(partial, places, ERROR_RULES)]))
    errors = check_rules(dataset, places, ERROR_RULES)
    if errors:
        return Report(None, _sorted(errors))
    return Report(dataset, [], _sorted(check_rules(dataset, places, warning_rules)))


def _dataset(checker: Checker, versions: list[CellVersion], fingerprint: str) -> Dataset:
    items = checker.items
    parties = items["party"] + items["parties"]
    infos = [item.model for item in items["dataset"]]
    return Dataset(
        info=infos[0] if infos else None,
        parties={i.model.id: i.model for i in parties},
        issues={i.model.id: i.model for i in items["issues"]},
        sources={i.model.id: i.model for i in items["sources"]},
        versions=tuple(sorted(versions, key=lambda c: (c.party, c.issue, c.version.sort_key))),
        disagreements=tuple(i.model for i in items["disagreements"]),
        events=tuple(i.model for i in items["events"]),
        corrections=tuple(sorted((i.model for i in items["corrections"]), key=lambda c: (c.date, c.id), reverse=True)),
        fingerprint=fingerprint,
        speakers={s.id: s for i in parties for s in i.model.speakers},
        scales={i.model.id: i.model for i in items["scales"]},
        replies=tuple(i.model for i in items["replies"]),
    )


KINDS = {
    "scales": "scales",
    "party": "parties",
    "parties": "parties",
    "issues": "issues",
    "sources": "sources",
    "disagreements": "disagreements",
    "events": "events",
    "corrections": "corrections",
}


def _collect_file(name: str, read: ReadResult, checker: Checker, out: Collector, now: date) -> None:
    for key, value in sorted(read.data.items(), key=lambda kv: kv[0] != "party"):
        if key not in SECTIONS:
            out.add(read, name, (key,), f"unknown section; expected one of {', '.join(SECTIONS)}")
            continue
        if key in SINGLE_SECTIONS:
            entries = [((key,), value)]
            if key == "party" and isinstance(value, dict) and isinstance(value.get("id"), str):
                checker.file_party[name] = value["id"]
        elif not isinstance(value, list):
            if (key,) not in read.refused:
                out.add(read, name, (key,), "must be a list (lines starting with `- `)")
            continue
        else:
            entries = [((key, i), entry) for i, entry in enumerate(value)]
        model = SINGLE_SECTIONS.get(key) or LIST_SECTIONS[key]
        for path, entry in entries:
            _collect_entry(name, read, checker, out, now, key, model, path, entry)
    if "dataset" in read.data and len(checker.items["dataset"]) > 1:
        out.add(read, name, ("dataset",), "only one file may hold the `dataset` section")


def _collect_entry(
    name: str,
    read: ReadResult,
    checker: Checker,
    out: Collector,
    now: date,
    key: str,
    model: type[BaseModel],
    path: Path,
    entry: Any,
) -> None:
    ident = entry.get("id") if isinstance(entry, dict) else None
    if key in ("party", "parties") and isinstance(entry, dict) and isinstance(entry.get("speakers"), list):
        # From the raw entry, so a mistake elsewhere in the party does not make every quote's speaker unknown.
        for i, speaker in enumerate(entry["speakers"]):
            if isinstance(speaker, dict):
                checker.register("speakers", speaker.get("id"), name, read.line_of((*path, "speakers", i)), None)
    if key == "positions" and isinstance(entry, dict):
        party = entry.get("party", checker.file_party.get(name))
        checker.attempted_cells.add((str(party), str(entry.get("issue"))))
    parsed, version_indexes = _validate_model(model, entry, name, path, read, out, now)
    if (
        key == "dataset"
        and isinstance(entry, dict)
        and entry.get("claim_types")
        and not getattr(parsed, "claim_types", 0)
    ):
        checker.claim_types_unread = True  # reported where it is; claim types are then not checked elsewhere
    item = Item(name, path, parsed, read, version_indexes)
    if key in KINDS:
        checker.register(KINDS[key], ident, name, read.line_of(path), item)
    if parsed is not None:
        checker.items[key].append(item)


def load_dataset(folder: str | FsPath) -> Dataset:
    dataset, problems = check_folder(folder)
    if dataset is None:
        raise DataError(problems)
    return dataset
