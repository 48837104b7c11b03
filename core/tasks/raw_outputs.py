"""Any other model: a generated input when it takes no picture, and its outputs compared raw.

A model that is not a classifier, detector, segmenter or pose model (an audio or text model, an
LSTM) is still timed; what it computes is shown as numbers. An input that is not a picture gets
a generated one: the same on every backend (made once, from a fixed seed, so that two runs feed
the same numbers too), and inside what the input can hold, so that no backend sees values the
model was never meant to see:

- 8- and 16-bit integers (quantised or not): uniform over the whole range of the type, which is
  the quantisation range;
- floats: uniform in [-1, 1), the range most float models normalise their inputs to;
- 32- and 64-bit integers, usually token ids, masks or segment ids: 0 or 1, valid for all three
  (a larger id could fall outside a vocabulary or a segment table);
- booleans: either value.

Outputs are compared one by one with the baseline's, after dequantising: the largest absolute
difference, and that difference relative to the largest absolute value of the baseline's output.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from core.errors import fail
from core.inputs.model_info import TensorSpec
from core.io.outputs import Output
from core.tasks.output_files import output_path
from core.tasks.sentence import Sentence

SEED = 0
MAX_GENERATED_ELEMENTS = 64 * 1024 * 1024
_SMALL_INTEGERS = ("uint8", "int8", "uint16", "int16")
_IDS = ("int32", "uint32", "int64", "uint64")
_FLOATS = ("float16", "float32", "float64")


# The sentences' English templates, for the window's translations.
MISSING = "outputs given by only one backend: {missing}"
OTHER_SHAPE = "output {name} has another shape"
NO_NUMBERS = "output {name} has no finite numbers to compare"
DIFFER_FROM_ZERO = "outputs differ by up to {difference:.3g} where the baseline's are 0"
DIFFER = "outputs differ by up to {difference:.3g} ({relative:.2%} of the largest value)"
SENTENCES = (MISSING, OTHER_SHAPE, NO_NUMBERS, DIFFER_FROM_ZERO, DIFFER)


@dataclass(frozen=True)
class GeneratedInput:
    """An input tensor made for a model that does not take a picture, and how it was made."""

    values: np.ndarray = field(repr=False)
    recipe: str  # e.g. "uniform uint8 0 to 255, seed 0": shown to say what the model was fed
    seed: int

    def to_dict(self) -> dict[str, Any]:
        return {"source": "generated", "recipe": self.recipe, "seed": self.seed}


def generate_input(spec: TensorSpec, seed: int = SEED, index: int = 0) -> GeneratedInput:
    """The input ``index`` of a model, deterministic for ``(seed, index)``."""
    shape = tuple(spec.shape)
    count = math.prod(shape)
    if any(n < 1 for n in shape) or count > MAX_GENERATED_ELEMENTS:
        raise fail("unsupported_model", f"The model's input {spec.name or index} has the shape "
                   f"{list(shape)}, for which no input can be made.",
                   "Choose a model whose inputs have a fixed, reasonable size.")
    rng = np.random.default_rng([seed, index])
    dtype = spec.dtype
    if dtype in _SMALL_INTEGERS:
        info = np.iinfo(dtype)
        values = rng.integers(int(info.min), int(info.max), size=shape, endpoint=True,
                              dtype=dtype)
        recipe = f"uniform {dtype} {info.min} to {info.max}"
    elif dtype in _FLOATS:
        values = rng.uniform(-1.0, 1.0, size=shape).astype(dtype)
        recipe = f"uniform {dtype} -1 to 1"
    elif dtype in _IDS:
        values = rng.integers(0, 1, size=shape, endpoint=True, dtype=dtype)
        recipe = f"{dtype} 0 or 1"
    elif dtype == "bool":
        values = rng.integers(0, 1, size=shape, endpoint=True).astype(bool)
        recipe = "bool, either value"
    else:
        raise fail("unsupported_model", f"The model's input {spec.name or index} is of type "
                   f"{dtype}, for which this program cannot make an input.",
                   "Choose a model whose inputs are numbers.")
    return GeneratedInput(np.ascontiguousarray(values), f"{recipe}, seed {seed}", seed)


def generate_inputs(specs: Sequence[TensorSpec], seed: int = SEED) -> tuple[GeneratedInput, ...]:
    return tuple(generate_input(spec, seed, index) for index, spec in enumerate(specs))


@dataclass(frozen=True)
class RawOutput:
    """One output tensor of one backend, with its quantisation (scale 0.0: not quantised)."""

    name: str
    values: np.ndarray = field(repr=False)
    scale: float = 0.0
    zero_point: int = 0

    def real(self) -> np.ndarray:
        """The values as float64, dequantised when the output is quantised."""
        values = np.asarray(self.values)
        if values.dtype.kind not in "iufb":
            raise fail("unsupported_model", f"The model's output {self.name} holds "
                       f"{values.dtype} values, which cannot be compared as numbers.",
                       "Choose a model whose outputs are numbers.")
        real = values.astype(np.float64)
        return (real - self.zero_point) * self.scale if self.scale > 0 else real

    def summary(self, first: int = 8) -> dict[str, Any]:
        """What a panel or result file shows of an output: its shape and type, the range and
        mean of its finite values (None when there are none) and its first few values."""
        real = self.real().ravel()
        finite = real[np.isfinite(real)]
        stats = ((float(finite.min()), float(finite.max()), float(finite.mean()))
                 if finite.size else (None, None, None))
        return {"name": self.name, "shape": list(np.shape(self.values)),
                "dtype": np.asarray(self.values).dtype.name,
                "min": stats[0], "max": stats[1], "mean": stats[2],
                "first": [float(v) if math.isfinite(v) else None for v in real[:first].tolist()]}


@dataclass(frozen=True)
class OutputDifference:
    """How one output of a backend differs from the baseline's.

    ``max_abs_difference`` and ``relative_error`` are None when the shapes differ, or when no
    element is finite in both; ``relative_error`` also when the baseline's output is all zero
    and the other's is not. ``nonfinite_mismatches`` counts elements NaN or infinite in one
    output and not the same in the other.
    """

    index: int
    name: str
    shape: tuple[int, ...]
    other_shape: tuple[int, ...]
    max_abs_difference: float | None
    relative_error: float | None
    nonfinite_mismatches: int = 0

    @property
    def same_shape(self) -> bool:
        return self.shape == self.other_shape

    def to_dict(self) -> dict[str, Any]:
        return {"index": self.index, "name": self.name, "shape": list(self.shape),
                "other_shape": list(self.other_shape),
                "max_abs_difference": self.max_abs_difference,
                "relative_error": self.relative_error,
                "nonfinite_mismatches": self.nonfinite_mismatches}


@dataclass(frozen=True)
class RawAgreement:
    """Every output compared; ``missing`` counts outputs only one of the two backends gave."""

    outputs: tuple[OutputDifference, ...]
    missing: int = 0

    @property
    def worst(self) -> OutputDifference | None:
        """The output with the largest relative error (unknown ones first)."""
        if not self.outputs:
            return None
        return max(self.outputs, key=lambda d: (d.relative_error is None or not d.same_shape,
                                                d.relative_error or 0.0))

    def sentence(self) -> Sentence:
        worst = self.worst
        if worst is None or self.missing:
            return Sentence(MISSING,
                            {"missing": self.missing})
        if not worst.same_shape:
            return Sentence(OTHER_SHAPE, {"name": worst.name})
        if worst.max_abs_difference is None:
            return Sentence(NO_NUMBERS,
                            {"name": worst.name})
        if worst.relative_error is None:
            return Sentence(DIFFER_FROM_ZERO,
                            {"difference": worst.max_abs_difference})
        return Sentence(DIFFER, {"difference": worst.max_abs_difference,
                                   "relative": worst.relative_error})

    def to_dict(self) -> dict[str, Any]:
        return {"outputs": [d.to_dict() for d in self.outputs], "missing": self.missing,
                "sentence": self.sentence().to_dict()}


def compare_outputs(baseline: Sequence[RawOutput], other: Sequence[RawOutput]) -> RawAgreement:
    """Each output of ``other`` against the baseline's output at the same position."""
    pairs = zip(baseline, other, strict=False)  # extra outputs on either side count as missing
    rows = tuple(_difference(i, a, b) for i, (a, b) in enumerate(pairs))
    return RawAgreement(rows, abs(len(baseline) - len(other)))


def _difference(index: int, baseline: RawOutput, other: RawOutput) -> OutputDifference:
    a, b = baseline.real(), other.real()
    shapes = (tuple(a.shape), tuple(b.shape))
    if a.shape != b.shape:
        return OutputDifference(index, baseline.name, *shapes, None, None)
    finite = np.isfinite(a) & np.isfinite(b)
    # NaN equals NaN here, and an infinity the same infinity: both backends said the same.
    unlike = ~finite & ~((np.isnan(a) & np.isnan(b)) | (a == b))
    if not finite.any():
        return OutputDifference(index, baseline.name, *shapes, None, None, int(unlike.sum()))
    largest = float(np.abs(a[finite] - b[finite]).max())
    scale = float(np.abs(a[finite]).max())
    relative = largest / scale if scale > 0 else (0.0 if largest == 0 else None)
    return OutputDifference(index, baseline.name, *shapes, largest, relative, int(unlike.sum()))


def npy_bytes(values: np.ndarray) -> bytes:
    """The array in NumPy's ``.npy`` format (no pickled objects: numbers only)."""
    buffer = io.BytesIO()
    np.save(buffer, np.asarray(values), allow_pickle=False)
    return buffer.getvalue()


def npy_outputs(folder: Path | str, backend_id: str,
                outputs: Sequence[RawOutput]) -> list[Output]:
    """``DIR/<backend id>-output-<n>.npy`` per output, the raw values as the model gave them."""
    return [Output("--save-outputs", output_path(folder, backend_id, f"output-{n}.npy"),
                   partial(npy_bytes, raw.values))
            for n, raw in enumerate(outputs)]
