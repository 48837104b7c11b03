"""Detection models built in the tests, so that the expected boxes are known exactly.

Each model has an image input (which no operator reads) and one operator, LiteRT's own
``TFLite_Detection_PostProcess``, fed constant box encodings, class scores and anchors. With zero
encodings the post-processing returns each anchor as its box, so the anchors are the expected
boxes; the scores choose which survive and in which order. The graph's outputs are listed in the
order an exporter writes them (TF1 or TF2), optionally with a signature naming them as TF2's
exporter does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import flatbuffers
import numpy as np
from ai_edge_litert import schema_py_generated as schema
from flatbuffers import flexbuffers

BOXES, CLASSES, SCORES, COUNT = 4, 5, 6, 7  # tensor indices of the operator's four outputs
ORDERS = {"tf1": [BOXES, CLASSES, SCORES, COUNT], "tf2": [SCORES, BOXES, COUNT, CLASSES],
          # the signature's own order: neither positional rule places these
          "named": [COUNT, SCORES, CLASSES, BOXES]}


@dataclass(frozen=True)
class Anchor:
    """One expected object: its box (normalised to the input: ymin, xmin, ymax, xmax), the
    class it scores highest and that score."""

    box: tuple[float, float, float, float]
    class_id: int
    score: float


def _tensor(shape: Sequence[int], kind: int, buffer: int, name: str) -> schema.TensorT:
    tensor = schema.TensorT()
    tensor.shape = np.array(shape, dtype=np.int32)
    tensor.type = kind
    tensor.buffer = buffer
    tensor.name = name
    return tensor


def _buffer(values: np.ndarray | None = None) -> schema.BufferT:
    buffer = schema.BufferT()
    if values is not None:
        buffer.data = np.frombuffer(values.astype("<f4").tobytes(), dtype=np.uint8)
    return buffer


def build_detector(path: Path, anchors: Sequence[Anchor], classes: int = 3,
                   order: str = "tf1", signature: bool = False, max_detections: int = 10,
                   size: tuple[int, int] = (64, 64), compiled_name: str | None = None) -> Path:
    """Write a detector to ``path``; ``size`` is the input (width, height)."""
    count = len(anchors)
    encodings = np.zeros((1, count, 4), dtype=np.float32)
    scores = np.zeros((1, count, classes + 1), dtype=np.float32)
    centres = np.zeros((count, 4), dtype=np.float32)
    for i, anchor in enumerate(anchors):
        ymin, xmin, ymax, xmax = anchor.box
        centres[i] = ((ymin + ymax) / 2, (xmin + xmax) / 2, ymax - ymin, xmax - xmin)
        scores[0, i, 1 + anchor.class_id] = anchor.score
    f32 = schema.TensorType.FLOAT32
    graph = schema.SubGraphT()
    graph.tensors = [
        _tensor([1, size[1], size[0], 3], schema.TensorType.UINT8, 0, "image"),
        _tensor([1, count, 4], f32, 1, "box_encodings"),
        _tensor([1, count, classes + 1], f32, 2, "class_predictions"),
        _tensor([count, 4], f32, 3, "anchors"),
        _tensor([1, max_detections, 4], f32, 0, "TFLite_Detection_PostProcess"),
        _tensor([1, max_detections], f32, 0, "TFLite_Detection_PostProcess:1"),
        _tensor([1, max_detections], f32, 0, "TFLite_Detection_PostProcess:2"),
        _tensor([1], f32, 0, "TFLite_Detection_PostProcess:3"),
    ]
    op = schema.OperatorT()
    op.opcodeIndex = 0
    op.inputs = np.array([1, 2, 3], dtype=np.int32)
    op.outputs = np.array([BOXES, CLASSES, SCORES, COUNT], dtype=np.int32)
    op.customOptions = np.frombuffer(bytes(flexbuffers.Dumps({
        "max_detections": max_detections, "max_classes_per_detection": 1,
        "detections_per_class": 1, "num_classes": classes, "nms_score_threshold": 1e-8,
        "nms_iou_threshold": 0.5, "use_regular_nms": False, "y_scale": 10.0,
        "x_scale": 10.0, "h_scale": 5.0, "w_scale": 5.0})), dtype=np.uint8)
    op.customOptionsFormat = schema.CustomOptionsFormat.FLEXBUFFERS
    graph.operators = [op]
    graph.inputs = np.array([0], dtype=np.int32)
    graph.outputs = np.array(ORDERS[order], dtype=np.int32)
    codes = [_custom_code("TFLite_Detection_PostProcess")]
    if compiled_name is not None:  # a stand-in for a compiled file: the marker op, unused
        codes.append(_custom_code(compiled_name))
    model = schema.ModelT()
    model.version = 3
    model.operatorCodes = codes
    model.subgraphs = [graph]
    model.buffers = [_buffer(), _buffer(encodings), _buffer(scores), _buffer(centres)]
    if signature:
        model.signatureDefs = [_signature()]
    builder = flatbuffers.Builder(4096)
    builder.Finish(model.Pack(builder), file_identifier=b"TFL3")
    path.write_bytes(bytes(builder.Output()))
    return path


def _custom_code(name: str) -> schema.OperatorCodeT:
    code = schema.OperatorCodeT()
    code.builtinCode = schema.BuiltinOperator.CUSTOM
    code.deprecatedBuiltinCode = schema.BuiltinOperator.CUSTOM
    code.customCode = name
    code.version = 1
    return code


def _signature() -> schema.SignatureDefT:
    def entry(name: str, index: int) -> schema.TensorMapT:
        item = schema.TensorMapT()
        item.name = name
        item.tensorIndex = index
        return item

    signature = schema.SignatureDefT()
    signature.signatureKey = "serving_default"
    signature.subgraphIndex = 0
    signature.inputs = [entry("images", 0)]
    signature.outputs = [entry("output_0", COUNT), entry("output_1", SCORES),
                         entry("output_2", CLASSES), entry("output_3", BOXES)]
    return signature


# Three objects in a 64x64 input, boxes on an 1/16 grid (exact in float32), and one more that
# scores below 0.5, and one that overlaps the best one and is suppressed by the post-processing.
OBJECTS = (
    Anchor((0.125, 0.25, 0.5, 0.75), 0, 0.875),
    Anchor((0.5, 0.0625, 0.9375, 0.4375), 2, 0.75),
    Anchor((0.5625, 0.5, 1.0, 1.0), 1, 0.625),
    Anchor((0.0, 0.0, 0.25, 0.25), 1, 0.25),
    Anchor((0.125, 0.25, 0.5, 0.6875), 0, 0.5),
)
SURVIVORS = OBJECTS[:4]  # what the post-processing returns, best first


def run_litert(path: Path, image: np.ndarray | None = None) -> list[np.ndarray]:
    """The model's outputs in the graph's order, from a real LiteRT interpreter."""
    from ai_edge_litert.interpreter import Interpreter

    interpreter = Interpreter(model_path=str(path))
    interpreter.allocate_tensors()
    detail = interpreter.get_input_details()[0]
    interpreter.set_tensor(detail["index"], image if image is not None
                           else np.zeros(detail["shape"], dtype=detail["dtype"]))
    interpreter.invoke()
    return [interpreter.get_tensor(d["index"]).copy() for d in interpreter.get_output_details()]
