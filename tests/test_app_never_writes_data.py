"""The app and the CLI only read the data folder: same bytes, same mtimes, same listing, nothing new.

Every page is run through AppTest against a copy of the sample, including filter changes (which write the
URL), a download and the reset button; then `python -m stances validate` and `export` (and `site` with
an output folder elsewhere, where that command exists). A snapshot of every file and folder before and
after must be identical, folder mtimes included, so even a temporary file created and removed shows up.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest
from apptest_support import PAGES, REPO, open_page

SAMPLE = REPO / "tests" / "data" / "sample"

Snapshot = dict[str, tuple[str, int, int, str]]


def snapshot(folder: Path) -> Snapshot:
    """relative path -> (kind, size, mtime_ns, sha256) for the folder itself and everything below it."""
    out: Snapshot = {}
    for path in [folder, *sorted(folder.rglob("*"))]:
        stat = path.lstat()
        rel = path.relative_to(folder).as_posix() or "."
        if path.is_symlink():
            out[rel] = ("link", stat.st_size, stat.st_mtime_ns, os.readlink(path))
        elif path.is_dir():
            out[rel] = ("dir", 0, stat.st_mtime_ns, "")
        else:
            out[rel] = ("file", stat.st_size, stat.st_mtime_ns, hashlib.sha256(path.read_bytes()).hexdigest())
    return out


def assert_unchanged(before: Snapshot, after: Snapshot) -> None:
    assert sorted(after) == sorted(before), {
        "new": sorted(set(after) - set(before)),
        "gone": sorted(set(before) - set(after)),
    }
    changed = {path: (before[path], after[path]) for path in before if before[path] != after[path]}
    assert not changed, changed


@pytest.fixture
def data_copy(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(SAMPLE, folder)
    old = 1_700_000_000_000_000_000  # an old, fixed mtime, so any rewrite is visible even within the same second
    for path in [folder, *folder.rglob("*")]:
        os.utime(path, ns=(old, old), follow_symlinks=False)
    monkeypatch.setenv("POSITIONS_DIR", str(folder))
    return folder


@pytest.mark.parametrize("page", PAGES)
def test_pages_and_their_widgets_do_not_touch_the_data(page, data_copy):
    before = snapshot(data_copy)
    at = open_page(page, {"issue": "surveillance", "as_of": "2026-03-01", "unknown": "x"})
    assert not at.exception, at.exception
    at.multiselect(key="w_parties").select("dod").run()
    assert not at.exception, at.exception
    at.multiselect(key="w_issues").unselect("surveillance").run()
    if page == "pages/sources.py":
        at.selectbox(key="w_kind").select("primary").run()
        at.text_input(key="w_q").input("Parnell").run()
    at.button[-1].click().run()  # "Reset filters", the last button in the sidebar
    assert not at.exception, at.exception
    assert_unchanged(before, snapshot(data_copy))


def test_reloading_after_the_cache_is_warm_does_not_touch_the_data(data_copy):
    before = snapshot(data_copy)
    for page in PAGES:
        at = open_page(page)
        assert not at.exception, at.exception
        at.run()
    assert_unchanged(before, snapshot(data_copy))


@pytest.mark.parametrize("args", [["validate"], ["export"], ["export", "--format", "csv"]], ids=" ".join)
def test_cli_does_not_touch_the_data(args, data_copy, run_cli):
    before = snapshot(data_copy)
    result = run_cli(*args, str(data_copy))
    assert result.returncode == 0, result.stderr
    assert result.stdout
    assert_unchanged(before, snapshot(data_copy))


def test_site_writes_only_its_output_folder(data_copy, run_cli, tmp_path):
    before = snapshot(data_copy)
    out = tmp_path / "site"
    result = run_cli("site", str(out), "--data", str(data_copy))
    assert result.returncode == 0, result.stderr
    assert any(out.iterdir())
    assert_unchanged(before, snapshot(data_copy))
