"""The one harness that starts `streamlit run` on a free loopback port, waits for /_stcore/health and stops it.

Used by the tests (tests/browser_support.py), the benchmarks (benchmarks/run.py, benchmarks/load_sessions.py) and
`deploy/replicas.py`. It imports nothing from Streamlit: it only starts and watches processes.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

HOST = "127.0.0.1"
# How the tests and the benchmarks start Debian's Chromium against a served app: headless, quiet, no outside calls.
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
# The environment variable holding the app's garbage-collector thresholds (read by ui/collector.py).
THRESHOLDS_ENV = "STANCES_GC_THRESHOLDS"
# A server started with these variables collects as Streamlit and Python do by default: a full collection after
# every script run (`runner.postScriptGC`, which .streamlit/config.toml turns off) and the default thresholds.
# benchmarks/load_sessions.py --collector-baseline runs such a server beside the shipped one.
BASELINE_ENV = {"STREAMLIT_RUNNER_POST_SCRIPT_GC": "true", THRESHOLDS_ENV: "700,10,10"}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def streamlit_command(port: int, script: str | Path = "dashboard.py", *, watch: bool = False) -> list[str]:
    """`streamlit run SCRIPT` headless on 127.0.0.1:PORT; the file watcher off unless `watch`."""
    return [
        sys.executable, "-m", "streamlit", "run", str(script),
        "--server.headless", "true", "--server.address", HOST, "--server.port", str(port),
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "auto" if watch else "none",
    ]  # fmt: skip


def wait_healthy(url: str, timeout: float = 60.0, process: subprocess.Popen | None = None, poll: float = 0.05) -> None:
    """Return once `url`/_stcore/health answers 200; raise if `process` exits first or `timeout` passes."""
    import urllib.request  # here, not at import: the app reads this module's constants on its cold path

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with code {process.returncode} before {url} was healthy")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(poll)
    raise TimeoutError(f"{url} was not healthy within {timeout:.0f} s")


def stop_process(process: subprocess.Popen, grace: float = 15.0) -> None:
    """SIGTERM (to its process group if it leads one), then SIGKILL after `grace` seconds; only this process."""
    if process.poll() is not None:
        return
    group = _own_group(process)
    _signal(process, signal.SIGTERM, group)
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        _signal(process, signal.SIGKILL, group)
        process.wait(timeout=grace)


def _signal(process: subprocess.Popen, signum: int, group: bool) -> None:
    with contextlib.suppress(ProcessLookupError):
        if group:
            os.killpg(process.pid, signum)
        else:
            process.send_signal(signum)


def _own_group(process: subprocess.Popen) -> bool:
    try:
        return os.getpgid(process.pid) == process.pid
    except ProcessLookupError:
        return False


@dataclass
class Process:
    """One process the harness started, with the log file its output goes to."""

    name: str
    url: str
    popen: subprocess.Popen
    log: Path

    @property
    def pid(self) -> int:
        return self.popen.pid

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])

    def log_tail(self, chars: int = 3000) -> str:
        try:
            return self.log.read_text(encoding="utf-8", errors="replace")[-chars:]
        except OSError:
            return ""


def start_streamlit(
    name: str,
    app: Path,
    data: Path | str | None,
    *,
    script: str | Path = "dashboard.py",
    port: int | None = None,
    env: Mapping[str, str] | None = None,
    watch: bool = False,
    log: Path | None = None,
    own_group: bool = False,
) -> Process:
    """Start `streamlit run SCRIPT` in the app folder `app`, with POSITIONS_DIR=`data` (left unset if None).

    `own_group` starts it in a process group of its own, so that stopping it also stops anything it started."""
    port = port or free_port()
    if log is None:
        log = Path(tempfile.mkstemp(prefix=f"streamlit-{name}-{port}-", suffix=".log")[1])
    full_env = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONIOENCODING": "utf-8"}
    full_env.pop("POSITIONS_DIR", None)
    if data is not None:
        full_env["POSITIONS_DIR"] = str(Path(data).resolve())
    full_env.update(env or {})
    with log.open("wb") as sink:
        popen = subprocess.Popen(
            streamlit_command(port, script, watch=watch),
            cwd=app,
            env=full_env,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=own_group,
        )
    return Process(name, f"http://{HOST}:{port}", popen, log)


@contextlib.contextmanager
def streamlit_server(
    app: Path, data: Path | str | None, *, timeout: float = 60.0, keep_log: bool = False, **options
) -> Iterator[Process]:
    """A healthy `streamlit run` (see `start_streamlit` for the options), stopped on exit; its log removed unless
    `keep_log`. A server that exits or never answers raises, with the tail of its log."""
    process = start_streamlit(options.pop("name", "server"), app, data, **options)
    try:
        try:
            wait_healthy(process.url, timeout, process.popen)
        except (RuntimeError, TimeoutError) as exc:
            raise RuntimeError(f"{exc}:\n{process.log_tail()}") from exc
        yield process
    finally:
        stop_process(process.popen)
        if not keep_log:
            process.log.unlink(missing_ok=True)
