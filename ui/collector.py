"""How a dashboard server uses Python's cyclic garbage collector. See README, Many readers on more than one process.

Two measures, both process-wide and both taken whenever a long-lived heap has just been built (the dataset loaded,
a page's first run finished):

- `gc.freeze()` moves everything alive into the permanent generation, so no later collection walks it again;
- a higher first threshold makes collections rarer. With Python's default (700, 10, 10), a run's allocations
  trigger about 0.7 full collections, and at 200 sessions each one walks the in-flight state of all of them.

Reference counting still frees every object at once; only the collection of reference cycles is deferred.
"""

from __future__ import annotations

import gc
import os

from stances.serve import THRESHOLDS_ENV  # the variable; BASELINE_ENV there is Python's default policy

DEFAULT_THRESHOLDS = (50_000, 10, 10)


def thresholds() -> tuple[int, int, int]:
    """The thresholds to use: STANCES_GC_THRESHOLDS when it holds three positive integers, else the default."""
    raw = os.environ.get(THRESHOLDS_ENV, "")
    try:
        first, second, third = (int(part) for part in raw.split(","))
    except ValueError:  # not three integers
        return DEFAULT_THRESHOLDS
    return (first, second, third) if min(first, second, third) > 0 else DEFAULT_THRESHOLDS


def settle_heap() -> None:
    """Leave everything alive now out of later collections, and collect young objects less often."""
    gc.freeze()
    gc.set_threshold(*thresholds())
