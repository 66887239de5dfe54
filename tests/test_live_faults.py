"""A real server on a copy of the sample, a real Chromium on /compare, and the data folder broken under them.

Each fault is applied in turn and the page reloaded: it must show the last good version with the notice (or
the problem list), never a traceback, with an error panel of a few kilobytes at most, while the server's health
check still answers. Every fault is then undone and the page must be back to normal. Last, a dense 16 MB file
must be refused in seconds with the server under 1 GB.

Run: REQUIRE_BROWSER=1 python -m pytest tests/test_live_faults.py -q -s
"""

from __future__ import annotations

import os
import shutil
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from browser_support import SAMPLE, Browsing, StreamlitServer, main_text, streamlit_server, wait_idle
from browser_support import browsing as browsing

pytestmark = pytest.mark.browser

NOTICE = "The data folder has problems since"
PROBLEMS = "did not validate"
QUESTION = "Should a contract for military use of AI models"  # on /compare whenever the sample data is shown
PANEL_LIMIT = 5_000
MB = 1024 * 1024


def _replace(path: Path, make: Callable[[Path], None]) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()
    make(path)


def _half_written(path: Path) -> None:
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 2])


def _atomic_broken_replace(path: Path) -> None:
    staging = path.with_name(".sources.yaml.tmp")
    staging.write_text("sources:\n  - id: only-this\n", encoding="utf-8")
    os.replace(staging, path)


def _faults(folder: Path, outside: Path) -> dict[str, Callable[[], None]]:
    sources = folder / "sources.yaml"
    return {
        "deleted": sources.unlink,
        "half-written": lambda: _half_written(sources),
        "atomically replaced by a broken file": lambda: _atomic_broken_replace(sources),
        "unreadable": lambda: sources.chmod(0),  # root still reads it; then the page must simply stay whole
        "a directory": lambda: _replace(sources, lambda p: (p.mkdir(), (p / "x.yaml").write_text("issues: [\n"))),
        "a FIFO": lambda: _replace(sources, os.mkfifo),
        "a symlink outside the folder": lambda: _replace(sources, lambda p: p.symlink_to(outside)),
        "a name that is not UTF-8": lambda: os.close(
            os.open(os.fsencode(folder) + b"/bad\xff.yaml", os.O_CREAT | os.O_WRONLY)
        ),
        "a 60 MB file": lambda: (folder / "huge.yaml").open("wb").truncate(60 * MB),
    }


def _restore(folder: Path) -> None:
    for entry in folder.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    shutil.copytree(SAMPLE, folder, dirs_exist_ok=True)


def _healthy(server: StreamlitServer) -> bool:
    with urllib.request.urlopen(server.url("_stcore/health"), timeout=10) as response:
        return response.status == 200 and response.read().strip() == b"ok"


def _memory_mb(pid: int, field: str) -> float:
    """VmRSS (now) or VmHWM (the peak so far) of a process."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    raise AssertionError(f"no {field}")


# The error panel's code blocks: in the main area, not the share link and citations of the sidebar or phone panel.
PANEL_CODE = '[data-testid="stMain"] [data-testid="stCode"]:not(.st-key-phone_controls [data-testid="stCode"])'


def _panel_chars(page) -> int:
    return sum(page.locator(PANEL_CODE).evaluate_all("els => els.map(e => e.textContent.length)"))


def _reload(page) -> str:
    page.reload()
    wait_idle(page, timeout=60_000)
    text = main_text(page)
    assert "Traceback" not in text
    assert page.locator('[data-testid="stException"]').count() == 0
    assert _panel_chars(page) < PANEL_LIMIT
    return text


@pytest.fixture
def live_server(tmp_path: Path) -> StreamlitServer:
    folder = tmp_path / "data"
    shutil.copytree(SAMPLE, folder)
    with streamlit_server(folder, tmp_path) as server:
        yield server


def test_every_fault_leaves_the_page_usable(live_server: StreamlitServer, browsing: Browsing, tmp_path) -> None:
    folder = live_server.data_dir
    outside = tmp_path / "outside.yaml"
    shutil.copy(SAMPLE / "sources.yaml", outside)
    page = browsing.new_page()
    page.goto(live_server.url("compare"))
    wait_idle(page, timeout=60_000)
    normal = main_text(page)
    assert QUESTION in normal and NOTICE not in normal and PROBLEMS not in normal
    for name, fault in _faults(folder, outside).items():
        time.sleep(0.02)  # a new modification time
        fault()
        text = _reload(page)
        shown = NOTICE in text or PROBLEMS in text or name == "unreadable"
        assert shown, f"{name}: neither the notice nor the problem list:\n{text[:2000]}"
        if NOTICE in text:
            assert QUESTION in text, f"{name}: the last good version is not shown"
        assert str(folder) not in text, f"{name}: the server's data path is shown"
        assert _healthy(live_server), name
        print(f"{name}: {'notice' if NOTICE in text else 'problems' if PROBLEMS in text else 'data'} shown")
        _restore(folder)
        back = _reload(page)
        assert NOTICE not in back and PROBLEMS not in back, f"after undoing {name}"
    assert _healthy(live_server)


def test_a_dense_16_mb_file_is_refused_in_seconds(live_server: StreamlitServer, browsing: Browsing) -> None:
    page = browsing.new_page()
    page.goto(live_server.url("compare"))
    wait_idle(page, timeout=60_000)
    baseline = _memory_mb(live_server.running.pid, "VmRSS")
    items = (16 * MB - 100) // 2
    (live_server.data_dir / "dense.yaml").write_text("issues: [" + ",".join(["1"] * items) + "]\n", encoding="utf-8")
    started = time.monotonic()
    text = _reload(page)
    seconds = time.monotonic() - started
    peak = _memory_mb(live_server.running.pid, "VmHWM")
    print(f"dense 16 MB file: page back in {seconds:.1f} s; server RSS {baseline:.0f} MB before, peak {peak:.0f} MB")
    assert NOTICE in text and QUESTION in text
    assert seconds < 20
    assert peak < 1024
    assert _healthy(live_server)
