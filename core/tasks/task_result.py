"""What a backend found, whatever the model's task: one type on the whole path.

A worker sends every output tensor once per result; the session decodes them into a
``TaskResult``; the record, the result file, the command line and the window all carry that one
value. A classifier's result stays the record's top-k predictions (as in every older file), so
``TaskResult`` is what other tasks add: detections, segmentation, pose and the raw outputs of a
model of no known task.
"""

from __future__ import annotations

from typing import Any

from core.inputs.labels import Labels
from core.tasks.detection import Detections
from core.tasks.pose import PoseResult
from core.tasks.raw_result import RawResult
from core.tasks.segmentation import SegmentationResult

TaskResult = Detections | SegmentationResult | PoseResult | RawResult


def result_to_dict(result: TaskResult) -> dict[str, Any]:
    """The result as the result file's ``task_result`` holds it, tagged with its task."""
    task = "detection" if isinstance(result, Detections) \
        else "pose" if isinstance(result, PoseResult) \
        else "other" if isinstance(result, RawResult) else "segmentation"
    return {"task": task, **result.to_dict()}


def result_from_dict(data: Any) -> TaskResult:
    """A ``task_result`` read from a file; ``ValueError`` (or ``invalid_results``) naming what
    is wrong."""
    task = data.get("task") if isinstance(data, dict) else None
    if task == "detection":
        return Detections.from_dict(data)
    if task == "segmentation":
        return SegmentationResult.from_dict(data, _saved_labels(data.get("classes")))
    if task == "pose":
        return PoseResult.from_dict(data)
    if task == "other":
        return RawResult.from_dict(data)
    raise ValueError("task_result is not a result of a known task")


def _saved_labels(rows: Any, limit: int = 65_536) -> Labels:
    """The class names a segmentation result was saved with (its legend), so that it reopens
    with them; anything but short names by whole-number ids is left out."""
    names: dict[int, str] = {}
    for row in rows[:limit] if isinstance(rows, list) else []:
        if isinstance(row, dict):
            class_id, label = row.get("id"), row.get("label")
            if type(class_id) is int and 0 <= class_id < limit and isinstance(label, str) \
                    and 0 < len(label) <= 1000:
                names[class_id] = label
    return Labels(None, names)
