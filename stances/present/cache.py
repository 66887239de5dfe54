"""View models are immutable, so one built for a (dataset, view) serves every reader who asks for the same view."""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])
MAX_ENTRIES = 512

_entries: OrderedDict[tuple, Any] = OrderedDict()
_watched: set[int] = set()  # ids of the datasets whose views are cached; forgotten when the dataset is freed
_lock = threading.Lock()


def _forget(dataset_id: int) -> None:
    with _lock:
        _watched.discard(dataset_id)
        for key in [k for k in _entries if k[1] == dataset_id]:
            del _entries[key]


def per_view(function: F) -> F:
    """Cache `function(dataset, *args)` per dataset object and hashable arguments, least recently used first out.

    The dataset is keyed by identity: a reloaded folder is a new object, so its views are built afresh, and the
    views of a dataset are dropped when it is freed (so a later object at the same address never meets them)."""

    @wraps(function)
    def cached(dataset: Any, *args: Any) -> Any:
        key = (function.__qualname__, id(dataset), args)
        with _lock:
            if key in _entries:
                _entries.move_to_end(key)
                return _entries[key]
        value = function(dataset, *args)
        with _lock:
            if id(dataset) not in _watched:
                _watched.add(id(dataset))
                weakref.finalize(dataset, _forget, id(dataset))
            _entries[key] = value
            while len(_entries) > MAX_ENTRIES:
                _entries.popitem(last=False)
        return value

    return cached  # type: ignore[return-value]
