"""Single-person pose: 17 keypoints found by each backend, and how far apart they are.

MoveNet single-pose gives float32 ``[1,1,17,3]``: for each of COCO's 17 keypoints its y, x
(normalised to the model's input) and a score. A keypoint is mapped to the picture through the
``Placement`` (the input may hold the picture stretched, or scaled with padding), so the
coordinates kept here are fractions of the picture's width and height and its pixels.

Two backends are compared on the keypoints both score above 0.4, as Coral's tests do (below it
a keypoint is a guess, which moves freely between runs). The distance of a keypoint is measured
in those picture fractions, ``sqrt(dx² + dy²)``; the mean and the largest are reported with how
many keypoints were compared, and the largest single difference along x or y, which is what
Coral's tests bound (0.04, with at least 8 of 17 compared).
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from core.errors import fail
from core.io.outputs import Output
from core.tasks.output_files import output_path
from core.tasks.placement import Placement
from core.tasks.sentence import Sentence

KEYPOINT_NAMES = (
    "nose", "left eye", "right eye", "left ear", "right ear", "left shoulder", "right shoulder",
    "left elbow", "right elbow", "left wrist", "right wrist", "left hip", "right hip",
    "left knee", "right knee", "left ankle", "right ankle")
# The lines drawn between keypoints: head, arms, body, legs.
SKELETON = (
    (0, 1), (0, 2), (1, 3), (2, 4), (5, 6), (5, 7), (7, 9), (6, 8), (8, 10),
    (5, 11), (6, 12), (11, 12), (11, 13), (13, 15), (12, 14), (14, 16))
SCORE_THRESHOLD = 0.4
TOLERANCE = 0.04  # Coral's bound on a keypoint's difference along x or y
MIN_COMPARED = 8


# The sentences' English templates, for the window's translations.
NONE_COMPARED = "no keypoint scored above {threshold} by both"
WITHIN = "{compared} keypoints within {largest:.1%} of the picture (mean {mean:.1%})"
SENTENCES = (NONE_COMPARED, WITHIN)


@dataclass(frozen=True)
class Keypoint:
    """One keypoint on the picture: fractions of its width and height, and its pixels."""

    index: int
    x: float
    y: float
    score: float
    x_px: float
    y_px: float

    @property
    def name(self) -> str:
        return KEYPOINT_NAMES[self.index]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.index, "name": self.name, "score": self.score, "x": self.x,
                "y": self.y, "x_px": self.x_px, "y_px": self.y_px}


@dataclass(frozen=True)
class PoseResult:
    """One backend's keypoints; ``repaired`` counts values that were NaN or out of range."""

    keypoints: tuple[Keypoint, ...]
    placement: Placement
    repaired: int = 0

    def sure(self, threshold: float = SCORE_THRESHOLD) -> tuple[Keypoint, ...]:
        """The keypoints scored above ``threshold``: the ones worth drawing."""
        return tuple(k for k in self.keypoints if k.score > threshold)

    def edges(self, threshold: float = SCORE_THRESHOLD) -> tuple[tuple[Keypoint, Keypoint], ...]:
        """The skeleton's lines whose two ends are both scored above ``threshold``."""
        points = self.keypoints
        return tuple((points[a], points[b]) for a, b in SKELETON
                     if points[a].score > threshold and points[b].score > threshold)

    def to_dict(self) -> dict[str, Any]:
        return {"placement": self.placement.to_dict(),
                "keypoints": [k.to_dict() for k in self.keypoints], "repaired": self.repaired}

    @classmethod
    def from_dict(cls, data: Any) -> PoseResult:
        """A saved result: 17 keypoints of numbers in [0, 1]; ``invalid_results`` otherwise."""
        try:
            placement = Placement.from_dict(data.get("placement"))
            points = data.get("keypoints")
            if not isinstance(points, list) or len(points) != len(KEYPOINT_NAMES):
                raise ValueError("keypoints is not a list of 17")
            rows = [[_saved(point, key) for key in ("y", "x", "score")] for point in points]
            repaired = data.get("repaired", 0)
            if type(repaired) is not int or not 0 <= repaired <= 3 * len(KEYPOINT_NAMES):
                raise ValueError(f"repaired {repaired!r}")
        except Exception as exc:  # any fault in a foreign file is one plain error
            raise fail("invalid_results", "The keypoints saved with a pose result are damaged.",
                       detail=f"{type(exc).__name__}: {exc}") from None
        # saved coordinates are the picture's already: map them as if stretched
        result = decode_pose(np.array(rows), Placement.stretched(placement.picture_width,
                                                                 placement.picture_height))
        return cls(result.keypoints, placement, repaired)


def _saved(point: Any, key: str) -> float:
    value: Any = point.get(key) if isinstance(point, dict) else None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise ValueError(f"keypoint {key} {value!r} is not a number from 0 to 1")
    return float(value)


def _distance(value: Any, key: str) -> float | None:
    """A saved fraction of the picture (at most its diagonal, √2), or None."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) \
            or not 0 <= value <= math.sqrt(2):
        raise ValueError(f"{key} {value!r} is not a fraction of the picture")
    return float(value)


def decode_pose(output: np.ndarray, placement: Placement, scale: float = 0.0,
                zero_point: int = 0) -> PoseResult:
    """Keypoints from a ``[1,1,17,3]`` (y, x, score) output; quantised when ``scale`` > 0."""
    values = np.asarray(output)
    if values.size != len(KEYPOINT_NAMES) * 3 or values.shape[-2:] != (len(KEYPOINT_NAMES), 3):
        raise fail("unsupported_model", f"The model's output of shape {list(values.shape)} is "
                   "not 17 keypoints of (y, x, score).",
                   "Choose a single-pose model such as Coral's MoveNet.")
    rows = values.reshape(len(KEYPOINT_NAMES), 3).astype(np.float64)
    if scale > 0:
        rows = (rows - zero_point) * scale
    repaired = 0
    keypoints = []
    for index, (y, x, score) in enumerate(rows.tolist()):
        fixed_y, fixed_x, fixed_score = _unit(y), _unit(x), _unit(score)
        repaired += (fixed_y, fixed_x, fixed_score) != (y, x, score)
        pic_x, pic_y = placement.to_picture(fixed_x, fixed_y)
        keypoints.append(Keypoint(index, pic_x, pic_y, fixed_score,
                                  pic_x * placement.picture_width,
                                  pic_y * placement.picture_height))
    return PoseResult(tuple(keypoints), placement, repaired)


def _unit(value: float) -> float:
    """``value`` kept within [0, 1]; NaN becomes 0, which also makes a score a non-answer."""
    if math.isnan(value):
        return 0.0
    return min(max(value, 0.0), 1.0)


@dataclass(frozen=True)
class PoseAgreement:
    """Distances between the keypoints two backends both scored above the threshold."""

    compared: int
    mean_distance: float | None  # fractions of the picture; None when nothing was compared
    max_distance: float | None
    largest_axis_difference: float | None
    threshold: float = SCORE_THRESHOLD

    def agrees(self, tolerance: float = TOLERANCE, min_compared: int = MIN_COMPARED) -> bool:
        """Coral's test: enough keypoints compared, none off by more than ``tolerance``."""
        return (self.compared >= min_compared and self.largest_axis_difference is not None
                and self.largest_axis_difference <= tolerance)

    def sentence(self) -> Sentence:
        if not self.compared or self.max_distance is None:
            return Sentence(NONE_COMPARED,
                            {"threshold": self.threshold})
        return Sentence(WITHIN,
                        {"compared": self.compared, "largest": self.max_distance,
                         "mean": self.mean_distance or 0.0})

    def to_dict(self) -> dict[str, Any]:
        return {"compared": self.compared, "mean_distance": self.mean_distance,
                "max_distance": self.max_distance,
                "largest_axis_difference": self.largest_axis_difference,
                "threshold": self.threshold, "sentence": self.sentence().to_dict()}

    @classmethod
    def from_dict(cls, data: Any) -> PoseAgreement:
        """A saved agreement; ``ValueError`` naming the field that is not what it must be."""
        if not isinstance(data, dict):
            raise ValueError("the pose agreement is not an object")
        compared = data.get("compared")
        if type(compared) is not int or not 0 <= compared <= len(KEYPOINT_NAMES):
            raise ValueError(f"compared {compared!r} is not a count of keypoints")
        mean, largest, axis = (_distance(data.get(key), key) for key in
                               ("mean_distance", "max_distance", "largest_axis_difference"))
        threshold = _distance(data.get("threshold", SCORE_THRESHOLD), "threshold")
        return cls(compared, mean, largest, axis, threshold or 0.0)


def compare_poses(baseline: PoseResult, other: PoseResult,
                  threshold: float = SCORE_THRESHOLD) -> PoseAgreement:
    pairs = [(a, b) for a, b in zip(baseline.keypoints, other.keypoints, strict=True)
             if a.score > threshold and b.score > threshold]
    if not pairs:
        return PoseAgreement(0, None, None, None, threshold)
    distances = [math.hypot(a.x - b.x, a.y - b.y) for a, b in pairs]
    axis = max(max(abs(a.x - b.x), abs(a.y - b.y)) for a, b in pairs)
    return PoseAgreement(len(pairs), sum(distances) / len(distances), max(distances), axis,
                         threshold)


CSV_COLUMNS = ("keypoint_id", "name", "score", "x", "y", "x_px", "y_px")


def keypoints_csv(result: PoseResult) -> bytes:
    """One row per keypoint: x and y as fractions of the picture, then in its pixels."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for k in result.keypoints:
        writer.writerow((k.index, k.name, f"{k.score:.6f}", f"{k.x:.6f}", f"{k.y:.6f}",
                         f"{k.x_px:.2f}", f"{k.y_px:.2f}"))
    return text.getvalue().encode("utf-8")


def keypoints_output(folder: Path | str, backend_id: str, result: PoseResult) -> Output:
    """``DIR/<backend id>-keypoints.csv``, for ``core.io.outputs.plan_outputs``/``write_all``."""
    return Output("--save-outputs", output_path(folder, backend_id, "keypoints.csv"),
                  lambda: keypoints_csv(result))

