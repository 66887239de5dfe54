"""What the benchmark's parts share: the settings, the datasets (made on demand by `stances.synthetic`), the app's
pages, and the workers that measure in a fresh interpreter (`bench_workers.py`)."""

from __future__ import annotations

import hashlib
import json
import os
import statistics
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from stances.present.pages import ENTRY
from stances.present.pages import PAGES as REGISTRY

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "benchmarks"
GENERATED = BENCH / "generated"
RESULTS = BENCH / "results" / "results.md"
PYTHON = sys.executable
NOW = "2026-12-04"
CHROMIUM = "/usr/bin/chromium"
# The app's pages, from the one registry (the entry script stands for the Overview).
PAGES = (ENTRY.script, *(p.script for p in REGISTRY if p.key != "overview"))
WIDE = "wide"
Key = int | str  # a scale (1, 10, 100) or a named shape ("wide")
BARE_APP = 'import streamlit as st\n\nst.write("hi")\n'
CONTENT_JS = """() => [
    ...document.querySelectorAll('[data-testid="stMarkdown"], [data-testid="stHeading"], h1, h2, h3')
].some((e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')"""
IDLE_JS = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    return !!app && app.getAttribute('data-test-script-state') === 'notRunning'
        && !document.querySelector('[data-testid="stStatusWidget"]');
}"""


@dataclass(frozen=True)
class Settings:
    quick: bool
    scales: tuple[Key, ...]
    cold_rounds: int
    rerun_reps: int
    load_reps: int
    sessions: int
    app: Path = REPO  # the app under test: this checkout, or a patched copy (`--app DIR`) to try a change first
    site_images: bool = True  # e. builds the site with its PNG images, as `stances site` does by default


def settings(quick: bool, scales: tuple[Key, ...] | None = None) -> Settings:
    if quick:
        return Settings(True, scales or (1, 10, WIDE), cold_rounds=3, rerun_reps=3, load_reps=2, sessions=11)
    return Settings(False, scales or (1, 10, 100, WIDE), cold_rounds=7, rerun_reps=7, load_reps=5, sessions=11)


def parse_key(text: str) -> Key:
    if text.isdigit():
        return int(text)
    if text != WIDE:
        raise SystemExit(f"unknown dataset {text!r}: use 1, 10, 100 or {WIDE}")
    return text


def dataset_label(key: Key) -> str:
    return f"{key}×" if isinstance(key, int) else key


# ---------------------------------------------------------------- helpers


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def env_for(app: Path, data: Path | None = None) -> dict[str, str]:
    """The environment of everything the benchmark starts: the app's folder first on the path, the fixed today."""
    env = {**os.environ, "NOW": os.environ.get("NOW", NOW), "PYTHONPATH": str(app), "PYTHONUNBUFFERED": "1"}
    env["BENCH_APP"] = str(app)
    env.pop("POSITIONS_DIR", None)
    if data is not None:
        env["POSITIONS_DIR"] = str(data)
    return env


def dataset(scale: Key, generated: Path = GENERATED) -> Path:
    """The generated folder for `scale` under `generated`, (re)made when missing or made by another version of
    the generator."""
    from stances import synthetic  # here: a worker running a patched app copy (--app) never needs it

    out = generated / synthetic.folder_name(scale)
    stamp = out / ".generator"
    version = hashlib.sha256(Path(synthetic.__file__).read_bytes()).hexdigest()[:16]
    if not stamp.is_file() or stamp.read_text() != version:
        synthetic.generate(scale, out)
        stamp.write_text(version)
    return out


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*.yaml") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def worker(app: Path, mode: str, *args: str, data: Path | None = None, timeout: float = 900) -> dict[str, Any]:
    """Run `bench_workers.py MODE ARGS` on the app in `app`, in a fresh interpreter; its last stdout line is JSON."""
    proc = subprocess.run(
        [PYTHON, str(BENCH / "bench_workers.py"), mode, *args],
        cwd=app,
        env=env_for(app, data),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"worker {mode} {args} failed ({proc.returncode}):\n{proc.stderr[-4000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def rss_kb(pid: int, field: str = "VmRSS") -> int:
    """Resident set size (or, with field="VmHWM", its peak) of a process, in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"no {field}")
