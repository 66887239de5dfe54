"""The benchmark's report: every part's figures as markdown tables, and the targets met or missed."""

from __future__ import annotations

import contextlib
import os
import platform
from datetime import datetime
from pathlib import Path
from typing import Any

from bench_common import PAGES, WIDE, Settings, dataset_label


def machine() -> dict[str, str]:
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 2**20:.1f} GiB"
    import streamlit

    return {
        "nproc": str(os.cpu_count()),
        "memory": memory,
        "cpu": cpu,
        "python": platform.python_version(),
        "streamlit": streamlit.__version__,
    }


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds == seconds else "–"


def _s(seconds: float) -> str:
    return f"{seconds:.2f} s" if seconds == seconds else "–"


def _rerun_cell(figures: dict[str, Any] | None, view: str) -> str:
    if figures is None:
        return "–"
    return "exception" if "error" in figures else _ms(figures[view])


def _mb(size: int) -> str:
    return f"{size / 1e6:.2f} MB"


def _verdict(ok: bool | None) -> str:
    return "–" if ok is None else ("met" if ok else "**missed**")


def report(s: Settings, results: dict[str, Any], loads: tuple[float, float], started: datetime) -> str:
    info = machine()
    lines = [
        "# Benchmark results",
        "",
        f"{started:%Y-%m-%d %H:%M} UTC · `python benchmarks/run.py{' --quick' if s.quick else ''}` · "
        f"{info['nproc']} CPUs ({info['cpu']}), {info['memory']} RAM · Python {info['python']}, "
        f"Streamlit {info['streamlit']} · load average {loads[0]:.2f} at start, {loads[1]:.2f} at end (1 min).",
        "",
    ]
    targets: list[tuple[str, str, bool | None]] = []

    cold = results.get("cold")
    if cold:
        lines += [
            f"**a. Cold start**, 1× data, headless Chromium, medians of {cold['rounds']} alternated rounds "
            "(seconds from `streamlit run` to the state):",
            "",
            "| app | server healthy | first content | idle |",
            "|---|---|---|---|",
            *(
                f"| {label} | " + " | ".join(_s(cold[f"{name}_{key}"]) for key in ("ready", "content", "idle")) + " |"
                for name, label in (("bare", 'bare `st.write("hi")`'), ("app", "dashboard, Overview"))
            ),
            f"| ratio (median of per-round ratios) | | {cold['ratio_content']:.2f}× | {cold['ratio_idle']:.2f}× |",
            "",
        ]
        targets.append(
            ("cold start, first content ≤ 1.2× bare", f"{cold['ratio_content']:.2f}×", cold["ratio_content"] <= 1.2)
        )
        targets.append(("cold start, idle ≤ 1.5× bare", f"{cold['ratio_idle']:.2f}×", cold["ratio_idle"] <= 1.5))
    wide = results.get("cold_wide")
    if cold and wide:
        lines += [
            f"Cold start at the {WIDE} shape (30 parties × 40 issues), same run, {wide['rounds']} rounds:",
            "",
            "| app | server healthy | first content | idle |",
            "|---|---|---|---|",
            *(
                f"| {label} | " + " | ".join(_s(wide[f"{name}_{key}"]) for key in ("ready", "content", "idle")) + " |"
                for name, label in (("bare", 'bare `st.write("hi")`'), ("app", f"dashboard, Overview, {WIDE}"))
            ),
            f"| ratio (median of per-round ratios) | | {wide['ratio_content']:.2f}× | {wide['ratio_idle']:.2f}× |",
            "",
        ]
        for key, name in (("ratio_content", "first content"), ("ratio_idle", "idle")):
            against = wide[key] / cold[key]
            targets.append(
                (f"cold start at {WIDE}, {name}: ratio within 1.1× of 1×'s", f"{against:.2f}×", against <= 1.1)
            )

    reruns = results.get("reruns")
    if reruns:
        scales = list(reruns)
        lines += [
            f"**b. Rerun after a filter change**, server-side, AppTest (widgets set, then `at.run()`), median of "
            f"{s.rerun_reps}; *default* = all issues and parties, *filtered* = 1 issue × 3 parties:",
            "",
            "| page | view | " + " | ".join(dataset_label(x) for x in scales) + " |",
            "|---|---|" + "---|" * len(scales),
        ]
        for page in PAGES:
            for view in ("default", "filtered"):
                cells = [_rerun_cell(reruns[x]["pages"].get(page), view) for x in scales]
                lines.append(f"| {page} | {view} | " + " | ".join(cells) + " |")
        lines.append(
            "| AppTest floor (one-line script) | | " + " | ".join(_ms(reruns[x]["floor"]) for x in scales) + " |"
        )
        lines.append("")
        for scale, limit in ((1, 0.050), (100, 0.150)):
            if scale not in reruns:
                continue
            for view in ("filtered", "default"):
                timed = [(p, v[view]) for p, v in reruns[scale]["pages"].items() if "error" not in v]
                broken = [p for p, v in reruns[scale]["pages"].items() if "error" in v]
                worst_page, worst = max(timed, key=lambda pv: pv[1], default=("–", float("nan")))
                failed = f"; exception on {', '.join(broken)}" if broken else ""
                targets.append(
                    (
                        f"rerun ≤ {limit * 1000:.0f} ms at {scale}×, {view} view, every page",
                        f"worst {_ms(worst)} ({worst_page}){failed}",
                        worst <= limit and not broken,
                    )
                )

    loads_ = results.get("load")
    if loads_:
        lines += [
            f"**c. Validate-and-load** (`check_folder`), each in a fresh process, median of {s.load_reps}. "
            "*load, app*: as `ui/data.py` loads (cyclic GC paused); *load, CLI*: `check_folder` alone, as "
            "`python -m stances validate`; RSS peak (VmHWM) is the whole process, Δ is above the RSS after "
            "imports; traced = tracemalloc peak of the app load:",
            "",
            "| scale | files | YAML | position versions | import | load, app | load, CLI | RSS peak | RSS Δ | traced |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
        for scale, f in loads_.items():
            lines.append(
                f"| {scale} | {f['files']} | {f['bytes'] / 1e6:.2f} MB | {f['versions']:,} | {_s(f['import'])} | "
                f"{_s(f['load'])} | {_s(f['load_cli'])} | {f['rss_peak_mb']:.0f} MB | {f['rss_delta_mb']:.0f} MB | "
                + (f"{f['traced_peak_mb']:.0f} MB |" if f["traced_peak_mb"] == f["traced_peak_mb"] else "– |")
            )
        lines.append("")
        if "100×" in loads_:
            load100 = loads_["100×"]["load"]
            targets.append(("validate-and-load at 100× ≤ 3 s cold", _s(load100), load100 <= 3.0))
    reparse = results.get("reparse")
    if reparse:
        lines += [
            "Rerun with no file changed (AppTest, "
            + ", ".join(dataset_label(x) for x in reparse)
            + "): `read_yaml` calls on the first run / on later runs and page switches; warm `ui.data.load()` "
            "(stat fingerprint + cache lookup) and the fingerprint alone:",
            "",
            "| scale | reads, first run | reads, reruns | warm `load()` | fingerprint |",
            "|---|---|---|---|---|",
        ]
        for scale, r in reparse.items():
            lines.append(
                f"| {dataset_label(scale)} | {r['first_run_reads']} | {r['rerun_reads']} | {_ms(r['load_warm'])} | "
                f"{_ms(r['fingerprint'])} |"
            )
        lines.append("")
        no_reparse = all(r["rerun_reads"] == 0 and r["reads_after_warm_load"] == 0 for r in reparse.values())
        targets.append(
            (
                "no re-parse on a rerun with files unchanged",
                f"{max(r['rerun_reads'] for r in reparse.values())} reads",
                no_reparse,
            )
        )

    sessions = results.get("sessions")
    if sessions:
        lines += [
            f"**d. Memory per browser session**, 1× data: server RSS {sessions['one_mb']:.0f} MB with 1 session, "
            f"{sessions['many_mb']:.0f} MB with {sessions['sessions']}: "
            f"**{sessions['per_session_mb']:.1f} MB** per extra session.",
            "",
        ]
        targets.append(
            (
                "each extra session ≤ 10 MB at 1×",
                f"{sessions['per_session_mb']:.1f} MB",
                sessions["per_session_mb"] <= 10,
            )
        )

    sites = results.get("site")
    if sites:
        lines += [
            "**e. Static site** (`python -m stances site`), one build each, sizes in bytes on disk as written "
            "(largest file: any page or asset, scripts included):",
            "",
            "| dataset | pages | total | HTML | largest page | largest file | build |",
            "|---|---|---|---|---|---|---|",
        ]
        for name, f in sites.items():
            if "error" in f:
                lines.append(f"| {name} | build failed: {f['error']} | | | | | |")
                continue
            lines.append(
                f"| {name} | {f['pages']} | {_mb(f['bytes'])} | {_mb(f['page_bytes'])} | "
                f"{_mb(f['largest_page_bytes'])} (`{f['largest_page']}`) | "
                f"{_mb(f['largest_file_bytes'])} (`{f['largest_file']}`) | {_s(f['build'])} |"
            )
        lines.append("")
        if WIDE in sites and "error" not in sites[WIDE]:
            largest = sites[WIDE]["largest_page_bytes"]
            targets.append((f"largest static page < 1 MB at {WIDE}", _mb(largest), largest < 1_000_000))

    lines += ["**Targets**", "", "| target | measured | |", "|---|---|---|"]
    lines += [f"| {name} | {value} | {_verdict(ok)} |" for name, value, ok in targets]
    return "\n".join(lines) + "\n"
