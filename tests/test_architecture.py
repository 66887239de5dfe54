"""The rules the code keeps: a core that never imports streamlit, ruff-clean code, one hosting dependency file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_core_package_never_imports_streamlit():
    modules = sorted(p.stem for p in (REPO / "stances").glob("*.py") if p.stem != "__main__")
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module('stances.' + name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'streamlit'))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_code_is_ruff_clean():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "."], cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_exactly_one_dependency_file_for_streamlit_cloud_and_it_installs_this_project():
    candidates = ["uv.lock", "Pipfile", "environment.yml", "requirements.txt"]
    present = [name for name in candidates if (REPO / name).exists()]
    assert present == ["requirements.txt"]
    lines = [
        line.strip()
        for line in (REPO / "requirements.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert lines == ["."], "dependencies belong in pyproject.toml; requirements.txt only installs the project"


def test_streamlit_config_hides_default_navigation_and_turns_off_usage_stats():
    import tomllib

    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text())
    assert config["browser"]["gatherUsageStats"] is False
    assert config["client"]["showSidebarNavigation"] is False
    assert config["theme"]["primaryColor"]
