"""The parts of the benchmark that run inside a fresh interpreter, started by `bench_common.worker`:

    python benchmarks/bench_workers.py reruns|reparse|load ARGS

with the app's folder as working directory and on PYTHONPATH (BENCH_APP), so that the app measured may be a
patched copy (`run.py --app DIR`). The last line printed is the JSON of the figures.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench_common import BARE_APP, PAGES, median, rss_kb

APP = Path(os.environ.get("BENCH_APP", Path(__file__).resolve().parent.parent)).resolve()


def quiet_streamlit() -> None:
    import logging

    import streamlit.logger

    streamlit.logger.set_log_level("error")
    for name in list(logging.root.manager.loggerDict):
        if name.startswith("streamlit"):
            logging.getLogger(name).setLevel(logging.ERROR)


def filtered_view() -> dict[str, list[str]]:
    """A typical narrowed view of the data the worker runs on: its first issue and first three parties."""
    from stances.domain.validate import load_dataset

    data = load_dataset(os.environ["POSITIONS_DIR"])
    return {"w_issues": list(data.issues)[:1], "w_parties": list(data.parties)[:3]}


def _set_filters(at: Any, values: dict[str, list[str]]) -> None:
    for key, value in values.items():
        at.multiselect(key=key).set_value(value)


class GcClock:
    """Time spent in the cyclic garbage collector (all generations), from `gc.callbacks`."""

    def __init__(self) -> None:
        import gc

        self.total = 0.0
        self.full = 0  # generation-2 collections
        self._start = 0.0
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.total += time.perf_counter() - self._start
            self.full += info.get("generation") == 2


class PageError(RuntimeError):
    """A page raised, or ignored the filter change."""


def _time_page(at: Any, page: str, reps: int, views: dict[str, dict[str, list[str]]], gc_clock: GcClock) -> dict:
    times: dict[str, list[float]] = {view: [] for view in views}
    cpu: dict[str, list[float]] = {view: [] for view in views}
    in_gc: dict[str, list[float]] = {view: [] for view in views}
    for rep in range(reps + 1):  # the first pass warms lazy imports (pandas for tables, plotly) and is dropped
        for view, values in views.items():
            _set_filters(at, values)
            start, start_cpu, start_gc = time.perf_counter(), time.process_time(), gc_clock.total
            at.run()
            if rep:
                times[view].append(time.perf_counter() - start)
                cpu[view].append(time.process_time() - start_cpu)
                in_gc[view].append(gc_clock.total - start_gc)
            if at.exception:
                messages = [getattr(e, "message", str(e)) for e in at.exception]
                raise PageError(f"{page}: {'; '.join(messages)}")
            shown = at.multiselect(key="w_issues").value
            if shown != values["w_issues"] or ("issue" in at.query_params) != bool(values["w_issues"]):
                raise PageError(f"{page}: the filter change did not reach the page ({shown})")
    result = {view: median(values) for view, values in times.items()}
    result |= {f"{view}_cpu": median(values) for view, values in cpu.items()}
    return result | {f"{view}_gc": max(values) for view, values in in_gc.items()}


def rerun_worker(reps: int, pages: list[str]) -> dict[str, Any]:
    """Per page: median time of `at.run()` after the filters change to the filtered view, and back to default."""
    quiet_streamlit()
    gc_clock = GcClock()
    from streamlit.testing.v1 import AppTest

    out: dict[str, Any] = {"pages": {}}
    with tempfile.TemporaryDirectory() as tmp:  # the floor: AppTest's own cost for a one-line script
        bare = Path(tmp) / "bare.py"
        bare.write_text(BARE_APP)
        at = AppTest.from_file(str(bare), default_timeout=60)
        at.run()
        floor = []
        for _ in range(max(reps, 5)):
            start = time.perf_counter()
            at.run()
            floor.append(time.perf_counter() - start)
        out["floor"] = median(floor)

    start = time.perf_counter()
    at = AppTest.from_file(str(APP / "dashboard.py"), default_timeout=600)
    at.run()
    out["first_run"] = time.perf_counter() - start  # includes validate-and-load into the cache
    if at.exception:
        raise RuntimeError(at.exception)
    filtered = filtered_view()
    default = {key: [] for key in filtered}
    for page in pages:
        at = AppTest.from_file(str(APP / "dashboard.py"), default_timeout=600)
        at.run()
        if page != "dashboard.py":
            at.switch_page(page).run()
        try:
            out["pages"][page] = _time_page(at, page, reps, {"filtered": filtered, "default": default}, gc_clock)
        except PageError as exc:  # reported in the table, so one broken page does not hide the others' figures
            out["pages"][page] = {"error": str(exc).splitlines()[0][:200]}
    out["gc_full_collections"] = gc_clock.full
    return out


def reparse_worker(reps: int) -> dict[str, Any]:
    """Count `read_yaml` calls over a first run and a rerun with no file changed; time `ui.data.load()` when warm."""
    quiet_streamlit()
    from streamlit.testing.v1 import AppTest

    import stances.domain.validate
    import stances.domain.yaml_reader

    filtered = filtered_view()  # before counting: it reads the folder itself
    calls = {"n": 0}
    original = stances.domain.yaml_reader.read_yaml

    def counting(raw: bytes, name: str) -> Any:
        calls["n"] += 1
        return original(raw, name)

    stances.domain.validate.read_yaml = counting
    stances.domain.yaml_reader.read_yaml = counting
    at = AppTest.from_file(str(APP / "dashboard.py"), default_timeout=600)
    at.run()
    first = calls["n"]
    at.run()
    at.switch_page("pages/compare.py").run()
    _set_filters(at, filtered)
    at.run()
    rerun = calls["n"] - first

    from stances.domain.validate import folder_fingerprint
    from ui.data import chosen_folder, load

    load()  # the cache is already warm from the runs above
    warm, fingerprint = [], []
    for _ in range(max(reps, 5)):
        start = time.perf_counter()
        load()
        warm.append(time.perf_counter() - start)
        start = time.perf_counter()
        folder_fingerprint(chosen_folder())
        fingerprint.append(time.perf_counter() - start)
    return {
        "first_run_reads": first,
        "rerun_reads": rerun,
        "load_warm": median(warm),
        "fingerprint": median(fingerprint),
        "reads_after_warm_load": calls["n"] - first - rerun,
    }


def load_worker(trace: bool, how: str) -> dict[str, Any]:
    """One cold validate-and-load in this fresh process: time, RSS and (with `trace`) traced peak.

    how="app" loads as `ui.data` does (cyclic GC paused for the whole load); how="cli" calls `check_folder`
    bare, as `python -m stances validate` does.
    """
    start = time.perf_counter()
    from stances.domain.validate import check_folder

    try:
        from stances.domain.yaml_reader import paused_gc
    except ImportError:  # an app copy from before the change
        paused_gc = contextlib.nullcontext
    imported = time.perf_counter() - start
    base_rss = rss_kb(os.getpid())
    folder = Path(os.environ["POSITIONS_DIR"])
    if trace:
        import tracemalloc

        tracemalloc.start()
    start = time.perf_counter()
    with paused_gc() if how == "app" else contextlib.nullcontext():
        data, problems = check_folder(folder)
    elapsed = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] if trace else 0
    if data is None:
        raise RuntimeError(f"{len(problems)} problems, first: {problems[0].render()}")
    return {
        "import": imported,
        "load": elapsed,
        "rss_base_kb": base_rss,
        # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across fork and exec
        "rss_peak_kb": rss_kb(os.getpid(), "VmHWM"),
        "rss_after_kb": rss_kb(os.getpid()),
        "traced_peak": peak,
        "versions": len(data.versions),
    }


def main(argv: list[str] | None = None) -> int:
    mode, *args = sys.argv[1:] if argv is None else argv
    os.chdir(APP)
    modes: dict[str, Callable[[], dict[str, Any]]] = {
        "reruns": lambda: rerun_worker(int(args[0]), args[1:] or list(PAGES)),
        "reparse": lambda: reparse_worker(int(args[0])),
        "load": lambda: load_worker(args[0] == "1", args[1]),
    }
    print(json.dumps(modes[mode]()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
