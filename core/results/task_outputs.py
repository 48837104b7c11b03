"""``run --save-outputs DIR``: each backend's result as files a person can open.

For a detector, ``DIR/<backend id>-overlay.png`` (the picture with the boxes drawn) and
``DIR/<backend id>-detections.json`` (labels, scores and boxes in the picture's pixels); for a
segmenter, the overlay (the mask over the picture) and ``DIR/<backend id>-classes.png`` (8-bit,
one value per class id, at the model's output size); for a pose model, the overlay (keypoints
and skeleton) and ``DIR/<backend id>-keypoints.csv``; for a model of no known task,
``DIR/<backend id>-output-<n>.npy`` per output. The targets are known from the plan, so
they are checked with the run's other outputs before any backend starts: never over an input,
never two on one file, each written atomically.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import partial
from pathlib import Path

from PIL import Image

from core.errors import AppError
from core.inputs.preprocess import load_image
from core.io.outputs import Output
from core.results.records import RunRecord
from core.tasks.detection import Detections
from core.tasks.output_files import output_path
from core.tasks.overlay import compose, png_bytes
from core.tasks.pose import PoseResult, keypoints_output
from core.tasks.raw_outputs import npy_outputs
from core.tasks.raw_result import RawResult
from core.tasks.segmentation import SegmentationResult, classes_output

FLAG = "--save-outputs"
_FILES = {"detection": ("overlay.png", "detections.json"),
          "segmentation": ("overlay.png", "classes.png"),
          "pose": ("overlay.png", "keypoints.csv")}


def save_targets(folder: Path, task: str, backend_ids: Sequence[str],
                 outputs: int = 0) -> list[tuple[str, Path]]:
    """Every file ``--save-outputs`` may write for this task (a model of no known task: one per
    of its ``outputs``), to check before the run."""
    names = _FILES.get(task, ()) if task != "other" else tuple(
        f"output-{n}.npy" for n in range(outputs))
    return [(FLAG, output_path(folder, backend_id, what))
            for backend_id in backend_ids for what in names]


def task_outputs(record: RunRecord, folder: Path, picture: Image.Image) -> list[Output]:
    """The files of each backend that has a result (one that failed has none to save)."""
    outputs = []
    for b in record.backends:
        result = b.task_result
        if result is None:
            continue
        if isinstance(result, RawResult):  # no picture: each output as the model gave it
            outputs += npy_outputs(folder, b.id, result.outputs)
            continue
        outputs.append(Output(FLAG, output_path(folder, b.id, "overlay.png"),
                              partial(_overlay, picture, result)))
        if isinstance(result, Detections):
            outputs.append(Output(FLAG, output_path(folder, b.id, "detections.json"),
                                  partial(_json, result)))
        elif isinstance(result, PoseResult):
            outputs.append(keypoints_output(folder, b.id, result))
        else:
            outputs.append(classes_output(folder, b.id, result))
    return outputs


def run_picture(record: RunRecord) -> Image.Image:
    """The run's picture, upright, when it is still the one measured (same SHA-256); else a
    grey frame of its size, so that a saved result far from its picture still shows its boxes."""
    path, digest = str(record.image.get("path") or ""), record.image.get("sha256")
    if path:
        try:
            picture, info = load_image(path)
        except AppError:
            pass
        else:
            if not digest or info.sha256 == digest:
                return picture
    size = (_side(record.image.get("width")), _side(record.image.get("height")))
    return Image.new("RGB", size, (200, 200, 200))


def _side(value: object) -> int:
    return value if isinstance(value, int) and 0 < value <= 100_000 else 1


def _overlay(picture: Image.Image, result: Detections | SegmentationResult | PoseResult) -> bytes:
    return png_bytes(compose(picture, result))


def _json(result: Detections) -> bytes:
    return (json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
