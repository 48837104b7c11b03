"""Detections from the four outputs of ``TFLite_Detection_PostProcess``.

The outputs are read where ``model_task`` placed them, then, as pycoral's ``get_objects`` does,
the first ``count`` rows whose score reaches the threshold become detections; each box is clamped
to [0, 1] of the model input and mapped to the picture's pixels through the ``PixelPlacement``
the input was made with.

The numbers come from a runtime, so they are checked, never trusted: a count larger than the
arrays is cut to them, a row with a score, box or class that is not a finite number is dropped,
a box outside [0, 1] or upside down is clamped or put in order, and a class the labels do not name
is shown as ``class N``. Each such repair is recorded in ``flags``, so that a panel can say the
result was repaired instead of showing it as if nothing happened. ``boxes_clamped`` alone is
routine: SSD post-processing does not clip its boxes, so an object at the picture's edge often
reaches a little beyond the input; the others mean numbers no working model gives.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from core.inputs.preprocess import PixelPlacement
from core.tasks.model_task import DetectionLayout

DEFAULT_THRESHOLD = 0.5
DEFAULT_MAX_RESULTS = 100
MAX_CLASS_ID = 1_000_000  # a class id beyond any labels file: a damaged number, not a class

# The repairs a result may carry, and what each means.
FLAGS = {
    "outputs_malformed": "the outputs do not have the shapes of boxes, classes, scores and count",
    "count_clamped": "the reported count was larger than the outputs (or not a count)",
    "scores_invalid": "some scores were not numbers between 0 and 1",
    "boxes_invalid": "some boxes were not numbers",
    "boxes_clamped": "some boxes reached beyond the model's input and were cut at its edge",
    "boxes_reordered": "some boxes were upside down and were put in order",
    "classes_invalid": "some class ids were not whole numbers of a class",
    "classes_unnamed": "the labels do not name some of the classes found",
}


@dataclass(frozen=True)
class Box:
    """A box in the picture's pixels (x to the right, y down, from the top left corner)."""

    xmin: float
    ymin: float
    xmax: float
    ymax: float

    @property
    def area(self) -> float:
        return max(self.xmax - self.xmin, 0.0) * max(self.ymax - self.ymin, 0.0)

    def iou(self, other: Box) -> float:
        """Intersection over union; 0 when the union is empty, except for two equal boxes (an
        object reaching only into the padding maps to a line at the picture's edge, and two
        backends that both found it agree)."""
        if self == other:
            return 1.0
        width = min(self.xmax, other.xmax) - max(self.xmin, other.xmin)
        height = min(self.ymax, other.ymax) - max(self.ymin, other.ymin)
        overlap = max(width, 0.0) * max(height, 0.0)
        union = self.area + other.area - overlap
        return overlap / union if union > 0 else 0.0

    def to_list(self) -> list[float]:
        return [self.xmin, self.ymin, self.xmax, self.ymax]


@dataclass(frozen=True)
class Detection:
    class_id: int
    label: str
    score: float
    box: Box

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.class_id, "label": self.label, "score": self.score,
                "box": self.box.to_list()}


@dataclass(frozen=True)
class Detections:
    """What one backend found, best first; ``flags`` name the repairs made (keys of FLAGS)."""

    items: tuple[Detection, ...]
    flags: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"detections": [d.to_dict() for d in self.items], "flags": list(self.flags)}

    @classmethod
    def from_dict(cls, data: Any, max_items: int = 10_000) -> Detections:
        """Detections as ``to_dict`` wrote them, checked field by field (a saved result is
        foreign data); raises ``ValueError`` naming the first field that is wrong."""
        if not isinstance(data, dict) or not isinstance(data.get("detections"), list):
            raise ValueError("detections is not a list")
        rows, flags = data["detections"], data.get("flags", [])
        if len(rows) > max_items:
            raise ValueError(f"more than {max_items} detections")
        if not isinstance(flags, list) or any(f not in FLAGS for f in flags):
            raise ValueError("flags are not the known repairs")
        return cls(tuple(_detection(row, i) for i, row in enumerate(rows)), tuple(flags))

    def above(self, threshold: float) -> Detections:
        """The objects scoring at least ``threshold``: a stricter threshold chosen after the run
        hides objects at once (a lower one cannot bring back what the run's did not keep)."""
        if all(d.score >= threshold for d in self.items):
            return self
        return Detections(tuple(d for d in self.items if d.score >= threshold), self.flags)

    def repairs(self) -> list[str]:
        """What was repaired, in English words (the window has its own, translated)."""
        return [FLAGS[flag] for flag in self.flags]


def _detection(row: Any, index: int) -> Detection:
    where = f"detection {index}"
    if not isinstance(row, dict):
        raise ValueError(f"{where} is not an object")
    class_id: Any = row.get("id")
    label: Any = row.get("label")
    score: Any = row.get("score")
    box: Any = row.get("box")
    if not (isinstance(class_id, int) and not isinstance(class_id, bool)
            and 0 <= class_id <= MAX_CLASS_ID):
        raise ValueError(f"{where}: id is not a class id")
    if not isinstance(label, str) or not 0 < len(label) <= 1000:
        raise ValueError(f"{where}: label is not a short text")
    if not (_number(score) and 0.0 <= score <= 1.0):
        raise ValueError(f"{where}: score is not a number between 0 and 1")
    if not (isinstance(box, list) and len(box) == 4 and all(_number(v) for v in box)
            and 0 <= box[0] <= box[2] and 0 <= box[1] <= box[3]):
        raise ValueError(f"{where}: box is not [xmin, ymin, xmax, ymax] in pixels")
    return Detection(class_id, label, float(score), Box(*(float(v) for v in box)))


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) \
        and math.isfinite(value)


def decode_detections(outputs: Sequence[np.ndarray], layout: DetectionLayout,
                      placement: PixelPlacement, labels: Mapping[int, str] | None = None,
                      threshold: float = DEFAULT_THRESHOLD,
                      max_results: int = DEFAULT_MAX_RESULTS) -> Detections:
    """Detections scoring at least ``threshold``, at most ``max_results``, best first.

    ``outputs`` are the model's outputs in the graph's order (as a runtime lists them);
    ``labels`` maps class ids to names (a missing or empty name shows as ``class N``).
    """
    flags: set[str] = set()
    arrays = _read(outputs, layout)
    if arrays is None:
        return Detections((), ("outputs_malformed",))
    boxes, classes, scores, count_value = arrays
    rows = min(len(boxes), len(classes), len(scores))
    count = _count(count_value, rows, flags)
    found: list[Detection] = []
    for row in range(count):
        score = float(scores[row])
        if not (math.isfinite(score) and 0.0 <= score <= 1.0):
            flags.add("scores_invalid")
            continue
        if score < threshold:
            continue
        class_id = _class_id(float(classes[row]), flags)
        box = _box(boxes[row], placement, flags)
        if class_id is None or box is None:
            continue
        name = labels.get(class_id, "") if labels is not None else ""
        if labels is not None and not name:
            flags.add("classes_unnamed")
        found.append(Detection(class_id, name or f"class {class_id}", score, box))
    found.sort(key=lambda d: -d.score)  # stable: the runtime's order among equal scores
    return Detections(tuple(found[:max(max_results, 0)]), tuple(sorted(flags)))


def _read(outputs: Sequence[np.ndarray], layout: DetectionLayout,
          ) -> tuple[np.ndarray, np.ndarray, np.ndarray, float] | None:
    """(boxes [N,4], classes [N], scores [N], count) as float64, or None for impossible shapes."""
    needed = max(layout.boxes, layout.classes, layout.scores, layout.count)
    if len(outputs) <= needed:
        return None
    try:
        with np.errstate(invalid="ignore"):  # a signalling NaN is just another bad number here
            boxes = np.asarray(outputs[layout.boxes], dtype=np.float64)
            classes = np.asarray(outputs[layout.classes], dtype=np.float64).reshape(-1)
            scores = np.asarray(outputs[layout.scores], dtype=np.float64).reshape(-1)
            count = np.asarray(outputs[layout.count], dtype=np.float64).reshape(-1)
    except (TypeError, ValueError):
        return None
    if boxes.ndim < 2 or boxes.shape[-1] != 4 or count.size < 1:
        return None
    return boxes.reshape(-1, 4), classes, scores, float(count[0])


def _count(value: float, rows: int, flags: set[str]) -> int:
    if not math.isfinite(value) or value < 0:
        flags.add("count_clamped")
        return rows  # no usable count: every row, each still checked by its score
    if value > rows:
        flags.add("count_clamped")
        return rows
    return int(value)


def _class_id(value: float, flags: set[str]) -> int | None:
    if not (math.isfinite(value) and 0 <= value <= MAX_CLASS_ID and value == int(value)):
        flags.add("classes_invalid")
        return None
    return int(value)


def _box(row: np.ndarray, placement: PixelPlacement, flags: set[str]) -> Box | None:
    if not np.all(np.isfinite(row)):
        flags.add("boxes_invalid")
        return None
    clamped = np.clip(row, 0.0, 1.0)
    ymin, xmin, ymax, xmax = (float(v) for v in clamped)
    if ymin > ymax:
        ymin, ymax = ymax, ymin
    if xmin > xmax:
        xmin, xmax = xmax, xmin
    if not np.array_equal(clamped, row):
        flags.add("boxes_clamped")
    if (ymin, xmin, ymax, xmax) != tuple(clamped):
        flags.add("boxes_reordered")
    return Box(*placement.to_picture(ymin, xmin, ymax, xmax))
