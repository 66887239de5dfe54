"""Curated policy positions: schema, validation, queries and export. Never imports streamlit.

The names below are loaded on first use (PEP 562), so that importing any part of the package never imports the rest:
a package whose `__init__` imports its own submodules takes the import locks in the opposite order to a thread
importing one of them directly, and concurrent cold sessions then fail with `_DeadlockError` (README, Reliability).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_HOME_OF = {
    "CellVersion": ".domain.dataset",
    "Dataset": ".domain.dataset",
    "DataError": ".domain.problems",
    "Problem": ".domain.problems",
    "check_folder": ".domain.validate",
    "load_dataset": ".domain.validate",
}
__all__ = sorted(_HOME_OF)


def __getattr__(name: str) -> Any:
    if name not in _HOME_OF:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(_HOME_OF[name], __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
