"""A server's own accounting, for `load_sessions.py --probe`: CPU time spent in the garbage collector.

Python imports this at start-up when the folder is first on PYTHONPATH. With LOAD_PROBE_DIR set, it times
every collection on the collecting thread's CPU clock and writes the totals to LOAD_PROBE_DIR/<pid>.json
four times a second. It changes nothing else in the process, unless LOAD_PROBE_FREEZE_AT=S is set too: an
experiment that calls gc.freeze() S seconds after start-up, to see what full collections cost once everything
alive after warm-up (modules, the dataset, caches) is left out of them.
"""

import gc
import json
import os
import threading
import time

_DIR = os.environ.get("LOAD_PROBE_DIR")

if _DIR:
    _totals = {"gc_cpu_s": 0.0, "collections": [0, 0, 0], "gen2_cpu_s": 0.0}
    _started = threading.local()

    def _on_gc(phase: str, info: dict) -> None:
        if phase == "start":
            _started.at = time.thread_time()
            return
        spent = time.thread_time() - getattr(_started, "at", time.thread_time())
        _totals["gc_cpu_s"] += spent
        _totals["collections"][info["generation"]] += 1
        if info["generation"] == 2:
            _totals["gen2_cpu_s"] += spent

    def _write() -> None:
        target = os.path.join(_DIR, f"{os.getpid()}.json")
        freeze_at = float(os.environ.get("LOAD_PROBE_FREEZE_AT") or "inf")
        born = time.monotonic()
        while True:
            if time.monotonic() - born >= freeze_at:
                gc.freeze()
                _totals["frozen"] = gc.get_freeze_count()
                freeze_at = float("inf")
            time.sleep(0.25)
            snapshot = {**_totals, "collections": list(_totals["collections"]), "threads": threading.active_count()}
            with open(target + ".tmp", "w", encoding="utf-8") as handle:
                json.dump(snapshot, handle)
            os.replace(target + ".tmp", target)

    gc.callbacks.append(_on_gc)
    threading.Thread(target=_write, name="load-probe", daemon=True).start()
