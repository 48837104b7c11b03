"""Which models a run can measure and show, read from the model: its task decides.

Classifiers, detectors, segmenters and single-person pose models are compared; the other tasks
are described by ``inspect`` but refused by a run until their results are shown, with one line
naming the task.
"""

from __future__ import annotations

from pathlib import Path

from core.inputs.model_info import ModelInfo, inspect_model, read_model
from core.tasks.model_task import ModelTask, model_task


def read_runnable(path: Path) -> tuple[ModelInfo, ModelTask]:
    """The model and its task; ``unsupported_model`` when a run cannot compare it yet."""
    info = read_model(path)
    task = model_task(info)
    if task.task in ("detection", "segmentation", "pose") and info.is_image_model:
        return info, task
    return inspect_model(path), task  # a classifier, or its one-line refusal
