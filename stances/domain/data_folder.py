"""Finding and reading the files of a data folder, safely while the folder changes under the reader.

A dataset folder holds `.yaml`/`.yml` files, in subfolders at most MAX_DEPTH levels deep and with at most
MAX_ENTRIES files and folders in all; folders whose names start with `.` are skipped. It is walked without
following symbolic links to folders. A symbolic link to a file is read only if it resolves inside the folder.
Only regular files are opened (never a FIFO or a device), non-blocking, and at most MAX_FILE_BYTES are read.
A file or folder that vanishes during the walk is skipped; every other failure is a problem naming the file.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .problems import Problem, shown
from .yaml_reader import MAX_FILE_BYTES

DATA_SUFFIXES = (".yaml", ".yml")
MAX_ENTRIES = 10_000
MAX_DEPTH = 8
FOLDER_FIELD = "(folder)"
FILE_FIELD = "(file)"


def is_utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@dataclass(frozen=True)
class DataFile:
    path: Path  # the path to open: a symbolic link already resolved
    name: str  # relative to the data folder, with '/', printable
    size: int
    mtime_ns: int
    identity: tuple[int, int, int]  # inode, device and mode: an atomic replace or a chmod changes it


@dataclass
class Scan:
    files: list[DataFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    refused: bool = False  # not a dataset folder at all

    def problem(self, name: str, message: str, what: str = FILE_FIELD) -> None:
        self.problems.append(Problem(name, 1, what, message))


def _reason(exc: OSError) -> str:
    return exc.strerror or errno.errorcode.get(exc.errno or 0, type(exc).__name__)


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


class _Walker:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.real_root = os.path.realpath(root)
        self.scan = Scan()
        self.entries = 0

    def walk(self, folder: str, relative: str, depth: int) -> None:
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except FileNotFoundError:
            return
        except OSError as exc:
            self.scan.problem(shown(relative or "."), f"cannot list this folder: {_reason(exc)}", FOLDER_FIELD)
            return
        self.entries += len(entries)
        if self.entries > MAX_ENTRIES:
            raise _NotADataset(f"more than {MAX_ENTRIES:,} files and folders")
        for entry in entries:
            if entry.name.startswith("."):
                continue
            name = f"{relative}/{entry.name}" if relative else entry.name
            self.entry(entry, name, depth)

    def entry(self, entry: os.DirEntry[str], name: str, depth: int) -> None:
        try:
            is_link = entry.is_symlink()
            is_dir = not is_link and entry.is_dir(follow_symlinks=False)
        except OSError:
            return
        if is_dir:
            if depth >= MAX_DEPTH:
                raise _NotADataset(f"folders nested more than {MAX_DEPTH} levels deep")
            self.walk(entry.path, name, depth + 1)
            return
        if not entry.name.endswith(DATA_SUFFIXES):
            return
        label = shown(name)
        if not is_utf8(name):
            self.scan.problem(label, "file name is not valid UTF-8; rename the file")
            return
        target = entry.path
        if is_link:
            target = os.path.realpath(entry.path)
            if not _inside(target, self.real_root):
                self.scan.problem(label, "symbolic link to a file outside the data folder; refused")
                return
        try:
            info = os.stat(target)
        except FileNotFoundError:
            if is_link:
                self.scan.problem(label, "symbolic link to a file that does not exist")
            return
        except OSError as exc:
            self.scan.problem(label, f"cannot read the file: {_reason(exc)}")
            return
        if stat.S_ISDIR(info.st_mode):
            if is_link:
                self.scan.problem(label, "symbolic link to a folder; links to folders are not followed")
            return
        if not stat.S_ISREG(info.st_mode):
            self.scan.problem(label, "not a regular file (a FIFO, socket or device); not read")
            return
        if info.st_size > MAX_FILE_BYTES:
            self.scan.problem(label, f"file is {info.st_size:,} bytes; the limit is {MAX_FILE_BYTES:,}")
            return
        identity = (info.st_ino, info.st_dev, info.st_mode)
        self.scan.files.append(DataFile(Path(target), label, info.st_size, info.st_mtime_ns, identity))


class _NotADataset(Exception):
    pass


def scan_folder(root: Path) -> Scan:
    """Every data file of `root`, and a problem for each entry that cannot be used."""
    walker = _Walker(root)
    try:
        walker.walk(str(root), "", 0)
    except _NotADataset as exc:
        refused = Scan(refused=True)
        refused.problem(
            ".",
            f"not a dataset folder: {exc}. A dataset folder holds the .yaml files, in subfolders at most "
            f"{MAX_DEPTH} levels deep and {MAX_ENTRIES:,} entries in all; name the folder that holds the data",
            FOLDER_FIELD,
        )
        return refused
    return walker.scan


def read_data_file(file: DataFile) -> bytes | str:
    """The file's bytes, or why they cannot be read. Never blocks on a FIFO, never reads past the size limit."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        descriptor = os.open(file.path, flags)
    except FileNotFoundError:
        return "the file disappeared while the folder was read; the folder is changing"
    except OSError as exc:
        return f"cannot read the file: {_reason(exc)}"
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            return "not a regular file (a FIFO, socket or device); not read"
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return f"cannot read the file: {_reason(exc)}"
    finally:
        os.close(descriptor)
    if len(raw) > MAX_FILE_BYTES:
        return f"file is over {MAX_FILE_BYTES:,} bytes; the limit is {MAX_FILE_BYTES:,}"
    return raw


FOLDER_MARKERS = ("issues.yaml", "dataset.yaml")


def folder_above(file: Path) -> Path | None:
    """The data folder a file belongs to: the nearest folder above it that holds issues.yaml or dataset.yaml."""
    for folder in file.absolute().parents:
        if any((folder / marker).is_file() for marker in FOLDER_MARKERS):
            return folder
    return None
