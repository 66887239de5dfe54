"""N `streamlit run dashboard.py` replicas and HAProxy in front of them, on loopback ports; stopped cleanly.

Every replica listens on 127.0.0.1 only (started by `stances.serve`), and HAProxy runs with a config such as
deploy/haproxy.cfg, whose `bind` port and `server` lines are rewritten for N replicas. On exit HAProxy stops first,
then every replica (SIGTERM, SIGKILL after 15 s); the logs and the rendered config are removed. All replicas share
one cookie secret, so a cookie signed by one replica is accepted by the others. `deploy/replicas.py` is the command.
"""

from __future__ import annotations

import contextlib
import re
import secrets
import signal
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .serve import Process, free_port, start_streamlit, stop_process, wait_healthy

HAPROXY = "/usr/sbin/haproxy"
MAX_REPLICAS = 8


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
    app: Path,
    data: Path | str,
    config_template: Path,
    *,
    port: int | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 90.0,
    started: list[subprocess.Popen] | None = None,
) -> Iterator[Cluster]:
    """Start `replicas` Streamlit processes of the app in `app` and HAProxy with `config_template` rewritten; yield
    once the proxy answers; stop everything on exit.

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
            process = start_streamlit(f"r{i}", app, data, env=shared)
            processes.append(process)
            tracked.append(process.popen)
        for process in processes:
            wait_healthy(process.url, timeout, process.popen)
        front = port or free_port()
        servers = [(p.name, p.port) for p in processes]
        config.write_text(render_haproxy_config(config_template.read_text(), front, servers))
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
