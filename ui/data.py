"""Which folder to read, and the dataset loaded once per version of its files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import streamlit as st

from stances.config import data_dir
from stances.dataset import Dataset
from stances.problems import Problem
from stances.validate import check_folder, folder_fingerprint
from stances.yaml_reader import paused_gc

APP_ROOT = Path(__file__).resolve().parent.parent


def chosen_folder() -> Path:
    """`streamlit run dashboard.py -- --data DIR`, else $POSITIONS_DIR, else positions/ beside the app."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--data")
    known, _ = parser.parse_known_args(sys.argv[1:])
    folder = data_dir(known.data)
    if not folder.is_absolute() and not folder.exists():
        folder = APP_ROOT / folder
    return folder


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(folder: str, fingerprint: str) -> tuple[Dataset | None, tuple[Problem, ...]]:
    # The whole load builds long-lived objects only; with the cyclic collector paused it takes about
    # a third of the CPU time at the 100x benchmark size (see docs/performance.md).
    with paused_gc():
        dataset, problems = check_folder(folder)
    return dataset, tuple(problems)


def load() -> tuple[Path, Dataset | None, tuple[Problem, ...]]:
    """Re-validates only when a file's size or modification time changed; the result is shared, not copied."""
    folder = chosen_folder()
    fingerprint = folder_fingerprint(folder) if folder.is_dir() else "missing"
    dataset, problems = _load(str(folder), fingerprint)
    return folder, dataset, problems
