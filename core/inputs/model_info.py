"""Validate and describe a .tflite file without letting any runtime open it.

``tflite-runtime`` segfaults on a truncated model, so a file is read here first, as bytes, through
a bounds-checked view of its flatbuffer: every read that would leave the file raises inside this
module, and ``read_model`` turns any failure into ``invalid_model`` with a sentence that names
the file and the problem. Field numbers follow TensorFlow Lite's ``schema.fbs``, the source of
``ai_edge_litert.schema_py_generated`` (used here for the identifier check and the type names; the
tests compare both readers). The generated readers themselves check no bounds and will loop over a
garbage length, so they never see unvalidated bytes.

Reading (``read_model``) accepts every structurally valid model, whatever it computes: a
classifier, a detector, a compiled file alone, a pipeline segment. It records what the rest of the
program keys on: whether the model is compiled for the Edge TPU (its graph holds the
``edgetpu-custom-op`` custom op; the file name proves nothing), every input and output, the
signature's output names and the detection post-processing operator, from which
``core.tasks.model_task`` tells the model's task. ``inspect_model`` adds the one refusal the
measuring path still needs: it compares image classifiers only.
"""

from __future__ import annotations

import hashlib
import io
import math
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from ai_edge_litert import schema_py_generated as schema

from core.errors import AppError, fail
from core.inputs.flatbuffer_reader import I8, U8, U32, U64, Damaged, Table, Truncated, get
from core.inputs.labels import MAX_LABELS_BYTES, describe_bytes, load_labels, parse_labels
from core.inputs.model_graph import EDGETPU_CUSTOM_OP, GraphFacts, read_graph
from core.io.files import is_regular_file, read_user_file

INPUT_DTYPES = ("uint8", "int8", "int16", "float32", "float16")
MAX_INPUT_SIDE = 8192  # a flipped bit in a shape must not make preprocessing allocate gigabytes
_TYPE_NAMES = {v: k.lower() for k, v in vars(schema.TensorType).items()
               if not k.startswith("_") and isinstance(v, int)}
_AGAIN = "Download or copy the model again, or choose another .tflite file."
_MAX_EMBEDDED_IDS = 100_000
POSTPROCESS_OP = "TFLite_Detection_PostProcess"
_MAX_OPTIONS = 64 * 1024  # the post-processing's options are a few hundred bytes


@dataclass(frozen=True)
class TensorSpec:
    """One tensor as the program needs it; ``scale`` is 0.0 when the tensor is not quantised."""

    name: str
    shape: tuple[int, ...]
    dtype: str
    scale: float
    zero_point: int

    def to_dict(self) -> dict[str, Any]:
        return {"shape": list(self.shape), "dtype": self.dtype,
                "quantization": {"scale": self.scale, "zero_point": self.zero_point}}


@dataclass(frozen=True)
class PostProcessOp:
    """The detection post-processing operator of the main graph. ``options`` are its custom
    options (a FlexBuffer: max_detections, num_classes, ...; empty when implausibly large)."""

    options: bytes


@dataclass(frozen=True)
class ModelInfo:
    """What the program needs of a validated model, read from the file alone.

    ``input`` and ``output`` are the first of ``inputs`` and ``outputs``. ``channels``,
    ``height`` and ``width`` describe the first input as a picture, and are 0 when it is not one
    (``not_image`` then says why, as a sentence). ``num_classes`` counts the scores of the first
    output when it is a list of class scores, else 0.
    """

    path: Path
    size: int
    sha256: str
    input: TensorSpec
    output: TensorSpec
    edgetpu_compiled: bool
    custom_ops: tuple[str, ...]
    num_classes: int
    mean: tuple[float, ...] | None
    std: tuple[float, ...] | None
    embedded_labels: tuple[str, ...] | None
    channels: int
    height: int
    width: int
    graph: GraphFacts  # operators and constant data, counted by core.inputs.model_graph
    not_image: str = ""
    inputs: tuple[TensorSpec, ...] = ()
    outputs: tuple[TensorSpec, ...] = ()
    signature_outputs: tuple[tuple[str, int], ...] = ()  # (name, output position), one signature
    signatures: int = 0
    postprocess: PostProcessOp | None = None

    @property
    def is_image_model(self) -> bool:
        """Whether the first input is a picture this program can make (an image model)."""
        return not self.not_image

    def to_dict(self) -> dict[str, Any]:
        """The ``model`` object of a result file's backend entry."""
        return {"path": str(self.path), "sha256": self.sha256,
                "edgetpu_compiled": self.edgetpu_compiled, "input": self.input.to_dict()}


@dataclass(frozen=True)
class _Parsed:
    inputs: tuple[TensorSpec, ...]
    outputs: tuple[TensorSpec, ...]
    custom_ops: tuple[str, ...]
    metadata: bytes | None
    signature_outputs: tuple[tuple[str, int], ...]
    signatures: int
    postprocess: PostProcessOp | None


def inspect_model(path: Path | str) -> ModelInfo:
    """Validate ``path`` as an image classifier; raises ``AppError`` otherwise.

    The measuring path compares classifiers only, so it reads models through this; everything
    that describes a model (``inspect``, the task) uses ``read_model``.
    """
    info = read_model(path)
    _check_classifier(info)
    return info


def read_model(path: Path | str) -> ModelInfo:
    """Validate ``path`` as a TensorFlow Lite model of any kind; raises ``invalid_model``."""
    p = Path(path)
    data = _read(p)
    try:
        parsed = _parse(data)
        graph = read_graph(data)
    except Truncated as exc:
        raise fail("invalid_model", f"'{p.name}' is truncated: the file ends before the "
                   "model does.", _AGAIN, detail=str(exc)) from None
    except Exception as exc:  # any fault in foreign bytes must become a plain invalid_model
        raise fail("invalid_model", f"'{p.name}' is damaged: its internal structure is "
                   "inconsistent.", _AGAIN, detail=f"{type(exc).__name__}: {exc}") from None
    not_image, (height, width, channels) = _image_input(p.name, parsed.inputs)
    mean, std, labels_name = _read_metadata(parsed.metadata, max(channels, 1))
    return ModelInfo(
        path=p, size=len(data), sha256=hashlib.sha256(data).hexdigest(),
        input=parsed.inputs[0], output=parsed.outputs[0],
        edgetpu_compiled=EDGETPU_CUSTOM_OP in parsed.custom_ops, custom_ops=parsed.custom_ops,
        num_classes=score_classes(parsed.outputs[0].shape), mean=mean, std=std,
        embedded_labels=_embedded_labels(data, labels_name), channels=channels, height=height,
        width=width, graph=graph, not_image=not_image, inputs=parsed.inputs,
        outputs=parsed.outputs, signature_outputs=parsed.signature_outputs,
        signatures=parsed.signatures, postprocess=parsed.postprocess)


def _read(p: Path) -> bytes:
    _, data = read_user_file(p, "invalid_model", "model file", allow_empty=True)
    if not data:
        raise fail("invalid_model", f"'{p.name}' is empty.", _AGAIN)
    if not data.strip(b"\x00"):
        raise fail("invalid_model", f"'{p.name}' contains only zero bytes, not a model.", _AGAIN)
    if len(data) < 8 or not schema.Model.ModelBufferHasIdentifier(data, 0):
        kind = describe_bytes(data)
        what = f" (it looks like {kind})" if kind else ""
        raise fail("invalid_model", f"'{p.name}' is not a TensorFlow Lite model{what}.")
    return data


def _parse(data: bytes) -> _Parsed:
    """Walk the parts a runtime would trust; raise ``Damaged`` at the first impossible one."""
    root = Table(data, get(U32, data, 0))
    codes = root.tables(1)
    custom = tuple(sorted({c.text(1) for c in codes} - {""}))
    subgraphs = root.tables(2)
    buffers = root.tables(4)
    for buffer in buffers:
        buffer.span(0, 1)
        offset, size = buffer.scalar(1, U64), buffer.scalar(2, U64)
        if offset > 1 and offset + size > len(data):
            raise Truncated(f"buffer data at {offset}+{size} lies past the end of the file")
    if not subgraphs:
        raise Damaged("the model has no graph")
    for graph in subgraphs:
        tensor_count = graph.span(0, 4)[1]
        for op in graph.tables(3):
            if op.scalar(0, U32) >= len(codes):
                raise Damaged("an operator names an operator type that does not exist")
            for index in (*op.numbers(1, "i"), *op.numbers(2, "i")):
                if not -1 <= index < tensor_count:
                    raise Damaged("an operator names a tensor that does not exist")
    graph = subgraphs[0]
    tensors = graph.tables(0)
    inputs, outputs = graph.numbers(1, "i"), graph.numbers(2, "i")
    for index in (*inputs, *outputs):
        if not 0 <= index < len(tensors):
            raise Damaged("the graph's inputs or outputs name a tensor that does not exist")
    for tensor in tensors:
        if tensor.scalar(2, U32) >= max(len(buffers), 1):
            raise Damaged("a tensor names a data buffer that does not exist")
    if not inputs or not outputs:
        raise Damaged("the graph has no inputs or no outputs")
    metadata = None
    for entry in root.tables(6):
        index = entry.scalar(1, U32)
        if entry.text(0) == "TFLITE_METADATA" and index < len(buffers):
            metadata = _buffer_bytes(data, buffers[index])
    signatures = root.tables(7)
    named: tuple[tuple[str, int], ...] = ()
    if len(signatures) == 1 and signatures[0].scalar(4, U32) == 0:
        named = tuple((entry.text(0), outputs.index(entry.scalar(1, U32)))
                      for entry in signatures[0].tables(1) if entry.scalar(1, U32) in outputs)
    return _Parsed(tuple(_spec(tensors[i]) for i in inputs),
                   tuple(_spec(tensors[i]) for i in outputs), custom, metadata, named,
                   len(signatures), _postprocess(data, codes, graph))


def _postprocess(data: bytes, codes: list[Table], graph: Table) -> PostProcessOp | None:
    """The first detection post-processing operator of the main graph, if it has one."""
    for op in graph.tables(3):
        if codes[op.scalar(0, U32)].text(1) == POSTPROCESS_OP:
            first, size = op.span(5, 1)
            return PostProcessOp(data[first:first + size] if size <= _MAX_OPTIONS else b"")
    return None


def _buffer_bytes(data: bytes, buffer: Table) -> bytes:
    offset, size = buffer.scalar(1, U64), buffer.scalar(2, U64)
    if offset > 1:
        return data[offset:offset + size]
    first, count = buffer.span(0, 1)
    return data[first:first + count]


def _spec(tensor: Table) -> TensorSpec:
    quant = tensor.table(4)
    scales = quant.numbers(2, "f") if quant else ()
    zero_points = quant.numbers(3, "q") if quant else ()
    scale = float(scales[0]) if scales else 0.0
    if not (math.isfinite(scale) and scale >= 0):
        raise Damaged(f"quantisation scale {scale}")
    type_code = tensor.scalar(1, I8)
    return TensorSpec(name=tensor.text(3), shape=tuple(tensor.numbers(0, "i")),
                      dtype=_TYPE_NAMES.get(type_code, f"type {type_code}"), scale=scale,
                      zero_point=int(zero_points[0]) if zero_points else 0)


def _image_input(name: str, inputs: tuple[TensorSpec, ...]) -> tuple[str, tuple[int, int, int]]:
    """(why the model's input is not a picture, or ""; its height, width and channels)."""
    spec = inputs[0]
    shape = list(spec.shape)
    if len(inputs) != 1:
        return f"'{name}' takes {len(inputs)} inputs, not one image.", (0, 0, 0)
    if len(shape) == 3:
        shape.append(1)
    if not (len(shape) == 4 and shape[0] == 1 and shape[3] in (1, 3)
            and min(shape[1], shape[2]) >= 8):
        return f"'{name}' takes an input of shape {list(spec.shape)}, not an image.", (0, 0, 0)
    if max(shape[1], shape[2]) > MAX_INPUT_SIDE:
        return (f"'{name}' takes {shape[2]}x{shape[1]}-pixel images, more than this program "
                "supports."), (0, 0, 0)
    if spec.dtype not in INPUT_DTYPES:
        return f"'{name}' takes {spec.dtype} numbers as input, not image pixels.", (0, 0, 0)
    return "", (shape[1], shape[2], shape[3])


def picture_size(spec: TensorSpec) -> tuple[int, int, int] | None:
    """(height, width, channels) when ``spec`` can be fed a picture as an image model's input
    is, else None: for each input of a model of no known task that takes several."""
    why, size = _image_input("", (spec,))
    return None if why else size


def score_classes(shape: tuple[int, ...]) -> int:
    """How many classes an output of this shape scores: ``[1,N]``, ``[N]`` or ``[1,1,1,N]``
    with N >= 2; 0 for any other shape."""
    out = list(shape)
    classes = out[-1] if out else 0
    return classes if out in ([1, classes], [classes], [1, 1, 1, classes]) and classes >= 2 else 0


def _check_classifier(info: ModelInfo) -> None:
    """Refuse (``unsupported_model``) a model that is not an image classifier.

    A detector is refused by its post-processing first: in TF2's output order its first output
    is a list of scores, which the shape alone would take for a classifier's.
    """
    if info.postprocess is not None:
        _unsupported(f"'{info.path.name}' is an object detection model: detection models are "
                     "not yet compared.")
    if info.not_image:
        _unsupported(info.not_image)
    if not info.num_classes:
        _unsupported(f"'{info.path.name}' produces an output of shape "
                     f"{list(info.output.shape)}, not a list of class scores.")


def _unsupported(message: str) -> NoReturn:
    raise fail("unsupported_model", message)


def _read_metadata(blob: bytes | None, channels: int,
                   ) -> tuple[tuple[float, ...] | None, tuple[float, ...] | None, str | None]:
    """Normalisation and labels file name from TFLite metadata (``metadata_schema.fbs``).

    Metadata is advice, not structure: a runtime never reads it, so a damaged block is ignored
    rather than rejecting a model that runs.
    """
    if not blob or blob[4:8] != b"M001":
        return None, None, None
    mean = std = labels = None
    try:
        graph = Table(blob, get(U32, blob, 0)).tables(3)[0]  # subgraph_metadata[0]
        for unit in graph.tables(2)[0].tables(4):  # input_tensor_metadata[0].process_units
            options = unit.table(1)
            if unit.scalar(0, U8) == 1 and options:  # NormalizationOptions
                mean, std = options.numbers(0, "f"), options.numbers(1, "f")
        for file in graph.tables(3)[0].tables(6):  # output_tensor_metadata[0].associated_files
            if file.scalar(2, I8) == 2 and labels is None:  # TENSOR_AXIS_LABELS
                labels = file.text(0)
    except (Damaged, IndexError, ValueError, struct.error):
        pass
    if not (mean and std and len(mean) in (1, channels) and len(std) in (1, channels)
            and all(0 < s < 1e6 for s in std) and all(abs(m) < 1e6 for m in mean)):
        return None, None, labels
    return tuple(float(m) for m in mean), tuple(float(s) for s in std), labels


def _embedded_labels(data: bytes, preferred: str | None) -> tuple[str, ...] | None:
    """Labels packed in the zip that TFLite metadata appends to a model, when there is one."""
    if b"PK\x05\x06" not in data[-65_600:]:
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            texts = [i for i in archive.infolist() if i.filename.lower().endswith(".txt")]
            chosen = ([i for i in texts if i.filename == preferred]
                      or [i for i in texts if "label" in i.filename.lower()]
                      or (texts if len(texts) == 1 else []))
            if not chosen or chosen[0].file_size > MAX_LABELS_BYTES:
                return None
            labels = parse_labels(archive.read(chosen[0]).decode("utf-8"))
    except (zipfile.BadZipFile, AppError, OSError, ValueError, EOFError, RuntimeError,
            NotImplementedError):
        return None
    size = max(labels.names) + 1
    if size > _MAX_EMBEDDED_IDS:
        return None
    return tuple(labels.names.get(i, "") for i in range(size))


@dataclass(frozen=True)
class ModelPair:
    """The CPU and the Edge TPU file of one model; either may be missing."""

    name: str
    cpu: Path | None
    edgetpu: Path | None


def _base_name(stem: str) -> str:
    return stem.removesuffix("_edgetpu")


def resolve_pair(path: Path | str) -> ModelPair:
    """Find the twin of ``NAME.tflite`` / ``NAME_edgetpu.tflite`` in the same folder.

    The given file is inspected to know which side it is (a compiled model is the Edge TPU member
    whatever its name); the twin is only looked up, each backend validates what it loads.
    """
    p = Path(path)
    if read_model(p).edgetpu_compiled:
        base = _base_name(p.stem)
        twin = p.with_name(base + p.suffix)
        return ModelPair(base, twin if base != p.stem and is_regular_file(twin) else None, p)
    twin = p.with_name(p.stem + "_edgetpu" + p.suffix)
    return ModelPair(p.stem, p, twin if is_regular_file(twin) else None)




# Coral's labels files by the dataset a model name mentions (first match wins).
_FAMILIES = (("inat_bird", "inat_bird_labels.txt"), ("inat_insect", "inat_insect_labels.txt"),
             ("inat_plant", "inat_plant_labels.txt"), ("coco", "coco_labels.txt"),
             ("pascal", "pascal_voc_segmentation_labels.txt"))
_IMAGENET_HINTS = ("mobilenet", "efficientnet", "inception", "resnet", "imagenet")


def find_labels_beside(model_path: Path | str, num_classes: int | None = None) -> Path | None:
    """The labels file that most likely belongs to a model, looked for beside it; or None.

    Looks in the model's folder, its ``labels/`` subfolder and a sibling ``labels/`` folder for
    ``STEM_labels.txt``/``STEM.txt`` (also without ``_edgetpu``), then Coral's dataset files by
    name. A candidate with fewer labels than ``num_classes - 1`` (the model is inspected when
    ``num_classes`` is not given) is passed over: it belongs to another model.
    """
    p = Path(model_path)
    low = p.stem.lower()
    names = [f"{s}{end}" for s in dict.fromkeys((p.stem, _base_name(p.stem)))
             for end in ("_labels.txt", ".txt", "-labels.txt")]
    names += [file for key, file in _FAMILIES if key in low]
    if "inat" not in low and any(hint in low for hint in _IMAGENET_HINTS):
        names.append("imagenet_labels.txt")
    if num_classes is None:
        try:
            num_classes = inspect_model(p).num_classes
        except AppError:
            num_classes = 0
    for folder in dict.fromkeys((p.parent, p.parent / "labels", p.parent.parent / "labels")):
        for name in names:
            candidate = folder / name
            if is_regular_file(candidate) and _enough_labels(candidate, num_classes):
                return candidate
    return None


def _enough_labels(path: Path, num_classes: int) -> bool:
    try:
        labels = load_labels(path)
    except AppError:
        return False
    return max(labels.names) + 1 >= num_classes - 1
