"""The `stances` command: validate, export and schema."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .config import data_dir
from .domain.dataset import Dataset
from .domain.problems import Problem
from .domain.validate import check_folder, validate_folder
from .export import to_csv, to_json
from .json_schema import SCHEMA_PATH, schema_text
from .present.text import count


def _folder(args: argparse.Namespace) -> Path:
    return data_dir(args.data or args.dir)


def _report(problems: list[Problem], folder: Path, what: str = "problem") -> None:
    for problem in problems:
        print(problem.render(folder.as_posix()), file=sys.stderr)
    print(f"{len(problems)} {what}(s) in {folder.as_posix()}", file=sys.stderr)


def _validated(args: argparse.Namespace) -> tuple[Path, Dataset | None]:
    """The chosen folder and its dataset; None after printing every problem to stderr."""
    folder = _folder(args)
    dataset, problems = check_folder(folder)
    if dataset is None:
        _report(problems, folder)
    return folder, dataset


def cmd_validate(args: argparse.Namespace) -> int:
    """Exit 1 on errors; warnings are printed and fail only with --strict."""
    folder = _folder(args)
    report = validate_folder(folder)
    if report.dataset is None:
        _report(report.errors, folder)
        return 1
    if report.warnings:
        _report(report.warnings, folder, "warning")
        if args.strict:
            print("--strict: warnings count as errors", file=sys.stderr)
            return 1
    counts = ", ".join(count(n, noun) for noun, n in report.dataset.counts.items())
    print(f"{folder.as_posix()}: OK — {counts}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    _, dataset = _validated(args)
    if dataset is None:
        return 1
    sys.stdout.write(to_json(dataset) + "\n" if args.format == "json" else to_csv(dataset))
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    if args.write:
        SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
        print(f"wrote {SCHEMA_PATH}")
    else:
        sys.stdout.write(schema_text())
    return 0


def cmd_site(args: argparse.Namespace) -> int:
    from .site import build_site

    _, dataset = _validated(args)
    if dataset is None:
        return 1
    pages = build_site(dataset, Path(args.outdir), base_url=args.base_url)
    print(f"wrote {len(pages)} pages to {args.outdir}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="stances", description="Curated policy positions: check and export.")
    sub = parser.add_subparsers(dest="command", required=True)

    def with_data(p: argparse.ArgumentParser, positional: bool = True) -> None:
        if positional:
            p.add_argument("dir", nargs="?", help="data folder (default: $POSITIONS_DIR or positions/)")
        else:
            p.set_defaults(dir=None)
        p.add_argument("--data", help="data folder; overrides DIR and $POSITIONS_DIR")

    validate = sub.add_parser(
        "validate",
        help="list every error and warning in the data, as file:line: field: message (warnings: file:line: warning: …)",
    )
    with_data(validate)
    validate.add_argument("--strict", action="store_true", help="fail (exit 1) on warnings too")
    validate.set_defaults(run=cmd_validate)

    export = sub.add_parser("export", help="print the validated dataset as JSON or CSV")
    with_data(export)
    export.add_argument("--format", choices=("json", "csv"), default="json")
    export.set_defaults(run=cmd_export)

    schema = sub.add_parser("schema", help="print the JSON Schema of a data file")
    schema.add_argument("--write", action="store_true", help=f"write it to {SCHEMA_PATH.name} in the repo")
    schema.set_defaults(run=cmd_schema)

    site = sub.add_parser("site", help="write a self-contained static site of the dataset")
    site.add_argument("outdir")
    site.add_argument(
        "--base-url",
        metavar="URL",
        help="where the site will be served, e.g. https://example.org/pos: adds canonical, Open Graph, Twitter tags",
    )
    with_data(site, positional=False)
    site.set_defaults(run=cmd_site)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.run(args))
