"""Which folder to read, and the dataset loaded once per version of its files."""

from __future__ import annotations

import argparse
import gc
import sys
import threading
from pathlib import Path

import streamlit as st

from stances.config import data_dir
from stances.domain.dataset import Dataset
from stances.domain.problems import Problem
from stances.domain.validate import check_folder, folder_fingerprint

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


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(folder: str, fingerprint: str) -> tuple[Dataset | None, tuple[Problem, ...]]:
    # check_folder pauses the cyclic collector while it builds. Freezing then moves everything alive into the
    # permanent generation, so later collections (during every rerun of every session) no longer rescan the
    # whole dataset: at 100x, full collections otherwise cost 0.3-1 s in the middle of a rerun. Frozen objects
    # are still freed by reference counting when the cache drops them. See the README's Performance section.
    dataset, problems = check_folder(folder)
    gc.freeze()
    return dataset, tuple(problems)


_latest: dict[str, str] = {}  # folder -> the fingerprint last loaded, shared by all sessions
_latest_lock = threading.Lock()


def load() -> tuple[Path, Dataset | None, tuple[Problem, ...]]:
    """Re-validates only when a file's size or modification time changed; the result is shared, not copied."""
    folder = chosen_folder()
    fingerprint = folder_fingerprint(folder) if folder.is_dir() else "missing"
    dataset, problems = _load(str(folder), fingerprint)
    with _latest_lock:
        previous = _latest.get(str(folder))
        _latest[str(folder)] = fingerprint
    if previous is not None and previous != fingerprint:
        # An edited folder almost never returns to an earlier fingerprint (modification times move on), so
        # the earlier dataset would only hold memory (about 60 MB at the 100x benchmark size) until evicted.
        _load.clear(str(folder), previous)
    return folder, dataset, problems
