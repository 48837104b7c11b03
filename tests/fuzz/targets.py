"""Fuzz targets for every reader of user files: models, labels, images and result files.

Each target takes the bytes of a file, writes them where the real reader reads them from and
calls the real reader. The only acceptable outcomes are a result or an ``AppError`` (a clear
one-line error); any other exception is a crash, and an input that takes longer than
``HANG_S`` is a hang. Inputs are real Coral files (and small pictures in every format) mutated
by hypothesis: flipped bits, interesting integers, truncation, insertion, deletion; result files
also get whole fields replaced by arbitrary JSON. ``bench/fuzz.py`` runs them for minutes; the
test suite runs each briefly.
"""

from __future__ import annotations

import atexit
import functools
import io
import json
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import strategies as st
from PIL import Image

from core.errors import AppError
from core.inputs.labels import load_labels
from core.inputs.model_info import ModelInfo, inspect_model, read_model
from core.inputs.preprocess import load_image, make_input_tensor
from core.results.report_html import render_html
from core.results.result_files import to_csv, to_json
from core.results.result_reader import parse_result_bytes
from core.results.summary import comparison_sentence
from core.tasks.model_task import TASKS, model_task
from tests.conftest import CORAL
from tests.detection_models import OBJECTS, build_detector

HANG_S = 20.0
SMALL_MODEL = "models/mobilenet_v1_0.25_128_quant.tflite"
_INTERESTING_U32 = (0, 1, 0x7F, 0x80, 0xFF, 0xFFFF, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF)


@functools.cache
def _folder() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="edgetpu-compare-fuzz-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def _as_file(name: str, data: bytes) -> Path:
    path = _folder() / name
    path.write_bytes(data)
    return path


@functools.cache
def model_seeds() -> tuple[bytes, ...]:
    return ((CORAL / SMALL_MODEL).read_bytes(),
            (CORAL / SMALL_MODEL.replace(".tflite", "_edgetpu.tflite")).read_bytes())


@functools.cache
def detector_seeds() -> tuple[bytes, ...]:
    """Small detectors, one with a signature: the post-processing's options and the signature
    are read from foreign bytes too."""
    return (build_detector(_folder() / "seed_tf1.tflite", OBJECTS).read_bytes(),
            build_detector(_folder() / "seed_named.tflite", OBJECTS, order="named",
                           signature=True).read_bytes())


@functools.cache
def labels_seeds() -> tuple[bytes, ...]:
    return ((CORAL / "labels" / "coco_labels.txt").read_bytes(),
            (CORAL / "labels" / "imagenet_labels.txt").read_bytes()[:3000],
            (CORAL / "labels" / "imagenet_labels_numbered.txt").read_bytes()[:3000],
            "0 猫\n1 犬\n".encode())


@functools.cache
def image_seeds() -> tuple[bytes, ...]:
    picture = Image.open(CORAL / "images" / "parrot.jpg").convert("RGB").resize((24, 20))
    seeds = []
    for fmt, mode in (("PNG", "RGBA"), ("JPEG", "RGB"), ("BMP", "RGB"), ("GIF", "P"),
                      ("WEBP", "RGB"), ("TIFF", "I;16"), ("PNG", "LA"), ("PPM", "RGB")):
        out = io.BytesIO()
        picture.convert(mode).save(out, fmt)
        seeds.append(out.getvalue())
    return tuple(seeds)


@functools.cache
def result_seed() -> dict[str, Any]:
    backend = {
        "id": "cpu", "kind": "cpu", "label": "CPU (LiteRT, XNNPACK, 2 threads)",
        "model": {"path": "/m/a.tflite", "sha256": "ab" * 32, "edgetpu_compiled": False},
        "runtime": {"name": "ai-edge-litert", "version": "2.0", "spec": "cpu"},
        "device": "x86_64", "status": "ok", "error": None, "warnings": [],
        "load_ms": 3.5, "first_inference_ms": 9.25, "latencies_ms": [4.0, 4.5, 5.0, 4.25],
        "stats": {"count": 4, "min": 4.0, "median": 4.375, "mean": 4.4375, "p90": 4.85,
                  "p99": 4.985, "max": 5.0, "std": 0.37},
        "results": [{"id": 3, "label": "tabby", "score": 0.8}, {"id": 1, "label": "dog",
                                                                  "score": 0.1}],
    }
    failed = dict(backend, id="edgetpu", kind="edgetpu", label="Edge TPU (first found)",
                  status="error", latencies_ms=[], stats=None, results=[],
                  error={"code": "edgetpu_not_found", "message": "No Edge TPU.",
                         "remedy": "Plug it in.", "detail": "x"})
    second = dict(backend, id="cpu-2", label="CPU (LiteRT, XNNPACK, 1 thread)")
    return {"schema": "edgetpu-compare/1", "created": "2026-12-01T10:00:00+00:00",
            "image": {"path": "/i/cat.bmp", "sha256": "cd" * 32, "width": 640, "height": 480},
            "labels": {"path": "/l/labels.txt", "count": 1000},
            "settings": {"count": 4, "warmup": 1, "top_k": 5, "threshold": 0.0,
                         "schedule": "alternate"},
            "host": {"os": "Linux", "python": "3.11", "cpu": "x", "cores": 2},
            "backends": [backend, failed, second],
            "comparison": {"baseline": "cpu", "candidate": "cpu-2", "speedup_median": 1.0,
                           "top1_agree": True, "topk_overlap": 1.0, "max_score_delta": 0.0}}


# -- strategies -----------------------------------------------------------------------------

@st.composite
def mutated(draw: st.DrawFn, seeds: tuple[bytes, ...]) -> bytes:
    """One seed with up to eight mutations, or (sometimes) bytes from nothing."""
    if draw(st.integers(0, 15)) == 0:
        return draw(st.binary(max_size=2048))
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 8))):
        if not data:
            break
        op = draw(st.sampled_from(("flip", "byte", "u32", "truncate", "insert", "delete")))
        pos = draw(st.integers(0, len(data) - 1))
        if op == "flip":
            data[pos] ^= 1 << draw(st.integers(0, 7))
        elif op == "byte":
            data[pos] = draw(st.integers(0, 255))
        elif op == "u32":
            data[pos:pos + 4] = draw(st.sampled_from(_INTERESTING_U32)).to_bytes(4, "little")
        elif op == "truncate":
            del data[pos:]
        elif op == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=64))
        else:
            del data[pos:pos + draw(st.integers(1, 256))]
    return bytes(data)


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**15), 10**15)
    | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=50),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner,
                                                                max_size=4),
    max_leaves=12)


@st.composite
def result_files(draw: st.DrawFn) -> bytes:
    """The seed result with one to three fields replaced by arbitrary JSON, or its bytes
    mutated, or deeply nested lists."""
    choice = draw(st.integers(0, 9))
    seed = json.dumps(result_seed()).encode()
    if choice == 0:
        depth = draw(st.integers(1, 100_000))
        return b'{"schema": "edgetpu-compare/1", "backends": ' + b"[" * depth + b"]" * depth + b"}"
    if choice <= 3:
        return draw(mutated((seed,)))
    tree = json.loads(seed)
    for _ in range(draw(st.integers(1, 3))):
        node: Any = tree
        while True:
            keys = list(node) if isinstance(node, dict) else list(range(len(node)))
            if not keys:
                break
            key = draw(st.sampled_from(keys))
            child = node[key]
            if not isinstance(child, (dict, list)) or draw(st.booleans()):
                node[key] = draw(_JSON)
                break
            node = child
    return json.dumps(tree).encode()


# -- targets --------------------------------------------------------------------------------

@functools.cache
def _small_model_info() -> ModelInfo:
    return inspect_model(CORAL / SMALL_MODEL)


def model_target(data: bytes) -> None:
    try:
        info = inspect_model(_as_file("model.tflite", data))
    except AppError:
        return
    assert info.num_classes >= 2 and info.width >= 8


def detector_target(data: bytes) -> None:
    try:
        info = read_model(_as_file("detector.tflite", data))
    except AppError:
        return
    task = model_task(info)
    assert task.task in TASKS
    if task.detection is not None:
        roles = task.output_roles(len(info.outputs))
        assert sorted(r for r in roles if r) == ["boxes", "classes", "count", "scores"]


def labels_target(data: bytes) -> None:
    try:
        labels = load_labels(_as_file("labels.txt", data)).checked(1001)
    except AppError:
        return
    assert all(isinstance(labels.name(i), str) and labels.name(i) for i in range(5))


def image_target(data: bytes) -> None:
    try:
        image, info = load_image(_as_file("image.bin", data))
    except AppError:
        return
    assert info.width >= 1 and info.height >= 1
    tensor = make_input_tensor(image, _small_model_info())
    assert tensor.shape == _small_model_info().input.shape


def result_target(data: bytes) -> None:
    try:
        record = parse_result_bytes(data, "fuzz.json")
    except AppError:
        return
    # What the screenshot command, the window and the exports do with a record they accepted.
    comparison_sentence(record)
    render_html(record)
    to_csv(record)
    parse_result_bytes(to_json(record).encode(), "again.json")


TARGETS: dict[str, tuple[Callable[[bytes], None], Callable[[], st.SearchStrategy[bytes]]]] = {
    "model": (model_target, lambda: mutated(model_seeds())),
    "detector": (detector_target, lambda: mutated(detector_seeds())),
    "labels": (labels_target, lambda: mutated(labels_seeds()) | st.text().map(str.encode)),
    "image": (image_target, lambda: mutated(image_seeds())),
    "results": (result_target, result_files),
}

