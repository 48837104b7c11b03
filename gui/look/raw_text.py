"""A model of no known task in the window's language: what it was fed, its outputs, and how
they differ from the baseline's (``core.tasks.raw_outputs`` keeps the sentence as numbers)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from core.tasks.raw_outputs import (
    DIFFER,
    DIFFER_FROM_ZERO,
    MISSING,
    NO_NUMBERS,
    OTHER_SHAPE,
    RawAgreement,
)
from core.tasks.raw_result import PICTURE, RawResult

translate = QCoreApplication.translate


def fed_text(result: RawResult) -> str:
    if result.fed == PICTURE:
        return translate("Outputs", "fed the picture")
    return translate("Outputs", "fed a generated input ({recipe})").format(recipe=result.fed)


def output_rows(result: RawResult) -> list[str]:
    """Each output's shape and range; once compared, how far it is from the baseline's."""
    differences = {d.index: d for d in result.against.outputs} if result.against else {}
    rows = []
    for index, row in enumerate(result.summaries):
        head = f"{row['name']} {row['shape']} {row['dtype']}"
        if row["min"] is None or row["max"] is None or row["mean"] is None:
            rows.append(translate("Outputs", "{output}: no finite values").format(output=head))
        else:
            rows.append(translate("Outputs", "{output}: min {low}, max {high}, mean {mean}")
                        .format(output=head, low=f"{row['min']:.4g}", high=f"{row['max']:.4g}",
                                mean=f"{row['mean']:.4g}"))
        d = differences.get(index)
        if d is not None and d.max_abs_difference is not None:
            relative = "–" if d.relative_error is None else f"{d.relative_error:.2%}"
            rows.append(translate("Outputs", "    vs the baseline: largest difference {difference}"
                                             ", relative error {relative}").format(
                difference=f"{d.max_abs_difference:.3g}", relative=relative))
    return rows


def raw_agreement_text(agreement: RawAgreement) -> str:
    s = agreement.sentence()
    f = s.fields
    if s.template == MISSING:
        return translate("Outputs", "outputs given by only one backend: {missing}").format(**f)
    if s.template == OTHER_SHAPE:
        return translate("Outputs", "output {name} has another shape").format(**f)
    if s.template == NO_NUMBERS:
        return translate("Outputs", "output {name} has no finite numbers to compare").format(**f)
    if s.template == DIFFER_FROM_ZERO:
        return translate("Outputs", "outputs differ by up to {difference} where the baseline's "
                                    "are 0").format(difference=f"{f['difference']:.3g}")
    assert s.template == DIFFER
    return translate("Outputs", "outputs differ by up to {difference} ({relative} of the "
                                "largest value)").format(difference=f"{f['difference']:.3g}",
                                                         relative=f"{f['relative']:.2%}")
