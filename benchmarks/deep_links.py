"""Cold deep links and warm page opens, measured side by side in one run.

Cold: each page opened as the first request to a freshly started server, against the bare `st.write("hi")` app
started the same way; the order rotates round by round, and each page's ratio is the median of its per-round ratios
to the bare app's idle time in that round. Warm: one server, the Overview opened first, then each page opened in the
same tab; each chart page against a page without a chart (Disagreements), as medians and their difference.

    python benchmarks/deep_links.py --rounds 5 [--data positions]
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from bench_common import BARE_APP, CONTENT_JS, IDLE_JS, REPO, median, settings
from bench_parts import chromium, open_session, server

COLD = {
    "overview": "",
    "timeline": "timeline",
    "movement": "movement?issue=surveillance",
    "pair": "pair?a=anthropic&b=dod",
}
WARM_BASELINE = ("disagreements (no chart)", "disagreements")
WARM = {"timeline": "timeline", "movement": "movement?issue=surveillance", "pair": "pair?a=anthropic&b=dod"}


def cold(rounds: int, data: Path) -> dict[str, Any]:
    s = settings(True)
    bare_dir = Path(tempfile.mkdtemp(prefix="bench-bare-"))
    (bare_dir / "app.py").write_text(BARE_APP)
    shutil.copytree(REPO / ".streamlit", bare_dir / ".streamlit")
    names = ["bare", *COLD]
    idle: dict[str, list[float]] = {name: [] for name in names}
    try:
        with chromium() as browser:
            for rnd in range(rounds + 1):  # round 0 warms the page cache and __pycache__, and is dropped
                shift = rnd % len(names)
                for name in names[shift:] + names[:shift]:
                    bare = name == "bare"
                    script, cwd = (bare_dir / "app.py", bare_dir) if bare else (REPO / "dashboard.py", REPO)
                    with server(s, script, cwd, None if bare else data) as srv:
                        context, _, seconds = open_session(browser, srv.url + ("" if bare else COLD[name]), srv.started)
                        context.close()
                    if rnd:
                        idle[name].append(seconds)
    finally:
        shutil.rmtree(bare_dir, ignore_errors=True)
    return {
        name: {
            "idle_s": median(idle[name]),
            "ratio": median([a / b for a, b in zip(idle[name], idle["bare"], strict=True)]),
        }
        for name in COLD
    } | {"bare": {"idle_s": median(idle["bare"])}, "rounds": rounds}


def warm(rounds: int, data: Path) -> dict[str, Any]:
    s = settings(True)
    pages = {WARM_BASELINE[0]: WARM_BASELINE[1], **WARM}
    times: dict[str, list[float]] = {name: [] for name in pages}
    with chromium() as browser, server(s, REPO / "dashboard.py", REPO, data) as srv:
        for rnd in range(rounds + 1):
            context, _, _ = open_session(browser, srv.url, time.perf_counter())
            page = context.pages[0]
            for name, path in pages.items():
                start = time.perf_counter()
                page.goto(srv.url + path, wait_until="commit")
                page.wait_for_function(f"() => ({CONTENT_JS})() && ({IDLE_JS})()", polling=10, timeout=120_000)
                if rnd:
                    times[name].append(time.perf_counter() - start)
                page.goto(srv.url, wait_until="commit")
                page.wait_for_function(f"() => ({CONTENT_JS})() && ({IDLE_JS})()", polling=10, timeout=120_000)
            context.close()
    base = median(times[WARM_BASELINE[0]])
    return {name: {"open_s": median(values), "more_s": median(values) - base} for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--data", type=Path, default=REPO / "positions")
    args = parser.parse_args()
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    result = {"started": started, "cold": cold(args.rounds, args.data), "warm": warm(args.rounds, args.data)}
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
