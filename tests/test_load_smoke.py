"""The load script's core against a real server: 5 concurrent websocket sessions, every run finishes cleanly.

Correctness only (every run reaches script_finished, no exception, no error alert, no unexpected notice,
the right page ran, nothing in the server log); timings are printed, never asserted.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "tests" / "data" / "sample"

pytest.importorskip("websocket", reason="websocket-client is not installed (pip install websocket-client)")

import load_sessions  # noqa: E402  (benchmarks/, after the check that websocket-client is there)
from load_level import MAX_RERUNS, MAX_SESSIONS, require_loopback, run_level, table  # noqa: E402
from load_server import Server, serve  # noqa: E402


def test_five_sessions_two_reruns_each_finish_without_errors():
    with serve(SAMPLE) as server:
        result = run_level(server, sessions=5, reruns=2, deadline_s=90, run_timeout=60, settle_s=0.5)
    print(table([("sample", result)]))
    assert result.errors == []
    assert result.server_tracebacks == []
    assert result.finished_runs == result.expected_runs == 15
    assert len(result.latencies_ms) == 15


def test_refuses_a_server_that_is_not_on_loopback():
    with pytest.raises(SystemExit, match="only talks to 127.0.0.1"):
        require_loopback("http://example.org:8501")


def test_bounds_are_enforced():
    server = Server("http://127.0.0.1:1", None)
    with pytest.raises(ValueError, match="sessions"):
        run_level(server, sessions=MAX_SESSIONS + 1)
    with pytest.raises(ValueError, match="reruns"):
        run_level(server, sessions=1, reruns=MAX_RERUNS + 1)


def test_the_shipped_collector_skips_the_full_collection_after_every_run(tmp_path):
    """The two collector policies side by side: Streamlit's default collects fully after each run, the shipped
    configuration does not. Counts of collections, from the servers' own probe; no timing is asserted.

    One session, so runs never end together: Python skips a `gc.collect()` called while another thread is already
    collecting, and concurrent runs then share one collection (README, Many readers: 0.86-0.92 per run at 200)."""
    out = tmp_path / "collector.md"
    argv = ["--collector-baseline", "--sessions", "1", "--reruns", "5", "--probe", "--out", str(out)]
    assert load_sessions.main(argv) == 0
    levels = {level["setup"]: level for level in json.loads(out.with_suffix(".json").read_text())["levels"]}
    shipped = levels["tests/data/sample, shipped collector"]
    default = levels["tests/data/sample, default collector"]
    for level in (shipped, default):
        assert level["finished_runs"] == level["expected_runs"] == 6
        assert level["errors"] == [] and level["server_tracebacks"] == []
    assert default["gc_full"] >= default["finished_runs"]
    assert shipped["gc_full"] < shipped["finished_runs"]
    assert "shipped collector" in out.read_text() and "default collector" in out.read_text()
