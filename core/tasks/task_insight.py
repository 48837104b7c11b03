"""``inspect``'s document with each file's task: model insight (``core.inputs``) knows files,
this layer knows what they compute."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from core.inputs.model_insight import ModelInsight, inspect_pair
from core.tasks.model_task import model_task


def inspect_document(path: Path | str) -> dict[str, Any]:
    """``inspect --json``: the pair's insight, each file with its ``task`` and its outputs'
    ``role``; ``task`` at the top is the task of the file a CPU would run, else the compiled
    one's (the two are one model, so they agree unless the pair is mismatched)."""
    return describe(inspect_pair(path))


def describe(insight: ModelInsight) -> dict[str, Any]:
    """``insight``'s document with each file's task, as ``inspect_document`` gives it (the
    model details view shows the same)."""
    document = insight.to_dict()
    tasks = []
    for key, side in (("cpu_model", insight.cpu), ("edgetpu_model", insight.edgetpu)):
        if side is None:
            continue
        task = model_task(side.info)
        tasks.append(task.task)
        entry = document[key]
        entry["task"] = task.to_dict()
        for output, role in zip(entry["outputs"], task.output_roles(len(entry["outputs"])),
                                strict=True):
            output["role"] = role
    document["task"] = tasks[0]
    return document
