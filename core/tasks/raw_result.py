"""What a model of no known task gave: its outputs, kept raw, and what it was fed.

A run holds each output's values (``RawOutput``) so that the session can compare them with the
baseline's and ``--save-outputs`` can write them as ``.npy``; the result file keeps only each
output's summary (shape, type, range, mean, first values), since an output may be megabytes, and
the comparison (``RawAgreement``) beside it. ``fed`` says what the model was given: the picture,
or the generated input's recipe, so that a reader knows the numbers come from made-up input.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from core.tasks.raw_outputs import OutputDifference, RawAgreement, RawOutput

PICTURE = "the picture"
MAX_SAVED_OUTPUTS = 1000
MAX_TEXT = 500
MAX_FIRST = 8


@dataclass(frozen=True, eq=False)
class RawResult:
    """One backend's outputs; ``outputs`` is empty for a result read back from a file."""

    fed: str  # PICTURE, or the recipe of the generated input
    summaries: tuple[dict[str, Any], ...]
    outputs: tuple[RawOutput, ...] = ()
    against: RawAgreement | None = None  # how it differs from the baseline's, once compared

    @classmethod
    def of(cls, outputs: Sequence[RawOutput], fed: str) -> RawResult:
        return cls(fed, tuple(o.summary(MAX_FIRST) for o in outputs), tuple(outputs))

    def to_dict(self) -> dict[str, Any]:
        return {"fed": self.fed, "outputs": list(self.summaries)}

    @classmethod
    def from_dict(cls, data: Any) -> RawResult:
        """A saved result; ``ValueError`` naming the first field that is not what it must be."""
        if not isinstance(data, dict):
            raise ValueError("the raw result is not an object")
        fed, rows = data.get("fed"), data.get("outputs")
        if not isinstance(fed, str) or len(fed) > MAX_TEXT:
            raise ValueError("fed is not a short text")
        if not isinstance(rows, list) or len(rows) > MAX_SAVED_OUTPUTS:
            raise ValueError("outputs is not a list of output summaries")
        return cls(fed, tuple(_summary(row) for row in rows))


def _summary(row: Any) -> dict[str, Any]:
    if not isinstance(row, dict):
        raise ValueError("an output summary is not an object")
    name, dtype, shape, first = (row.get("name"), row.get("dtype"), row.get("shape"),
                                 row.get("first"))
    if not isinstance(name, str) or len(name) > MAX_TEXT:
        raise ValueError("an output's name is not a short text")
    if not isinstance(dtype, str) or len(dtype) > 16:
        raise ValueError(f"output {name}: dtype is not a type name")
    _sizes(shape, f"output {name}: shape")
    if not isinstance(first, list) or len(first) > MAX_FIRST:
        raise ValueError(f"output {name}: first is not a short list of numbers")
    return {"name": name, "shape": shape, "dtype": dtype,
            **{key: _number(row.get(key), f"output {name}: {key}")
               for key in ("min", "max", "mean")},
            "first": [_number(v, f"output {name}: first") for v in first]}


def _sizes(value: Any, what: str) -> tuple[int, ...]:
    if not isinstance(value, list) or len(value) > 16 \
            or any(type(n) is not int or n < 0 for n in value):
        raise ValueError(f"{what} is not a list of sizes")
    return tuple(value)


def _number(value: Any, what: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) \
            or not math.isfinite(value):
        raise ValueError(f"{what} is not a finite number")
    return float(value)


def agreement_from_dict(data: Any) -> RawAgreement:
    """A saved comparison of raw outputs; ``ValueError`` naming what is wrong."""
    if not isinstance(data, dict):
        raise ValueError("raw_agreement is not an object")
    rows, missing = data.get("outputs"), data.get("missing", 0)
    if not isinstance(rows, list) or len(rows) > MAX_SAVED_OUTPUTS:
        raise ValueError("raw_agreement outputs is not a list")
    if type(missing) is not int or not 0 <= missing <= MAX_SAVED_OUTPUTS:
        raise ValueError("raw_agreement missing is not a count")
    return RawAgreement(tuple(_difference(row) for row in rows), missing)


def _difference(row: Any) -> OutputDifference:
    if not isinstance(row, dict):
        raise ValueError("an output difference is not an object")
    index, name, count = row.get("index"), row.get("name"), row.get("nonfinite_mismatches", 0)
    if type(index) is not int or not 0 <= index < MAX_SAVED_OUTPUTS:
        raise ValueError("an output difference's index is not a position")
    if not isinstance(name, str) or len(name) > MAX_TEXT:
        raise ValueError("an output difference's name is not a short text")
    if type(count) is not int or count < 0:
        raise ValueError(f"output {name}: nonfinite_mismatches is not a count")
    shapes = []
    for key in ("shape", "other_shape"):
        shapes.append(_sizes(row.get(key), f"output {name}: {key}"))
    largest = _number(row.get("max_abs_difference"), f"output {name}: max_abs_difference")
    relative = _number(row.get("relative_error"), f"output {name}: relative_error")
    if (largest is not None and largest < 0) or (relative is not None and relative < 0):
        raise ValueError(f"output {name}: a difference is negative")
    return OutputDifference(index, name, shapes[0], shapes[1], largest, relative, count)


def output_lines(result: RawResult) -> list[str]:
    """Each output in one line, as ``run`` prints it and a panel lists it."""
    lines = []
    for row in result.summaries:
        low, high, mean = row["min"], row["max"], row["mean"]
        numbers = (f"min {low:.4g}, max {high:.4g}, mean {mean:.4g}"
                   if low is not None and high is not None and mean is not None
                   else "no finite values")
        lines.append(f"{row['name']} {row['shape']} {row['dtype']}: {numbers}")
    return lines


def difference_lines(agreement: RawAgreement) -> list[str]:
    """Each output's largest absolute difference and relative error against the baseline's."""
    lines = []
    for d in agreement.outputs:
        if not d.same_shape:
            lines.append(f"{d.name}: shape {list(d.other_shape)}, the baseline's "
                         f"{list(d.shape)}")
        elif d.max_abs_difference is None:
            lines.append(f"{d.name}: no finite numbers to compare")
        else:
            relative = f"{d.relative_error:.2%}" if d.relative_error is not None else "-"
            lines.append(f"{d.name}: largest difference {d.max_abs_difference:.4g}, "
                         f"relative error {relative}")
    return lines
