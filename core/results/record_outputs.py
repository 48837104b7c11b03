"""The files a command writes for a run it made or showed: ``--json``, ``--csv`` and ``--html``.

One place for ``run`` and ``screenshot``: the options, the check of every target before any work
starts (``core.io.outputs.plan_outputs``: never on an input, never two on one file), and the writing
afterwards through the one atomic writer, going on after one fails, so that a documentation
picture and its numbers are saved the same way as a measurement from the command line.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TextIO

from core.io.outputs import Output, plan_outputs, write_all
from core.io.terminal import safe
from core.results.records import RunRecord
from core.results.report_html import render_html
from core.results.result_files import to_csv, to_json

RENDER: dict[str, Callable[[RunRecord], str]] = {"--json": to_json, "--csv": to_csv,
                                                 "--html": render_html}
Target = tuple[str, Path]


def add_output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", type=Path, metavar="OUT", help="write the result file")
    parser.add_argument("--csv", type=Path, metavar="OUT", help="write one row per inference")
    parser.add_argument("--html", type=Path, metavar="OUT",
                        help="write a self-contained HTML report")


def record_targets(args: argparse.Namespace) -> list[Target]:
    """The ``--json`` / ``--csv`` / ``--html`` files asked for, in that order."""
    found = ((flag, getattr(args, flag[2:], None)) for flag in RENDER)
    return [(flag, Path(path)) for flag, path in found if path is not None]


def check_outputs(args: argparse.Namespace, inputs: Sequence[Path | None],
                  others: Sequence[Target] = ()) -> list[Target]:
    """Fail before any work when a target could not be written or would replace an input;
    ``others`` (a picture's ``--out``) are checked together with the record's files."""
    targets = record_targets(args)
    plan_outputs([*others, *targets], inputs)
    return targets


def _encoded(render: Callable[[RunRecord], str], record: RunRecord) -> bytes:
    return render(record).encode("utf-8")


def write_outputs(record: RunRecord, targets: Sequence[Target], out: TextIO,
                  err: TextIO, html: Callable[[RunRecord], str] | None = None) -> bool:
    """Write every target; a failed one is reported on ``err`` and the others are still
    written. True when all were written. ``html`` renders the report another way (the
    window's, in its language and theme)."""
    render = {**RENDER, **({"--html": html} if html is not None else {})}
    return write_and_report([Output(flag, path, partial(_encoded, render[flag], record))
                             for flag, path in targets], out, err)


def write_and_report(outputs: Sequence[Output], out: TextIO, err: TextIO) -> bool:
    """Write each output, saying which were saved and why any was not; True when all were."""
    written, failed = write_all(outputs)
    for output in written:
        out.write(f"Saved {safe(output.path)}\n")
    for output, info in failed:
        err.write(f"error: {output.what}: {safe(info.one_line())}\n")
    return not failed
