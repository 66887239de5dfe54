"""Safe YAML reading that keeps a line number for every field and reports hazards as problems.

Only plain YAML types are built; tags such as `!!python/object` are refused, aliases are bounded,
duplicate keys, tabs, a byte-order mark and non-UTF-8 bytes are reported with their line.
"""

from __future__ import annotations

import gc
import os
import re
import threading
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from .problems import Path, Problem, format_path, shown_value

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_FILE_BYTES = int(os.environ.get("STANCES_MAX_FILE_BYTES", 16 * 1024 * 1024))
MAX_NODES = 1_000_000
# Every node but the first follows one of these, and adds at most two nodes (a key and its empty value): a file
# with fewer of them than MAX_NODES / 2 cannot exceed the limit, and only a denser one is counted event by event.
NODE_MARKS = (",", "\n", "-", ":", "[", "{", "?")
# Invisible characters that change what a reader sees: C0/C1 controls (tab and line feed aside) and the
# bidirectional embeddings, overrides and isolates, which can reverse the rest of a line on the page.
HIDDEN_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# YAML breaks lines at these too, so its line numbers would no longer match the editor's
ODD_BREAKS = {
    "\r": "carriage return without a newline; save the file with LF (or CRLF) line endings",
    "\x85": "invisible line break U+0085 (NEL); replace it with a space",
    "\u2028": "invisible line separator U+2028; replace it with a space",
    "\u2029": "invisible paragraph separator U+2029; replace it with a space",
}

STR = "tag:yaml.org,2002:str"
ALLOWED_SCALAR_TAGS = {
    STR,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
MAP = "tag:yaml.org,2002:map"
SEQ = "tag:yaml.org,2002:seq"
MERGE = "tag:yaml.org,2002:merge"

_constructor = yaml.constructor.SafeConstructor()


def _fast_loader(base: type) -> type:
    """`base` with the same tag resolution, done in fewer Python steps (the C parser calls back for every node).

    PyYAML's `resolve` concatenates two resolver lists for every scalar, and calls the path-resolver
    hooks for every node although safe loading registers no path resolvers. Here the lists are joined
    once per first character and the hooks do nothing; with path resolvers registered, `base` is kept.
    """
    if base.yaml_path_resolvers:
        return base
    wildcard = tuple(base.yaml_implicit_resolvers.get(None, ()))
    table = {first: tuple(rs) + wildcard for first, rs in base.yaml_implicit_resolvers.items() if first is not None}
    scalar_tag, sequence_tag, mapping_tag = base.DEFAULT_SCALAR_TAG, base.DEFAULT_SEQUENCE_TAG, base.DEFAULT_MAPPING_TAG

    class Loader(base):
        def descend_resolver(self, current_node: Any, current_index: Any) -> None:
            return None

        def ascend_resolver(self) -> None:
            return None

        def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
            if kind is ScalarNode:
                if implicit[0]:
                    for tag, regexp in table.get(value[:1], wildcard):
                        if regexp.match(value):
                            return tag
                return scalar_tag
            return sequence_tag if kind is SequenceNode else mapping_tag

    return Loader


_Loader = _fast_loader(SafeLoader)

_gc_lock = threading.Lock()
_gc_depth = 0
_gc_was_enabled = False


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a large, acyclic structure is built; reference counting still frees.

    Building a dataset creates millions of objects that all survive, and each generation-0 collection
    rescans them: with the collector on, reading the 100x benchmark data takes about 3x the CPU time.
    Nested and concurrent uses are counted; the collector's earlier state comes back after the last one.
    """
    global _gc_depth, _gc_was_enabled
    with _gc_lock:
        if _gc_depth == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_depth += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_depth -= 1
            if _gc_depth == 0 and _gc_was_enabled:
                gc.enable()


@dataclass
class ReadResult:
    data: Any = None
    lines: dict[Path, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    refused: set[Path] = field(default_factory=set)  # values reported as problems and read as None

    def line_of(self, path: Path) -> int:
        """The line of the field at `path`, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


class _TooManyNodes(Exception):
    pass


class _Builder:
    """Builds plain Python data from a node tree, recording the line of every path.

    Plain strings, most of the leaves, are taken inline by their parent rather than through `build`:
    the same nodes are counted and the same lines recorded, with one Python call less per leaf.
    """

    def __init__(self, name: str, result: ReadResult):
        self.name = name
        self.result = result
        self.count = 0

    def problem(self, line: int, path: Path, message: str) -> None:
        self.result.problems.append(Problem(self.name, line, format_path(path), message))

    def refuse(self, line: int, path: Path, message: str) -> None:
        self.problem(line, path, message)
        self.result.refused.add(path)

    def build(self, node: yaml.Node, path: Path) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooManyNodes
        line = node.start_mark.line + 1
        lines = self.result.lines
        if path not in lines:
            lines[path] = line
        if isinstance(node, MappingNode):
            return self._mapping(node, path, line)
        if isinstance(node, SequenceNode):
            return self._sequence(node, path, line)
        return self._scalar(node, path, line)

    def _sequence(self, node: yaml.SequenceNode, path: Path, line: int) -> list | None:
        if node.tag != SEQ:
            self.refuse(line, path, f"tag {node.tag!r} is not allowed; use plain YAML")
            return None
        lines = self.result.lines
        out: list = []
        for i, item in enumerate(node.value):
            child = (*path, i)
            if item.tag == STR and type(item) is ScalarNode:
                self.count += 1
                if self.count > MAX_NODES:
                    raise _TooManyNodes
                if child not in lines:
                    lines[child] = item.start_mark.line + 1
                out.append(item.value)
            else:
                out.append(self.build(item, child))
        return out

    def _mapping(self, node: yaml.MappingNode, path: Path, line: int) -> dict | None:
        if node.tag != MAP:
            self.refuse(line, path, f"tag {node.tag!r} is not allowed; use plain YAML")
            return None
        lines = self.result.lines
        out: dict = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if key_node.tag == MERGE:
                self.problem(key_line, path, "merge keys ('<<') are not supported; write the fields out")
                continue
            if not isinstance(key_node, ScalarNode):
                self.problem(key_line, path, "a key must be a plain string")
                continue
            key = key_node.value
            child = (*path, key)
            if key in out:
                first = lines.get(child, key_line)
                self.problem(key_line, child, f"duplicate key {key!r} (first defined on line {first})")
                continue
            lines[child] = key_line
            if value_node.tag == STR and type(value_node) is ScalarNode:
                self.count += 1  # the key's line stands for the value's, as `build` would leave it
                if self.count > MAX_NODES:
                    raise _TooManyNodes
                out[key] = value_node.value
            else:
                out[key] = self.build(value_node, child)
        return out

    def _scalar(self, node: yaml.ScalarNode, path: Path, line: int) -> Any:
        if node.tag == STR:
            return node.value
        if node.tag not in ALLOWED_SCALAR_TAGS:
            self.refuse(line, path, f"tag {node.tag!r} is not allowed; use plain YAML")
            return None
        if node.tag == "tag:yaml.org,2002:timestamp":
            try:
                return date.fromisoformat(node.value)
            except ValueError:
                self.refuse(line, path, f"{shown_value(node.value)} is not a real date (use YYYY-MM-DD)")
                return None
        try:
            # The constructor itself: `construct_object` would also keep every node it saw in this
            # module-level constructor's `constructed_objects`, for the life of the process.
            return _constructor.yaml_constructors[node.tag](_constructor, node)
        except (ValueError, KeyError, yaml.YAMLError):
            self.refuse(line, path, f"cannot read {shown_value(node.value)} as {node.tag.rsplit(':', 1)[-1]}")
            return None


def read_yaml(raw: bytes, name: str) -> ReadResult:
    """Parse one file's bytes. Never raises for bad input: problems are in the result."""
    result = ReadResult()

    def fail(line: int, message: str) -> ReadResult:
        result.problems.append(Problem(name, line, "(file)", message))
        return result

    if len(raw) > MAX_FILE_BYTES:
        return fail(1, f"file is {len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,} bytes per file")
    # A BOM or a bad byte is reported, and the rest still read, so that the file's ids stay known to other files.
    if raw.startswith(b"\xef\xbb\xbf"):
        fail(1, "file starts with a byte-order mark (BOM); save it as UTF-8 without BOM")
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        fail(line, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8")
        text = raw.decode("utf-8", errors="replace")
    rows = text.split("\n") if "\t" in text or any(ch in text for ch in ODD_BREAKS) else []  # as an editor numbers
    tab_lines = [n for n, row in enumerate(rows, 1) if "\t" in row[: len(row) - len(row.lstrip())]]
    odd_breaks = [(n, ch) for n, row in enumerate(rows, 1) for ch in ODD_BREAKS if ch in row.removesuffix("\r")]
    if tab_lines or odd_breaks:
        for n in tab_lines:
            fail(n, "tab character in indentation; YAML indents with spaces")
        for n, ch in odd_breaks:
            fail(n, ODD_BREAKS[ch])
        return result
    with paused_gc():
        return _parse(text, result, fail, name)


def _too_many_nodes(text: str) -> bool:
    """More than MAX_NODES nodes, found without building the node tree (which takes ~300 bytes a node)."""
    if 1 + 2 * sum(text.count(mark) for mark in NODE_MARKS) <= MAX_NODES:
        return False
    counted = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent, yaml.CollectionStartEvent)):
                counted += 1
                if counted > MAX_NODES:
                    return True
    except yaml.YAMLError:
        return False  # composing reports it, with its line
    return False


def _hidden_characters(data: Any, path: Path, found: list[tuple[Path, str]]) -> None:
    if isinstance(data, str):
        match = HIDDEN_CHARACTERS.search(data)
        if match:
            found.append((path, match.group()))
    elif isinstance(data, dict):
        for key, value in data.items():
            _hidden_characters(value, (*path, key), found)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            _hidden_characters(value, (*path, index), found)


def _report_hidden_characters(text: str, result: ReadResult, name: str) -> None:
    """Only a raw hidden character or an escape (`"\\u202e"`) can put one in a value, so most files skip the walk."""
    if "\\" not in text and not HIDDEN_CHARACTERS.search(text):
        return
    found: list[tuple[Path, str]] = []
    _hidden_characters(result.data, (), found)
    for path, character in found:
        label = unicodedata.name(character, "control character")
        message = f"text holds the invisible character U+{ord(character):04X} ({label}); delete it"
        result.problems.append(Problem(name, result.line_of(path), format_path(path), message))


def _parse(text: str, result: ReadResult, fail: Any, name: str) -> ReadResult:
    if _too_many_nodes(text):
        return fail(1, f"file holds more than {MAX_NODES:,} values; split it, or check it is a data file")
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.reader.ReaderError as exc:
        index = text.find(chr(exc.character)) if isinstance(exc.character, int) else -1
        line = text.count("\n", 0, index) + 1 if index >= 0 else 1
        code = f"U+{exc.character:04X} " if isinstance(exc.character, int) else ""
        return fail(line, f"character {code}is not allowed in YAML ({exc.reason}); delete it")
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = min(mark.line + 1, text.count("\n") + 1) if mark else 1  # at the end, libyaml may count one more
        message = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        return fail(line, f"YAML syntax error: {message}")
    except yaml.YAMLError as exc:
        return fail(1, f"YAML error: {exc}")
    if node is None:
        return fail(1, "file is empty; expected a mapping of sections (issues, party, positions, ...)")
    builder = _Builder(name, result)
    try:
        result.data = builder.build(node, ())
    except _TooManyNodes:
        result.data = None
        result.problems.clear()
        return fail(1, f"file expands to more than {MAX_NODES:,} values (alias/anchor bomb?)")
    except RecursionError:
        result.data = None
        return fail(1, "file is nested too deeply or has a recursive alias")
    if not isinstance(result.data, dict) and () not in result.refused:
        return fail(1, "top level must be a mapping of sections (issues, party, positions, ...)")
    _report_hidden_characters(text, result, name)
    return result
