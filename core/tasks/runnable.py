"""Which models a run can measure and show, read from the model: its task decides.

Classifiers, detectors, segmenters and single-person pose models are compared; a model of no
known task is timed, each of its inputs fed (``core.tasks.fed_inputs``), and its outputs
compared raw. A model needing an operation no runtime here has (Coral's PoseNet decoder) is
refused by name, with what provides it.
"""

from __future__ import annotations

from pathlib import Path

from core.errors import AppError
from core.inputs.model_info import ModelInfo, inspect_model, read_model
from core.tasks.custom_ops import lacking, unsupported_ops_error
from core.tasks.model_task import ModelTask, model_task


def read_runnable(path: Path) -> tuple[ModelInfo, ModelTask]:
    """The model and its task; ``unsupported_model`` when a run cannot compare it yet."""
    info = read_model(path)
    task = model_task(info)
    if task.task != "other" and (  # other: timed, and its outputs compared raw
            task.task not in ("detection", "segmentation", "pose") or not info.is_image_model):
        info = inspect_model(path)  # a classifier, or its one-line refusal
    missing = lacking(info.custom_ops)
    if missing:  # refused before any worker, rather than a runtime failing to prepare it
        raise AppError(unsupported_ops_error(missing))
    return info, task


def runnable_info(path: Path) -> ModelInfo:
    """The model when a run can compare it, for the model list; ``AppError`` otherwise."""
    return read_runnable(path)[0]
