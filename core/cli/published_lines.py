"""``run``'s lines about Coral's published figure, and the result file's ``published`` object.

Printed after the comparison, so that a newcomer without an Edge TPU reads what one would do for
this model, and an owner whose Edge TPU is slower than Coral's figure reads why and what to do.
"""

from __future__ import annotations

from typing import TextIO

from core.edgetpu.verdict import PublishedReport
from core.io.terminal import safe
from core.measure.published_check import check_published
from core.results.records import RunRecord


def add_published(record: RunRecord) -> PublishedReport:
    """Hold the run against Coral's figure and keep it in the record (the comparison sentence
    reads it: where no Edge TPU ran, the figure stands in for the comparison)."""
    report = check_published(record)
    record.published = report.to_dict()
    return report


def print_published(report: PublishedReport, out: TextIO) -> None:
    """What Coral's figure means for this run, after the comparison."""
    out.write("-------CORAL'S PUBLISHED FIGURE-------\n")
    for line in report.lines():
        out.write(safe(line) + "\n")
