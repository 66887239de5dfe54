"""Load a positions folder and validate it in three layers, collecting every problem:

1. the YAML reader refuses hazards (tabs, duplicate keys, tags, ...);
2. the schema, with the record rules of `model.py`, checks each record on its own;
3. cross-file checks here (ids exist, no duplicates, core cells present), then the rules of `rules.py` across
   the whole dataset: errors, and warnings that only `stances validate` reports.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path as FsPath
from typing import Any

from pydantic import BaseModel, ValidationError

from .clock import today
from .data_folder import read_data_file, scan_folder
from .dataset import CellVersion, Dataset
from .model import (
    NO_PUBLIC_POSITION,
    RECORD_RULE,
    RECORD_RULES,
    SPECIAL_STANCES,
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
from .problems import DataError, Path, Place, Problem, format_path, shown_value
from .reply_rules import check_reply
from .rules import ERROR_RULES, WARNING_RULES, Rule, check_rules
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


@dataclass
class _Item:
    file: str
    path: Path
    model: Any
    read: ReadResult


@dataclass
class _Collector:
    problems: list[Problem] = field(default_factory=list)

    def add(self, read: ReadResult, file: str, path: Path, message: str) -> None:
        self.problems.append(Problem(file, read.line_of(path), format_path(path), message))


def _friendly(error: dict) -> str:
    kind = error["type"]
    value = error.get("input")
    if kind == RECORD_RULE:
        return error["msg"]
    if kind == "extra_forbidden":
        return "unknown field"
    if kind == "missing":
        return "required field is missing"
    if kind == "invalid_id":
        return f"{shown_value(value)} is not a valid id: {error['msg']}"
    if kind.startswith("date") or kind == "datetime_from_date_parsing":
        return f"{shown_value(value)} is not a date (use YYYY-MM-DD)"
    if kind == "too_short":
        return f"{error['msg'].replace('List', 'list').replace('String', 'text')}"
    shown = shown_value(value) if not isinstance(value, (dict, list)) else type(value).__name__
    return f"{error['msg']}, got {shown}"


def _real_path(data: Any, loc: tuple, kind: str) -> Path:
    """Drop pydantic's union-member labels from an error location, keeping real keys and indexes."""
    path: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and part in node:
            path.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            path.append(part)
            node = node[part]
        elif kind in ("missing", "extra_forbidden", RECORD_RULE) and str(part).isidentifier() and part == loc[-1]:
            path.append(part)
            break
    return tuple(path)


def _messages(exc: ValidationError, data: Any, prefix: Path, read: ReadResult) -> dict[Path, list[str]]:
    """The schema's complaints per field path, leaving out the values the reader already refused."""
    messages: dict[Path, list[str]] = {}
    for error in exc.errors():
        path = (*prefix, *_real_path(data, error["loc"], error["type"]))
        if path in read.refused:
            continue  # already reported by the reader, which read the value as None
        text = _friendly(error)
        if text not in messages.setdefault(path, []):
            messages[path].append(text)
    return messages


def _validate_model(
    model: type[BaseModel], data: Any, file: str, prefix: Path, read: ReadResult, out: _Collector, now: date
) -> Any:
    try:
        return model.model_validate(data, context={"today": now})
    except ValidationError as exc:
        messages = _messages(exc, data, prefix, read)
    for path, texts in messages.items():
        out.add(read, file, path, " or ".join(texts) if len(texts) < 4 else texts[0])
    # If only record rules (or values the reader refused) failed, the record still goes to the cross-file checks,
    # so that their problems are listed in the same run; the dataset is not built from it.
    try:
        return model.model_validate(data, context={RECORD_RULES: False})
    except ValidationError:
        return None


class _Checker:
    """Cross-file checks over the items that passed the schema."""

    def __init__(self, out: _Collector):
        self.out = out
        self.items: dict[str, list[_Item]] = {name: [] for name in SECTIONS}
        self.known: dict[str, dict[str, tuple[str, int]]] = {
            name: {}
            for name in ("scales", "issues", "parties", "sources", "disagreements", "events", "speakers", "corrections")
        }
        self.file_party: dict[str, str] = {}
        self.attempted_cells: set[tuple[str, str]] = set()

    def problem(self, item: _Item, path: Path, message: str) -> None:
        if (*item.path, *path) in item.read.refused:
            return  # the reader already reported this value and read it as None
        self.out.add(item.read, item.file, (*item.path, *path), message)

    def register(self, kind: str, ident: Any, file: str, line: int, item: _Item | None) -> None:
        if not isinstance(ident, str):
            return
        seen = self.known[kind]
        if ident in seen and item is not None:
            other_file, other_line = seen[ident]
            self.problem(item, ("id",), f"duplicate id {ident!r} (first defined at {other_file}:{other_line})")
            return
        seen.setdefault(ident, (file, line))

    def exists(self, kind: str, ident: str, item: _Item, path: Path, what: str) -> bool:
        if ident in self.known[kind]:
            return True
        self.problem(item, path, f"unknown {what} {ident!r}")
        return False

    def sources_exist(self, ids: Iterable[str], item: _Item, path: Path) -> None:
        for i, ident in enumerate(ids):
            self.exists("sources", ident, item, (*path, i), "source")

    def run(self) -> tuple[list[CellVersion], dict[tuple[str, str], Any]]:
        self.resolve_scales()
        for item in self.items["dataset"]:
            self.check_dataset_info(item)
        for item in self.items["party"] + self.items["parties"]:
            self.check_party_kind(item)
        for item in self.items["sources"]:
            self.check_source(item)
        cells = self.check_positions()
        for item in self.items["disagreements"]:
            self.check_disagreement(item)
        for item in self.items["events"]:
            self.check_event(item)
        for item in self.items["corrections"]:
            self.check_correction(item)
        for item in self.items["replies"]:
            check_reply(self, item)
        self.check_core_cells(cells)
        return [cell for versions in cells.values() for cell in versions], cells

    def resolve_scales(self) -> None:
        """Give every issue that names a shared scale the scale's levels, so a Dataset's issues all hold lists."""
        scales = {item.model.id: item.model for item in self.items["scales"]}
        for item in self.items["issues"]:
            name = item.model.scale
            if not isinstance(name, str):
                continue
            if name in scales:
                item.model = item.model.model_copy(update={"scale": scales[name].levels})
            else:
                declared = f"declared scales: {', '.join(scales)}" if scales else "no `scales:` section declares one"
                self.problem(item, ("scale",), f"unknown scale {name!r}; {declared}")

    def info_item(self) -> _Item | None:
        return self.items["dataset"][0] if self.items["dataset"] else None

    def check_dataset_info(self, item: _Item) -> None:
        info: DatasetInfo = item.model
        for i, issue in enumerate(info.complete_issues or ()):
            self.exists("issues", issue, item, ("complete_issues", i), "issue")

    def check_party_kind(self, item: _Item) -> None:
        info = self.info_item()
        kinds = info.model.party_kinds if info else None
        kind = item.model.kind
        if kinds is None or kind is None or kind in kinds:
            return
        where = f"{info.file}:{info.read.line_of((*info.path, 'party_kinds'))}"
        self.problem(item, ("kind",), f"unknown party kind {kind!r}; {where} allows: {', '.join(kinds)}")

    def check_source(self, item: _Item) -> None:
        source: Source = item.model
        for i, relay in enumerate(source.via):
            if relay.source is not None:
                self.exists("sources", relay.source, item, ("via", i, "source"), "source")

    def check_positions(self) -> dict[tuple[str, str], list[CellVersion]]:
        cells: dict[tuple[str, str], list[CellVersion]] = {}
        days: dict[tuple[str, str], dict[date, list[tuple[PositionVersion, str]]]] = {}
        issues = {item.model.id: item.model for item in self.items["issues"]}
        for item in self.items["positions"]:
            position: Position = item.model
            party = position.party or self.file_party.get(item.file)
            if party is None:
                self.problem(item, ("party",), "required: name the party here or declare `party:` in this file")
                continue
            party_ok = self.exists("parties", party, item, ("party",), "party")
            issue_ok = self.exists("issues", position.issue, item, ("issue",), "issue")
            for v, version in enumerate(position.versions):
                where = ("versions", v)
                if issue_ok and isinstance(getattr(issues.get(position.issue), "scale", None), list):
                    self.check_stance(item, where, version, issues[position.issue])
                self.check_version(item, where, version)
                here = f"{item.file}:{item.read.line_of((*item.path, *where, 'as_of'))}"
                same_day = days.setdefault((party, position.issue), {}).setdefault(version.as_of, [])
                self.check_same_day(item, where, (party, position.issue), version, same_day)
                same_day.append((version, here))
                if party_ok and issue_ok:
                    cells.setdefault((party, position.issue), []).append(CellVersion(party, position.issue, version))
        return cells

    def check_same_day(
        self,
        item: _Item,
        where: Path,
        cell: tuple[str, str],
        version: PositionVersion,
        same_day: list[tuple[PositionVersion, str]],
    ) -> None:
        """Versions of one cell may share a day only when each carries a distinct time or order."""

        def moment(v: PositionVersion) -> tuple[Any, Any]:
            return (v.time, v.order)

        for other, at in same_day:
            if moment(version) == (None, None) or moment(other) == (None, None):
                advice = "; to keep both, give each a `time` (HH:MM) or an `order`"
            elif moment(version) == moment(other):
                advice = " with the same time and order; give each a different `time` or `order`"
            else:
                continue
            self.problem(
                item,
                (*where, "as_of"),
                f"another version of {cell[0]} × {cell[1]} already has as_of {version.as_of.isoformat()} "
                f"(at {at}){advice}",
            )
            return

    def check_stance(self, item: _Item, where: Path, version: PositionVersion, issue: Issue) -> None:
        allowed = [level.id for level in issue.scale] + list(SPECIAL_STANCES)
        if version.stance not in allowed:
            self.problem(
                item,
                (*where, "stance"),
                f"unknown stance {version.stance!r} for issue {issue.id!r}; expected one of {', '.join(allowed)}",
            )

    def check_version(self, item: _Item, where: Path, version: PositionVersion) -> None:
        self.sources_exist(version.sources, item, (*where, "sources"))
        for q, quote in enumerate(version.quotes):
            path = (*where, "quotes", q)
            if quote.speaker is not None:
                self.exists("speakers", quote.speaker, item, (*path, "speaker"), "speaker")
            if self.exists("sources", quote.source, item, (*path, "source"), "source"):
                if quote.source not in version.sources:
                    self.problem(
                        item,
                        (*path, "source"),
                        f"quote cites {quote.source!r}, which is not among this version's sources",
                    )

    def check_disagreement(self, item: _Item) -> None:
        entry: Disagreement = item.model
        self.exists("issues", entry.issue, item, ("issue",), "issue")
        for i, party in enumerate(entry.parties):
            self.exists("parties", party, item, ("parties", i), "party")
        for s, side in enumerate(entry.sides):
            self.sources_exist(side.sources, item, ("sides", s, "sources"))

    def check_event(self, item: _Item) -> None:
        event: Event = item.model
        for d, entry in enumerate(event.dates):
            self.sources_exist(entry.sources, item, ("dates", d, "sources"))
        for i, party in enumerate(event.parties):
            self.exists("parties", party, item, ("parties", i), "party")
        for i, issue in enumerate(event.issues):
            self.exists("issues", issue, item, ("issues", i), "issue")
        self.sources_exist(event.sources, item, ("sources",))
        for a, account in enumerate(event.accounts):
            self.sources_exist(account.sources, item, ("accounts", a, "sources"))

    def check_correction(self, item: _Item) -> None:
        correction: Correction = item.model
        self.sources_exist(correction.sources, item, ("sources",))

    def complete_issues(self) -> tuple[list[str], str]:
        """The issues every party needs a position on, and what to call them: those named in dataset.yaml,
        else the core issues, else (with no tiers at all) every issue."""
        info = self.info_item()
        issues = [item.model for item in self.items["issues"]]
        if info and info.model.complete_issues is not None:
            return [i for i in info.model.complete_issues if i in self.known["issues"]], "issue"
        if any(issue.tier for issue in issues):
            return [issue.id for issue in issues if issue.tier == "core"], "core issue"
        return [issue.id for issue in issues], "issue"

    def check_core_cells(self, cells: dict[tuple[str, str], list[CellVersion]]) -> None:
        required, noun = self.complete_issues()
        for item in self.items["party"] + self.items["parties"]:
            for issue in required:
                if (item.model.id, issue) not in cells and (item.model.id, issue) not in self.attempted_cells:
                    self.problem(
                        item,
                        ("id",),
                        f"no position on {noun} {issue!r}; add one, or a version with stance {NO_PUBLIC_POSITION}",
                    )


class _Places:
    """Where each record of the dataset was read, looked up by the record object itself."""

    def __init__(self, items: dict[str, list[_Item]]):
        self.items = items

    @cached_property
    def index(self) -> dict[int, tuple[_Item, Path]]:
        found: dict[int, tuple[_Item, Path]] = {}
        for entries in self.items.values():
            for item in entries:
                found[id(item.model)] = (item, item.path)
                if isinstance(item.model, Position):
                    for v, version in enumerate(item.model.versions):
                        found[id(version)] = (item, (*item.path, "versions", v))
        return found

    def of(self, record: object, path: Path = ()) -> Place:
        item, base = self.index[id(record)]
        full = (*base, *path)
        return Place(item.file, item.read.line_of(full), format_path(full))


@dataclass(frozen=True)
class Report:
    """A folder's dataset (None on any error), its errors, and the warnings found once it had none."""

    dataset: Dataset | None
    errors: list[Problem]
    warnings: list[Problem] = field(default_factory=list)


def check_folder(folder: str | FsPath) -> tuple[Dataset | None, list[Problem]]:
    """Validate a positions folder. Returns the dataset (None on any error) and every error; no warnings."""
    report = validate_folder(folder, warnings=False)
    return report.dataset, report.errors


def validate_folder(folder: str | FsPath, warnings: bool = True) -> Report:
    """Validate a positions folder: its errors and, when it has none, the warnings a curator should act on."""
    with paused_gc():
        return _check_folder(FsPath(folder), WARNING_RULES if warnings else ())


def _sorted(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(set(problems), key=lambda p: (p.file, p.line, p.field, p.message))


def _check_folder(folder: FsPath, warning_rules: tuple[Rule, ...]) -> Report:
    root = FsPath(folder)
    out = _Collector()
    if not root.is_dir():
        return Report(None, [Problem(".", 1, "(folder)", "data folder not found")])
    scan = scan_folder(root)
    if scan.refused:
        return Report(None, scan.problems)
    if not scan.files and not scan.problems:
        return Report(None, [Problem(".", 1, "(folder)", "no .yaml files in the data folder")])
    out.problems.extend(scan.problems)
    now = today()
    checker = _Checker(out)
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
            continue
        _collect_file(file.name, read, checker, out, now)
    versions, _ = checker.run()
    if out.problems:
        return Report(None, _sorted(out.problems))
    infos = [item.model for item in checker.items["dataset"]]
    dataset = Dataset(
        info=infos[0] if infos else None,
        parties={i.model.id: i.model for i in checker.items["party"] + checker.items["parties"]},
        issues={i.model.id: i.model for i in checker.items["issues"]},
        sources={i.model.id: i.model for i in checker.items["sources"]},
        versions=tuple(sorted(versions, key=lambda c: (c.party, c.issue, c.version.sort_key))),
        disagreements=tuple(i.model for i in checker.items["disagreements"]),
        events=tuple(i.model for i in checker.items["events"]),
        corrections=tuple(
            sorted((i.model for i in checker.items["corrections"]), key=lambda c: (c.date, c.id), reverse=True)
        ),
        fingerprint=digest.hexdigest()[:16],
        speakers={s.id: s for i in checker.items["party"] + checker.items["parties"] for s in i.model.speakers},
        scales={i.model.id: i.model for i in checker.items["scales"]},
        replies=tuple(i.model for i in checker.items["replies"]),
    )
    places = _Places(checker.items)
    errors = check_rules(dataset, places, ERROR_RULES)
    if errors:
        return Report(None, _sorted(errors))
    return Report(dataset, [], _sorted(check_rules(dataset, places, warning_rules)))


def _collect_file(name: str, read: ReadResult, checker: _Checker, out: _Collector, now: date) -> None:
    kinds = {
        "scales": "scales",
        "party": "parties",
        "parties": "parties",
        "issues": "issues",
        "sources": "sources",
        "disagreements": "disagreements",
        "events": "events",
        "corrections": "corrections",
    }
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
                out.add(read, name, (key,), "must be a list")
            continue
        else:
            entries = [((key, i), entry) for i, entry in enumerate(value)]
        model = SINGLE_SECTIONS.get(key) or LIST_SECTIONS[key]
        for path, entry in entries:
            ident = entry.get("id") if isinstance(entry, dict) else None
            if key in ("party", "parties") and isinstance(entry, dict) and isinstance(entry.get("speakers"), list):
                # From the raw entry, so a mistake elsewhere in the party does not make every quote's speaker unknown.
                for i, speaker in enumerate(entry["speakers"]):
                    if isinstance(speaker, dict):
                        line = read.line_of((*path, "speakers", i))
                        checker.register("speakers", speaker.get("id"), name, line, None)
            if key == "positions" and isinstance(entry, dict):
                party = entry.get("party", checker.file_party.get(name))
                checker.attempted_cells.add((str(party), str(entry.get("issue"))))
            parsed = _validate_model(model, entry, name, path, read, out, now)
            item = _Item(name, path, parsed, read)
            if key in kinds:
                checker.register(kinds[key], ident, name, read.line_of(path), item)
            if parsed is not None:
                checker.items[key].append(item)
    if "dataset" in read.data and len(checker.items["dataset"]) > 1:
        out.add(read, name, ("dataset",), "only one file may hold the `dataset` section")


def load_dataset(folder: str | FsPath) -> Dataset:
    dataset, problems = check_folder(folder)
    if dataset is None:
        raise DataError(problems)
    return dataset
