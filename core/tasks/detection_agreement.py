"""How far a backend's detections agree with the baseline's, and the sentence that says it.

Two detections are the same object when they name the same class and their boxes overlap with an
intersection over union of at least 0.5 (the usual threshold of detection benchmarks). Pairs are
made greedily by score: the baseline's detections, best first, each take the unmatched detection of
the other backend of the same class that overlaps it most. That is not an optimal assignment, but
on the handful of objects a detector returns it differs from one only when boxes of one class
overlap each other heavily, and it is the rule a reader can follow.

The sentence is data (``AgreementSentence``: a kind and its numbers), so that the window can say
it in its own language; ``english`` says it for the command line and reports.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from core.io.numbers_text import delta_text
from core.tasks.detection import Detection

IOU_THRESHOLD = 0.5


@dataclass(frozen=True)
class DetectionAgreement:
    """``pairs`` are (baseline index, other index, IoU) of the matched detections."""

    matched: int
    baseline_only: int
    other_only: int
    mean_iou: float | None  # over the matched pairs; None when none matched
    max_score_delta: float | None  # largest |score difference| of a matched pair
    pairs: tuple[tuple[int, int, float], ...]

    @property
    def same(self) -> bool:
        """Every object found by one was found by the other."""
        return self.baseline_only == 0 and self.other_only == 0

    def to_dict(self) -> dict[str, Any]:
        return {"matched": self.matched, "baseline_only": self.baseline_only,
                "other_only": self.other_only, "mean_iou": self.mean_iou,
                "max_score_delta": self.max_score_delta,
                "pairs": [list(pair) for pair in self.pairs]}

    @classmethod
    def from_dict(cls, data: Any, max_pairs: int = 10_000) -> DetectionAgreement:
        """As ``to_dict`` wrote it, checked (a saved file is foreign data); ``ValueError``."""
        if not isinstance(data, dict):
            raise ValueError("agreement is not an object")
        counts: list[int] = []
        for key in ("matched", "baseline_only", "other_only"):
            value = data.get(key)
            if not (isinstance(value, int) and not isinstance(value, bool)
                    and 0 <= value <= max_pairs):
                raise ValueError(f"agreement {key} is not a whole number")
            counts.append(value)
        pairs = data.get("pairs", [])
        if not isinstance(pairs, list) or len(pairs) > max_pairs or not all(
                isinstance(p, list) and len(p) == 3 and all(_finite(v) for v in p)
                for p in pairs):
            raise ValueError("agreement pairs are not (index, index, IoU)")
        mean_iou, delta = data.get("mean_iou"), data.get("max_score_delta")
        for value in (mean_iou, delta):
            if value is not None and not (_finite(value) and 0.0 <= value <= 1.0):
                raise ValueError("agreement mean_iou or max_score_delta is not a fraction")
        return cls(counts[0], counts[1], counts[2],
                   None if mean_iou is None else float(mean_iou),
                   None if delta is None else float(delta),
                   tuple((int(a), int(b), float(c)) for a, b, c in pairs))


def _finite(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) \
        and math.isfinite(value)


def compare_detections(baseline: Sequence[Detection], other: Sequence[Detection],
                       iou_threshold: float = IOU_THRESHOLD) -> DetectionAgreement:
    """Match ``other``'s detections to the ``baseline``'s (same class, IoU >= threshold)."""
    taken: set[int] = set()
    pairs: list[tuple[int, int, float]] = []
    order = sorted(range(len(baseline)), key=lambda i: -baseline[i].score)
    for i in order:
        best, best_iou = -1, iou_threshold
        for j, candidate in enumerate(other):
            if j in taken or candidate.class_id != baseline[i].class_id:
                continue
            iou = baseline[i].box.iou(candidate.box)
            if iou >= best_iou and (best < 0 or iou > best_iou):
                best, best_iou = j, iou
        if best >= 0:
            taken.add(best)
            pairs.append((i, best, best_iou))
    deltas = [abs(baseline[i].score - other[j].score) for i, j, _ in pairs]
    return DetectionAgreement(
        matched=len(pairs), baseline_only=len(baseline) - len(pairs),
        other_only=len(other) - len(pairs),
        mean_iou=sum(iou for _, _, iou in pairs) / len(pairs) if pairs else None,
        max_score_delta=max(deltas) if deltas else None, pairs=tuple(pairs))


SentenceKind = Literal["same", "none", "partial", "different"]


@dataclass(frozen=True)
class AgreementSentence:
    """The plain sentence as data. Kinds:

    - ``same``: both found the same ``matched`` objects (mean IoU, largest score difference);
    - ``none``: neither found an object above the threshold;
    - ``partial``: they agree on ``matched`` objects, and ``baseline_only`` / ``other_only``
      were found by one of them only;
    - ``different``: they agree on no object.
    """

    kind: SentenceKind
    backend: str
    baseline: str
    matched: int
    baseline_only: int
    other_only: int
    mean_iou: float | None
    max_score_delta: float | None


def agreement_sentence(agreement: DetectionAgreement, backend: str,
                       baseline: str) -> AgreementSentence:
    """The sentence for ``backend`` compared with ``baseline`` (display names)."""
    a = agreement
    if a.matched == 0 and a.same:
        kind: SentenceKind = "none"
    elif a.same:
        kind = "same"
    elif a.matched:
        kind = "partial"
    else:
        kind = "different"
    return AgreementSentence(kind, backend, baseline, a.matched, a.baseline_only, a.other_only,
                             a.mean_iou, a.max_score_delta)


def _objects(count: int) -> str:
    return f"{count} object" if count == 1 else f"{count} objects"


def english(sentence: AgreementSentence) -> str:
    """The sentence in English, as the window's comparison line words it: "Edge TPU found the
    same 3 objects as CPU, mean IoU 0.97"."""
    s = sentence
    if s.kind == "none":
        return f"neither {s.backend} nor {s.baseline} found an object above the threshold"
    only = []
    if s.baseline_only:
        only.append(f"{_objects(s.baseline_only)} found only by {s.baseline}")
    if s.other_only:
        only.append(f"{_objects(s.other_only)} found only by {s.backend}")
    if s.kind == "same":
        text = f"{s.backend} found the same {_objects(s.matched)} as {s.baseline}"
    elif s.kind == "partial":
        text = f"{s.backend} and {s.baseline} agree on {_objects(s.matched)}"
    else:
        return f"{s.backend} and {s.baseline} agree on no object: " + ", ".join(only)
    if s.mean_iou is not None:
        text += f", mean IoU {s.mean_iou:.2f}"
    if s.max_score_delta is not None and s.kind == "same":
        text += f", largest score difference {delta_text(s.max_score_delta)}"
    return text + ("; " + ", ".join(only) if only else "")
