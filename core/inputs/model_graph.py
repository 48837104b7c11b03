"""What a model's graph holds, counted from the file: operators by type and constant data.

Read through the bounds-checked ``flatbuffer_reader`` (field numbers from TensorFlow Lite's
``schema.fbs``, names from ``ai_edge_litert.schema_py_generated``), after ``model_info`` has
checked the structure, so a damaged file raises ``Damaged`` here too, never a crash.

Only what the file proves is kept. In a model compiled for the Edge TPU, each
``edgetpu-custom-op`` carries the compiled program (instructions and parameters) as its custom
options; how many of the original operations it replaced is not recorded there in a form this
program reads, so it is not counted here. The operators outside it run on the CPU.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from ai_edge_litert import schema_py_generated as schema

from core.inputs.flatbuffer_reader import I8, I32, U32, U64, Table, Truncated, get

EDGETPU_CUSTOM_OP = "edgetpu-custom-op"
_OP_NAMES = {v: k for k, v in vars(schema.BuiltinOperator).items()
             if not k.startswith("_") and isinstance(v, int)}
MAX_NAME = 64
_FLOAT_TYPES = {schema.TensorType.FLOAT32, schema.TensorType.FLOAT16,
                schema.TensorType.FLOAT64}


@dataclass(frozen=True)
class GraphFacts:
    """Counts read from one model file."""

    subgraphs: int
    operators: int  # every operator in every subgraph
    operator_types: tuple[tuple[str, int], ...]  # (type, count), most frequent first
    edgetpu_custom_ops: int  # operators that are edgetpu-custom-op
    cpu_operator_types: tuple[tuple[str, int], ...]  # the operators outside edgetpu-custom-op
    parameter_bytes: int  # constant data of the tensors (each buffer counted once)
    float_parameter_bytes: int  # the part held by float tensors (quantising shrinks it)
    edgetpu_program_bytes: int  # custom options of the edgetpu-custom-op operators

    @property
    def cpu_operators(self) -> int:
        return sum(count for _, count in self.cpu_operator_types)

    def to_dict(self) -> dict[str, Any]:
        return {"subgraphs": self.subgraphs, "operators": self.operators,
                "operator_types": dict(self.operator_types),
                "edgetpu_custom_ops": self.edgetpu_custom_ops,
                "cpu_operators": self.cpu_operators,
                "cpu_operator_types": dict(self.cpu_operator_types),
                "parameter_bytes": self.parameter_bytes,
                "float_parameter_bytes": self.float_parameter_bytes,
                "edgetpu_program_bytes": self.edgetpu_program_bytes}


def op_name(code: Table) -> str:
    """``CONV_2D``, or the custom operator's own name (``edgetpu-custom-op``)."""
    custom = code.text(1)
    if custom:  # a name from the file: bounded, so that a hostile one cannot flood a window
        return custom if len(custom) <= MAX_NAME else custom[:MAX_NAME - 1] + "…"
    # schema.fbs: builtin_code, unless the file predates it and only has the deprecated field
    number = max(code.scalar(0, I8), code.scalar(3, I32))
    return _OP_NAMES.get(number, f"BUILTIN_{number}")


def read_graph(data: bytes) -> GraphFacts:
    """Count operators and constant bytes; raises ``Damaged`` for an impossible structure."""
    root = Table(data, get(U32, data, 0))
    names = [op_name(code) for code in root.tables(1)]
    buffers = root.tables(4)
    all_ops: Counter[str] = Counter()
    cpu_ops: Counter[str] = Counter()
    program = 0
    used: set[int] = set()
    floats: set[int] = set()
    subgraphs = root.tables(2)
    for graph in subgraphs:
        for tensor in graph.tables(0):
            used.add(tensor.scalar(2, U32))
            if tensor.scalar(1, I8) in _FLOAT_TYPES:
                floats.add(tensor.scalar(2, U32))
        for op in graph.tables(3):
            name = names[op.scalar(0, U32)]
            all_ops[name] += 1
            if name == EDGETPU_CUSTOM_OP:
                program += _custom_options_size(data, op)
            else:
                cpu_ops[name] += 1
    sizes = {i: _buffer_size(data, buffers[i]) for i in used if i < len(buffers)}
    return GraphFacts(
        subgraphs=len(subgraphs), operators=sum(all_ops.values()),
        operator_types=_sorted(all_ops), edgetpu_custom_ops=all_ops[EDGETPU_CUSTOM_OP],
        cpu_operator_types=_sorted(cpu_ops), parameter_bytes=sum(sizes.values()),
        float_parameter_bytes=sum(sizes.get(i, 0) for i in floats),
        edgetpu_program_bytes=program)


def _sorted(counts: Counter[str]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _buffer_size(data: bytes, buffer: Table) -> int:
    offset, size = buffer.scalar(1, U64), buffer.scalar(2, U64)
    if offset > 1:
        return int(size)
    return buffer.span(0, 1)[1]


def _custom_options_size(data: bytes, op: Table) -> int:
    offset, size = op.scalar(9, U64), op.scalar(10, U64)
    if offset > 1:
        if offset + size > len(data):
            raise Truncated(f"custom options at {offset}+{size} lie past the end of the file")
        return int(size)
    return op.span(5, 1)[1]
