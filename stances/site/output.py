"""Where `stances site` may write, and writing there all at once.

The site is built in a temporary folder beside OUTDIR and moved into place only when the build succeeded, so a
failed build leaves OUTDIR as it was and pages of an earlier build never survive a new one. OUTDIR may not be the
data folder, lie inside it or contain it. An existing OUTDIR that is not empty is replaced only if it holds the
marker file of an earlier build, or with `force`.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..domain.problems import shown

MARKER = ".stances-site"
MARKER_TEXT = "Written by `stances site`; the next build replaces this whole folder.\n"


class OutputRefused(Exception):
    """OUTDIR cannot or may not be written; the message says why, on one line."""


def _within(inner: Path, outer: Path) -> bool:
    return inner == outer or outer in inner.parents


def check_outdir(outdir: Path, data_dir: Path, force: bool) -> Path:
    """The resolved OUTDIR, if the site may be written there."""
    out = outdir.resolve()
    data = data_dir.resolve()
    where = shown(str(outdir))
    if _within(out, data):
        raise OutputRefused(f"{where} is the data folder or inside it; write the site somewhere else")
    if _within(data, out):
        raise OutputRefused(f"{where} contains the data folder; write the site somewhere else")
    if out.exists() and not out.is_dir():
        raise OutputRefused(f"{where} exists and is not a folder")
    if out.is_dir() and not force and not (out / MARKER).is_file() and any(out.iterdir()):
        raise OutputRefused(
            f"{where} is not empty and was not written by `stances site`; choose an empty folder, or pass --force "
            "to replace everything in it"
        )
    return out


@contextmanager
def staged_output(outdir: Path, data_dir: Path, force: bool = False) -> Iterator[Path]:
    """Yield an empty folder to build in; on success it replaces OUTDIR, on failure it is removed."""
    out = check_outdir(outdir, data_dir, force)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
    except OSError as exc:
        raise OutputRefused(f"cannot write beside {shown(str(outdir))}: {exc.strerror or exc}") from None
    try:
        yield staging
        (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        os.chmod(staging, 0o755)  # mkdtemp makes it private to its owner
        _swap_in(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _swap_in(staging: Path, out: Path) -> None:
    if not out.exists():
        staging.rename(out)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    retired.rmdir()
    out.rename(retired)
    try:
        staging.rename(out)
    except OSError:
        retired.rename(out)
        raise
    shutil.rmtree(retired, ignore_errors=True)
