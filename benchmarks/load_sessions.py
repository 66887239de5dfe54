"""Bounded load test: N concurrent real websocket sessions against a Streamlit server on 127.0.0.1.

Each session speaks the browser's protocol on `/_stcore/stream`: it opens a page as a cold deep link
(a `rerun_script` BackMsg carrying `query_string` and `page_name`), then changes the filters several
times, moving between pages the way the app's own page links do (`page_script_hash` + `query_string`).
A run ends at the server's `script_finished` ForwardMsg; the time from send to that message is the
run's latency. A run counts as an error when it shows an exception element, an error alert, an
unexpected notice (the plan's queries are all valid), the wrong page, a compile error, or when the
socket closes or times out. The server's RSS is sampled throughout.

Everything is bounded: at most 200 sessions and 20 reruns each, a timeout per run, a deadline per load
level and one for the whole invocation (a watchdog kills what it started 60 s past it), then it exits.
Traffic goes only to 127.0.0.1 (an --url on another host is refused). The first level on a freshly
started server is a cold start: imports and data loading happen under concurrent load.

    python benchmarks/load_sessions.py --sessions 10 50 100 --data tests/data/sample positions
    python benchmarks/load_sessions.py --url http://127.0.0.1:8501 --pid 1234 --sessions 20
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "benchmarks" / "results" / "load.md"
MAX_SESSIONS = 200
MAX_RERUNS = 20
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
_STARTED: list[subprocess.Popen] = []  # servers this process started, for the watchdog to stop

# (url path of the page, query string): filter changes a reader makes, all valid for the sample data.
DEFAULT_PLAN: tuple[tuple[str, str], ...] = (
    ("compare", "issue=surveillance&party=anthropic"),
    ("disagreements", "issue=autonomous_weapons"),
    ("timeline", "as_of=2026-03-01"),
    ("", "issue=surveillance&issue=autonomous_weapons"),
    ("sources", "kind=primary"),
    ("compare", "party=anthropic&party=dod&as_of=2026-03-01"),
    ("about", ""),
)


# --------------------------------------------------------------------------------------------- server


@dataclass
class Server:
    url: str
    pid: int | None
    log: Path | None = None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(url: str, timeout: float = 60.0, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {process.returncode} before it was healthy")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{url} was not healthy within {timeout:.0f} s")


@contextlib.contextmanager
def serve(
    data: Path | str,
    *,
    port: int | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 60.0,
    watch: bool = False,
) -> Iterator[Server]:
    """Start `streamlit run dashboard.py` on 127.0.0.1 with POSITIONS_DIR=data; stop it on exit.

    Streamlit's file watcher is off unless `watch`: when a module of the app changes on disk, the watcher evicts
    it from sys.modules while other sessions' threads may be importing it, and those runs fail with KeyError,
    ImportError or _DeadlockError. That measures an edit (or a redeploy in place), not the load, and it makes a
    test flaky in a working tree that others edit.
    """
    port = port or free_port()
    url = f"http://127.0.0.1:{port}"
    log = Path(tempfile.mkstemp(prefix=f"streamlit-{port}-", suffix=".log")[1])
    full_env = {**os.environ, "POSITIONS_DIR": str(Path(data).resolve()), "PYTHONUNBUFFERED": "1", **(env or {})}
    command = [
        sys.executable, "-m", "streamlit", "run", "dashboard.py",
        "--server.headless", "true", "--server.address", "127.0.0.1", "--server.port", str(port),
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "auto" if watch else "none",
    ]  # fmt: skip
    with log.open("wb") as sink:
        process = subprocess.Popen(command, cwd=REPO, env=full_env, stdout=sink, stderr=subprocess.STDOUT)
    _STARTED.append(process)
    try:
        wait_healthy(url, timeout, process)
        yield Server(url, process.pid, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)
        _STARTED.remove(process)
        log.unlink(missing_ok=True)


def rss_mb(pid: int | None) -> float | None:
    """Resident memory of a process in MB (psutil if installed, else /proc/PID/status)."""
    if pid is None:
        return None
    try:
        import psutil  # type: ignore[import-not-found]

        return psutil.Process(pid).memory_info().rss / 2**20
    except ImportError:
        pass
    except Exception:
        return None
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


class RssSampler(threading.Thread):
    def __init__(self, pid: int | None, every: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.pid, self.every = pid, every
        self.peak: float | None = rss_mb(pid)
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.wait(self.every):
            value = rss_mb(self.pid)
            if value is not None and (self.peak is None or value > self.peak):
                self.peak = value

    def stop(self) -> float | None:
        self._stop_event.set()
        self.join(timeout=2)
        return self.peak


# -------------------------------------------------------------------------------------------- session


@dataclass
class RunRecord:
    session: int
    index: int
    page: str
    query: str
    ms: float | None = None
    error: str | None = None


@dataclass
class SessionOutcome:
    session: int
    runs: list[RunRecord] = field(default_factory=list)
    error: str | None = None  # a failure that ended the session early (connect, disconnect, timeout)


class _Deadline(Exception):
    pass


def _rerun_msg(query: str, page_name: str, page_hash: str) -> bytes:
    from streamlit.proto.BackMsg_pb2 import BackMsg

    msg = BackMsg()
    msg.rerun_script.query_string = query
    msg.rerun_script.page_name = page_name
    msg.rerun_script.page_script_hash = page_hash
    return msg.SerializeToString()


def _element_problem(element) -> tuple[str | None, str | None]:
    """(error, notice) described by one new element, if any."""
    from streamlit.proto.Alert_pb2 import Alert

    kind = element.WhichOneof("type")
    if kind == "exception":
        return f"exception: {element.exception.type}: {element.exception.message[:200]}", None
    if kind == "alert":
        if element.alert.format == Alert.ERROR:
            return f"error alert: {element.alert.body[:200]}", None
        if element.alert.format == Alert.WARNING:
            return None, element.alert.body[:200]
    return None, None


def _one_run(ws, record: RunRecord, page_hash: str, expected_hash: str | None, timeout: float, deadline: float):
    """Send one rerun and read ForwardMsgs to its script_finished. Returns the page map seen (url path -> hash)."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    pages: dict[str, str] = {}
    ran_hash: str | None = None
    problems: list[str] = []
    started = time.perf_counter()
    ws.send_binary(_rerun_msg(record.query, record.page, page_hash))
    run_deadline = min(time.monotonic() + timeout, deadline)
    while True:
        remaining = run_deadline - time.monotonic()
        if remaining <= 0:
            raise _Deadline("timeout waiting for script_finished")
        ws.settimeout(remaining)
        data = ws.recv()
        if not isinstance(data, bytes):
            continue
        msg = ForwardMsg()
        msg.ParseFromString(data)
        kind = msg.WhichOneof("type")
        if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            error, notice = _element_problem(msg.delta.new_element)
            if error:
                problems.append(error)
            if notice:
                problems.append(f"unexpected notice: {notice}")
        elif kind == "navigation":
            pages = {p.url_pathname: p.page_script_hash for p in msg.navigation.app_pages}
            ran_hash = msg.navigation.page_script_hash
        elif kind == "page_not_found":
            problems.append(f"page not found: {msg.page_not_found.page_name!r}")
        elif kind == "session_event" and msg.session_event.WhichOneof("type") == "script_compilation_exception":
            problems.append("script compilation exception")
        elif kind == "script_finished":
            if msg.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                continue
            record.ms = (time.perf_counter() - started) * 1000
            if msg.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                problems.append("finished with compile error")
            if expected_hash is not None and ran_hash is not None and ran_hash != expected_hash:
                problems.append(f"wrong page: ran {ran_hash}, expected {expected_hash}")
            if problems:
                record.error = "; ".join(dict.fromkeys(problems))
            return pages


def run_session(
    url: str,
    session: int,
    reruns: int,
    plan: Sequence[tuple[str, str]],
    *,
    deadline: float,
    run_timeout: float,
    start: threading.Barrier | None = None,
    sockets: list | None = None,
) -> SessionOutcome:
    """One browser-like session: a cold deep link, then `reruns` filter changes across pages."""
    import websocket

    outcome = SessionOutcome(session)
    parts = urlsplit(url)
    ws_url = f"ws://{parts.hostname}:{parts.port}/_stcore/stream"
    if start is not None:
        with contextlib.suppress(threading.BrokenBarrierError):
            start.wait(timeout=max(deadline - time.monotonic(), 0.1))
    try:
        ws = websocket.create_connection(ws_url, subprotocols=["streamlit"], timeout=run_timeout)
    except Exception as exc:  # noqa: BLE001 - every failure to connect is a measured error
        outcome.error = f"connect: {type(exc).__name__}: {exc}"
        return outcome
    if sockets is not None:
        sockets.append(ws)
    pages: dict[str, str] = {}
    try:
        for index in range(reruns + 1):
            page, query = plan[(session + index) % len(plan)]
            record = RunRecord(session, index, page, query)
            outcome.runs.append(record)
            if index == 0:  # a shared link opened cold: the server resolves the page from its url path
                page_hash, expected = "", None
            else:  # the app's own page link: the page's hash and the new query string
                page_hash = pages.get(page, "")
                expected = page_hash or None
            seen = _one_run(ws, record, page_hash, expected, run_timeout, deadline)
            pages = seen or pages
    except _Deadline as exc:
        outcome.error = str(exc)
    except Exception as exc:  # noqa: BLE001 - disconnects and protocol errors are measured, not raised
        outcome.error = f"{type(exc).__name__}: {exc}"
    finally:
        with contextlib.suppress(Exception):
            ws.close()
    return outcome


# ----------------------------------------------------------------------------------------------- level


@dataclass
class LevelResult:
    sessions: int
    reruns: int
    expected_runs: int
    finished_runs: int
    errors: list[str]
    latencies_ms: list[float]
    wall_s: float
    rss_start: float | None = None
    rss_peak: float | None = None
    rss_after: float | None = None
    server_tracebacks: list[str] = field(default_factory=list)
    load_1m: float | None = None  # the machine's 1-minute load average when the level started

    @property
    def error_count(self) -> int:
        return len(self.errors)

    def percentile(self, q: float) -> float | None:
        if not self.latencies_ms:
            return None
        if len(self.latencies_ms) == 1:
            return self.latencies_ms[0]
        return statistics.quantiles(self.latencies_ms, n=100, method="inclusive")[round(q) - 1]


def _server_tracebacks(log: Path | None, offset: int) -> tuple[list[str], int]:
    if log is None or not log.exists():
        return [], offset
    with log.open("rb") as handle:
        handle.seek(offset)
        text = handle.read().decode("utf-8", "replace")
        end = handle.tell()
    pattern = re.compile(r"^Traceback[^\n]*\n(?:[ \t].*\n)*(\S.*)", re.MULTILINE)  # up to the exception line
    found = [f"server log: {m.group(1)[:200]}" for m in pattern.finditer(text)]
    return found, end


def run_level(
    server: Server,
    sessions: int,
    reruns: int = 4,
    plan: Sequence[tuple[str, str]] = DEFAULT_PLAN,
    *,
    deadline_s: float = 120.0,
    run_timeout: float = 60.0,
    settle_s: float = 2.0,
) -> LevelResult:
    """N sessions at once, each doing 1 + `reruns` runs; returns when all finish or at the deadline."""
    if not 1 <= sessions <= MAX_SESSIONS:
        raise ValueError(f"sessions must be between 1 and {MAX_SESSIONS}")
    if not 0 <= reruns <= MAX_RERUNS:
        raise ValueError(f"reruns must be between 0 and {MAX_RERUNS}")
    require_loopback(server.url)
    log_offset = server.log.stat().st_size if server.log and server.log.exists() else 0
    rss_start = rss_mb(server.pid)
    load_1m = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    sampler = RssSampler(server.pid)
    sampler.start()
    deadline = time.monotonic() + deadline_s
    barrier = threading.Barrier(sessions)
    sockets: list = []
    outcomes: list[SessionOutcome | None] = [None] * sessions

    def work(i: int) -> None:
        outcomes[i] = run_session(
            server.url, i, reruns, plan, deadline=deadline, run_timeout=run_timeout, start=barrier, sockets=sockets
        )

    started = time.perf_counter()
    threads = [threading.Thread(target=work, args=(i,), daemon=True, name=f"session-{i}") for i in range(sessions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(deadline - time.monotonic(), 0) + 5)
    wall = time.perf_counter() - started
    for ws in list(sockets):  # anything still open past the deadline is closed, so its thread ends
        with contextlib.suppress(Exception):
            ws.close()
    rss_peak = sampler.stop()
    time.sleep(settle_s)
    rss_after = rss_mb(server.pid)

    errors: list[str] = []
    latencies: list[float] = []
    finished = 0
    for i, outcome in enumerate(outcomes):
        if outcome is None:
            errors.append(f"session {i}: still running at the deadline")
            continue
        for run in outcome.runs:
            if run.ms is not None:
                finished += 1
                latencies.append(run.ms)
            if run.error:
                errors.append(f"session {i} run {run.index} /{run.page}?{run.query}: {run.error}")
        if outcome.error:
            errors.append(f"session {i}: {outcome.error}")
    tracebacks, _ = _server_tracebacks(server.log, log_offset)
    return LevelResult(
        sessions=sessions, reruns=reruns, expected_runs=sessions * (reruns + 1), finished_runs=finished,
        errors=errors, latencies_ms=latencies, wall_s=wall, rss_start=rss_start, rss_peak=rss_peak,
        rss_after=rss_after, server_tracebacks=tracebacks, load_1m=load_1m,
    )  # fmt: skip


# ------------------------------------------------------------------------------------------------- CLI


def require_loopback(url: str) -> None:
    host = urlsplit(url).hostname
    if host not in LOOPBACK:
        raise SystemExit(f"refusing {url!r}: this load test only talks to 127.0.0.1")


def _fmt(value: float | None, digits: int = 0) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def table(rows: Sequence[tuple[str, LevelResult]]) -> str:
    lines = [
        "| data | N | runs done / expected | errors | server tracebacks | p50 ms | p95 ms | max ms | wall s "
        "| server RSS MB start / peak / after | load avg |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|",
    ]
    for data, r in rows:
        rss = f"{_fmt(r.rss_start)} / {_fmt(r.rss_peak)} / {_fmt(r.rss_after)}"
        worst = max(r.latencies_ms) if r.latencies_ms else None
        lines.append(
            f"| {data} | {r.sessions} | {r.finished_runs} / {r.expected_runs} | {r.error_count} | "
            f"{len(r.server_tracebacks)} | {_fmt(r.percentile(50))} | {_fmt(r.percentile(95))} | {_fmt(worst)} | "
            f"{r.wall_s:.1f} | {rss} | {_fmt(r.load_1m, 1)} |"
        )
    return "\n".join(lines)


def machine() -> str:
    mem = "?"
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = f"{int(line.split()[1]) / 2**20:.0f} GiB"
    load = " ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    import streamlit

    return (
        f"{os.cpu_count()} cores, {mem} RAM, {platform.system()} {platform.release()}, Python "
        f"{platform.python_version()}, Streamlit {streamlit.__version__}; load average at start {load}"
    )


def parse_plan(items: Sequence[str] | None) -> tuple[tuple[str, str], ...]:
    """`compare?issue=x&party=y` -> ("compare", "issue=x&party=y"); `?q` or `/` is the overview."""
    if not items:
        return DEFAULT_PLAN
    plan = []
    for item in items:
        page, _, query = item.partition("?")
        plan.append((page.strip("/"), query))
    return tuple(plan)


def _hard_exit() -> None:
    print("load_sessions: global deadline passed and something still hangs; stopping", file=sys.stderr, flush=True)
    for process in list(_STARTED):
        with contextlib.suppress(Exception):
            process.kill()
    os._exit(3)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[10, 50, 100], help="concurrent sessions per level")
    parser.add_argument("--reruns", type=int, default=3, help="filter changes per session after the first load")
    parser.add_argument("--data", nargs="+", default=["tests/data/sample"], help="data folder(s) to serve")
    parser.add_argument("--url", help="attach to a running server on 127.0.0.1 instead of starting one")
    parser.add_argument("--pid", type=int, help="with --url: the server's process id, for its memory")
    parser.add_argument("--plan", nargs="+", help="page?query steps, e.g. compare?issue=surveillance")
    parser.add_argument("--level-deadline", type=float, default=180.0, help="seconds allowed per level (180)")
    parser.add_argument("--deadline", type=float, default=600.0, help="seconds for the whole run (600); then exit")
    parser.add_argument("--run-timeout", type=float, default=60.0, help="seconds allowed per run (default 60)")
    parser.add_argument("--watch", action="store_true", help="keep Streamlit's file watcher on (default off)")
    parser.add_argument("--out", type=Path, default=RESULTS, help="markdown report (default %(default)s)")
    args = parser.parse_args(argv)

    levels = [n for n in args.sessions if 1 <= n <= MAX_SESSIONS]
    if len(levels) != len(args.sessions):
        parser.error(f"--sessions must be between 1 and {MAX_SESSIONS}")
    if not 0 <= args.reruns <= MAX_RERUNS:
        parser.error(f"--reruns must be between 0 and {MAX_RERUNS}")
    if args.url:
        require_loopback(args.url)
    plan = parse_plan(args.plan)
    stop_at = time.monotonic() + args.deadline
    watchdog = threading.Timer(args.deadline + 60, _hard_exit)  # if anything hangs past the deadline
    watchdog.daemon = True
    watchdog.start()
    header = machine()
    print(header, flush=True)

    rows: list[tuple[str, LevelResult]] = []
    notes: list[str] = []

    def measure(server: Server, label: str) -> None:
        for n in levels:
            remaining = stop_at - time.monotonic()
            if remaining < 5:
                notes.append(f"- {label}, N={n}: skipped, the global deadline of {args.deadline:.0f} s was reached")
                continue
            deadline = min(args.level_deadline, remaining)
            result = run_level(server, n, args.reruns, plan, deadline_s=deadline, run_timeout=args.run_timeout)
            rows.append((label, result))
            print(table([(label, result)]).splitlines()[-1], flush=True)
            problems = result.errors + result.server_tracebacks
            for error in problems[:10]:
                notes.append(f"- {label}, N={n}: {error}")
            if len(problems) > 10:
                notes.append(f"- {label}, N={n}: … and {len(problems) - 10} more")

    if args.url:
        wait_healthy(args.url.rstrip("/"), timeout=10)
        measure(Server(args.url.rstrip("/"), args.pid), args.url)
    else:
        for data in args.data:
            if stop_at - time.monotonic() < 5:
                notes.append(f"- {data}: skipped, the global deadline of {args.deadline:.0f} s was reached")
                continue
            with serve(REPO / data if not Path(data).is_absolute() else data, watch=args.watch) as server:
                measure(server, data)

    report = table(rows)
    print()
    print(report)
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    steps = ", ".join(f"/{p}?{q}" if q else f"/{p}" for p, q in plan)
    text = (
        f"# Load: concurrent sessions\n\n{when}. {header}.\n\n"
        f"Each session opens one cold deep link, then makes {args.reruns} filter changes across pages "
        f"(plan, rotated per session: {steps}). Latency is send → `script_finished`, over every run. "
        f"Streamlit's file watcher: {'on' if args.watch else 'off'}.\n\n"
        f"{report}\n"
    )
    if notes:
        text += "\nErrors and notes:\n\n" + "\n".join(notes) + "\n"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"\nwrote {args.out}")
    watchdog.cancel()
    return 1 if any(r.error_count or r.server_tracebacks for _, r in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())
