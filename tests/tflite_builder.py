"""Small TensorFlow Lite models written in a test, with the flatbuffer schema LiteRT ships."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import flatbuffers
import numpy as np
from ai_edge_litert import schema_py_generated as schema

TYPES = {"float32": schema.TensorType.FLOAT32, "int32": schema.TensorType.INT32,
         "uint8": schema.TensorType.UINT8, "int8": schema.TensorType.INT8,
         "int64": schema.TensorType.INT64}


@dataclass(frozen=True)
class Op:
    """An operator: a builtin number (schema.BuiltinOperator) or a custom operation's name."""

    code: int | str
    inputs: Sequence[int]
    outputs: Sequence[int]


def tensor(name: str, shape: Sequence[int], dtype: str = "float32",
           quantization: tuple[float, int] | None = None) -> schema.TensorT:
    item = schema.TensorT()
    item.name, item.type, item.buffer = name, TYPES[dtype], 0
    item.shape = np.array(shape, dtype=np.int32)
    if quantization is not None:
        params = schema.QuantizationParametersT()
        params.scale = [quantization[0]]
        params.zeroPoint = [quantization[1]]
        item.quantization = params
    return item


def model_bytes(tensors: Sequence[schema.TensorT], ops: Sequence[Op], inputs: Sequence[int],
                outputs: Sequence[int]) -> bytes:
    codes: list[int | str] = []
    for op in ops:
        if op.code not in codes:
            codes.append(op.code)
    model = schema.ModelT()
    model.version = 3
    model.buffers = [schema.BufferT()]
    model.operatorCodes = [_code(code) for code in codes]
    graph = schema.SubGraphT()
    graph.tensors = list(tensors)
    graph.inputs = np.array(inputs, dtype=np.int32)
    graph.outputs = np.array(outputs, dtype=np.int32)
    graph.operators = []
    for op in ops:
        item = schema.OperatorT()
        item.opcodeIndex = codes.index(op.code)
        item.inputs = np.array(op.inputs, dtype=np.int32)
        item.outputs = np.array(op.outputs, dtype=np.int32)
        graph.operators.append(item)
    model.subgraphs = [graph]
    builder = flatbuffers.Builder(1024)
    builder.Finish(model.Pack(builder), file_identifier=b"TFL3")
    return bytes(builder.Output())


def _code(code: int | str) -> schema.OperatorCodeT:
    item = schema.OperatorCodeT()
    item.version = 1
    number = schema.BuiltinOperator.CUSTOM if isinstance(code, str) else code
    item.builtinCode = number
    item.deprecatedBuiltinCode = min(number, 127)
    if isinstance(code, str):
        item.customCode = code
    return item


def posenet_like(custom: str = "PosenetDecoderOp") -> bytes:
    """A picture in, an ADD, then ``custom`` on its result: as PoseNet ends in its decoder."""
    tensors = [tensor("image", [1, 8, 8, 3]), tensor("features", [1, 8, 8, 3]),
               tensor("poses", [1, 10, 17, 2])]
    ops = [Op(schema.BuiltinOperator.ADD, [0, 0], [1]), Op(custom, [1], [2])]
    return model_bytes(tensors, ops, [0], [2])
