"""What a model of no known task gave: its outputs, kept raw, and what it was fed.

A run holds each output's values (``RawOutput``) so that the session can compare them with the
baseline's and ``--save-outputs`` can write them as ``.npy``. The result file keeps each output's
summary (shape, type, range, mean, first values) and the comparison (``RawAgreement``) beside it;
the values themselves only while they are small (``MAX_KEPT_VALUES`` per output, and
``MAX_KEPT_TOTAL`` per result), so that a reopened result can still be compared output by output,
while an output of megabytes stays in its ``.npy`` file and the result file says so. ``fed``
says what the model was given: the picture, or the generated input's recipe, so that a reader
knows the numbers come from made-up input.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from core.tasks.raw_outputs import OutputDifference, RawAgreement, RawOutput

PICTURE = "the picture"
MAX_SAVED_OUTPUTS = 1000
MAX_TEXT = 500
MAX_FIRST = 8
MAX_KEPT_VALUES = 4096  # an output's values are kept in the result file up to this many
MAX_KEPT_TOTAL = 65536  # and a backend's outputs up to this many together (about 1 MB of JSON)
NOT_KEPT = ("{count} values, more than the result file keeps: run --save-outputs DIR to have "
            "them as DIR/<backend id>-output-{index}.npy")
_KEPT_TYPES = ("bool", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64",
               "float16", "float32", "float64")
_NONFINITE = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}


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
        """The summaries, each with its values while they are small (else a note saying where
        they are); a result read back from a file writes what it read."""
        if not self.outputs:
            return {"fed": self.fed, "outputs": list(self.summaries)}
        rows, total = [], 0
        for index, (row, output) in enumerate(zip(self.summaries, self.outputs, strict=True)):
            values = np.asarray(output.values)
            total += values.size
            if values.size <= MAX_KEPT_VALUES and total <= MAX_KEPT_TOTAL \
                    and values.dtype.name in _KEPT_TYPES:
                rows.append({**row, "scale": output.scale, "zero_point": output.zero_point,
                             "values": [_json_number(v) for v in values.ravel().tolist()]})
            else:
                rows.append({**row, "note": NOT_KEPT.format(count=f"{values.size:,}",
                                                            index=index)})
        return {"fed": self.fed, "outputs": rows}

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
        summaries = tuple(_summary(row) for row in rows)
        kept = [_kept(row, summary) for row, summary in zip(rows, summaries, strict=True)]
        if sum(o.values.size for o in kept if o is not None) > MAX_KEPT_TOTAL:
            raise ValueError(f"outputs keep more than {MAX_KEPT_TOTAL} values")
        # compared by position: only when every output's values are here
        outputs = tuple(o for o in kept if o is not None) if all(kept) else ()
        return cls(fed, summaries, outputs)


def _json_number(value: float | int | bool) -> float | int | bool | str:
    """JSON has no NaN or infinity: those are written as the strings JavaScript prints."""
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    return value


def _kept(row: dict[str, Any], summary: dict[str, Any]) -> RawOutput | None:
    """The output's values saved beside its summary, checked like any foreign numbers."""
    if "values" not in row:
        return None
    name, values = summary["name"], row["values"]
    shape, dtype = tuple(summary["shape"]), summary["dtype"]
    if dtype not in _KEPT_TYPES:
        raise ValueError(f"output {name}: values of type {dtype} are not kept")
    if not isinstance(values, list) or len(values) > MAX_KEPT_VALUES \
            or len(values) != math.prod(shape):
        raise ValueError(f"output {name}: values is not a list of its shape's size")
    numbers = [_NONFINITE.get(v, v) if isinstance(v, str) else v for v in values]
    if any(isinstance(v, str) or not isinstance(v, (int, float)) for v in numbers):
        raise ValueError(f"output {name}: values holds something other than numbers")
    scale = _number(row.get("scale"), f"output {name}: scale")
    zero_point = row.get("zero_point")
    if scale is None or scale < 0 or type(zero_point) is not int or abs(zero_point) > 2**31:
        raise ValueError(f"output {name}: scale or zero_point is not a quantisation")
    try:
        array = np.array(numbers, dtype=np.float64 if dtype.startswith("float") else object)
        typed = array.astype(dtype) if dtype.startswith("float") else _integers(array, dtype)
    except (OverflowError, ValueError, TypeError):
        raise ValueError(f"output {name}: values do not fit {dtype}") from None
    return RawOutput(name, typed.reshape(shape), scale, zero_point)


def _integers(values: np.ndarray, dtype: str) -> np.ndarray:
    if dtype == "bool":
        if any(v not in (0, 1) for v in values.tolist()):
            raise ValueError("not booleans")
        return values.astype(bool)
    info = np.iinfo(dtype)
    if any(isinstance(v, float) or not info.min <= v <= info.max for v in values.tolist()):
        raise ValueError("not whole numbers of the type's range")
    return values.astype(dtype)


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
