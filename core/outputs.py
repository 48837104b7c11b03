"""The files a command writes for a run it made or showed: ``--json``, ``--csv`` and ``--html``.

One place for ``run`` and ``screenshot``: the options, the check before any work starts, and the
writing afterwards (each writer writes atomically), so that a documentation picture and its
numbers are saved the same way as a measurement from the command line.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from core.records import RunRecord
from core.report_html import write_html
from core.results import check_writable, write_csv, write_json

WRITERS = (("json", write_json), ("csv", write_csv), ("html", write_html))


def add_output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", type=Path, metavar="OUT", help="write the result file")
    parser.add_argument("--csv", type=Path, metavar="OUT", help="write one row per inference")
    parser.add_argument("--html", type=Path, metavar="OUT",
                        help="write a self-contained HTML report")


def check_outputs(args: argparse.Namespace) -> None:
    """Fail before a run starts when an output could not be written afterwards."""
    for name, _writer in WRITERS:
        path = getattr(args, name, None)
        if path is not None:
            check_writable(path)


def write_outputs(record: RunRecord, args: argparse.Namespace, out: TextIO) -> None:
    for name, writer in WRITERS:
        path = getattr(args, name, None)
        if path is not None:
            writer(record, path)
            out.write(f"Saved {path}\n")
