"""The server's garbage-collection policy: its thresholds, and the Streamlit option the shipped config turns off."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pytest

from ui.collector import DEFAULT_THRESHOLDS, THRESHOLDS_ENV, settle_heap, thresholds

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("", DEFAULT_THRESHOLDS), ("700,10,10", (700, 10, 10)), ("1,2", DEFAULT_THRESHOLDS),
     ("a,b,c", DEFAULT_THRESHOLDS), ("0,10,10", DEFAULT_THRESHOLDS), ("-5,10,10", DEFAULT_THRESHOLDS)],
)  # fmt: skip
def test_thresholds_come_from_the_environment_only_when_well_formed(monkeypatch, raw, expected):
    monkeypatch.setenv(THRESHOLDS_ENV, raw)
    assert thresholds() == expected


def test_settle_heap_freezes_and_sets_the_thresholds(monkeypatch):
    monkeypatch.delenv(THRESHOLDS_ENV, raising=False)
    before = gc.get_threshold()
    try:
        settle_heap()
        assert gc.get_threshold() == DEFAULT_THRESHOLDS
        assert gc.get_freeze_count() > 0
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()


def test_streamlit_reads_the_shipped_config_as_no_collection_after_every_run():
    """Streamlit's default is True. That the baseline's variable turns it back on, through `streamlit run`, is
    checked with real servers in test_load_smoke (full collections counted per run)."""
    code = "from streamlit import config; config.get_config_options(); print(config.get_option('runner.postScriptGC'))"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env={"PATH": "/usr/bin:/bin"}, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
