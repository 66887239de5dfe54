"""Bounded load test: N concurrent real websocket sessions against Streamlit on 127.0.0.1, direct or behind HAProxy.

Each session speaks the browser's protocol on `/_stcore/stream`: it opens a page as a cold deep link
(a `rerun_script` BackMsg carrying `query_string` and `page_name`), then changes the filters several
times, moving between pages the way the app's own page links do (`page_script_hash` + `query_string`).
A run ends at the server's `script_finished` ForwardMsg; the time from send to that message is the
run's latency. A run counts as an error when it shows an exception element, an error alert, an
unexpected notice (the plan's queries are all valid), the wrong page, a share link for another view
than the one asked for, a compile error, or when the socket closes or times out. The servers' RSS and
CPU time are sampled throughout (CPU per run is the servers' CPU time over the level / runs finished).

Behind the proxy (`--replicas N`, deploy/replicas.py), each session first loads the page over HTTP, as a
browser does, and keeps the replica cookie HAProxy sets. `--kill-one-at S` SIGKILLs one replica S seconds
into a dedicated level: its sessions lose their socket, poll `/_stcore/health` and reconnect through the
proxy as the browser does, and send the view their URL holds (as the reader's next click or a reload does;
the browser itself does not rerun the page on reconnecting); the share link each one then renders must be
that view. The kill level runs last, after the throughput rounds.

Everything is bounded: at most 200 sessions and 20 reruns each, a timeout per run, a deadline per load
level and one for the whole invocation (a watchdog kills what it started 60 s past it), then it exits.
Traffic goes only to 127.0.0.1 (an --url on another host is refused). The first level on a freshly
started server is a cold start: imports and data loading happen under concurrent load.

    python benchmarks/load_sessions.py --sessions 10 50 100 --data tests/data/sample positions
    python benchmarks/load_sessions.py --url http://127.0.0.1:8501 --pid 1234 --sessions 20
    python benchmarks/load_sessions.py --replicas 1 2 --rounds 2 --sessions 10 200 --kill-one-at 5 --label before
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.client
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

# Imported once, up front: importing these in 150 session threads at once made 137 sessions fail with
# "ImportError: cannot import name 'BackMsg'" (a thread saw a module another thread was still initialising).
import websocket
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "deploy"))
import replicas  # noqa: E402  (deploy/replicas.py: how a replica and the proxy are started)

sys.path.insert(0, str(REPO))
from ui.collector import BASELINE_ENV  # noqa: E402  (the app's collector policy, and Streamlit's default)

RESULTS = REPO / "benchmarks" / "results" / "load.md"
RAW = REPO / "benchmarks" / "out" / "load.json"
PROBE = REPO / "benchmarks" / "probe"  # a sitecustomize that times the servers' garbage collections
MAX_SESSIONS = 200
MAX_RERUNS = 20
MAX_RECONNECTS = 3
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
REPLICA_COOKIE = "STREPLICA"  # the cookie deploy/haproxy.cfg inserts
SIDEBAR = 1  # delta_path[0] of an element in the sidebar
_STARTED: list[subprocess.Popen] = []  # servers this process started, for the watchdog to stop
_TICK = os.sysconf("SC_CLK_TCK")

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
    """What the load talks to (`url`) and the processes it measures: one Streamlit, or the replicas behind a proxy."""

    url: str
    pid: int | None
    log: Path | None = None
    replicas: tuple[replicas.Process, ...] = ()  # behind a proxy; `pid` and `log` are then the proxy's
    kill: Callable[[], str] | None = None  # kills one replica, returns its name
    probe: Path | None = None  # where the servers' probe (benchmarks/probe) writes its totals, if they run it

    @property
    def streamlit(self) -> list[tuple[int | None, Path | None]]:
        """(pid, log) of each Streamlit process."""
        return [(r.pid, r.log) for r in self.replicas] if self.replicas else [(self.pid, self.log)]


def probe_env(folder: Path) -> dict[str, str]:
    """Environment that makes a server load benchmarks/probe/sitecustomize.py and write to `folder`."""
    path = os.pathsep.join(p for p in (str(PROBE), os.environ.get("PYTHONPATH", "")) if p)
    return {"PYTHONPATH": path, "LOAD_PROBE_DIR": str(folder)}


def read_probe(folder: Path | None, pid: int | None) -> dict | None:
    if folder is None or pid is None:
        return None
    try:
        return json.loads((folder / f"{pid}.json").read_text())
    except (OSError, ValueError):
        return None


@contextlib.contextmanager
def serve(
    data: Path | str,
    *,
    port: int | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 60.0,
    watch: bool = False,
    probe: Path | None = None,
) -> Iterator[Server]:
    """Start `streamlit run dashboard.py` on 127.0.0.1 with POSITIONS_DIR=data; stop it on exit.

    Streamlit's file watcher is off unless `watch`: when a module of the app changes on disk, the watcher evicts
    it from sys.modules while other sessions' threads may be importing it, and those runs fail with KeyError,
    ImportError or _DeadlockError. That measures an edit (or a redeploy in place), not the load, and it makes a
    test flaky in a working tree that others edit.
    """
    env = {**(probe_env(probe) if probe else {}), **(env or {})}
    process = replicas.start_streamlit("direct", data, port=port, env=env, watch=watch)
    _STARTED.append(process.popen)
    try:
        replicas.wait_healthy(process.url, timeout, process.popen)
        yield Server(process.url, process.pid, process.log, probe=probe)
    finally:
        replicas.stop_process(process.popen)
        _STARTED.remove(process.popen)
        process.log.unlink(missing_ok=True)


def through_proxy(cluster: replicas.Cluster, probe: Path | None = None) -> Server:
    """The cluster as the load sees it now: the proxy's URL, and the replicas alive at this moment."""
    kill = lambda: cluster.kill().name  # noqa: E731
    return Server(cluster.url, cluster.proxy.pid, cluster.proxy.log, tuple(cluster.replicas), kill, probe)


def _proc_stat(path: str) -> list[str] | None:
    try:
        text = Path(path).read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()  # fields from the 3rd on; the name in (…) may hold spaces


def cpu_seconds(pid: int) -> tuple[float, float] | None:
    """(whole process, main thread) user+system CPU seconds. Streamlit's event loop runs on the main thread,
    each script run on a thread of its own; the process total includes threads that have ended."""
    whole, main = _proc_stat(f"/proc/{pid}/stat"), _proc_stat(f"/proc/{pid}/task/{pid}/stat")
    if whole is None or main is None:
        return None
    return (int(whole[11]) + int(whole[12])) / _TICK, (int(main[11]) + int(main[12])) / _TICK


def rss_mb(pid: int | None) -> float | None:
    """Resident memory of a process in MB, from /proc/PID/status."""
    if pid is None:
        return None
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _total_rss(pids: Sequence[int | None]) -> float | None:
    values = [v for v in (rss_mb(pid) for pid in pids) if v is not None]
    return sum(values) if values else None


class Sampler(threading.Thread):
    """Peak summed RSS of the servers, and the last CPU reading of each (a killed one keeps its last)."""

    def __init__(self, pids: Sequence[int | None], every: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.pids, self.every = [p for p in pids if p is not None], every
        self.peak: float | None = _total_rss(self.pids)
        self.first = {pid: cpu_seconds(pid) for pid in self.pids}
        self.last = dict(self.first)
        self._stop_event = threading.Event()

    def _sample(self) -> None:
        value = _total_rss(self.pids)
        if value is not None and (self.peak is None or value > self.peak):
            self.peak = value
        for pid in self.pids:
            reading = cpu_seconds(pid)
            if reading is not None:
                self.last[pid] = reading

    def run(self) -> None:
        while not self._stop_event.wait(self.every):
            self._sample()

    def stop(self) -> tuple[float | None, float, float]:
        """(peak RSS, CPU seconds of the processes, of their main threads) since the sampler started."""
        self._stop_event.set()
        self.join(timeout=2)
        self._sample()
        spent = [(last[0] - first[0], last[1] - first[1]) for pid in self.pids
                 if (first := self.first[pid]) and (last := self.last[pid])]  # fmt: skip
        return self.peak, sum(s[0] for s in spent), sum(s[1] for s in spent)


# -------------------------------------------------------------------------------------------- session


@dataclass
class RunRecord:
    session: int
    index: int
    page: str
    query: str
    ms: float | None = None
    error: str | None = None
    replica: str | None = None  # behind the proxy: the replica cookie the run was sent with
    shown: str | None = None  # the share link the page rendered: the view the reader sees
    reconnected: bool = False  # the first run after the session lost its socket and reconnected
    lost: str | None = None  # the socket failed during this run; it was sent again after reconnecting


@dataclass
class SessionOutcome:
    session: int
    runs: list[RunRecord] = field(default_factory=list)
    error: str | None = None  # a failure that ended the session early (connect, disconnect, timeout)
    reconnects: int = 0  # sockets lost during a run and opened again
    reloads: int = 0  # failed attempts to open the page before it opened


class _Deadline(Exception):
    pass


def _rerun_msg(query: str, page_name: str, page_hash: str) -> bytes:
    msg = BackMsg()
    msg.rerun_script.query_string = query
    msg.rerun_script.page_name = page_name
    msg.rerun_script.page_script_hash = page_hash
    return msg.SerializeToString()


def _element_problem(element) -> tuple[str | None, str | None]:
    """(error, notice) described by one new element, if any."""
    kind = element.WhichOneof("type")
    if kind == "exception":
        return f"exception: {element.exception.type}: {element.exception.message[:200]}", None
    if kind == "alert":
        if element.alert.format == Alert.ERROR:
            return f"error alert: {element.alert.body[:200]}", None
        if element.alert.format == Alert.WARNING:
            return None, element.alert.body[:200]
    return None, None


def _filters(query: str) -> dict[str, list[str]]:
    """A query string's values per key, comma lists split, in order-free form."""
    values = parse_qs(query, keep_blank_values=True)
    return {key: sorted(v for item in items for v in item.split(",")) for key, items in values.items()}


def view_problem(page: str, query: str, shown: str | None) -> str | None:
    """Why the share link a page rendered is not the view its URL asked for (page and filters), if it is not."""
    if shown is None:
        return "no share link on the page"
    link = urlsplit(shown)
    shown_page = link.path.rstrip("/").rsplit("/", 1)[-1]
    if shown_page != page or _filters(link.query) != _filters(query):
        return f"wrong view: asked for /{page}?{query}, the page shows {shown[:200]}"
    return None


def _one_run(ws, record: RunRecord, page_hash: str, expected_hash: str | None, timeout: float, deadline: float):
    """Send one rerun and read ForwardMsgs to its script_finished. Returns the page map seen (url path -> hash)."""
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
        try:
            data = ws.recv()
        except websocket.WebSocketTimeoutException:
            raise _Deadline("timeout waiting for script_finished") from None
        if not isinstance(data, bytes):
            continue
        msg = ForwardMsg()
        msg.ParseFromString(data)
        kind = msg.WhichOneof("type")
        if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            error, notice = _element_problem(element)
            if error:
                problems.append(error)
            if notice:
                problems.append(f"unexpected notice: {notice}")
            in_sidebar = msg.metadata.delta_path[:1] == [SIDEBAR]
            if element.WhichOneof("type") == "code" and in_sidebar and record.shown is None:
                record.shown = element.code.code_text
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
            if not problems and (wrong := view_problem(record.page, record.query, record.shown)):
                problems.append(wrong)
            if problems:
                record.error = "; ".join(dict.fromkeys(problems))
            return pages


class Browser:
    """How one reader's browser reaches the app: straight to the server, or through the proxy with its cookie."""

    def __init__(self, url: str, *, sticky: bool, timeout: float) -> None:
        parts = urlsplit(url)
        self.http = f"http://{parts.hostname}:{parts.port}"
        self.ws_url = f"ws://{parts.hostname}:{parts.port}/_stcore/stream"
        self.sticky, self.timeout = sticky, timeout
        self.replica: str | None = None
        self.retries: list[str] = []  # connections that failed and were made again

    def _keep_cookie(self, set_cookies: Sequence[str]) -> None:
        for header in set_cookies:
            name, _, rest = header.partition("=")
            if name.strip() == REPLICA_COOKIE:
                self.replica = rest.split(";", 1)[0]

    def _get(self, path: str) -> None:
        request = urllib.request.Request(self.http + path)
        if self.replica:
            request.add_header("Cookie", f"{REPLICA_COOKIE}={self.replica}")
        with urllib.request.urlopen(request, timeout=self.timeout) as response:
            response.read()
            self._keep_cookie(response.headers.get_all("Set-Cookie") or [])

    def _socket(self):
        cookie = f"{REPLICA_COOKIE}={self.replica}" if self.replica else None
        ws = websocket.create_connection(self.ws_url, subprotocols=["streamlit"], timeout=self.timeout, cookie=cookie)
        headers = ws.getheaders() or {}
        self._keep_cookie([v for k, v in headers.items() if k.lower() == "set-cookie"])
        return ws

    def _retried(self, connect: Callable[[], object], attempts: int = 3, pause: float = 0.5):
        for attempt in range(attempts):
            try:
                return connect()
            except (websocket.WebSocketException, OSError, http.client.HTTPException) as exc:  # a cut page too
                if attempt == attempts - 1:
                    raise
                self.retries.append(f"{type(exc).__name__}: {exc}"[:200])
                time.sleep(pause)

    def open(self, page: str, query: str):
        """The page load (index.html, which sets the replica cookie behind the proxy), then the app's socket.

        Behind the proxy, a load cut off by a dying replica (a 502) is loaded again, as a reader reloads a page,
        and a refused socket is opened again, as the page itself retries."""
        if not self.sticky:
            return self._socket()
        path = f"/{page}?{query}" if query else f"/{page}"

        def load_then_connect():
            self._get(path)
            return self._socket()

        return self._retried(load_then_connect)

    def reconnect(self):
        """What Streamlit's page does when its socket drops: poll the health endpoint, then open a new socket."""

        def poll_then_connect():
            self._get("/_stcore/health")
            return self._socket()

        return self._retried(poll_then_connect)


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
    sticky: bool = False,
) -> SessionOutcome:
    """One browser-like session: a cold deep link, then `reruns` filter changes across pages.

    With `sticky` (behind the proxy), a lost socket is reopened as the browser reopens it, and the run that
    was under way is sent again as the URL's view (page name and query, no page hash), as after a reload.
    """
    outcome = SessionOutcome(session)
    browser = Browser(url, sticky=sticky, timeout=run_timeout)
    steps = [plan[(session + i) % len(plan)] for i in range(reruns + 1)]
    if start is not None:
        with contextlib.suppress(threading.BrokenBarrierError):
            start.wait(timeout=max(deadline - time.monotonic(), 0.1))
    try:
        ws = browser.open(*steps[0])
    except Exception as exc:  # noqa: BLE001 - every failure to connect is a measured error
        outcome.error = f"connect: {type(exc).__name__}: {exc}"
        return outcome
    if sockets is not None:
        sockets.append(ws)
    outcome.reloads = len(browser.retries)
    pages: dict[str, str] = {}
    # cold: the URL's view opened fresh (first link, or after a reconnect); reconnected: after a lost connection
    cold, reconnected = True, bool(browser.retries)
    index = 0
    try:
        while index < len(steps):
            page, query = steps[index]
            record = RunRecord(session, index, page, query, replica=browser.replica, reconnected=reconnected)
            outcome.runs.append(record)
            page_hash = "" if cold else pages.get(page, "")
            try:
                seen = _one_run(ws, record, page_hash, page_hash or None, run_timeout, deadline)
            except (websocket.WebSocketException, OSError) as exc:
                if not sticky or outcome.reconnects >= MAX_RECONNECTS:
                    raise
                record.lost = f"{type(exc).__name__}: {exc}"[:200]
                outcome.reconnects += 1
                with contextlib.suppress(Exception):
                    ws.close()
                ws = browser.reconnect()
                if sockets is not None:
                    sockets.append(ws)
                cold, reconnected = True, True
                continue
            pages = seen or pages
            cold, reconnected = False, False
            index += 1
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
class Kill:
    """One replica killed during a level, and what became of the sessions it served."""

    at_s: float
    replica: str
    sessions: int = 0  # sessions whose socket was lost, or whose page load was cut off and made again
    reloaded: int = 0  # of those, sessions whose first page load or socket was cut and made again
    reconnected: int = 0  # of those, sessions that reconnected and finished a run
    view_back: int = 0  # of those, sessions whose first run after reconnecting showed their URL's view
    to_replicas: list[str] = field(default_factory=list)  # where the reconnected runs went
    recovery_ms: list[float] = field(default_factory=list)  # the re-sent runs' latency, reconnect included


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
    server_cpu_s: float = 0.0  # CPU time of the Streamlit process(es) over the level
    loop_cpu_s: float = 0.0  # of which on their main thread (the event loop: sockets, message serialisation)
    proxy_cpu_s: float = 0.0
    client_cpu_s: float = 0.0  # this load generator
    gc_cpu_s: float | None = None  # with --probe: the servers' CPU time in garbage collections
    gc_full: int | None = None  # with --probe: full (generation 2) collections
    runs_per_replica: dict[str, int] = field(default_factory=dict)
    kill: Kill | None = None

    @property
    def error_count(self) -> int:
        return len(self.errors)

    @property
    def throughput(self) -> float:
        return self.finished_runs / self.wall_s if self.wall_s else 0.0

    @property
    def cpu_ms_per_run(self) -> float | None:
        return self.server_cpu_s * 1000 / self.finished_runs if self.finished_runs else None

    def percentile(self, q: float) -> float | None:
        if not self.latencies_ms:
            return None
        if len(self.latencies_ms) == 1:
            return self.latencies_ms[0]
        return statistics.quantiles(self.latencies_ms, n=100, method="inclusive")[round(q) - 1]

    def summary(self) -> dict:
        """Every figure of the level, for the JSON record."""
        figures = asdict(self)
        figures.pop("latencies_ms")
        figures.update(
            p50_ms=self.percentile(50), p95_ms=self.percentile(95), max_ms=max(self.latencies_ms, default=None),
            throughput_runs_per_s=self.throughput, cpu_ms_per_run=self.cpu_ms_per_run, error_count=self.error_count,
            errors=self.errors[:20],
        )  # fmt: skip
        return figures


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


def _log_size(log: Path | None) -> int:
    return log.stat().st_size if log and log.exists() else 0


def _gc_spent(before: Sequence[dict | None], after: Sequence[dict | None]) -> tuple[float | None, int | None]:
    pairs = [(b, a) for b, a in zip(before, after, strict=True) if b and a]
    if not pairs:
        return None, None
    cpu = sum(a["gc_cpu_s"] - b["gc_cpu_s"] for b, a in pairs)
    return cpu, sum(a["collections"][2] - b["collections"][2] for b, a in pairs)


def _kill_report(kill: Kill, outcomes: Sequence[SessionOutcome | None]) -> None:
    for outcome in outcomes:
        if outcome is None or not (outcome.reloads or any(run.lost for run in outcome.runs)):
            continue
        kill.sessions += 1
        kill.reloaded += outcome.reloads > 0
        after = next((run for run in outcome.runs if run.reconnected and run.ms is not None), None)
        if after is None:
            continue
        kill.reconnected += 1
        kill.view_back += view_problem(after.page, after.query, after.shown) is None
        kill.to_replicas.append(after.replica or "?")
        kill.recovery_ms.append(after.ms)


def run_level(
    server: Server,
    sessions: int,
    reruns: int = 4,
    plan: Sequence[tuple[str, str]] = DEFAULT_PLAN,
    *,
    deadline_s: float = 120.0,
    run_timeout: float = 60.0,
    settle_s: float = 2.0,
    kill_at: float | None = None,
) -> LevelResult:
    """N sessions at once, each doing 1 + `reruns` runs; returns when all finish or at the deadline.

    Behind a proxy (`server.replicas`), sessions keep their replica cookie and reconnect when a socket drops;
    with `kill_at`, one replica is killed that many seconds after the sessions start.
    """
    if not 1 <= sessions <= MAX_SESSIONS:
        raise ValueError(f"sessions must be between 1 and {MAX_SESSIONS}")
    if not 0 <= reruns <= MAX_RERUNS:
        raise ValueError(f"reruns must be between 0 and {MAX_RERUNS}")
    if kill_at is not None and (server.kill is None or len(server.replicas) < 2):
        raise ValueError("killing a replica needs at least 2 replicas behind the proxy")
    require_loopback(server.url)
    members = server.streamlit
    log_offsets = [_log_size(log) for _, log in members]
    rss_start = _total_rss([pid for pid, _ in members])
    probes_before = [read_probe(server.probe, pid) for pid, _ in members]
    load_1m = os.getloadavg()[0]
    servers, proxy = Sampler([pid for pid, _ in members]), Sampler([server.pid] if server.replicas else [])
    servers.start()
    proxy.start()
    client_start = sum(os.times()[:2])
    deadline = time.monotonic() + deadline_s
    barrier = threading.Barrier(sessions)
    sockets: list = []
    outcomes: list[SessionOutcome | None] = [None] * sessions
    sticky = bool(server.replicas)

    def work(i: int) -> None:
        outcomes[i] = run_session(
            server.url, i, reruns, plan, deadline=deadline, run_timeout=run_timeout, start=barrier, sockets=sockets,
            sticky=sticky,
        )  # fmt: skip

    kill: Kill | None = None

    def kill_one() -> None:
        nonlocal kill
        kill = Kill(round(time.perf_counter() - started, 1), server.kill())

    started = time.perf_counter()
    killer = threading.Timer(kill_at, kill_one) if kill_at is not None else None
    threads = [threading.Thread(target=work, args=(i,), daemon=True, name=f"session-{i}") for i in range(sessions)]
    for thread in threads:
        thread.start()
    if killer is not None:
        killer.start()
    for thread in threads:
        thread.join(timeout=max(deadline - time.monotonic(), 0) + 5)
    wall = time.perf_counter() - started
    if killer is not None:
        killer.cancel()
    for ws in list(sockets):  # anything still open past the deadline is closed, so its thread ends
        with contextlib.suppress(Exception):
            ws.close()
    client_cpu = sum(os.times()[:2]) - client_start
    rss_peak, server_cpu, loop_cpu = servers.stop()
    _, proxy_cpu, _ = proxy.stop()
    time.sleep(max(settle_s, 0.5 if server.probe else 0.0))  # the probe writes every 0.25 s
    rss_after = _total_rss([pid for pid, _ in members])
    gc_cpu, gc_full = _gc_spent(probes_before, [read_probe(server.probe, pid) for pid, _ in members])

    errors: list[str] = []
    latencies: list[float] = []
    per_replica: dict[str, int] = {}
    finished = 0
    for i, outcome in enumerate(outcomes):
        if outcome is None:
            errors.append(f"session {i}: still running at the deadline")
            continue
        for run in outcome.runs:
            if run.ms is not None:
                finished += 1
                latencies.append(run.ms)
                per_replica[run.replica or "-"] = per_replica.get(run.replica or "-", 0) + 1
            if run.error:
                errors.append(f"session {i} run {run.index} /{run.page}?{run.query}: {run.error}")
        if outcome.error:
            errors.append(f"session {i}: {outcome.error}")
    if kill is not None:
        _kill_report(kill, outcomes)
    tracebacks = [t for (_, log), offset in zip(members, log_offsets, strict=True)
                  for t in _server_tracebacks(log, offset)[0]]  # fmt: skip
    return LevelResult(
        sessions=sessions, reruns=reruns, expected_runs=sessions * (reruns + 1), finished_runs=finished,
        errors=errors, latencies_ms=latencies, wall_s=wall, rss_start=rss_start, rss_peak=rss_peak,
        rss_after=rss_after, server_tracebacks=tracebacks, load_1m=load_1m, server_cpu_s=server_cpu,
        loop_cpu_s=loop_cpu, proxy_cpu_s=proxy_cpu, client_cpu_s=client_cpu, runs_per_replica=per_replica, kill=kill,
        gc_cpu_s=gc_cpu, gc_full=gc_full,
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
        "| setup | N | runs done / expected | errors | server tracebacks | p50 ms | p95 ms | max ms | wall s "
        "| runs/s | server CPU ms per run (event loop / GC) | server RSS MB start / peak / after | load avg |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|",
    ]
    for setup, r in rows:
        rss = f"{_fmt(r.rss_start)} / {_fmt(r.rss_peak)} / {_fmt(r.rss_after)}"
        worst = max(r.latencies_ms) if r.latencies_ms else None
        loop = r.loop_cpu_s * 1000 / r.finished_runs if r.finished_runs else None
        gc_ms = r.gc_cpu_s * 1000 / r.finished_runs if r.finished_runs and r.gc_cpu_s is not None else None
        lines.append(
            f"| {setup} | {r.sessions} | {r.finished_runs} / {r.expected_runs} | {r.error_count} | "
            f"{len(r.server_tracebacks)} | {_fmt(r.percentile(50))} | {_fmt(r.percentile(95))} | {_fmt(worst)} | "
            f"{r.wall_s:.1f} | {r.throughput:.1f} | {_fmt(r.cpu_ms_per_run)} ({_fmt(loop)} / {_fmt(gc_ms)}) | {rss} | "
            f"{_fmt(r.load_1m, 1)} |"
        )
    return "\n".join(lines)


def kill_line(setup: str, r: LevelResult) -> str:
    k = r.kill
    if k is None:
        return f"- {setup}, N={r.sessions}: no replica was killed (the level ended first)"
    spread = ", ".join(f"{name} {k.to_replicas.count(name)}" for name in sorted(set(k.to_replicas))) or "none"
    worst = f"{max(k.recovery_ms):.0f}" if k.recovery_ms else "–"
    return (
        f"- {setup}, N={r.sessions}: killed {k.replica} at {k.at_s} s; {k.sessions} sessions lost their socket or "
        f"page load ({k.reloaded} while opening the page), "
        f"{k.reconnected} reconnected (to: {spread}), {k.view_back} got their URL's view back; "
        f"the re-sent run took at most {worst} ms, reconnect included; {r.error_count} errors in the level"
    )


def machine() -> str:
    mem = "?"
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = f"{int(line.split()[1]) / 2**20:.0f} GiB"
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
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


def _folder(data: str) -> Path:
    """A --data folder: as given when absolute, else under the repository."""
    return Path(data) if Path(data).is_absolute() else REPO / data


def side_by_side(
    setups: dict[str, Callable[[], Server]],
    levels: Sequence[int],
    rounds: int,
    level: Callable[[Server, str, int], object],
) -> None:
    """Setups measured in turn: a cold level on each first, so the rounds compare warm servers, then every level on
    each, with the order of the setups reversed every other round. A setup is asked for its Server at each level
    (behind a proxy: the replicas alive at that moment)."""
    for name, server in setups.items():
        level(server(), f"{name} (cold)", min(levels))
    for round_ in range(rounds):
        order = list(setups) if round_ % 2 == 0 else list(reversed(setups))
        for n in levels:
            for name in order:
                level(setups[name](), name, n)


def _setup_name(count: int) -> str:
    return f"proxy, {count} replica{'s' if count > 1 else ''}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[10, 50, 100], help="concurrent sessions per level")
    parser.add_argument("--reruns", type=int, default=3, help="filter changes per session after the first load")
    parser.add_argument("--data", nargs="+", default=["tests/data/sample"], help="data folder(s) to serve")
    parser.add_argument("--url", help="attach to a running server on 127.0.0.1 instead of starting one")
    parser.add_argument("--pid", type=int, help="with --url: the server's process id, for its memory and CPU")
    parser.add_argument("--proxy", action="store_true", help="through HAProxy with one replica (= --replicas 1)")
    parser.add_argument("--replicas", type=int, nargs="+", help="through HAProxy: one setup per count, e.g. 1 2")
    parser.add_argument("--rounds", type=int, default=1, help="with --replicas or --collector-baseline: rounds (1)")
    parser.add_argument("--kill-one-at", type=float, help="seconds into an extra level to kill one replica")
    parser.add_argument("--kill-sessions", type=int, help="sessions in the kill level (default: the largest level)")
    parser.add_argument("--plan", nargs="+", help="page?query steps, e.g. compare?issue=surveillance")
    parser.add_argument("--level-deadline", type=float, default=180.0, help="seconds allowed per level (180)")
    parser.add_argument("--deadline", type=float, default=600.0, help="seconds for the whole run (600); then exit")
    parser.add_argument("--run-timeout", type=float, default=60.0, help="seconds allowed per run (default 60)")
    parser.add_argument("--watch", action="store_true", help="keep Streamlit's file watcher on (default off)")
    parser.add_argument("--probe", action="store_true", help="time the servers' garbage collections (benchmarks/probe)")
    parser.add_argument(
        "--probe-freeze-at", type=float, help="with --probe: gc.freeze() in the servers S s after start"
    )
    parser.add_argument(
        "--collector-baseline",
        action="store_true",
        help="direct servers only: run each data folder on two servers side by side, the shipped one and one "
        "with Streamlit's and Python's default garbage collection; levels alternate, --rounds times",
    )
    parser.add_argument("--label", default="", help="a name for this run in the JSON record, e.g. before or after")
    parser.add_argument("--out", type=Path, default=RESULTS, help="markdown report (default %(default)s)")
    parser.add_argument("--json", type=Path, help="every figure (default: benchmarks/out/load.json, or beside --out)")
    args = parser.parse_args(argv)

    levels = [n for n in args.sessions if 1 <= n <= MAX_SESSIONS]
    if len(levels) != len(args.sessions):
        parser.error(f"--sessions must be between 1 and {MAX_SESSIONS}")
    if not 0 <= args.reruns <= MAX_RERUNS:
        parser.error(f"--reruns must be between 0 and {MAX_RERUNS}")
    counts = args.replicas or ([1] if args.proxy else [])
    if args.url and counts:
        parser.error("--url and --replicas/--proxy exclude each other")
    if any(not 1 <= c <= replicas.MAX_REPLICAS for c in counts):
        parser.error(f"--replicas must be between 1 and {replicas.MAX_REPLICAS}")
    if args.kill_one_at is not None and not any(c >= 2 for c in counts):
        parser.error("--kill-one-at needs --replicas with a count of 2 or more")
    kill_sessions = args.kill_sessions or max(levels)
    if not 1 <= kill_sessions <= MAX_SESSIONS:
        parser.error(f"--kill-sessions must be between 1 and {MAX_SESSIONS}")
    if args.collector_baseline and (args.url or counts):
        parser.error("--collector-baseline runs its own direct servers: not with --url or --replicas")
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
    probe_dir = Path(tempfile.mkdtemp(prefix="load-probe-")) if args.probe else None
    probe_vars = probe_env(probe_dir) if probe_dir else None
    if probe_vars and args.probe_freeze_at is not None:
        probe_vars["LOAD_PROBE_FREEZE_AT"] = str(args.probe_freeze_at)

    def level(server: Server, setup: str, n: int, kill_at: float | None = None) -> LevelResult | None:
        remaining = stop_at - time.monotonic()
        if remaining < 5:
            notes.append(f"- {setup}, N={n}: skipped, the global deadline of {args.deadline:.0f} s was reached")
            return None
        deadline = min(args.level_deadline, remaining)
        result = run_level(
            server, n, args.reruns, plan, deadline_s=deadline, run_timeout=args.run_timeout, kill_at=kill_at
        )
        rows.append((setup, result))
        print(table([(setup, result)]).splitlines()[-1], flush=True)
        problems = result.errors + result.server_tracebacks
        for error in problems[:10]:
            notes.append(f"- {setup}, N={n}: {error}")
        if len(problems) > 10:
            notes.append(f"- {setup}, N={n}: … and {len(problems) - 10} more")
        return result

    if args.url:
        replicas.wait_healthy(args.url.rstrip("/"), timeout=10)
        for n in levels:
            level(Server(args.url.rstrip("/"), args.pid), args.url, n)
    elif counts:
        data = _folder(args.data[0])
        with contextlib.ExitStack() as stack:
            clusters = {
                c: stack.enter_context(replicas.cluster(c, data, env=probe_vars, started=_STARTED)) for c in counts
            }
            alive = {_setup_name(c): functools.partial(through_proxy, cl, probe_dir) for c, cl in clusters.items()}
            side_by_side(alive, levels, args.rounds, level)
            if args.kill_one_at is not None:
                for c, running in clusters.items():
                    if c < 2:
                        continue
                    setup = f"{_setup_name(c)}, one killed at {args.kill_one_at:g} s"
                    result = level(through_proxy(running, probe_dir), setup, kill_sessions, kill_at=args.kill_one_at)
                    if result is not None:
                        notes.append(kill_line(setup, result))
    elif args.collector_baseline:
        policies = {"shipped collector": {}, "default collector": BASELINE_ENV}
        for data in args.data:
            folder = _folder(data)
            with contextlib.ExitStack() as stack:
                servers = {
                    name: stack.enter_context(
                        serve(folder, watch=args.watch, probe=probe_dir, env={**(probe_vars or {}), **extra})
                    )
                    for name, extra in policies.items()
                }
                same = {f"{data}, {name}": (lambda server=server: server) for name, server in servers.items()}
                side_by_side(same, levels, args.rounds, level)
    else:
        for data in args.data:
            if stop_at - time.monotonic() < 5:
                notes.append(f"- {data}: skipped, the global deadline of {args.deadline:.0f} s was reached")
                continue
            folder = _folder(data)
            with serve(folder, watch=args.watch, probe=probe_dir, env=probe_vars) as server:
                for i, n in enumerate(levels):
                    level(server, f"{data} (cold)" if i == 0 else data, n)

    report = table(rows)
    print()
    print(report)
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    steps = ", ".join(f"/{p}?{q}" if q else f"/{p}" for p, q in plan)
    text = (
        f"# Load: concurrent sessions{f' ({args.label})' if args.label else ''}\n\n{when}. {header}.\n\n"
        f"Each session opens one cold deep link, then makes {args.reruns} filter changes across pages "
        f"(plan, rotated per session: {steps}). Latency is send → `script_finished`, over every run. "
        f"Server CPU per run: the Streamlit processes' CPU time over the level divided by the runs finished; in "
        f"brackets, the part spent on their main thread (the event loop) / in garbage collection (`--probe` only). "
        f"Streamlit's file watcher: {'on' if args.watch else 'off'}.\n\n"
        f"{report}\n"
    )
    if notes:
        text += "\nErrors and notes:\n\n" + "\n".join(notes) + "\n"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    raw = args.json or (RAW if args.out == RESULTS else args.out.with_suffix(".json"))
    raw.parent.mkdir(parents=True, exist_ok=True)
    record = {"label": args.label, "when": when, "machine": header, "argv": sys.argv[1:] if argv is None else argv,
              "levels": [{"setup": setup, **r.summary()} for setup, r in rows]}  # fmt: skip
    raw.write_text(json.dumps(record, indent=1, default=str), encoding="utf-8")
    print(f"\nwrote {args.out} and {raw}")
    watchdog.cancel()
    if probe_dir:
        shutil.rmtree(probe_dir, ignore_errors=True)
    return 1 if any(r.error_count or r.server_tracebacks for _, r in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())
