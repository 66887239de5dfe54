"""The servers a load level talks to and measures: one `streamlit run` (started by `stances.serve`) or replicas
behind HAProxy (`stances.replicas`), and their CPU time and memory read from /proc."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from stances import replicas
from stances import serve as harness

REPO = Path(__file__).resolve().parent.parent
PROBE = REPO / "benchmarks" / "probe"  # a sitecustomize that times the servers' garbage collections
STARTED: list[subprocess.Popen] = []  # servers this process started, for the watchdog to stop
_TICK = os.sysconf("SC_CLK_TCK")


@dataclass
class Server:
    """What the load talks to (`url`) and the processes it measures: one Streamlit, or the replicas behind a proxy."""

    url: str
    pid: int | None
    log: Path | None = None
    replicas: tuple[harness.Process, ...] = ()  # behind a proxy; `pid` and `log` are then the proxy's
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


def settled_probe(folder: Path | None, pid: int | None, quiet_s: float = 1.5, timeout_s: float = 20.0) -> dict | None:
    """The probe's totals once the server's full-collection count has stood still for `quiet_s`.

    Streamlit collects after it has told the browser that a run finished, so a count read straight after the last
    run can miss that run's collection on a busy machine."""
    snapshot = read_probe(folder, pid)
    if snapshot is None:
        return None
    give_up = time.monotonic() + timeout_s
    still_since = time.monotonic()
    while time.monotonic() - still_since < quiet_s and time.monotonic() < give_up:
        time.sleep(0.1)
        latest = read_probe(folder, pid) or snapshot
        if latest["collections"][2] != snapshot["collections"][2]:
            still_since = time.monotonic()
        snapshot = latest
    return snapshot


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
    process = harness.start_streamlit("direct", REPO, data, port=port, env=env, watch=watch)
    STARTED.append(process.popen)
    try:
        harness.wait_healthy(process.url, timeout, process.popen)
        yield Server(process.url, process.pid, process.log, probe=probe)
    finally:
        harness.stop_process(process.popen)
        STARTED.remove(process.popen)
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


def total_rss(pids: Sequence[int | None]) -> float | None:
    values = [v for v in (rss_mb(pid) for pid in pids) if v is not None]
    return sum(values) if values else None


class Sampler(threading.Thread):
    """Peak summed RSS of the servers, and the last CPU reading of each (a killed one keeps its last)."""

    def __init__(self, pids: Sequence[int | None], every: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.pids, self.every = [p for p in pids if p is not None], every
        self.peak: float | None = total_rss(self.pids)
        self.first = {pid: cpu_seconds(pid) for pid in self.pids}
        self.last = dict(self.first)
        self._stop_event = threading.Event()

    def _sample(self) -> None:
        value = total_rss(self.pids)
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
