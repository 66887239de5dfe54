"""Write a synthetic positions folder for the benchmarks (the shapes are described in `stances.synthetic`, the
generator, which the tests use too):

    python benchmarks/generate.py --scale 1|10|100 [--out DIR] [--seed N] [--no-check]
    python benchmarks/generate.py --shape wide [--out DIR] [--seed N] [--no-check]

Every folder is validated with `stances.domain.validate.check_folder` before the command reports success.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from stances.synthetic import SHAPES, WIDE, folder_name, generate

REPO = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=int, choices=sorted(SHAPES), default=1)
    parser.add_argument("--shape", choices=(WIDE,), help="instead of --scale: 30 parties × 40 issues, minimal fields")
    parser.add_argument("--out", type=Path, help="default: benchmarks/generated/x<scale> (or /wide)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--no-check", action="store_true", help="skip validating the written folder")
    args = parser.parse_args(argv)
    scale = args.shape or args.scale
    out = args.out or REPO / "benchmarks" / "generated" / folder_name(scale)
    numbers = generate(scale, out, args.seed, validate=not args.no_check)
    size = sum(p.stat().st_size for p in out.rglob("*.yaml"))
    status = "valid" if not args.no_check else "not checked"
    summary = ", ".join(f"{v:,} {k}" for k, v in numbers.items())
    print(f"{out}: {status} — {summary}; {size / 1e6:.2f} MB of YAML")
    return 0


if __name__ == "__main__":
    sys.exit(main())
