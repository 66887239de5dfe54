"""The `stances` command: validate, export, schema, site and new."""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from .config import data_dir
from .domain.clock import BadNow, today
from .domain.data_folder import DATA_SUFFIXES, FOLDER_MARKERS, folder_above
from .domain.dataset import Dataset
from .domain.one_file import file_name_in, file_report
from .domain.problems import Problem, clip, shown
from .domain.validate import check_folder, validate_folder
from .export import to_csv, to_json
from .json_schema import SCHEMA_FILE_NAME, SCHEMA_PATH, schema_text
from .present.text import count
from .starter import TargetNotEmpty, write_new_dataset, write_schema_into

DEBUG_VARIABLE = "STANCES_DEBUG"
# The CLI's words for Dataset.counts: the noun for one of each.
COUNT_NOUNS = {
    "parties": "party",
    "issues": "issue",
    "cells": "party × issue cell",
    "versions": "position version",
    "quotes": "quote",
    "sources": "source",
    "disagreements": "disagreement",
    "events": "event",
}


def _folder(args: argparse.Namespace) -> Path:
    return data_dir(args.data or args.dir)


def _report(
    problems: list[Problem], folder: Path, what: str = "problem", where: str = "", out: TextIO | None = None
) -> None:
    prefix = shown(folder.as_posix())
    for problem in problems:
        print(problem.render(prefix), file=out or sys.stderr)
    print(f"{len(problems)} {what}(s) in {where or prefix}", file=out or sys.stderr)


def _validated(args: argparse.Namespace) -> tuple[Path, Dataset | None]:
    """The chosen folder and its dataset; None after printing every problem to stderr."""
    folder = _folder(args)
    dataset, problems = check_folder(folder)
    if dataset is None:
        _report(problems, folder)
    return folder, dataset


def cmd_validate(args: argparse.Namespace) -> int:
    """Exit 1 on errors; warnings are printed and fail only with --strict; --todo prints the curator's report."""
    if args.dir and Path(args.dir).is_file():
        return _validate_file(args, Path(args.dir))
    folder = _folder(args)
    report = validate_folder(folder, todo=args.todo)
    if report.dataset is None:
        _report(report.errors, folder)
        return 1
    if report.warnings:
        _report(report.warnings, folder, "warning")
        if args.strict:
            print("--strict: warnings count as errors", file=sys.stderr)
            return 1
    if args.todo:
        _report(report.todo, folder, "to-do", out=sys.stdout)
    counts = ", ".join(count(n, COUNT_NOUNS[key]) for key, n in report.dataset.counts.items())
    print(f"{shown(folder.as_posix())}: OK — {counts}")
    return 0


def _validate_file(args: argparse.Namespace, file: Path) -> int:
    """One file, checked with the rest of its data folder: its problems and those it causes elsewhere."""
    if not file.name.endswith(DATA_SUFFIXES):
        return _fail(f"{file} is not a data file; name a .yaml or .yml file, or a data folder", 1)
    folder = Path(args.data) if args.data else folder_above(file)
    if folder is None:
        markers = " or ".join(FOLDER_MARKERS)
        return _fail(f"no data folder above {file}: no folder above it holds {markers}; name it with --data DIR", 1)
    if not args.data:
        folder = Path(os.path.relpath(folder)) if not file.is_absolute() else folder
    name = file_name_in(folder, file)
    if name is None:
        return _fail(f"{file} is not inside the data folder {folder}", 1)
    shown_file = shown(f"{folder.as_posix()}/{name}")
    within = f"{shown_file} (checked with the rest of {shown(folder.as_posix())})"
    report = file_report(validate_folder(folder), folder, name)
    if report.errors:
        _report(report.errors, folder, where=within)
    if report.warnings:
        _report(report.warnings, folder, "warning", where=within)
    if report.others:
        print(f"{report.others} other problem(s) elsewhere in {shown(folder.as_posix())}", file=sys.stderr)
    if report.errors or (args.strict and report.warnings):
        return 1
    print(f"{within}: OK")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    target = Path(args.dir)
    try:
        written = write_new_dataset(target)
    except TargetNotEmpty as exc:
        return _fail(str(exc), 1)
    where = shown(target.as_posix())
    print(f"wrote {len(written)} files to {where}; next: edit them, then `stances validate --strict {where}`")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    _, dataset = _validated(args)
    if dataset is None:
        return 1
    sys.stdout.write(to_json(dataset) + "\n" if args.format == "json" else to_csv(dataset))
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    if args.into:
        print(f"wrote {shown(write_schema_into(Path(args.into)).as_posix())}")
    elif args.write:
        SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
        print(f"wrote {SCHEMA_PATH}")
    else:
        sys.stdout.write(schema_text())
    return 0


def cmd_site(args: argparse.Namespace) -> int:
    from .site.build import build_site
    from .site.output import check_outdir, staged_output

    outdir = Path(args.outdir)
    check_outdir(outdir, _folder(args), args.force)  # before the data is read: a refusal is quick
    folder, dataset = _validated(args)
    if dataset is None:
        return 1
    with staged_output(outdir, folder, args.force) as staging:
        pages = build_site(dataset, staging, base_url=args.base_url, with_images=not args.no_images)
    print(f"wrote {len(pages)} pages to {shown(args.outdir)}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="stances", description="Curated policy positions: check and export.")
    sub = parser.add_subparsers(dest="command", required=True)

    def with_data(p: argparse.ArgumentParser, positional: bool = True) -> None:
        if positional:
            p.add_argument(
                "dir", nargs="?", help="data folder (default: $POSITIONS_DIR or positions/), or one file in it"
            )
        else:
            p.set_defaults(dir=None)
        p.add_argument("--data", help="data folder; overrides DIR and $POSITIONS_DIR")

    validate = sub.add_parser(
        "validate",
        help="list every error and warning in the data, as file:line: field: message (warnings: file:line: warning: …)",
    )
    with_data(validate)
    validate.add_argument("--strict", action="store_true", help="fail (exit 1) on warnings too")
    validate.add_argument(
        "--todo",
        action="store_true",
        help="also print the curator's report: every pair of parties at opposite ends of a scale that no "
        "disagreement names (never fails the run)",
    )
    validate.set_defaults(run=cmd_validate)

    export = sub.add_parser("export", help="print the validated dataset as JSON or CSV")
    with_data(export)
    export.add_argument("--format", choices=("json", "csv"), default="json")
    export.set_defaults(run=cmd_export)

    schema = sub.add_parser("schema", help="print the JSON Schema of a data file")
    schema.add_argument("--write", action="store_true", help=f"write it to {SCHEMA_PATH.name} in the repo")
    schema.add_argument("--into", metavar="DIR", help=f"write it to DIR/{SCHEMA_FILE_NAME}, next to a dataset's files")
    schema.set_defaults(run=cmd_schema)

    new = sub.add_parser("new", help="write a small, commented example dataset to start a dispute from")
    new.add_argument("dir", help="a new or empty folder")
    new.set_defaults(run=cmd_new)

    site = sub.add_parser("site", help="write a self-contained static site of the dataset")
    site.add_argument("outdir", help="an empty or new folder, or one an earlier `stances site` wrote")
    site.add_argument("--force", action="store_true", help="replace OUTDIR even if it holds other files")
    site.add_argument(
        "--base-url",
        metavar="URL",
        help="where the site will be served, e.g. https://example.org/pos: adds canonical, Open Graph, Twitter tags",
    )
    site.add_argument(
        "--no-images", action="store_true", help="skip the PNG images (the slow part); pages, feeds and SVGs as usual"
    )
    with_data(site, positional=False)
    site.set_defaults(run=cmd_site)
    return parser


def _fail(message: str, code: int) -> int:
    print(f"stances: error: {clip(shown(message), 300)}", file=sys.stderr)
    return code


def _silence_stdout() -> None:
    """After the reader of our output went away (`stances export | head -c1`), drop what is still buffered."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def main(argv: Sequence[str] | None = None) -> int:
    """Every failure ends as one line on stderr and a non-zero exit; STANCES_DEBUG=1 adds the traceback."""
    from .site.output import OutputRefused

    args = build_parser().parse_args(argv)
    try:
        today()  # a bad NOW is reported once, up front
        return int(args.run(args))
    except BrokenPipeError:
        _silence_stdout()
        return 141  # as a shell reports a command ended by SIGPIPE
    except (BadNow, OutputRefused) as exc:
        return _fail(str(exc), 2)
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        return _fail(f"cannot use{where}: {exc.strerror or exc}", 1)
    except Exception as exc:  # a bug: still one line, unless asked for the traceback
        if os.environ.get(DEBUG_VARIABLE) == "1":
            traceback.print_exc()
        return _fail(f"unexpected {type(exc).__name__}: {exc} (set {DEBUG_VARIABLE}=1 for the traceback)", 70)
