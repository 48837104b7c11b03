"""A model's task, read from the model itself: its outputs, operators and signature.

The file name proves nothing (Coral ships CPU models called ``mobilenet_edgetpu_...``), so the task
is decided from what the graph computes, in this order:

- detection: the graph holds ``TFLite_Detection_PostProcess`` and its four outputs (boxes,
  classes, scores, count) can be placed. They are placed as pycoral's detection adapter places
  them: by the signature's names ``output_0..3`` (count, scores, classes, boxes) when the model has
  one signature that names them; else, when output 3 holds one number, the TF1 order (boxes,
  classes, scores, count); else the TF2 order (scores, boxes, count, classes). The shapes must then
  fit (boxes ``[1,N,4]``, classes and scores ``[1,N]``, count one number); when they do not, the
  other order is tried, which is what a TF2 model with ``N = 1`` needs (its classes, output 3, also
  hold one number).
- pose: an image model whose first output is ``[1,1,17,3]`` (MoveNet: y, x, score per keypoint).
- segmentation: an image model with one output, an integer class map ``[1,H,W]`` or per-class
  scores ``[1,H,W,C]``, with H and W above 1.
- classification: an image model whose first output is a list of class scores.
- other: anything else (a text model, a pipeline segment, an image-to-image model ...).

A compiled model alone is read the same way: the Edge TPU operation hides the layers it runs,
but the outputs, and the post-processing that stays on the CPU, are still in the file.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any, Literal

from flatbuffers import flexbuffers

from core.inputs.model_info import ModelInfo, TensorSpec

Task = Literal["classification", "detection", "segmentation", "pose", "other"]
TASKS: tuple[Task, ...] = ("classification", "detection", "segmentation", "pose", "other")
DetectionOrder = Literal["signature", "tf1", "tf2"]

POSE_KEYPOINTS = 17
# Output positions of (boxes, classes, scores, count) in each order.
_POSITIONS: dict[str, tuple[int, int, int, int]] = {"tf1": (0, 1, 2, 3), "tf2": (1, 3, 0, 2)}
_INTEGER_TYPES = ("uint8", "int8", "int16", "int32", "int64")


@dataclass(frozen=True)
class ClassificationLayout:
    output: int
    classes: int


@dataclass(frozen=True)
class DetectionLayout:
    """Which output holds what. ``max_detections`` is N (0 when the file leaves it unset);
    ``num_classes`` is how many classes the post-processing scores, from its options (0 when
    they do not say)."""

    boxes: int
    classes: int
    scores: int
    count: int
    order: DetectionOrder
    max_detections: int
    num_classes: int


@dataclass(frozen=True)
class SegmentationLayout:
    """``class_map``: a class id per pixel; ``scores``: ``classes`` scores per pixel (argmax)."""

    output: int
    kind: Literal["class_map", "scores"]
    height: int
    width: int
    classes: int  # 0 for a class map: the ids in it are the classes


@dataclass(frozen=True)
class PoseLayout:
    output: int
    keypoints: int


@dataclass(frozen=True)
class ModelTask:
    """The task and what its decoder needs; exactly the layout of ``task`` is set."""

    task: Task
    reason: str  # why, in English words (``inspect``: "object detection: <reason>")
    classification: ClassificationLayout | None = None
    detection: DetectionLayout | None = None
    segmentation: SegmentationLayout | None = None
    pose: PoseLayout | None = None

    def output_roles(self, outputs: int) -> tuple[str, ...]:
        """What each of ``outputs`` outputs holds, in the graph's order ("" when unused)."""
        roles = [""] * outputs
        if self.detection is not None:
            d = self.detection
            for name, at in (("boxes", d.boxes), ("classes", d.classes), ("scores", d.scores),
                             ("count", d.count)):
                roles[at] = name
        elif self.classification is not None:
            roles[self.classification.output] = "class scores"
        elif self.segmentation is not None:
            roles[self.segmentation.output] = ("class map" if self.segmentation.kind ==
                                               "class_map" else "class scores per pixel")
        elif self.pose is not None:
            roles[self.pose.output] = "keypoints"
        return tuple(roles)

    @property
    def classes(self) -> int | None:
        """How many classes the model tells apart, where the file says: a classifier's scores, a
        detector's post-processing options, a segmenter's scores per pixel. None where it does
        not: a class map's ids are its classes, a pose model finds keypoints, not classes."""
        if self.classification is not None:
            return self.classification.classes
        if self.detection is not None:
            return self.detection.num_classes or None
        if self.segmentation is not None:
            return self.segmentation.classes or None
        return None

    def to_dict(self) -> dict[str, Any]:
        layout = self.classification or self.detection or self.segmentation or self.pose
        return {"task": self.task, "reason": self.reason, "classes": self.classes,
                "layout": asdict(layout) if layout is not None else None}


def model_task(info: ModelInfo) -> ModelTask:
    """The task of a model read by ``read_model``; never fails (``other`` when nothing fits)."""
    if info.postprocess is not None:
        detection = _detection(info)
        if detection is not None:
            return detection
    outputs = info.outputs or (info.output,)
    if not info.is_image_model:
        return ModelTask("other", "its input is not a picture")
    first = outputs[0]
    if first.shape == (1, 1, POSE_KEYPOINTS, 3):
        return ModelTask("pose", f"its output holds {POSE_KEYPOINTS} keypoints (y, x, score)",
                         pose=PoseLayout(0, POSE_KEYPOINTS))
    segmentation = _segmentation(outputs)
    if segmentation is not None:
        return segmentation
    if info.num_classes:
        return ModelTask("classification", f"its output scores {info.num_classes} classes",
                         classification=ClassificationLayout(0, info.num_classes))
    return ModelTask("other", f"its output of shape {list(first.shape)} is not one this program "
                     "reads as classes, objects, a mask or keypoints")


def _detection(info: ModelInfo) -> ModelTask | None:
    outputs = info.outputs
    candidates: list[tuple[DetectionOrder, tuple[int, int, int, int]]] = []
    named = dict(info.signature_outputs)
    if info.signatures == 1 and {"output_0", "output_1", "output_2", "output_3"} <= set(named):
        # count, scores, classes, boxes, as TF2's exporter names them
        candidates.append(("signature", (named["output_3"], named["output_2"],
                                         named["output_1"], named["output_0"])))
    if len(outputs) == 4:
        first: DetectionOrder = "tf1" if _elements(outputs[3]) == 1 else "tf2"
        second: DetectionOrder = "tf2" if first == "tf1" else "tf1"
        candidates += [(first, _POSITIONS[first]), (second, _POSITIONS[second])]
    for order, (boxes, classes, scores, count) in candidates:
        rows = _fits(outputs[boxes], outputs[classes], outputs[scores], outputs[count])
        if rows is None:
            continue
        options = _options(info.postprocess.options if info.postprocess else b"")
        layout = DetectionLayout(boxes, classes, scores, count, order, rows,
                                 options.get("num_classes", 0))
        how = {"signature": "named by its signature", "tf1": "in the TF1 order",
               "tf2": "in the TF2 order"}[order]
        return ModelTask("detection", f"its TFLite_Detection_PostProcess outputs are {how}",
                         detection=layout)
    return None


def _elements(spec: TensorSpec) -> int:
    return math.prod(spec.shape)


def _fits(boxes: TensorSpec, classes: TensorSpec, scores: TensorSpec,
          count: TensorSpec) -> int | None:
    """N when the four outputs have the shapes of boxes, classes, scores and count, else None."""
    if len(boxes.shape) != 3 or boxes.shape[0] != 1 or boxes.shape[2] != 4:
        return None
    rows = boxes.shape[1]
    if classes.shape != (1, rows) or scores.shape != (1, rows) or _elements(count) != 1:
        return None
    return max(rows, 0)


def _options(blob: bytes) -> dict[str, int]:
    """max_detections and num_classes from the post-processing's FlexBuffer options.

    Options are advice for labels and messages, not structure, so a damaged block gives nothing.
    Only two keys are looked up (a binary search), so a hostile block costs no more than that.
    """
    found: dict[str, int] = {}
    if not blob:
        return found
    try:
        options = flexbuffers.GetRoot(blob).AsMap
        for key in ("max_detections", "num_classes"):
            value = options[key].AsInt
            if 0 < value <= 1_000_000:
                found[key] = int(value)
    except Exception:  # any fault in foreign bytes means: the options say nothing
        return {}
    return found


def _segmentation(outputs: tuple[TensorSpec, ...]) -> ModelTask | None:
    if len(outputs) != 1:
        return None
    shape, dtype = outputs[0].shape, outputs[0].dtype
    if len(shape) == 3 and shape[0] == 1 and min(shape[1:]) > 1 and dtype in _INTEGER_TYPES:
        return ModelTask("segmentation", "its output is a class id per pixel",
                         segmentation=SegmentationLayout(0, "class_map", shape[1], shape[2], 0))
    if len(shape) == 4 and shape[0] == 1 and min(shape[1:3]) > 1 and shape[3] >= 2:
        return ModelTask("segmentation", f"its output scores {shape[3]} classes per pixel",
                         segmentation=SegmentationLayout(0, "scores", shape[1], shape[2],
                                                         shape[3]))
    return None
