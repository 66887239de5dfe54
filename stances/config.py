"""Where the data lives: `--data DIR`, else the POSITIONS_DIR environment variable, else ./positions."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_DATA_DIR = Path("positions")


def data_dir(cli_value: str | None = None) -> Path:
    if cli_value:
        return Path(cli_value)
    env = os.environ.get("POSITIONS_DIR", "").strip()
    return Path(env) if env else DEFAULT_DATA_DIR
