"""Shared fixtures: the repo root, a fixed NOW for the not-in-the-future check, a CLI runner, the shipped dataset
and the wide data."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from browser_support import chromium as chromium  # one Chromium (one playwright loop) for every browser test
from site_support import build_sites_under, built_site

from stances import synthetic
from stances.domain.validate import check_folder

REPO_ROOT = Path(__file__).resolve().parent.parent
NOW = "2026-12-04"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The browser tests run one after another on one worker: each starts a Chromium and a Streamlit server."""
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.xdist_group("browser"))


@pytest.fixture(scope="session", autouse=True)
def sites_folder(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The static sites the tests build go under pytest's session folder, which pytest cleans up after a few runs."""
    build_sites_under(tmp_path_factory.mktemp("sites"))


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> str:
    """Every test sees the same 'today', in-process and in the CLI subprocesses, and no stray POSITIONS_DIR."""
    monkeypatch.setenv("NOW", NOW)
    monkeypatch.delenv("POSITIONS_DIR", raising=False)
    return NOW


RunCli = Callable[..., subprocess.CompletedProcess]


@pytest.fixture
def run_cli() -> RunCli:
    """run_cli("validate", "tests/data/sample", env={"POSITIONS_DIR": ...}, cwd=...) -> CompletedProcess (text)."""

    def run(*args: str, env: dict[str, str] | None = None, cwd: Path | str = REPO_ROOT) -> subprocess.CompletedProcess:
        full_env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "PYTHONIOENCODING": "utf-8", **(env or {})}
        return subprocess.run(
            [sys.executable, "-m", "stances", *args],
            cwd=cwd,
            env=full_env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
        )

    return run


@pytest.fixture(scope="session")
def shipped():
    """The shipped positions/, read once per session at the fixed NOW and shared: a frozen Dataset; never change it."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NOW", NOW)
        found, problems = check_folder(REPO_ROOT / "positions")
    assert found is not None, problems
    return found


@dataclass(frozen=True)
class Generated:
    folder: Path
    counts: dict[str, int]  # what the generator says it wrote


GenerateOnce = Callable[[int | str], Generated]


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> GenerateOnce:
    """generated(1 | 10 | "wide"): the synthetic dataset of that scale or shape, made and validated once per session.
    Shared: never change it."""
    made: dict[int | str, Generated] = {}

    def once(scale: int | str) -> Generated:
        if scale not in made:
            folder = tmp_path_factory.mktemp(f"generated-{scale}") / "data"
            made[scale] = Generated(folder, synthetic.generate(scale, folder))
        return made[scale]

    return once


@pytest.fixture(scope="session")
def wide_data(generated: GenerateOnce) -> Path:
    """The generator's 30 × 40 minimal "wide" dataset (German, Unicode ids), made once per test session."""
    return generated(synthetic.WIDE).folder


@pytest.fixture(scope="session")
def wide_site(wide_data: Path) -> Path:
    """The static site of the wide dataset without PNGs, built once per test session."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NOW", NOW)
        return built_site(None, wide_data)
