"""The Overview never pays for pandas, pyarrow, numpy or plotly, at any size: checked in a fresh interpreter."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# Streamlit itself imports plotly's lazy `plotly.graph_objects` shell at start; the cost is in the figure classes,
# which load only when a figure is built.
HEAVY = ("pandas", "pyarrow", "numpy", "plotly.graph_objs._figure")
SCRIPT = """
import sys
from streamlit.testing.v1 import AppTest
at = AppTest.from_file(sys.argv[1], default_timeout=120)
at.run()
assert not at.exception, at.exception
assert at.get("html"), "the matrix was not drawn"
print(",".join(m for m in sys.argv[2:] if m in sys.modules))
"""


@pytest.mark.parametrize("which", ["shipped", "wide"])
def test_overview_loads_no_pandas_pyarrow_numpy_or_plotly(which, wide_data):
    folder = REPO / "positions" if which == "shipped" else wide_data
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(REPO / "dashboard.py"), *HEAVY],
        cwd=REPO,
        env={**os.environ, "POSITIONS_DIR": str(folder)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "", f"loaded: {result.stdout.strip()}"


VALIDATE_WITHOUT = """
import sys
for name in ("resvg_py", "pandas", "plotly", "streamlit", "babel"):
    sys.modules[name] = None  # importing any of them now raises ImportError
from stances.cli import main
code = main(["validate", sys.argv[1]])
loaded = [m for m in ("stances.site.build", "stances.present.images") if m in sys.modules]
print(f"exit {code}; loaded: {', '.join(loaded) or 'none'}")
"""


def test_validate_needs_no_image_renderer_chart_library_app_or_translations():
    """`stances validate` loads neither the site build nor the PNG renderer, pandas, plotly, Streamlit or Babel."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "NOW": "2026-12-04"}
    result = subprocess.run(
        [sys.executable, "-c", VALIDATE_WITHOUT, str(REPO / "tests" / "data" / "sample")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == "exit 0; loaded: none"


TIMELINE = """
import sys
from streamlit.testing.v1 import AppTest
at = AppTest.from_file(sys.argv[1], default_timeout=120)
at.run()
at.switch_page("pages/timeline.py").run()
assert not at.exception, at.exception
assert len(at.get("plotly_chart")) == 1, "the chart was not drawn"
at.switch_page("pages/compare.py").run()
assert not at.exception, at.exception
print(",".join(m for m in sys.argv[2:] if m in sys.modules))
"""


def test_the_timeline_draws_its_plotly_chart_and_compare_runs_without_pandas():
    """The Timeline has no table of data behind it: its cold first run pays for plotly only. Compare, opened next,
    loads no pandas either: neither page is marked `analysis` in the route table."""
    result = subprocess.run(
        [sys.executable, "-c", TIMELINE, str(REPO / "dashboard.py"), *HEAVY],
        cwd=REPO,
        env={**os.environ, "POSITIONS_DIR": str(REPO / "positions")},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "plotly.graph_objs._figure"
