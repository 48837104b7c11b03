"""``run``'s lines about Coral's published figure, and the result file's ``published`` object.

Printed after the comparison, so that a newcomer without an Edge TPU reads what one would do for
this model, and an owner whose Edge TPU is slower than Coral's figure reads why and what to do.
"""

from __future__ import annotations

from typing import TextIO

from core.io.terminal import safe
from core.measure.published_check import check_published
from core.results.records import RunRecord


def add_published(record: RunRecord, out: TextIO) -> None:
    """Hold the run against Coral's figure, print what it means and keep it in the record."""
    report = check_published(record)
    record.published = report.to_dict()
    out.write("-------CORAL'S PUBLISHED FIGURE-------\n")
    for line in report.lines():
        out.write(safe(line) + "\n")
