"""One load level: N sessions at once against a server, bounded in sessions, reruns and time, and its figures
(latencies, errors, server CPU and memory, a killed replica's readers) as a table row."""

from __future__ import annotations

import contextlib
import os
import re
import statistics
import threading
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from load_client import DEFAULT_PLAN, SessionOutcome, run_session, view_problem
from load_server import Sampler, Server, settled_probe, total_rss

MAX_SESSIONS = 200
MAX_RERUNS = 20
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})


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
    rss_start = total_rss([pid for pid, _ in members])
    probes_before = [settled_probe(server.probe, pid) for pid, _ in members]
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
    time.sleep(settle_s)  # the probe's totals below are read once they stand still
    rss_after = total_rss([pid for pid, _ in members])
    gc_cpu, gc_full = _gc_spent(probes_before, [settled_probe(server.probe, pid) for pid, _ in members])

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
