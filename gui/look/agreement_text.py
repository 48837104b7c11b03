"""A detector's agreement sentence in the window's language (``core.tasks.detection_agreement``
keeps it as data: a kind, the two names and the numbers)."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QCoreApplication

from core.tasks.detection import Detections
from core.tasks.detection_agreement import (
    AgreementSentence,
    DetectionAgreement,
    agreement_sentence,
    compare_detections,
)
from gui.look.formatting import fmt_delta, joined

translate = QCoreApplication.translate


@lru_cache(maxsize=16)
def agreement_of(baseline: Detections, other: Detections) -> DetectionAgreement:
    """Matched once per pair of results: the line is redrawn at the paint rate."""
    return compare_detections(baseline.items, other.items)


def agreement_text(agreement: DetectionAgreement, backend: str, baseline: str) -> str:
    return sentence_text(agreement_sentence(agreement, backend, baseline))


def sentence_text(s: AgreementSentence) -> str:
    if s.kind == "none":
        return translate("Agreement", "neither {backend} nor {baseline} found an object above "
                                      "the threshold").format(backend=s.backend,
                                                              baseline=s.baseline)
    only = []
    for count, name in ((s.baseline_only, s.baseline), (s.other_only, s.backend)):
        if count:
            only.append(_only(count).format(name=name))
    values = {"backend": s.backend, "baseline": s.baseline}
    if s.kind == "different":
        return translate("Agreement", "{backend} and {baseline} agree on no object: {only}") \
            .format(only=joined(only), **values)
    if s.kind == "same":
        text = _same(s.matched).format(**values)
    else:
        text = _some(s.matched).format(**values)
    if s.mean_iou is not None:
        text += translate("Agreement", ", mean IoU {iou}").format(iou=f"{s.mean_iou:.2f}")
    if s.max_score_delta is not None and s.kind == "same":
        text += translate("Agreement", ", largest score difference {delta}").format(
            delta=fmt_delta(s.max_score_delta))  # three decimals, as every score difference
    return text + ("; " + joined(only) if only else "")


# Singular and plural as two strings: lupdate finds no plural forms in a module-level translate.
def _only(n: int) -> str:
    if n == 1:
        return translate("Agreement", "1 object found only by {name}")
    return translate("Agreement", "{n} objects found only by {name}").replace("{n}", str(n))


def _same(n: int) -> str:
    if n == 1:
        return translate("Agreement", "{backend} found the same object as {baseline}")
    return translate("Agreement", "{backend} found the same {n} objects as {baseline}") \
        .replace("{n}", str(n))


def _some(n: int) -> str:
    if n == 1:
        return translate("Agreement", "{backend} and {baseline} agree on 1 object")
    return translate("Agreement", "{backend} and {baseline} agree on {n} objects") \
        .replace("{n}", str(n))
