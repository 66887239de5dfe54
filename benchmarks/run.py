"""Benchmarks for the dashboard, in one command: cold start, reruns, loading, memory per session.

    python benchmarks/run.py [--quick] [--skip-browser] [--scales 1,10,100,wide] [--out FILE]

a. Cold start of `streamlit run dashboard.py` (1x data) against a bare `st.write("hi")` app, started the
   same way and alternated round by round, in headless Chromium: server start to first content and to idle.
b. Server-side time of a rerun after a filter change, per page, at each scale, through AppTest (the filter
   widgets are set and the script rerun, as a reader's change does), for the default and a filtered view.
c. Validate-and-load (`check_folder`) in fresh processes: time, peak RSS and traced peak; and a rerun with
   unchanged files: calls to `read_yaml` (must be 0) and the time of `ui.data.load()`.
d. Server memory per extra browser session: RSS with 1 and with 11 Chromium sessions on the app.
e. Static site: `stances site` of each dataset into a temporary folder: build time, total size, the largest
   page and the largest file (scripts included).

Datasets: the generated 1×/10×/100× folders, and "wide" (30 parties × 40 issues, minimal fields, German,
`benchmarks/generate.py --shape wide`), which gets a cold start of its own (a) beside the 1× one.

Every figure is a median over repeated runs, and every ratio is taken within the same run. Results go to
benchmarks/results/results.md (printed too). Generated data lives in benchmarks/generated/ (made on demand).
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import hashlib
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from stances.present.pages import ENTRY
from stances.present.pages import PAGES as REGISTRY

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "benchmarks"
# The app under test: this checkout, or another copy (`--app DIR`) to measure a change before making it.
APP = Path(os.environ.get("BENCH_APP", REPO)).resolve()
GENERATED = BENCH / "generated"
RESULTS = BENCH / "results" / "results.md"
PYTHON = sys.executable
NOW = "2026-12-04"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# The app's pages, from the one registry (the entry script stands for the Overview).
PAGES = (ENTRY.script, *(p.script for p in REGISTRY if p.key != "overview"))
WIDE = "wide"
Key = int | str  # a scale (1, 10, 100) or a named shape ("wide")
BARE_APP = 'import streamlit as st\n\nst.write("hi")\n'
CONTENT_JS = """() => [
    ...document.querySelectorAll('[data-testid="stMarkdown"], [data-testid="stHeading"], h1, h2, h3')
].some((e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')"""
IDLE_JS = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    return !!app && app.getAttribute('data-test-script-state') === 'notRunning'
        && !document.querySelector('[data-testid="stStatusWidget"]');
}"""


@dataclass(frozen=True)
class Settings:
    quick: bool
    scales: tuple[Key, ...]
    cold_rounds: int
    rerun_reps: int
    load_reps: int
    sessions: int


def settings(quick: bool, scales: tuple[Key, ...] | None = None) -> Settings:
    if quick:
        return Settings(True, scales or (1, 10, WIDE), cold_rounds=3, rerun_reps=3, load_reps=2, sessions=11)
    return Settings(False, scales or (1, 10, 100, WIDE), cold_rounds=7, rerun_reps=7, load_reps=5, sessions=11)


def parse_key(text: str) -> Key:
    if text.isdigit():
        return int(text)
    if text != WIDE:
        raise SystemExit(f"unknown dataset {text!r}: use 1, 10, 100 or {WIDE}")
    return text


def dataset_label(key: Key) -> str:
    return f"{key}×" if isinstance(key, int) else key


# ---------------------------------------------------------------- helpers


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def env_for(data: Path | None = None) -> dict[str, str]:
    env = {**os.environ, "NOW": os.environ.get("NOW", NOW), "PYTHONPATH": str(APP), "PYTHONUNBUFFERED": "1"}
    env["BENCH_APP"] = str(APP)
    env.pop("POSITIONS_DIR", None)
    if data is not None:
        env["POSITIONS_DIR"] = str(data)
    return env


def dataset(scale: Key) -> Path:
    """The generated folder for `scale`, (re)made when missing or made by another version of the generator."""
    sys.path.insert(0, str(BENCH))
    import generate

    out = GENERATED / generate.folder_name(scale)
    stamp = out / ".generator"
    version = hashlib.sha256(Path(generate.__file__).read_bytes()).hexdigest()[:16]
    if not stamp.is_file() or stamp.read_text() != version:
        generate.generate(scale, out)
        stamp.write_text(version)
    return out


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*.yaml") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def worker(mode: str, *args: str, data: Path | None = None, timeout: float = 900) -> dict[str, Any]:
    """Run `run.py --worker MODE ARGS` in a fresh interpreter; its last stdout line is JSON."""
    proc = subprocess.run(
        [PYTHON, str(Path(__file__).resolve()), "--worker", mode, *args],
        cwd=APP,
        env=env_for(data),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"worker {mode} {args} failed ({proc.returncode}):\n{proc.stderr[-4000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rss_kb(pid: int, field: str = "VmRSS") -> int:
    """Resident set size (or, with field="VmHWM", its peak) of a process, in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"no {field}")


@dataclass
class Server:
    proc: subprocess.Popen
    url: str
    started: float
    ready: float = 0.0
    log: Path = field(default_factory=Path)


@contextlib.contextmanager
def server(script: Path, cwd: Path, data: Path | None, *, wait: bool = True) -> Iterator[Server]:
    """`streamlit run SCRIPT` on a free port, stopped (only this process) on exit."""
    port = free_port()
    log = Path(tempfile.mkstemp(prefix="bench-streamlit-", suffix=".log")[1])
    args = [PYTHON, "-m", "streamlit", "run", str(script), "--server.headless", "true"]
    args += ["--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false"]
    with log.open("w") as sink:
        started = time.perf_counter()
        proc = subprocess.Popen(args, cwd=cwd, env=env_for(data), stdout=sink, stderr=subprocess.STDOUT)
    srv = Server(proc, f"http://127.0.0.1:{port}/", started, log=log)
    try:
        if wait:
            wait_healthy(srv)
        yield srv
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)
        log.unlink(missing_ok=True)


def wait_healthy(srv: Server, timeout: float = 60) -> None:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if srv.proc.poll() is not None:
            raise RuntimeError(f"server exited: {srv.log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(srv.url + "_stcore/health", timeout=1) as response:
                if response.status == 200:
                    srv.ready = time.perf_counter()
                    return
        except OSError:
            pass
        time.sleep(0.02)
    raise TimeoutError("server did not become healthy")


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def open_session(browser: Any, url: str, started: float, timeout_ms: float = 120_000) -> tuple[Any, float, float]:
    """Open `url` in a fresh context; seconds from `started` to first content and to idle."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(url, wait_until="commit", timeout=timeout_ms)
    page.wait_for_function(CONTENT_JS, polling=10, timeout=timeout_ms)
    content = time.perf_counter() - started
    page.wait_for_function(f"() => ({CONTENT_JS})() && ({IDLE_JS})()", polling=10, timeout=timeout_ms)
    idle = time.perf_counter() - started
    if page.query_selector('[data-testid="stException"]'):
        raise RuntimeError(f"{url} shows an exception")
    return context, content, idle


# ---------------------------------------------------------------- a. cold start


def cold_start(s: Settings, data: Path) -> dict[str, Any]:
    bare_dir = Path(tempfile.mkdtemp(prefix="bench-bare-"))
    (bare_dir / "app.py").write_text(BARE_APP)
    shutil.copytree(APP / ".streamlit", bare_dir / ".streamlit")  # same server and client settings
    apps = {"app": (APP / "dashboard.py", APP, data), "bare": (bare_dir / "app.py", bare_dir, None)}
    runs: dict[str, list[dict[str, float]]] = {"app": [], "bare": []}
    try:
        with chromium() as browser:
            for rnd in range(s.cold_rounds + 1):  # round 0 warms the page cache and __pycache__, and is dropped
                order = ("app", "bare") if rnd % 2 == 0 else ("bare", "app")
                for name in order:
                    script, cwd, folder = apps[name]
                    with server(script, cwd, folder) as srv:
                        context, content, idle = open_session(browser, srv.url, srv.started)
                        context.close()
                    if rnd:
                        runs[name].append({"ready": srv.ready - srv.started, "content": content, "idle": idle})
    finally:
        shutil.rmtree(bare_dir, ignore_errors=True)
    out: dict[str, Any] = {"rounds": s.cold_rounds}
    for name, values in runs.items():
        for key in ("ready", "content", "idle"):
            out[f"{name}_{key}"] = median([v[key] for v in values])
    # ratios per round (same conditions), then their median
    out["ratio_content"] = median([a["content"] / b["content"] for a, b in zip(runs["app"], runs["bare"], strict=True)])
    out["ratio_idle"] = median([a["idle"] / b["idle"] for a, b in zip(runs["app"], runs["bare"], strict=True)])
    return out


# ---------------------------------------------------------------- b. reruns (worker: AppTest in-process)


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


# ---------------------------------------------------------------- c. load and no re-parse


def load_figures(s: Settings, data: Path) -> dict[str, Any]:
    timed, cli = [], []
    for _ in range(s.load_reps):
        timed.append(worker("load", "0", "app", data=data))
        cli.append(worker("load", "0", "cli", data=data))
    traced = worker("load", "1", "app", data=data) if not s.quick else {"traced_peak": float("nan")}
    files, size = folder_size(data)
    return {
        "files": files,
        "bytes": size,
        "versions": timed[0]["versions"],
        "import": median([t["import"] for t in timed]),
        "load": median([t["load"] for t in timed]),
        "load_cli": median([t["load"] for t in cli]),
        "rss_peak_mb": median([t["rss_peak_kb"] for t in timed]) / 1024,
        "rss_delta_mb": median([t["rss_peak_kb"] - t["rss_base_kb"] for t in timed]) / 1024,
        "traced_peak_mb": traced["traced_peak"] / 2**20,
    }


# ---------------------------------------------------------------- d. memory per session


def session_memory(s: Settings, data: Path) -> dict[str, Any]:
    with chromium() as browser, server(APP / "dashboard.py", APP, data) as srv:
        contexts = []
        context, _, _ = open_session(browser, srv.url, time.perf_counter())
        contexts.append(context)
        time.sleep(2)
        one = rss_kb(srv.proc.pid)
        for _ in range(s.sessions - 1):
            context, _, _ = open_session(browser, srv.url, time.perf_counter())
            contexts.append(context)
        time.sleep(2)
        many = rss_kb(srv.proc.pid)
        for context in contexts:
            context.close()
    extra = s.sessions - 1
    return {
        "one_mb": one / 1024,
        "many_mb": many / 1024,
        "sessions": s.sessions,
        "per_session_mb": (many - one) / 1024 / extra,
    }


# ---------------------------------------------------------------- e. static site


def site_figures(data: Path) -> dict[str, Any]:
    """Build the static site of `data` into a temporary folder: build time, sizes, the largest page and file."""
    with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
        out = Path(tmp) / "site"
        start = time.perf_counter()
        proc = subprocess.run(
            [PYTHON, "-m", "stances", "site", str(out), "--data", str(data)],
            cwd=APP,
            env=env_for(),
            capture_output=True,
            text=True,
            timeout=900,
        )
        elapsed = time.perf_counter() - start
        if proc.returncode != 0:
            return {"error": (proc.stderr.strip().splitlines() or ["failed"])[-1]}
        files = {p.relative_to(out).as_posix(): p.stat().st_size for p in out.rglob("*") if p.is_file()}
    pages = {name: size for name, size in files.items() if name.endswith(".html")}
    page = max(pages, key=pages.__getitem__)
    biggest = max(files, key=files.__getitem__)
    return {
        "build": elapsed,
        "pages": len(pages),
        "bytes": sum(files.values()),
        "page_bytes": sum(pages.values()),
        "largest_page": page,
        "largest_page_bytes": pages[page],
        "largest_file": biggest,
        "largest_file_bytes": files[biggest],
    }


# ---------------------------------------------------------------- report


def machine() -> dict[str, str]:
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 2**20:.1f} GiB"
    import streamlit

    return {
        "nproc": str(os.cpu_count()),
        "memory": memory,
        "cpu": cpu,
        "python": platform.python_version(),
        "streamlit": streamlit.__version__,
    }


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds == seconds else "–"


def _s(seconds: float) -> str:
    return f"{seconds:.2f} s" if seconds == seconds else "–"


def _rerun_cell(figures: dict[str, Any] | None, view: str) -> str:
    if figures is None:
        return "–"
    return "exception" if "error" in figures else _ms(figures[view])


def _mb(size: int) -> str:
    return f"{size / 1e6:.2f} MB"


def _verdict(ok: bool | None) -> str:
    return "–" if ok is None else ("met" if ok else "**missed**")


def report(s: Settings, results: dict[str, Any], loads: tuple[float, float], started: datetime) -> str:
    info = machine()
    lines = [
        "# Benchmark results",
        "",
        f"{started:%Y-%m-%d %H:%M} UTC · `python benchmarks/run.py{' --quick' if s.quick else ''}` · "
        f"{info['nproc']} CPUs ({info['cpu']}), {info['memory']} RAM · Python {info['python']}, "
        f"Streamlit {info['streamlit']} · load average {loads[0]:.2f} at start, {loads[1]:.2f} at end (1 min).",
        "",
    ]
    targets: list[tuple[str, str, bool | None]] = []

    cold = results.get("cold")
    if cold:
        lines += [
            f"**a. Cold start**, 1× data, headless Chromium, medians of {cold['rounds']} alternated rounds "
            "(seconds from `streamlit run` to the state):",
            "",
            "| app | server healthy | first content | idle |",
            "|---|---|---|---|",
            *(
                f"| {label} | " + " | ".join(_s(cold[f"{name}_{key}"]) for key in ("ready", "content", "idle")) + " |"
                for name, label in (("bare", 'bare `st.write("hi")`'), ("app", "dashboard, Overview"))
            ),
            f"| ratio (median of per-round ratios) | | {cold['ratio_content']:.2f}× | {cold['ratio_idle']:.2f}× |",
            "",
        ]
        targets.append(
            ("cold start, first content ≤ 1.2× bare", f"{cold['ratio_content']:.2f}×", cold["ratio_content"] <= 1.2)
        )
        targets.append(("cold start, idle ≤ 1.5× bare", f"{cold['ratio_idle']:.2f}×", cold["ratio_idle"] <= 1.5))
    wide = results.get("cold_wide")
    if cold and wide:
        lines += [
            f"Cold start at the {WIDE} shape (30 parties × 40 issues), same run, {wide['rounds']} rounds:",
            "",
            "| app | server healthy | first content | idle |",
            "|---|---|---|---|",
            *(
                f"| {label} | " + " | ".join(_s(wide[f"{name}_{key}"]) for key in ("ready", "content", "idle")) + " |"
                for name, label in (("bare", 'bare `st.write("hi")`'), ("app", f"dashboard, Overview, {WIDE}"))
            ),
            f"| ratio (median of per-round ratios) | | {wide['ratio_content']:.2f}× | {wide['ratio_idle']:.2f}× |",
            "",
        ]
        for key, name in (("ratio_content", "first content"), ("ratio_idle", "idle")):
            against = wide[key] / cold[key]
            targets.append(
                (f"cold start at {WIDE}, {name}: ratio within 1.1× of 1×'s", f"{against:.2f}×", against <= 1.1)
            )

    reruns = results.get("reruns")
    if reruns:
        scales = list(reruns)
        lines += [
            f"**b. Rerun after a filter change**, server-side, AppTest (widgets set, then `at.run()`), median of "
            f"{s.rerun_reps}; *default* = all issues and parties, *filtered* = 1 issue × 3 parties:",
            "",
            "| page | view | " + " | ".join(dataset_label(x) for x in scales) + " |",
            "|---|---|" + "---|" * len(scales),
        ]
        for page in PAGES:
            for view in ("default", "filtered"):
                cells = [_rerun_cell(reruns[x]["pages"].get(page), view) for x in scales]
                lines.append(f"| {page} | {view} | " + " | ".join(cells) + " |")
        lines.append(
            "| AppTest floor (one-line script) | | " + " | ".join(_ms(reruns[x]["floor"]) for x in scales) + " |"
        )
        lines.append("")
        for scale, limit in ((1, 0.050), (100, 0.150)):
            if scale not in reruns:
                continue
            for view in ("filtered", "default"):
                timed = [(p, v[view]) for p, v in reruns[scale]["pages"].items() if "error" not in v]
                broken = [p for p, v in reruns[scale]["pages"].items() if "error" in v]
                worst_page, worst = max(timed, key=lambda pv: pv[1], default=("–", float("nan")))
                failed = f"; exception on {', '.join(broken)}" if broken else ""
                targets.append(
                    (
                        f"rerun ≤ {limit * 1000:.0f} ms at {scale}×, {view} view, every page",
                        f"worst {_ms(worst)} ({worst_page}){failed}",
                        worst <= limit and not broken,
                    )
                )

    loads_ = results.get("load")
    if loads_:
        lines += [
            f"**c. Validate-and-load** (`check_folder`), each in a fresh process, median of {s.load_reps}. "
            "*load, app*: as `ui/data.py` loads (cyclic GC paused); *load, CLI*: `check_folder` alone, as "
            "`python -m stances validate`; RSS peak (VmHWM) is the whole process, Δ is above the RSS after "
            "imports; traced = tracemalloc peak of the app load:",
            "",
            "| scale | files | YAML | position versions | import | load, app | load, CLI | RSS peak | RSS Δ | traced |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
        for scale, f in loads_.items():
            lines.append(
                f"| {scale} | {f['files']} | {f['bytes'] / 1e6:.2f} MB | {f['versions']:,} | {_s(f['import'])} | "
                f"{_s(f['load'])} | {_s(f['load_cli'])} | {f['rss_peak_mb']:.0f} MB | {f['rss_delta_mb']:.0f} MB | "
                + (f"{f['traced_peak_mb']:.0f} MB |" if f["traced_peak_mb"] == f["traced_peak_mb"] else "– |")
            )
        lines.append("")
        if "100×" in loads_:
            load100 = loads_["100×"]["load"]
            targets.append(("validate-and-load at 100× ≤ 3 s cold", _s(load100), load100 <= 3.0))
    reparse = results.get("reparse")
    if reparse:
        lines += [
            "Rerun with no file changed (AppTest, "
            + ", ".join(dataset_label(x) for x in reparse)
            + "): `read_yaml` calls on the first run / on later runs and page switches; warm `ui.data.load()` "
            "(stat fingerprint + cache lookup) and the fingerprint alone:",
            "",
            "| scale | reads, first run | reads, reruns | warm `load()` | fingerprint |",
            "|---|---|---|---|---|",
        ]
        for scale, r in reparse.items():
            lines.append(
                f"| {dataset_label(scale)} | {r['first_run_reads']} | {r['rerun_reads']} | {_ms(r['load_warm'])} | "
                f"{_ms(r['fingerprint'])} |"
            )
        lines.append("")
        no_reparse = all(r["rerun_reads"] == 0 and r["reads_after_warm_load"] == 0 for r in reparse.values())
        targets.append(
            (
                "no re-parse on a rerun with files unchanged",
                f"{max(r['rerun_reads'] for r in reparse.values())} reads",
                no_reparse,
            )
        )

    sessions = results.get("sessions")
    if sessions:
        lines += [
            f"**d. Memory per browser session**, 1× data: server RSS {sessions['one_mb']:.0f} MB with 1 session, "
            f"{sessions['many_mb']:.0f} MB with {sessions['sessions']}: "
            f"**{sessions['per_session_mb']:.1f} MB** per extra session.",
            "",
        ]
        targets.append(
            (
                "each extra session ≤ 10 MB at 1×",
                f"{sessions['per_session_mb']:.1f} MB",
                sessions["per_session_mb"] <= 10,
            )
        )

    sites = results.get("site")
    if sites:
        lines += [
            "**e. Static site** (`python -m stances site`), one build each, sizes in bytes on disk as written "
            "(largest file: any page or asset, scripts included):",
            "",
            "| dataset | pages | total | HTML | largest page | largest file | build |",
            "|---|---|---|---|---|---|---|",
        ]
        for name, f in sites.items():
            if "error" in f:
                lines.append(f"| {name} | build failed: {f['error']} | | | | | |")
                continue
            lines.append(
                f"| {name} | {f['pages']} | {_mb(f['bytes'])} | {_mb(f['page_bytes'])} | "
                f"{_mb(f['largest_page_bytes'])} (`{f['largest_page']}`) | "
                f"{_mb(f['largest_file_bytes'])} (`{f['largest_file']}`) | {_s(f['build'])} |"
            )
        lines.append("")
        if WIDE in sites and "error" not in sites[WIDE]:
            largest = sites[WIDE]["largest_page_bytes"]
            targets.append((f"largest static page < 1 MB at {WIDE}", _mb(largest), largest < 1_000_000))

    lines += ["**Targets**", "", "| target | measured | |", "|---|---|---|"]
    lines += [f"| {name} | {value} | {_verdict(ok)} |" for name, value, ok in targets]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    global APP
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds; datasets 1×, 10× and wide only")
    parser.add_argument("--skip-browser", action="store_true", help="only b and c (no Chromium)")
    parser.add_argument("--scales", help=f"comma-separated datasets, e.g. 1,10,100,{WIDE}")
    parser.add_argument("--only", help="comma-separated parts to run, e.g. a,d (default: a,b,c,d,e)")
    parser.add_argument("--rounds", type=int, help="cold-start rounds and rerun repetitions (default 7, quick 3)")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--app", type=Path, help="benchmark the app in this folder (a patched copy) instead")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("worker_args", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        sys.path.insert(0, str(APP))
        os.chdir(APP)
        modes: dict[str, Callable[[], dict[str, Any]]] = {
            "reruns": lambda: rerun_worker(int(args.worker_args[0]), args.worker_args[1:] or list(PAGES)),
            "reparse": lambda: reparse_worker(int(args.worker_args[0])),
            "load": lambda: load_worker(args.worker_args[0] == "1", args.worker_args[1]),
        }
        print(json.dumps(modes[args.worker]()))
        return 0

    if args.app:
        APP = args.app.resolve()
    scales = tuple(parse_key(x) for x in args.scales.split(",")) if args.scales else None
    s = settings(args.quick, scales)
    if args.rounds:
        s = dataclasses.replace(s, cold_rounds=args.rounds, rerun_reps=args.rounds)
    started = datetime.now(UTC)
    load_start = os.getloadavg()[0]
    folders = {scale: dataset(scale) for scale in dict.fromkeys((1, *s.scales))}
    results: dict[str, Any] = {}

    def step(label: str) -> None:
        print(f"[{datetime.now():%H:%M:%S}] {label} (load {os.getloadavg()[0]:.2f})", file=sys.stderr, flush=True)

    parts = set((args.only or "a,b,c,d,e").split(","))
    if args.skip_browser:
        parts -= {"a", "d"}
    if "a" in parts:
        step("a. cold start")
        results["cold"] = cold_start(s, folders[1])
        if WIDE in s.scales:
            step(f"a. cold start at {WIDE}")
            results["cold_wide"] = cold_start(s, folders[WIDE])
    if "c" in parts:
        step("c. validate-and-load")
        results["load"] = {dataset_label(scale): load_figures(s, folders[scale]) for scale in s.scales}
        shipped = APP / "positions"
        if (shipped / "dataset.yaml").is_file():  # the curated data, for reference (it may not validate mid-edit)
            with contextlib.suppress(RuntimeError):
                results["load"]["shipped `positions/`"] = load_figures(s, shipped)
        step("c. no re-parse")
        results["reparse"] = {scale: worker("reparse", str(s.rerun_reps), data=folders[scale]) for scale in s.scales}
    if "b" in parts:
        results["reruns"] = {}
        for scale in s.scales:
            step(f"b. reruns at {dataset_label(scale)}")
            results["reruns"][scale] = worker("reruns", str(s.rerun_reps), data=folders[scale])
    if "d" in parts:
        step("d. memory per session")
        results["sessions"] = session_memory(s, folders[1])
    if "e" in parts:
        step("e. static site")
        results["site"] = {dataset_label(scale): site_figures(folders[scale]) for scale in s.scales}
        shipped = APP / "positions"
        if (shipped / "dataset.yaml").is_file():
            results["site"]["shipped `positions/`"] = site_figures(shipped)
    text = report(s, results, (load_start, os.getloadavg()[0]), started)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    # every figure, for comparisons: beside --out, or in the gitignored benchmarks/out/ for the default
    raw = BENCH / "out" / "results.json" if args.out == RESULTS else args.out.with_suffix(".json")
    raw.parent.mkdir(parents=True, exist_ok=True)
    raw.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
