"""Which folder to read, and the dataset loaded once per version of its files.

The folder may change or break while the server runs; see stances/domain/live.py and the README's Reliability
section for what the pages show then. No failure of the folder reaches a page as a traceback.
"""

from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path

import streamlit as st

from stances.config import data_dir
from stances.domain.dataset import Dataset
from stances.domain.live import LiveFolder, Shown
from stances.domain.problems import Problem
from stances.domain.validate import check_folder, folder_fingerprint

from .collector import settle_heap

APP_ROOT = Path(__file__).resolve().parent.parent


def chosen_folder() -> Path:
    """`streamlit run dashboard.py -- --data DIR`, else $POSITIONS_DIR, else positions/ beside the app."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--data")
    known, _ = parser.parse_known_args(sys.argv[1:])
    folder = data_dir(known.data)
    if not folder.is_absolute():
        folder = folder.resolve() if folder.exists() else APP_ROOT / folder
    return folder


def _checked(folder: str) -> tuple[Dataset | None, tuple[Problem, ...]]:
    """check_folder reports bad data as problems; anything else it raises (a bug, an odd OS error) becomes one."""
    try:
        dataset, problems = check_folder(folder)
    except Exception as exc:  # a page never shows a traceback for the data folder
        return None, (
            Problem(
                file=".", line=1, field="(folder)", message=f"the data folder could not be read ({type(exc).__name__})"
            ),
        )
    return dataset, tuple(problems)


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(folder: str, fingerprint: str) -> tuple[Dataset | None, tuple[Problem, ...]]:
    # check_folder pauses the cyclic collector while it builds. settle_heap then moves everything alive into the
    # permanent generation, so later collections (during every rerun of every session) no longer rescan the
    # whole dataset: at 100x, full collections otherwise cost 0.3-1 s in the middle of a rerun. Frozen objects
    # are still freed by reference counting when the cache drops them. See the README's Performance section.
    loaded = _checked(folder)
    settle_heap()
    return loaded


_latest: dict[str, str] = {}  # folder -> the fingerprint last loaded, shared by all sessions
_live: dict[str, LiveFolder] = {}  # folder -> its last good dataset
_latest_lock = threading.Lock()


def _fingerprint(folder: Path) -> str:
    try:
        return folder_fingerprint(folder) if folder.is_dir() else "missing"
    except Exception as exc:  # as in _checked
        return f"unreadable:{type(exc).__name__}"


def current(folder: Path) -> Shown:
    """Re-validates only when a file's size or modification time changed; the result is shared, not copied."""
    fingerprint = _fingerprint(folder)
    dataset, problems = _load(str(folder), fingerprint)
    with _latest_lock:
        previous = _latest.get(str(folder))
        _latest[str(folder)] = fingerprint
        live = _live.setdefault(str(folder), LiveFolder())
    if previous is not None and previous != fingerprint:
        # An edited folder almost never returns to an earlier fingerprint (modification times move on), so
        # the earlier dataset would only hold memory (about 60 MB at the 100x benchmark size) until evicted.
        # The last good dataset stays alive in `live` for as long as it is the one shown.
        _load.clear(str(folder), previous)
    return live.update(dataset, problems)


def load() -> tuple[Path, Shown]:
    """The folder, and what to show of it: the dataset (None: show the problems instead), the folder's problems,
    and whether the dataset is the last good version (`ui/problems.py` draws both)."""
    folder = chosen_folder()
    return folder, current(folder)
