"""Bounded load test: N concurrent real websocket sessions against Streamlit on 127.0.0.1, direct or behind HAProxy.

Each session speaks the browser's protocol on `/_stcore/stream`: it opens a page as a cold deep link
(a `rerun_script` BackMsg carrying `query_string` and `page_name`), then changes the filters several
times, moving between pages the way the app's own page links do (`page_script_hash` + `query_string`).
A run ends at the server's `script_finished` ForwardMsg; the time from send to that message is the
run's latency. A run counts as an error when it shows an exception element, an error alert, an
unexpected notice (the plan's queries are all valid), the wrong page, a share link for another view
than the one asked for, a compile error, or when the socket closes or times out. The servers' RSS and
CPU time are sampled throughout (CPU per run is the servers' CPU time over the level / runs finished).

Behind the proxy (`--replicas N`, started by `stances.replicas` as deploy/replicas.py starts it), each session
first loads the page over HTTP, as a browser does, and keeps the replica cookie HAProxy sets. `--kill-one-at S`
SIGKILLs one replica S seconds into a dedicated level: its sessions lose their socket, poll `/_stcore/health`
and reconnect through the proxy as the browser does, and send the view their URL holds (as the reader's next
click or a reload does; the browser itself does not rerun the page on reconnecting); the share link each one
then renders must be that view. The kill level runs last, after the throughput rounds.

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
import json
import os
import platform
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from load_client import DEFAULT_PLAN
from load_level import MAX_RERUNS, MAX_SESSIONS, LevelResult, kill_line, require_loopback, run_level, table
from load_server import STARTED, Server, probe_env, serve, through_proxy

from stances import replicas
from stances.serve import BASELINE_ENV, wait_healthy

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "benchmarks" / "results" / "load.md"
RAW = REPO / "benchmarks" / "out" / "load.json"
HAPROXY_CONFIG = REPO / "deploy" / "haproxy.cfg"


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
    for process in list(STARTED):
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
        wait_healthy(args.url.rstrip("/"), timeout=10)
        for n in levels:
            level(Server(args.url.rstrip("/"), args.pid), args.url, n)
    elif counts:
        data = _folder(args.data[0])
        with contextlib.ExitStack() as stack:
            start = functools.partial(replicas.cluster, app=REPO, data=data, config_template=HAPROXY_CONFIG)
            clusters = {c: stack.enter_context(start(c, env=probe_vars, started=STARTED)) for c in counts}
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
