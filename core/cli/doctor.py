"""``edgetpu-compare doctor [--json]``: the diagnostics report on the command line.

It exits 0 even when it finds problems: finding them is its job, and a script that attaches the
report to a support request should not stop there. ``--root`` makes every /sys, /dev and /etc path
relative to a fake tree, for tests and for examining a copy of another machine's files.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from core.edgetpu.doctor import run_doctor


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true",
                        help="print the report as JSON, to attach to a support request")
    parser.add_argument("--no-probe", dest="probe", action="store_false",
                        help="do not load libedgetpu (skip reading its version and creating "
                        "the delegate)")
    parser.add_argument("--root", type=Path, default=Path("/"), help=argparse.SUPPRESS)


def run(args: argparse.Namespace) -> int:
    report = run_doctor(root=args.root, probe=args.probe)
    sys.stdout.write(report.to_json() + "\n" if args.json else report.to_text())
    return 0
