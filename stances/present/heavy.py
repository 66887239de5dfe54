"""The first import of pandas and plotly, behind one lock.

Under concurrent cold sessions, one thread could see a half-imported pandas that another thread was still
importing (plotly then read it and failed: 7 of 40 runs, see README). Every module that needs pandas or plotly
asks here, so the first import finishes whole before anyone else uses it.
"""

from __future__ import annotations

import importlib
import threading
from types import ModuleType

_lock = threading.Lock()
_done: dict[str, ModuleType] = {}


def load(name: str) -> ModuleType:
    """`importlib.import_module(name)`, the first time under the lock; afterwards the module already imported."""
    module = _done.get(name)
    if module is not None:
        return module
    with _lock:
        module = _done.get(name)
        if module is None:
            module = importlib.import_module(name)
            _done[name] = module
    return module


def pandas() -> ModuleType:
    return load("pandas")


def plotly_graph_objects() -> ModuleType:
    pandas()  # plotly reads pandas when it is importable: import it whole first
    return load("plotly.graph_objects")
