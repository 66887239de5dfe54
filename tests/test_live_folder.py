"""A data folder that changes or breaks under a running server: the core never raises, never opens a FIFO or
reads an oversized file, refuses a dense file before building it, and the pages keep the last good version."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from apptest_support import open_page, texts

from stances.domain import data_folder
from stances.domain.live import LiveFolder
from stances.domain.validate import check_folder, folder_fingerprint
from stances.domain.yaml_reader import MAX_FILE_BYTES, MAX_NODES
from stances.present.wording import Words

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "tests" / "data" / "sample"
MB = 1024 * 1024


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(SAMPLE, folder)
    return folder


def _messages(folder: Path) -> dict[str, list[str]]:
    dataset, problems = check_folder(folder)
    assert dataset is None
    out: dict[str, list[str]] = {}
    for p in problems:
        out.setdefault(p.file, []).append(p.message)
    return out


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths the reader opens."""
    seen: list[str] = []
    real_open = os.open

    def recording(path, flags, *args):
        seen.append(os.fspath(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(data_folder.os, "open", recording)
    return seen


def test_a_deleted_file_is_reported_through_what_it_held(data: Path) -> None:
    (data / "sources.yaml").unlink()
    messages = _messages(data)
    assert any("unknown source" in m for ms in messages.values() for m in ms)


def test_a_half_written_file_is_a_problem_with_its_line(data: Path) -> None:
    path = data / "sources.yaml"
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 2])
    assert "sources.yaml" in _messages(data)


def test_an_atomic_replace_is_seen(data: Path) -> None:
    before = folder_fingerprint(data)
    path = data / "dataset.yaml"
    new = data / ".dataset.yaml.tmp"
    new.write_text(path.read_text(encoding="utf-8").replace("Sample —", "Replaced —"), encoding="utf-8")
    os.utime(new, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns))  # even with the same mtime and size
    os.replace(new, path)
    assert folder_fingerprint(data) != before
    dataset, problems = check_folder(data)
    assert problems == [] and dataset is not None and dataset.info.title.startswith("Replaced")


def test_a_chmod_changes_the_fingerprint(data: Path) -> None:
    before = folder_fingerprint(data)
    (data / "sources.yaml").chmod(0)
    assert folder_fingerprint(data) != before


def test_a_directory_in_place_of_a_file_is_walked_as_a_folder(data: Path) -> None:
    (data / "sources.yaml").unlink()
    (data / "sources.yaml").mkdir()
    assert any("unknown source" in m for ms in _messages(data).values() for m in ms)


def test_a_fifo_is_never_opened(data: Path, opened: list[str]) -> None:
    (data / "sources.yaml").unlink()
    os.mkfifo(data / "sources.yaml")
    messages = _messages(data)
    assert messages["sources.yaml"] == ["not a regular file (a FIFO, socket or device); not read"]
    assert not any(path.endswith("sources.yaml") for path in opened)


def test_a_symlink_outside_the_folder_is_refused(data: Path, tmp_path: Path, opened: list[str]) -> None:
    outside = tmp_path / "outside.yaml"
    shutil.move(data / "sources.yaml", outside)
    (data / "sources.yaml").symlink_to(outside)
    assert _messages(data)["sources.yaml"] == ["symbolic link to a file outside the data folder; refused"]
    assert str(outside) not in opened


def test_a_symlink_inside_the_folder_is_read(data: Path) -> None:
    shutil.move(data / "sources.yaml", data / "parties" / "sources.data")
    (data / "sources.yaml").symlink_to(data / "parties" / "sources.data")
    dataset, problems = check_folder(data)
    assert problems == [] and dataset is not None


def test_a_symlink_whose_read_fails_is_a_problem(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_fdopen = os.fdopen

    class Failing:
        def __init__(self, *args, **kwargs) -> None:
            self.inner = real_fdopen(*args, **kwargs)

        def __enter__(self):
            return self

        def __exit__(self, *exc) -> None:
            self.inner.close()

        def read(self, size: int = -1) -> bytes:
            if self.inner.name is not None and _is_sources(self.inner.fileno()):
                raise OSError(errno.EIO, "Input/output error")
            return self.inner.read(size)

    sources_inode = (data / "sources.yaml").stat().st_ino

    def _is_sources(descriptor: int) -> bool:
        return os.fstat(descriptor).st_ino == sources_inode

    shutil.move(data / "sources.yaml", data / "parties" / "sources.data")
    (data / "sources.yaml").symlink_to(data / "parties" / "sources.data")
    monkeypatch.setattr(data_folder.os, "fdopen", Failing)
    assert _messages(data)["sources.yaml"] == ["cannot read the file: Input/output error"]


def test_a_file_name_that_is_not_utf8_is_a_problem(data: Path) -> None:
    os.close(os.open(os.fsencode(data) + b"/bad\xff.yaml", os.O_CREAT | os.O_WRONLY))
    assert _messages(data)["bad\\xff.yaml"] == ["file name is not valid UTF-8; rename the file"]
    assert folder_fingerprint(data)  # the stat-only check does not fail on it either


def test_a_file_over_the_limit_is_never_opened(data: Path, opened: list[str]) -> None:
    with (data / "huge.yaml").open("wb") as handle:
        handle.truncate(60 * MB)  # sparse: 60 MB by its size, nothing on disk
    assert _messages(data)["huge.yaml"] == [f"file is {60 * MB:,} bytes; the limit is {MAX_FILE_BYTES:,}"]
    assert not any(path.endswith("huge.yaml") for path in opened)


def test_a_file_that_vanishes_during_the_walk_is_skipped(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_stat = os.stat

    def vanishing(path, *args, **kwargs):
        if str(path).endswith("timeline.yaml"):
            raise FileNotFoundError(errno.ENOENT, "No such file or directory", str(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(data_folder.os, "stat", vanishing)
    scan = data_folder.scan_folder(data)
    assert "timeline.yaml" not in [f.name for f in scan.files] and scan.problems == []


# The peak is the process's own VmHWM: ru_maxrss would also carry the peak of the (large) test process that forked it.
DENSE_CHECK = """
import json, re, sys, time
from pathlib import Path
from stances.domain.validate import check_folder
started = time.monotonic()
dataset, problems = check_folder(sys.argv[1])
peak_kb = int(re.search(r"VmHWM:\\s+(\\d+) kB", Path("/proc/self/status").read_text()).group(1))
print(json.dumps({"seconds": time.monotonic() - started, "rss_mb": peak_kb / 1024,
    "messages": [p.message for p in problems if p.file == "dense.yaml"]}))
"""


def test_a_dense_16_mb_file_is_refused_in_seconds_with_little_memory(data: Path, repo_root: Path) -> None:
    items = (16 * MB - 100) // 2
    (data / "dense.yaml").write_text("issues: [" + ",".join(["1"] * items) + "]\n", encoding="utf-8")
    assert (data / "dense.yaml").stat().st_size < MAX_FILE_BYTES
    env = {**os.environ, "PYTHONPATH": str(repo_root)}
    command = [sys.executable, "-c", DENSE_CHECK, str(data)]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, check=True)
    measured = json.loads(result.stdout)
    print(f"dense 16 MB file: {measured['seconds']:.1f} s, peak RSS {measured['rss_mb']:.0f} MB")
    assert measured["messages"] == [f"file holds more than {MAX_NODES:,} values; split it, or check it is a data file"]
    assert measured["seconds"] < 10
    assert measured["rss_mb"] < 500  # the whole checking process, far under the 1 GB allowed (2.66 GB before)


# ------------------------------------------------------------------------------------ what the pages show


def test_the_last_good_version_is_kept_with_the_time_it_broke() -> None:
    good, problems = check_folder(SAMPLE)
    live = LiveFolder()
    assert live.update(None, ()).dataset is None  # nothing good yet: the problem list
    assert not live.update(good, ()).stale
    broke = datetime(2026, 11, 28, 9, 5, tzinfo=UTC)
    shown = live.update(None, ("p",), now=broke)  # type: ignore[arg-type]
    assert shown.dataset is good and shown.problems == ("p",)
    assert shown.stale and shown.broken_since == broke
    assert Words().stale_data(broke) == "The data folder has problems since 09:05 UTC; showing the last good version."
    later = live.update(None, ("q",), now=datetime(2026, 11, 28, 10, 0, tzinfo=UTC))  # type: ignore[arg-type]
    assert later.broken_since == broke
    assert not live.update(good, ()).stale


def test_a_page_keeps_the_last_good_version_when_the_folder_breaks(data: Path, monkeypatch) -> None:
    monkeypatch.setenv("POSITIONS_DIR", str(data))
    first = open_page("pages/compare.py")
    assert not first.exception and not first.warning
    (data / "sources.yaml").write_text("sources: [\n", encoding="utf-8")
    time.sleep(0.01)
    at = open_page("pages/compare.py")
    assert not at.exception, at.exception
    assert "The data folder has problems since" in at.warning[0].value
    page = texts(at)
    assert "Should a contract for military use of AI models" in page  # the last good dataset, still shown
    assert "sources.yaml:2: (file): YAML syntax error" in page
    assert str(data) not in page


def test_the_problem_panel_is_bounded_and_relative(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "issues.yaml").write_text(
        "issues:\n" + "".join(f"  - id: i{n}\n    title: {'t' * 5_000}\n" for n in range(2_000)), encoding="utf-8"
    )
    monkeypatch.setenv("POSITIONS_DIR", str(tmp_path))
    at = open_page("pages/compare.py")
    assert not at.exception
    panel = at.code[0].value
    assert len(panel.encode()) < 5_000
    assert "more; `python -m stances validate` lists them all" in panel
    assert str(tmp_path) not in texts(at)
    assert panel.startswith("issues.yaml:")
