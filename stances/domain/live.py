"""What a running server shows while its data folder changes or breaks.

Once a folder has validated, a later version that does not validate (a file half-written, deleted, unreadable,
replaced by a FIFO...) does not take the pages down: they keep the last good dataset and say since when the folder
has problems. Until a first good version exists, the pages show the problem list instead.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import UTC, datetime

from .dataset import Dataset
from .problems import Problem


@dataclass(frozen=True)
class Shown:
    dataset: Dataset | None  # None: show the problems instead of pages
    problems: tuple[Problem, ...]  # of the folder as it is now
    broken_since: datetime | None = None  # set when `dataset` is the last good version, not the current one

    @property
    def stale(self) -> bool:
        """Whether the pages show the last good version while the folder has problems (`stances.present` says so)."""
        return self.broken_since is not None


class LiveFolder:
    """The last good dataset of one folder, shared by every session; safe to update from several threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._good: Dataset | None = None
        self._broken_since: datetime | None = None

    def update(self, dataset: Dataset | None, problems: tuple[Problem, ...], now: datetime | None = None) -> Shown:
        with self._lock:
            if dataset is not None:
                self._good, self._broken_since = dataset, None
                return Shown(dataset, ())
            if self._good is None:
                return Shown(None, problems)
            if self._broken_since is None:
                self._broken_since = now or datetime.now(UTC)
            return Shown(self._good, problems, self._broken_since)
