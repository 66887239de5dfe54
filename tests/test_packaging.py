"""A non-editable install carries everything the site and the schema need: built as a wheel, run from the wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_the_wheel_holds_the_templates_styles_schema_and_catalogues_and_runs_from_them(tmp_path):
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(REPO),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    wheel = next(tmp_path.glob("stances-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {p.relative_to(REPO).as_posix() for p in (REPO / "stances").rglob("*") if p.is_file()}
    data = {
        n for n in shipped if n.endswith((".html", ".svg", ".css", ".json", ".po", ".yaml")) and "__pycache__" not in n
    }
    assert data and data <= names, sorted(data - names)

    installed = tmp_path / "installed"
    zipfile.ZipFile(wheel).extractall(installed)
    out = tmp_path / "site"
    script = (
        "import sys; from stances.cli import main; import stances; assert stances.__file__.startswith(sys.argv[1]);"
        "sys.exit(main(['site', sys.argv[2], '--data', sys.argv[3]]) or main(['schema']) or main(['new', sys.argv[4]])"
        " or main(['validate', '--strict', sys.argv[4]]))"
    )
    ran = subprocess.run(
        [
            sys.executable,
            "-c",
            script,
            str(installed),
            str(out),
            str(REPO / "tests" / "data" / "sample"),
            str(tmp_path / "new"),
        ],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(installed), "NOW": "2026-12-04"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert ran.returncode == 0, ran.stderr[-2000:]
    assert '"$defs"' in ran.stdout
    assert (tmp_path / "new" / "parties" / "company.yaml").is_file()  # `stances new` from the wheel's template
    assert (out / "index.html").is_file() and (out / "assets" / "fragments.css").is_file()
