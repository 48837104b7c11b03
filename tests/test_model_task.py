"""A model's task, read from the model: built detectors in every output order, Coral's models."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from ai_edge_litert import schema_py_generated as schema

from core.errors import AppError
from core.inputs.model_info import inspect_model, read_model
from core.tasks.model_task import model_task
from tests.detection_models import OBJECTS, Anchor, build_detector
from tests.test_model_info import build, set_shapes

FACE = "mobilenet_ssd_v2_face_quant_postprocess_edgetpu.tflite"


@pytest.mark.parametrize(("order", "signature", "expected"), [
    ("tf1", False, ("tf1", 0, 1, 2, 3)),
    ("tf2", False, ("tf2", 1, 3, 0, 2)),
    ("tf2", True, ("signature", 1, 3, 0, 2)),
    ("named", True, ("signature", 3, 2, 1, 0)),
])
def test_detection_outputs_are_placed_in_every_order(tmp_path: Path, order: str,
                                                     signature: bool,
                                                     expected: tuple[object, ...]) -> None:
    # The name says nothing: a detector called like a classifier is still a detector.
    path = build_detector(tmp_path / "mobilenet_v2_classifier.tflite", OBJECTS, order=order,
                          signature=signature, max_detections=7)
    task = model_task(read_model(path))
    assert task.task == "detection"
    d = task.detection
    assert d is not None
    assert (d.order, d.boxes, d.classes, d.scores, d.count) == expected
    assert (d.max_detections, d.num_classes) == (7, 3)
    roles = task.output_roles(4)
    assert roles[d.boxes] == "boxes" and roles[d.count] == "count"


def test_signature_order_is_needed_without_the_signature(tmp_path: Path) -> None:
    """Outputs in the signature's order, signature removed: no positional rule places them."""
    path = build_detector(tmp_path / "d.tflite", OBJECTS, order="named")
    assert model_task(read_model(path)).task == "other"


def test_tf2_order_with_one_detection_is_not_taken_for_tf1(tmp_path: Path) -> None:
    """N = 1: the TF2 classes output (position 3) holds one number, which pycoral's rule reads
    as the TF1 order; the shapes then do not fit, and the TF2 order does."""
    path = build_detector(tmp_path / "d.tflite", OBJECTS[:1], order="tf2", max_detections=1)
    d = model_task(read_model(path)).detection
    assert d is not None and (d.order, d.boxes, d.count) == ("tf2", 1, 2)


def test_four_outputs_without_the_post_processing_are_not_a_detector(coral: Path,
                                                                     tmp_path: Path) -> None:
    def four_outputs(model: object) -> None:
        graph = model.subgraphs[0]  # type: ignore[attr-defined]
        shapes = ([1, 10, 4], [1, 10], [1, 10], [1])
        base = len(graph.tensors)
        for k, shape in enumerate(shapes):
            tensor = schema.TensorT()
            tensor.shape = np.array(shape, dtype=np.int32)
            tensor.type = schema.TensorType.FLOAT32
            tensor.name = f"out{k}"
            graph.tensors.append(tensor)
        graph.outputs = np.arange(base, base + 4, dtype=np.int32)

    task = model_task(read_model(build(coral, tmp_path, four_outputs)))
    assert task.task == "classification" or task.task == "other"
    assert task.detection is None


def test_compiled_face_detector_alone_is_a_detector(coral: Path) -> None:
    info = read_model(coral / "detection" / FACE)
    assert info.edgetpu_compiled
    task = model_task(info)
    assert task.task == "detection"
    d = task.detection
    assert d is not None
    assert (d.order, d.boxes, d.classes, d.scores, d.count) == ("tf1", 0, 1, 2, 3)
    assert (d.max_detections, d.num_classes) == (50, 1)


@pytest.mark.parametrize(("folder", "name", "task"), [
    ("models", "mobilenet_v2_1.0_224_quant", "classification"),
    ("models", "mobilenet_v2_1.0_224_quant_edgetpu", "classification"),
    ("models", "mobilenet_edgetpu_0.75_224_post_training_quant", "classification"),
    ("segmentation", "deeplabv3_mnv2_pascal_quant", "segmentation"),
    ("segmentation", "deeplabv3_mnv2_pascal_quant_edgetpu", "segmentation"),
    ("pose", "movenet_single_pose_lightning_ptq", "pose"),
    ("pose", "movenet_single_pose_lightning_ptq_edgetpu", "pose"),
    ("invalid", "model_invoking_error", "other"),
])
def test_coral_models_tasks(coral: Path, folder: str, name: str, task: str) -> None:
    assert model_task(read_model(coral / folder / f"{name}.tflite")).task == task


def test_deeplab_layout_is_a_class_map(coral: Path) -> None:
    s = model_task(read_model(coral / "segmentation" / "deeplabv3_mnv2_pascal_quant.tflite")
                   ).segmentation
    assert s is not None and (s.kind, s.height, s.width, s.output) == ("class_map", 513, 513, 0)


@pytest.mark.parametrize(("inp", "out", "dtype", "task", "detail"), [
    ([1, 32, 32, 3], [1, 16, 16, 21], None, "segmentation", ("scores", 21)),
    ([1, 32, 32, 3], [1, 16, 16], schema.TensorType.INT32, "segmentation", ("class_map", 0)),
    ([1, 32, 32, 3], [1, 16, 16], None, "other", None),  # float, not a class id per pixel
    ([1, 32, 32, 3], [1, 1, 17, 3], None, "pose", None),
    ([1, 32, 32, 3], [1, 1, 16, 3], None, "other", None),
    ([1, 32, 32, 3], [1, 10], None, "classification", None),
    ([1, 32, 32, 3], [1, 1, 16, 21], None, "other", None),  # one row: not a mask
    ([1, 128], [1, 10], None, "other", None),  # not a picture in: scores of what?
])
def test_shapes_decide_the_task(coral: Path, tmp_path: Path, inp: list[int], out: list[int],
                                dtype: int | None, task: str,
                                detail: tuple[str, int] | None) -> None:
    def edit(model: object) -> None:
        set_shapes(inp, out)(model)
        if dtype is not None:
            model.subgraphs[0].tensors[1].type = dtype  # type: ignore[attr-defined]

    found = model_task(read_model(build(coral, tmp_path, edit)))
    assert found.task == task
    if detail is not None:
        assert found.segmentation is not None
        assert (found.segmentation.kind, found.segmentation.classes) == detail


def test_damaged_post_processing_options_leave_the_detector_readable(tmp_path: Path) -> None:
    path = build_detector(tmp_path / "d.tflite", [Anchor((0, 0, 0.5, 0.5), 0, 0.9)])
    data = bytearray(path.read_bytes())
    at = data.find(b"max_detections")
    data[at:at + 14] = b"\xff" * 14  # the key is gone, the rest of the block is garbage
    path.write_bytes(bytes(data))
    d = model_task(read_model(path)).detection
    assert d is not None and d.max_detections == 10  # from the shapes, not the options


@pytest.mark.parametrize("edit", [
    set_shapes(out=[1, 513, 513]), set_shapes(out=[1, 1]), set_shapes(inp=[1, 32, 32, 4]),
    set_shapes(inp=[2, 32, 32, 3]), set_shapes(dtype=schema.TensorType.INT32),
    set_shapes(inp=[1, 100_000, 64, 3]),
    lambda m: setattr(m.subgraphs[0], "inputs", np.array([0, 1], dtype=np.int32)),
])
def test_reading_accepts_what_only_the_classifier_check_refuses(coral: Path, tmp_path: Path,
                                                                edit: object) -> None:
    path = build(coral, tmp_path, edit)  # type: ignore[arg-type]
    info = read_model(path)
    assert info.not_image or not info.num_classes
    with pytest.raises(AppError) as caught:
        inspect_model(path)
    assert caught.value.info.code == "unsupported_model"
    assert model_task(info).task == "other"


@pytest.mark.parametrize("order", ["tf1", "tf2"])
def test_the_measuring_path_refuses_a_detector_by_its_post_processing(tmp_path: Path,
                                                                      order: str) -> None:
    """In the TF2 order a detector's first output is a list of scores: its shape alone passed
    for a classifier's, and the window would have shown scores of boxes as classes."""
    path = build_detector(tmp_path / "d.tflite", OBJECTS, order=order)
    with pytest.raises(AppError) as caught:
        inspect_model(path)
    assert caught.value.info.code == "unsupported_model"
    assert "is an object detection model: detection models are not yet compared" in \
        caught.value.info.message
