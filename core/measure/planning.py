"""Turning a run request into a plan, before any worker starts.

Every input is validated here (models, labels, image), so that a user mistake is reported at once
as one error with a remedy (the command line's exit 2) and never reaches a runtime. Each backend
gets the file of the pair that suits it: the CPU the plain model, the Edge TPU the compiled one.
"""

from __future__ import annotations

import os
import platform
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from core.errors import ErrorInfo, error, fail
from core.inputs.labels import Labels, load_labels
from core.inputs.model_info import ModelInfo, resolve_pair
from core.inputs.pair_check import check_pair
from core.inputs.preprocess import (
    ImageInfo,
    PixelPlacement,
    fit_input,
    load_image,
    make_input_tensor,
)
from core.measure.backends import BackendSpec, assign_ids
from core.measure.limits import check_open_files
from core.tasks.fed_inputs import fed_inputs
from core.tasks.model_task import ModelTask
from core.tasks.placement import Placement
from core.tasks.raw_result import PICTURE
from core.tasks.runnable import read_runnable


@dataclass
class PlannedBackend:
    id: str
    spec: BackendSpec
    model: ModelInfo | None
    tensor: np.ndarray | None
    preflight_error: ErrorInfo | None = None
    warnings: list[ErrorInfo] = field(default_factory=list)
    more_inputs: tuple[np.ndarray, ...] = ()  # the second input on (a model of no known task)


@dataclass
class Plan:
    backends: list[PlannedBackend]
    image: ImageInfo
    labels: Labels | None
    label_of: Callable[[int], str]
    warnings: list[ErrorInfo] = field(default_factory=list)
    cpu_model: ModelInfo | None = None  # the pair's CPU file, for what the compiled one replaced
    task: ModelTask = field(default_factory=lambda: ModelTask("classification", ""))
    placement: PixelPlacement | None = None  # where the picture sits in a detector's input
    mask_placement: Placement | None = None  # a segmenter's or pose model's: the picture stretched
    fed: str = PICTURE  # what a model of no known task is given: the picture, or made-up input


def make_plan(model: Path, image: Path, labels: Path | None, edgetpu_model: Path | None,
              specs: tuple[BackendSpec, ...]) -> Plan:
    """Validate everything and decide which file each backend runs."""
    if not specs:
        raise fail("usage", "No backend was chosen.", "Name at least one, e.g. --backend cpu.")
    check_open_files(len(specs))
    pair = resolve_pair(model)
    cpu_path = pair.cpu
    tpu_path = pair.edgetpu
    if edgetpu_model is not None:
        tpu_info = read_runnable(edgetpu_model)[0]
        if not tpu_info.edgetpu_compiled:
            raise fail("usage", f"{edgetpu_model.name} is not compiled for the Edge TPU.",
                       "Pass the _edgetpu.tflite file made by the Edge TPU Compiler.")
        tpu_path = edgetpu_model
    readings = {p: read_runnable(p) for p in (cpu_path, tpu_path) if p is not None}
    infos = {p: info for p, (info, _) in readings.items()}
    notes: list[ErrorInfo] = []
    if tpu_path is not None and cpu_path is not None and not infos[tpu_path].edgetpu_compiled:
        # a twin by name only: run, it would put a plain model on the Edge TPU's panel
        notes.append(error("model_not_compiled",
                           f"{tpu_path.name} is not compiled for the Edge TPU, whatever its "
                           "name says, so it is not used.",
                           "Compile the model with the Edge TPU Compiler, or use the "
                           "_edgetpu.tflite file that came with it."))
        del infos[tpu_path]
        tpu_path = None
    reference = infos[cpu_path] if cpu_path else infos[tpu_path]  # type: ignore[index]
    task = readings[reference.path][1]
    if cpu_path is not None and tpu_path is not None and cpu_path != tpu_path:
        check_pair(infos[cpu_path], infos[tpu_path])

    pil_image, image_info = load_image(image)
    tensors: dict[tuple[object, ...], tuple[np.ndarray, ...]] = {}
    placements: list[PixelPlacement] = []
    fed: list[str] = []

    def tensor_for(info: ModelInfo) -> tuple[np.ndarray, ...]:
        key = (info.inputs or info.input, info.mean, info.std)
        if key not in tensors:
            if task.detection is not None:  # fitted, keeping its proportions, as Coral does
                fitted, placement = fit_input(pil_image, info)
                tensors[key] = (fitted,)
                placements.append(placement)
            elif task.task == "other":  # each input the picture, or made-up numbers
                tensors[key], recipe = fed_inputs(pil_image, info)
                fed.append(recipe)
            else:
                tensors[key] = (make_input_tensor(pil_image, info),)
        return tensors[key]

    classes = task.detection.num_classes if task.detection else reference.num_classes
    loaded_labels = load_labels(labels).checked(classes) if labels else None
    planned = []
    for backend_id, spec in zip(assign_ids(list(specs)), specs, strict=True):
        planned.append(_plan_backend(backend_id, spec, cpu_path, tpu_path, infos, tensor_for,
                                     pair.name))
    warnings = notes + (list(loaded_labels.warnings) if loaded_labels else [])
    return Plan(planned, image_info, loaded_labels,
                _label_function(loaded_labels, reference), warnings,
                infos[cpu_path] if cpu_path else None, task,
                placements[0] if placements else None,
                Placement.stretched(image_info.width, image_info.height)
                if task.segmentation is not None or task.pose is not None else None,
                fed[0] if fed else PICTURE)


def _plan_backend(backend_id: str, spec: BackendSpec, cpu_path: Path | None,
                  tpu_path: Path | None, infos: dict[Path, ModelInfo],
                  tensor_for: Callable[[ModelInfo], tuple[np.ndarray, ...]],
                  name: str) -> PlannedBackend:
    if spec.kind == "cpu":
        if cpu_path is None:
            needed = (tpu_path.parent if tpu_path else Path()) / f"{name}.tflite"
            return PlannedBackend(backend_id, spec, None, None, error(
                "model_compiled_for_edgetpu",
                f"{tpu_path.name if tpu_path else 'This model'} is compiled for the Edge TPU "
                "and cannot run on the CPU.",
                f"Put the uncompiled model {needed.name} in {needed.parent}."))
        info = infos[cpu_path]
        first, *more = tensor_for(info)
        return PlannedBackend(backend_id, spec, info, first, more_inputs=tuple(more))
    warnings = []
    if tpu_path is None:
        assert cpu_path is not None
        tpu_path = cpu_path
        warnings.append(error(
            "model_not_compiled",
            f"{cpu_path.name} is not compiled for the Edge TPU, so it runs on the CPU even here.",
            f"Use {name}_edgetpu.tflite, or compile this model with the Edge TPU Compiler."))
    info = infos[tpu_path]
    first, *more = tensor_for(info)
    return PlannedBackend(backend_id, spec, info, first, warnings=warnings,
                          more_inputs=tuple(more))


def _label_function(labels: Labels | None, model: ModelInfo) -> Callable[[int], str]:
    if labels is not None:
        return labels.name
    embedded = model.embedded_labels
    if embedded:
        return lambda i: (embedded[i] if 0 <= i < len(embedded) else "") or f"class {i}"
    return lambda i: f"class {i}"


def host_info() -> dict[str, object]:
    return {
        "os": platform.platform(),
        "python": sys.version.split()[0],
        "cpu": _cpu_name(),
        "cores": os.cpu_count(),
    }


def _cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith(("model name", "hardware", "processor\t: arm")):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()
