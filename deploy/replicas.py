"""Start N `streamlit run dashboard.py` replicas and HAProxy in front of them, on loopback ports; stop them cleanly.

    python deploy/replicas.py --replicas 2 --port 8500 --data positions

Readers open http://127.0.0.1:8500. Every replica listens on 127.0.0.1 only, and HAProxy runs with
deploy/haproxy.cfg, whose `bind` port and `server` lines are rewritten for N replicas. Ctrl-C or SIGTERM
stops HAProxy, then every replica (SIGTERM, SIGKILL after 15 s), and removes the logs and the rendered config.
All replicas share one cookie secret, so a cookie signed by one replica is accepted by the others.
The cluster itself is `stances.replicas`, which the load benchmark and the tests use too.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from stances.replicas import MAX_REPLICAS, cluster

REPO = Path(__file__).resolve().parent.parent
HAPROXY_CONFIG = REPO / "deploy" / "haproxy.cfg"


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
    with cluster(args.replicas, REPO, data, HAPROXY_CONFIG, port=args.port) as running:
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
