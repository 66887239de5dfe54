"""The load script's core against a real server: 5 concurrent websocket sessions, every run finishes cleanly.

Correctness only (every run reaches script_finished, no exception, no error alert, no unexpected notice,
the right page ran, nothing in the server log); timings are printed, never asserted.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from apptest_support import load_sessions_module

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "tests" / "data" / "sample"

pytest.importorskip("websocket", reason="websocket-client is not installed (pip install websocket-client)")


load_sessions = load_sessions_module()


def test_five_sessions_two_reruns_each_finish_without_errors():
    with load_sessions.serve(SAMPLE) as server:
        result = load_sessions.run_level(server, sessions=5, reruns=2, deadline_s=90, run_timeout=60, settle_s=0.5)
    print(load_sessions.table([("sample", result)]))
    assert result.errors == []
    assert result.server_tracebacks == []
    assert result.finished_runs == result.expected_runs == 15
    assert len(result.latencies_ms) == 15


def test_refuses_a_server_that_is_not_on_loopback():
    with pytest.raises(SystemExit, match="only talks to 127.0.0.1"):
        load_sessions.require_loopback("http://example.org:8501")


def test_bounds_are_enforced():
    server = load_sessions.Server("http://127.0.0.1:1", None)
    with pytest.raises(ValueError, match="sessions"):
        load_sessions.run_level(server, sessions=load_sessions.MAX_SESSIONS + 1)
    with pytest.raises(ValueError, match="reruns"):
        load_sessions.run_level(server, sessions=1, reruns=load_sessions.MAX_RERUNS + 1)


RACE = textwrap.dedent(
    """
    import sys, threading
    from stances.present.figures import timeline_figure
    from stances.domain.queries import timeline
    from stances.domain.validate import check_folder
    from stances.domain.view_state import ViewState
    import plotly.graph_objects  # noqa: F401  (plotly alone does not import pandas)

    assert "pandas" not in sys.modules
    dataset, problems = check_folder(sys.argv[1])
    entries = timeline(dataset, ViewState())
    errors = []

    def draw():  # one session drawing the timeline chart ...
        for _ in range(300):
            try:
                timeline_figure(dataset, entries)
            except Exception as exc:
                errors.append(repr(exc))
                return

    drawer = threading.Thread(target=draw)
    importer = threading.Thread(target=lambda: __import__("pandas"))  # ... while another one imports pandas
    drawer.start()
    importer.start()
    importer.join()
    drawer.join()
    print(errors[0] if errors else "ok")
    """
)


def test_timeline_figure_is_safe_while_another_session_imports_pandas():
    """Streamlit runs sessions in threads. plotly peeks at sys.modules for pandas (should_load=False), so
    while a first session is still importing pandas (st.dataframe on /sources does), a second one drawing
    the timeline gets the half-initialised module: AttributeError on pd.Series. Seen in the load test on a
    cold server. `import pandas` before building the figure waits for that import to finish."""
    result = subprocess.run(
        [sys.executable, "-c", RACE, str(SAMPLE)], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
