"""What a backend found, whatever the model's task: one type on the whole path.

A worker sends every output tensor once per result; the session decodes them into a
``TaskResult``; the record, the result file, the command line and the window all carry that one
value. A classifier's result stays the record's top-k predictions (as in every older file), so
``TaskResult`` is what other tasks add: today detections; segmentation, pose and raw outputs join
the union as they are shown.
"""

from __future__ import annotations

from typing import Any

from core.tasks.detection import Detections

TaskResult = Detections


def result_to_dict(result: TaskResult) -> dict[str, Any]:
    """The result as the result file's ``task_result`` holds it, tagged with its task."""
    return {"task": "detection", **result.to_dict()}


def result_from_dict(data: Any) -> TaskResult:
    """A ``task_result`` read from a file; ``ValueError`` naming what is wrong."""
    if not isinstance(data, dict) or data.get("task") != "detection":
        raise ValueError("task_result is not a result of a known task")
    return Detections.from_dict(data)
