"""Checks across records and files, over every record that passed the schema (or broke only record rules):
ids exist and are defined once, stances are on their issue's scale, quotes cite their version's sources, every
party has its required cells.

A file that could not be read at all may define ids that other files use. Rather than call each of those
"unknown", the references are counted and reported once, at the unreadable file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .dataset import CellVersion
from .field_types import CLAIM_TYPES, NO_PUBLIC_POSITION, SPECIAL_STANCES
from .model import Correction, DatasetInfo, Disagreement, Event, Issue, Position, PositionVersion, Quote, Source
from .problems import Path, Problem, format_path
from .reply_rules import check_reply
from .yaml_reader import ReadResult

SECTION_KINDS = ("scales", "issues", "parties", "sources", "disagreements", "events", "speakers", "corrections")
# An `id:` line: in a file YAML could not read, the ids it most likely defines.
ID_LINE = re.compile(r"^[ \t-]*id:[ \t]*['\"]?([^\s'\"#,{}\[\]]+)", re.MULTILINE)
NAMED_AT_MOST = 5


@dataclass
class Item:
    """One record as read: its file, its path in the file, the parsed model and the file's read result.
    `version_indexes` gives, for a position whose broken versions were left out, each kept version's index."""

    file: str
    path: Path
    model: Any
    read: ReadResult
    version_indexes: list[int] | None = None

    def versions(self) -> list[tuple[int, PositionVersion]]:
        indexes = self.version_indexes or range(len(self.model.versions))
        return list(zip(indexes, self.model.versions, strict=True))


@dataclass
class Collector:
    problems: list[Problem] = field(default_factory=list)

    def add(self, read: ReadResult, file: str, path: Path, message: str) -> None:
        self.problems.append(Problem(file, read.line_of(path), format_path(path), message))


def ids_in_text(text: str) -> list[str]:
    """The values of its `id:` lines: the ids a file defines, read without YAML (for a file YAML cannot read)."""
    return list(dict.fromkeys(ID_LINE.findall(text)))


@dataclass
class Unreadable:
    """A file YAML could not read, the ids it seems to define, and the references to them left unchecked."""

    file: str
    ids: set[str]
    referenced: dict[str, int] = field(default_factory=dict)


class Checker:
    """Cross-file checks over the items that passed the schema."""

    def __init__(self, out: Collector, sections: Iterable[str]):
        self.out = out
        self.items: dict[str, list[Item]] = {name: [] for name in sections}
        self.known: dict[str, dict[str, tuple[str, int]]] = {name: {} for name in SECTION_KINDS}
        self.file_party: dict[str, str] = {}
        self.attempted_cells: set[tuple[str, str]] = set()
        self.unreadable: list[Unreadable] = []
        self.all_versions: list[CellVersion] = []
        self.claim_types_unread = False  # dataset.yaml's claim_types could not be read

    def problem(self, item: Item, path: Path, message: str) -> None:
        if (*item.path, *path) in item.read.refused:
            return  # the reader already reported this value and read it as None
        self.out.add(item.read, item.file, (*item.path, *path), message)

    def register(self, kind: str, ident: Any, file: str, line: int, item: Item | None) -> None:
        if not isinstance(ident, str):
            return
        seen = self.known[kind]
        if ident in seen and item is not None:
            other_file, other_line = seen[ident]
            self.problem(item, ("id",), f"duplicate id {ident!r} (first defined at {other_file}:{other_line})")
            return
        seen.setdefault(ident, (file, line))

    def register_unreadable(self, file: str, text: str) -> None:
        self.unreadable.append(Unreadable(file, set(ids_in_text(text))))

    def exists(self, kind: str, ident: str, item: Item, path: Path, what: str) -> bool:
        if ident in self.known[kind]:
            return True
        for unreadable in self.unreadable:
            if ident in unreadable.ids:
                unreadable.referenced[ident] = unreadable.referenced.get(ident, 0) + 1
                return False
        self.problem(item, path, f"unknown {what} {ident!r}")
        return False

    def sources_exist(self, ids: Iterable[str], item: Item, path: Path) -> None:
        for i, ident in enumerate(ids):
            self.exists("sources", ident, item, (*path, i), "source")

    def run(self) -> list[CellVersion]:
        """Run every check; the versions of known party × issue cells."""
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
        self.report_unreadable()
        return [cell for versions in cells.values() for cell in versions]

    def report_unreadable(self) -> None:
        for unreadable in self.unreadable:
            if not unreadable.referenced:
                continue
            ids = sorted(unreadable.referenced)
            named = ", ".join(repr(i) for i in ids[:NAMED_AT_MOST]) + (" and more" if len(ids) > NAMED_AT_MOST else "")
            total = sum(unreadable.referenced.values())
            self.out.problems.append(
                Problem(
                    unreadable.file,
                    1,
                    "(file)",
                    f"this file could not be read, so {total} reference(s) in other files to ids it seems to "
                    f"define ({named}) were not checked; fix the problem above and validate again",
                )
            )

    def resolve_scales(self) -> None:
        """Give every issue that names a shared scale the scale's levels, so a Dataset's issues all hold lists."""
        scales = {item.model.id: item.model for item in self.items["scales"]}
        for item in self.items["issues"]:
            name = item.model.scale
            if not isinstance(name, str):
                continue
            if name in scales:
                ends = item.model.ends or scales[name].ends
                item.model = item.model.model_copy(update={"scale": scales[name].levels, "ends": ends})
            elif name in self.known["scales"]:
                continue  # declared, but its own problems (reported there) keep it out of the checks
            else:
                declared = f"declared scales: {', '.join(scales)}" if scales else "no `scales:` section declares one"
                self.problem(item, ("scale",), f"unknown scale {name!r}; {declared}")

    def info_item(self) -> Item | None:
        return self.items["dataset"][0] if self.items["dataset"] else None

    def check_dataset_info(self, item: Item) -> None:
        info: DatasetInfo = item.model
        for i, issue in enumerate(info.complete_issues or ()):
            self.exists("issues", issue, item, ("complete_issues", i), "issue")

    def check_party_kind(self, item: Item) -> None:
        info = self.info_item()
        kinds = info.model.party_kinds if info else None
        kind = item.model.kind
        if kinds is None or kind is None or kind in kinds:
            return
        where = f"{info.file}:{info.read.line_of((*info.path, 'party_kinds'))}"
        self.problem(item, ("kind",), f"unknown party kind {kind!r}; {where} allows: {', '.join(kinds)}")

    def check_source(self, item: Item) -> None:
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
            for v, version in item.versions():
                where = ("versions", v)
                if issue_ok and isinstance(getattr(issues.get(position.issue), "scale", None), list):
                    self.check_stance(item, where, version, issues[position.issue])
                self.check_version(item, where, version)
                here = f"{item.file}:{item.read.line_of((*item.path, *where, 'as_of'))}"
                same_day = days.setdefault((party, position.issue), {}).setdefault(version.as_of, [])
                self.check_same_day(item, where, (party, position.issue), version, same_day)
                same_day.append((version, here))
                cell = CellVersion(party, position.issue, version)
                self.all_versions.append(cell)
                if party_ok and issue_ok:
                    cells.setdefault((party, position.issue), []).append(cell)
        return cells

    def check_same_day(
        self,
        item: Item,
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

    def check_stance(self, item: Item, where: Path, version: PositionVersion, issue: Issue) -> None:
        allowed = [level.id for level in issue.scale] + list(SPECIAL_STANCES)
        if version.stance not in allowed:
            self.problem(
                item,
                (*where, "stance"),
                f"unknown stance {version.stance!r} for issue {issue.id!r}; expected one of {', '.join(allowed)}",
            )

    def claim_types(self) -> list[str]:
        info = self.info_item()
        extra = [term.id for term in (info.model.claim_types or ())] if info else []
        return list(dict.fromkeys([*CLAIM_TYPES, *extra]))

    def check_version(self, item: Item, where: Path, version: PositionVersion) -> None:
        self.sources_exist(version.sources, item, (*where, "sources"))
        self.check_quotes(item, where, version.quotes, version.sources, "this version's")
        known = self.claim_types()
        if version.claim_type is not None and not self.claim_types_unread and version.claim_type not in known:
            self.problem(
                item,
                (*where, "claim_type"),
                f"unknown claim type {version.claim_type!r}; expected one of {', '.join(known)}, "
                "or declare it in dataset.yaml under `claim_types`, e.g. `- {id: signed_code, label: signed a code}`",
            )

    def check_quotes(self, item: Item, where: Path, quotes: list[Quote], sources: list[str], whose: str) -> None:
        for q, quote in enumerate(quotes):
            path = (*where, "quotes", q)
            if quote.speaker is not None:
                self.exists("speakers", quote.speaker, item, (*path, "speaker"), "speaker")
            if self.exists("sources", quote.source, item, (*path, "source"), "source") and quote.source not in sources:
                self.problem(
                    item, (*path, "source"), f"quote cites {quote.source!r}, which is not among {whose} sources"
                )

    def check_disagreement(self, item: Item) -> None:
        entry: Disagreement = item.model
        self.exists("issues", entry.issue, item, ("issue",), "issue")
        for i, party in enumerate(entry.parties):
            self.exists("parties", party, item, ("parties", i), "party")
        for s, side in enumerate(entry.sides):
            self.sources_exist(side.sources, item, ("sides", s, "sources"))
            self.check_quotes(item, ("sides", s), side.quotes, side.sources, "this side's")

    def check_event(self, item: Item) -> None:
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

    def check_correction(self, item: Item) -> None:
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
