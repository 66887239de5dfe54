"""The benchmark's parts that run servers, browsers and commands: a. cold start, c. validate-and-load,
d. memory per session, e. static site. (b., the reruns, runs in `bench_workers.py`.)"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench_common import (
    BARE_APP,
    CHROMIUM,
    CONTENT_JS,
    IDLE_JS,
    PYTHON,
    Settings,
    env_for,
    folder_size,
    median,
    rss_kb,
    worker,
)

from stances import serve
from stances.serve import CHROMIUM_ARGS


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS), headless=True)
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


@dataclass
class Timed:
    """A server from the one harness, with when it was started and when it first answered /_stcore/health."""

    url: str
    pid: int
    started: float
    ready: float


@contextlib.contextmanager
def server(s: Settings, script: Path, cwd: Path, data: Path | None) -> Iterator[Timed]:
    """`streamlit run SCRIPT` in `cwd` on a free port (`stances.serve`), healthy, and stopped on exit."""
    env = env_for(s.app, data)
    started = time.perf_counter()
    process = serve.start_streamlit("bench", cwd, data, script=script, env=env)
    try:
        serve.wait_healthy(process.url, 60, process.popen, poll=0.02)
        yield Timed(process.url + "/", process.pid, started, time.perf_counter())
    finally:
        serve.stop_process(process.popen, grace=10)
        process.log.unlink(missing_ok=True)


# ---------------------------------------------------------------- a. cold start


def cold_start(s: Settings, data: Path) -> dict[str, Any]:
    bare_dir = Path(tempfile.mkdtemp(prefix="bench-bare-"))
    (bare_dir / "app.py").write_text(BARE_APP)
    shutil.copytree(s.app / ".streamlit", bare_dir / ".streamlit")  # same server and client settings
    apps = {"app": (s.app / "dashboard.py", s.app, data), "bare": (bare_dir / "app.py", bare_dir, None)}
    runs: dict[str, list[dict[str, float]]] = {"app": [], "bare": []}
    try:
        with chromium() as browser:
            for rnd in range(s.cold_rounds + 1):  # round 0 warms the page cache and __pycache__, and is dropped
                order = ("app", "bare") if rnd % 2 == 0 else ("bare", "app")
                for name in order:
                    script, cwd, folder = apps[name]
                    with server(s, script, cwd, folder) as srv:
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


# ---------------------------------------------------------------- c. load and no re-parse


def load_figures(s: Settings, data: Path) -> dict[str, Any]:
    timed, cli = [], []
    for _ in range(s.load_reps):
        timed.append(worker(s.app, "load", "0", "app", data=data))
        cli.append(worker(s.app, "load", "0", "cli", data=data))
    traced = worker(s.app, "load", "1", "app", data=data) if not s.quick else {"traced_peak": float("nan")}
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
    with chromium() as browser, server(s, s.app / "dashboard.py", s.app, data) as srv:
        contexts = []
        context, _, _ = open_session(browser, srv.url, time.perf_counter())
        contexts.append(context)
        time.sleep(2)
        one = rss_kb(srv.pid)
        for _ in range(s.sessions - 1):
            context, _, _ = open_session(browser, srv.url, time.perf_counter())
            contexts.append(context)
        time.sleep(2)
        many = rss_kb(srv.pid)
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


def site_figures(s: Settings, data: Path) -> dict[str, Any]:
    """Build the static site of `data` into a temporary folder: build time, sizes, the largest page and file.
    Without `s.site_images`, the build skips the PNG images (`stances site --no-images`)."""
    with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
        out = Path(tmp) / "site"
        start = time.perf_counter()
        images = [] if s.site_images else ["--no-images"]
        proc = subprocess.run(
            [PYTHON, "-m", "stances", "site", str(out), "--data", str(data), *images],
            cwd=s.app,
            env=env_for(s.app),
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
