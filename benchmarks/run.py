"""Benchmarks for the dashboard, in one command: cold start, reruns, loading, memory per session.

    python benchmarks/run.py [--quick] [--skip-browser] [--scales 1,10,100,wide] [--out FILE]

a. Cold start of `streamlit run dashboard.py` (1x data) against a bare `st.write("hi")` app, started the
   same way and alternated round by round, in headless Chromium: server start to first content and to idle.
b. Server-side time of a rerun after a filter change, per page, at each scale, through AppTest (the filter
   widgets are set and the script rerun, as a reader's change does), for the default and a filtered view.
c. Validate-and-load (`check_folder`) in fresh processes: time, peak RSS and traced peak; and a rerun with
   unchanged files: calls to `read_yaml` (must be 0) and the time of `ui.data.load()`.
d. Server memory per extra browser session: RSS with 1 and with 11 Chromium sessions on the app.
e. Static site: `stances site` of each dataset into a temporary folder: build time, total size, the largest
   page and the largest file (scripts included).

Datasets: the generated 1×/10×/100× folders, and "wide" (30 parties × 40 issues, minimal fields, German,
`benchmarks/generate.py --shape wide`), which gets a cold start of its own (a) beside the 1× one.

Every figure is a median over repeated runs, and every ratio is taken within the same run. Results go to
benchmarks/results/results.md (printed too). Generated data lives in benchmarks/generated/ (made on demand).
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench_common import BENCH, GENERATED, REPO, RESULTS, WIDE, dataset, dataset_label, parse_key, settings, worker
from bench_parts import cold_start, load_figures, session_memory, site_figures
from bench_report import report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds; datasets 1×, 10× and wide only")
    parser.add_argument("--skip-browser", action="store_true", help="only b, c and e (no Chromium)")
    parser.add_argument("--scales", help=f"comma-separated datasets, e.g. 1,10,100,{WIDE}")
    parser.add_argument("--only", help="comma-separated parts to run, e.g. a,d (default: a,b,c,d,e)")
    parser.add_argument(
        "--rounds", type=int, help="cold-start rounds, rerun and load repetitions (default 7, 7 and 5; quick 3, 3, 2)"
    )
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--app", type=Path, help="benchmark the app in this folder (a patched copy) instead")
    parser.add_argument("--generated", type=Path, default=GENERATED, help="where the generated datasets are kept")
    parser.add_argument("--site-no-images", action="store_true", help="e. without the PNG images (pages only)")
    args = parser.parse_args(argv)

    scales = tuple(parse_key(x) for x in args.scales.split(",")) if args.scales else None
    s = settings(args.quick, scales)
    s = dataclasses.replace(s, app=(args.app or REPO).resolve(), site_images=not args.site_no_images)
    if args.rounds:
        s = dataclasses.replace(s, cold_rounds=args.rounds, rerun_reps=args.rounds, load_reps=args.rounds)
    started = datetime.now(UTC)
    load_start = os.getloadavg()[0]
    folders = {scale: dataset(scale, args.generated) for scale in dict.fromkeys((1, *s.scales))}
    results: dict[str, Any] = {}

    def step(label: str) -> None:
        print(f"[{datetime.now():%H:%M:%S}] {label} (load {os.getloadavg()[0]:.2f})", file=sys.stderr, flush=True)

    parts = set((args.only or "a,b,c,d,e").split(","))
    if args.skip_browser:
        parts -= {"a", "d"}
    if "a" in parts:
        step("a. cold start")
        results["cold"] = cold_start(s, folders[1])
        if WIDE in s.scales:
            step(f"a. cold start at {WIDE}")
            results["cold_wide"] = cold_start(s, folders[WIDE])
    if "c" in parts:
        step("c. validate-and-load")
        results["load"] = {dataset_label(scale): load_figures(s, folders[scale]) for scale in s.scales}
        shipped = s.app / "positions"
        if (shipped / "dataset.yaml").is_file():  # the curated data, for reference (it may not validate mid-edit)
            with contextlib.suppress(RuntimeError):
                results["load"]["shipped `positions/`"] = load_figures(s, shipped)
        step("c. no re-parse")
        results["reparse"] = {
            scale: worker(s.app, "reparse", str(s.rerun_reps), data=folders[scale]) for scale in s.scales
        }
    if "b" in parts:
        results["reruns"] = {}
        for scale in s.scales:
            step(f"b. reruns at {dataset_label(scale)}")
            results["reruns"][scale] = worker(s.app, "reruns", str(s.rerun_reps), data=folders[scale])
    if "d" in parts:
        step("d. memory per session")
        results["sessions"] = session_memory(s, folders[1])
    if "e" in parts:
        step("e. static site")
        results["site"] = {dataset_label(scale): site_figures(s, folders[scale]) for scale in s.scales}
        shipped = s.app / "positions"
        if (shipped / "dataset.yaml").is_file():
            results["site"]["shipped `positions/`"] = site_figures(s, shipped)
    text = report(s, results, (load_start, os.getloadavg()[0]), started)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    # every figure, for comparisons: beside --out, or in the gitignored benchmarks/out/ for the default
    raw = BENCH / "out" / "results.json" if args.out == RESULTS else args.out.with_suffix(".json")
    raw.parent.mkdir(parents=True, exist_ok=True)
    raw.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
