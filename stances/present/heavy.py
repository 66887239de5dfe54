"""The first import of pandas and plotly, behind one lock.

Under concurrent cold sessions, one thread could see a half-imported pandas that another thread was still
importing (plotly then read it and failed: 7 of 40 runs, see README). Every module that needs pandas or plotly
asks here, so the first import finishes whole before anyone else uses it; the imports stay inside the functions so
that no page pays for them until it draws a chart or a table of data.
"""

from __future__ import annotations

import threading
from types import ModuleType

_lock = threading.Lock()


def pandas() -> ModuleType:
    with _lock:
        import pandas
    return pandas


def plotly_graph_objects() -> ModuleType:
    with _lock:
        import pandas  # noqa: F401  plotly reads pandas when it is importable: import it whole first
        import plotly.graph_objects as go
    return go
