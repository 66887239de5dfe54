"""Start N `streamlit run dashboard.py` replicas and HAProxy in front of them, on loopback ports; stop them cleanly.

    python deploy/replicas.py --replicas 2 --port 8500 --data positions

Readers open http://127.0.0.1:8500. Every replica listens on 127.0.0.1 only, and HAProxy runs with
deploy/haproxy.cfg, whose `bind` port and `server` lines are rewritten for N replicas. Ctrl-C or SIGTERM
stops HAProxy, then every replica (SIGTERM, SIGKILL after 15 s), and removes the logs and the rendered config.
All replicas share one cookie secret, so a cookie signed by one replica is accepted by the others.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HAPROXY_CONFIG = REPO / "deploy" / "haproxy.cfg"
HAPROXY = "/usr/sbin/haproxy"
MAX_REPLICAS = 8


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def streamlit_command(port: int, *, watch: bool = False) -> list[str]:
    return [
        sys.executable, "-m", "streamlit", "run", "dashboard.py",
        "--server.headless", "true", "--server.address", "127.0.0.1", "--server.port", str(port),
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "auto" if watch else "none",
    ]  # fmt: skip


def wait_healthy(url: str, timeout: float = 60.0, process: subprocess.Popen | None = None) -> None:
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
        time.sleep(0.2)
    raise TimeoutError(f"{url} was not healthy within {timeout:.0f} s")


def stop_process(process: subprocess.Popen, grace: float = 15.0) -> None:
    if process.poll() is None:
        process.terminate()
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=grace)


@dataclass
class Process:
    """One process this module started, with the log file its output goes to."""

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


def start_streamlit(
    name: str, data: Path | str, *, port: int | None = None, env: dict[str, str] | None = None, watch: bool = False
) -> Process:
    port = port or free_port()
    log = Path(tempfile.mkstemp(prefix=f"streamlit-{name}-{port}-", suffix=".log")[1])
    full_env = {**os.environ, "POSITIONS_DIR": str(Path(data).resolve()), "PYTHONUNBUFFERED": "1", **(env or {})}
    with log.open("wb") as sink:
        popen = subprocess.Popen(
            streamlit_command(port, watch=watch), cwd=REPO, env=full_env, stdout=sink, stderr=subprocess.STDOUT
        )
    return Process(name, f"http://127.0.0.1:{port}", popen, log)


def render_haproxy_config(template: str, front_port: int, replicas: Sequence[tuple[str, int]]) -> str:
    """deploy/haproxy.cfg with its `bind` port and its `server` lines replaced, in the template's own layout."""
    bind = re.compile(r"^(\s*bind\s+127\.0\.0\.1:)\d+", re.MULTILINE)
    if not bind.search(template):
        raise ValueError("the HAProxy config has no `bind 127.0.0.1:PORT` line")
    text = bind.sub(rf"\g<1>{front_port}", template, count=1)
    server = re.compile(r"^(\s*)server\s+\S+\s+127\.0\.0\.1:\d+\s+cookie\s+\S+[^\n]*\n", re.MULTILINE)
    found = list(server.finditer(text))
    if not found:
        raise ValueError("the HAProxy config has no `server NAME 127.0.0.1:PORT cookie NAME` line")
    indent = found[0].group(1)
    lines = "".join(f"{indent}server {name} 127.0.0.1:{port} cookie {name}\n" for name, port in replicas)
    return text[: found[0].start()] + lines + text[found[-1].end() :]


@dataclass
class Cluster:
    """N replicas behind one HAProxy. `url` is the proxy's; readers and the load test use only that."""

    url: str
    proxy: Process
    replicas: list[Process]
    config: Path
    killed: list[str] = field(default_factory=list)

    def replica(self, name: str) -> Process:
        return next(r for r in self.replicas if r.name == name)

    def kill(self, name: str | None = None) -> Process:
        """SIGKILL one replica (the first live one unless named), as a crash would: no goodbye to its readers."""
        live = [r for r in self.replicas if r.popen.poll() is None and (name is None or r.name == name)]
        if not live:
            raise RuntimeError(f"no live replica {name or ''} to kill".replace("  ", " "))
        victim = live[0]
        victim.popen.send_signal(signal.SIGKILL)
        victim.popen.wait(timeout=15)
        self.killed.append(victim.name)
        return victim


@contextlib.contextmanager
def cluster(
    replicas: int,
    data: Path | str,
    *,
    port: int | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 90.0,
    started: list[subprocess.Popen] | None = None,
) -> Iterator[Cluster]:
    """Start `replicas` Streamlit processes and HAProxy; yield once the proxy answers; stop everything on exit.

    `started`, if given, holds every live Popen while the cluster runs (a caller's watchdog can kill them).
    """
    if not 1 <= replicas <= MAX_REPLICAS:
        raise ValueError(f"replicas must be between 1 and {MAX_REPLICAS}")
    if not Path(HAPROXY).exists():
        raise RuntimeError(f"{HAPROXY} not found (Debian: apt-get install haproxy)")
    shared = {"STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(32), **(env or {})}
    processes: list[Process] = []
    tracked = started if started is not None else []
    config = Path(tempfile.mkstemp(prefix="haproxy-", suffix=".cfg")[1])
    try:
        for i in range(1, replicas + 1):
            process = start_streamlit(f"r{i}", data, env=shared)
            processes.append(process)
            tracked.append(process.popen)
        for process in processes:
            wait_healthy(process.url, timeout, process.popen)
        front = port or free_port()
        servers = [(p.name, p.port) for p in processes]
        config.write_text(render_haproxy_config(HAPROXY_CONFIG.read_text(), front, servers))
        log = Path(tempfile.mkstemp(prefix=f"haproxy-{front}-", suffix=".log")[1])
        with log.open("wb") as sink:
            popen = subprocess.Popen([HAPROXY, "-db", "-f", str(config)], stdout=sink, stderr=subprocess.STDOUT)
        proxy = Process("haproxy", f"http://127.0.0.1:{front}", popen, log)
        processes.insert(0, proxy)
        tracked.append(popen)
        wait_healthy(proxy.url, timeout, popen)
        yield Cluster(proxy.url, proxy, processes[1:], config)
    finally:
        for process in processes:  # the proxy first, so no reader is sent to a replica that is stopping
            with contextlib.suppress(Exception):
                stop_process(process.popen)
            with contextlib.suppress(ValueError):
                tracked.remove(process.popen)
            process.log.unlink(missing_ok=True)
        config.unlink(missing_ok=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--replicas", type=int, default=2, help=f"Streamlit processes, 1 to {MAX_REPLICAS} (2)")
    parser.add_argument("--port", type=int, default=8500, help="the proxy's port on 127.0.0.1 (8500)")
    parser.add_argument("--data", default=os.environ.get("POSITIONS_DIR", "positions"), help="the data folder")
    args = parser.parse_args(argv)
    stop = False

    def on_signal(signum: int, _frame: object) -> None:
        nonlocal stop
        stop = True

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    data = Path(args.data) if Path(args.data).is_absolute() else REPO / args.data
    with cluster(args.replicas, data, port=args.port) as running:
        ports = ", ".join(f"{r.name} {r.url} (pid {r.pid})" for r in running.replicas)
        print(f"{running.url} → {ports}; HAProxy pid {running.proxy.pid}. Ctrl-C stops all.", flush=True)
        while not stop and all(p.popen.poll() is None for p in [running.proxy, *running.replicas]):
            time.sleep(0.5)
        gone = [p.name for p in [running.proxy, *running.replicas] if p.popen.poll() is not None]
        if gone and not stop:
            print(f"stopping: {', '.join(gone)} exited", file=sys.stderr, flush=True)
    print("stopped", flush=True)
    return 0 if stop else 1


if __name__ == "__main__":
    raise SystemExit(main())
