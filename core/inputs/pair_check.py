"""Whether the two files of a pair are one model: the plain one and its Edge TPU compilation.

The Edge TPU Compiler keeps a model's input and output as they are: the same shapes, the same
types and the same quantisation (it replaces the operations in between). A file named
``X_edgetpu.tflite`` that differs in any of them is another model, and comparing the two would
report a speed-up and an agreement between two different networks as if they were one. So a
pair is checked here, before anything runs, and refused with the first differences named.
"""

from __future__ import annotations

import math

from core.errors import fail
from core.inputs.model_info import ModelInfo, TensorSpec

PAIR_REMEDY = ("Put the two files of one model side by side (NAME.tflite and the "
               "NAME_edgetpu.tflite compiled from it), or name the right compiled file with "
               "--edgetpu-model.")


def _shape(spec: TensorSpec) -> str:
    return "×".join(str(d) for d in spec.shape) + f" {spec.dtype}"


def _quant(spec: TensorSpec) -> str:
    if not spec.scale:
        return "not quantised"
    return f"scale {spec.scale:.6g}, zero point {spec.zero_point}"


def tensor_differences(what: str, cpu: TensorSpec, edgetpu: TensorSpec) -> list[str]:
    """Sentences for each way ``edgetpu``'s tensor differs from ``cpu``'s (``what``: input)."""
    found = []
    if cpu.shape != edgetpu.shape or cpu.dtype != edgetpu.dtype:
        found.append(f"its {what} is {_shape(edgetpu)}, not {_shape(cpu)}")
    elif cpu.zero_point != edgetpu.zero_point or not math.isclose(
            cpu.scale, edgetpu.scale, rel_tol=1e-6, abs_tol=0.0):
        found.append(f"its {what} quantisation is {_quant(edgetpu)}, not {_quant(cpu)}")
    return found


def check_pair(cpu: ModelInfo, edgetpu: ModelInfo) -> None:
    """Raise ``invalid_model`` when ``edgetpu`` is not ``cpu`` compiled for the Edge TPU."""
    found = (tensor_differences("input", cpu.input, edgetpu.input)
             + tensor_differences("output", cpu.output, edgetpu.output))
    if found:
        raise fail("invalid_model",
                   f"{edgetpu.path.name} is not {cpu.path.name} compiled for the Edge TPU: "
                   f"{'; '.join(found)}.", PAIR_REMEDY)
