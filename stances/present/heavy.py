"""pandas and plotly, behind one lock.

Under concurrent cold sessions, one thread could see a half-imported pandas that another thread was still
importing: plotly looks pandas up in `sys.modules` without importing it, read the half-made module and failed (7 of
40 runs, see README). So pandas is imported only here, under the lock, and every piece of plotly work (building a
figure, and Streamlit turning it into JSON) runs under the same lock (`plotly_work`): plotly never runs while pandas
is half imported. A page that draws a chart without a table of data (the Timeline) never imports pandas at all. The
imports stay inside the functions, so no page pays for them until it draws a chart or a table of data.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType

_lock = threading.RLock()


def pandas() -> ModuleType:
    with _lock:
        import pandas
    return pandas


@contextmanager
def plotly_work() -> Iterator[ModuleType]:
    """plotly's graph objects, with the lock held for as long as plotly runs."""
    with _lock:
        import plotly.graph_objects as go

        yield go
