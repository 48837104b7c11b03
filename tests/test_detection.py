"""Detections decoded from LiteRT's real post-processing, mapped back to the picture's pixels."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from core.inputs.labels import parse_labels
from core.inputs.model_info import read_model
from core.inputs.preprocess import PixelPlacement, fit_input, load_image
from core.tasks.detection import Box, Detection, Detections, decode_detections
from core.tasks.model_task import DetectionLayout, model_task
from tests.detection_models import OBJECTS, build_detector, run_litert

TF1 = DetectionLayout(0, 1, 2, 3, "tf1", 4, 3)
SQUARE = PixelPlacement(64, 64, 64, 64, 64, 64)
LABELS = {0: "person", 1: "bicycle", 2: "car"}


def layout_of(path: Path) -> DetectionLayout:
    layout = model_task(read_model(path)).detection
    assert layout is not None
    return layout


@pytest.mark.parametrize(("order", "signature"), [
    ("tf1", False), ("tf2", False), ("tf2", True), ("named", True)])
def test_litert_post_processing_decoded_exactly(tmp_path: Path, order: str,
                                                signature: bool) -> None:
    path = build_detector(tmp_path / "d.tflite", OBJECTS, order=order, signature=signature)
    outputs = run_litert(path)
    found = decode_detections(outputs, layout_of(path), PixelPlacement(640, 480, 64, 64, 64, 48),
                              LABELS)
    assert found.flags == ()
    # Three of the five anchors score at least 0.5 after the post-processing's suppression.
    assert [(d.class_id, d.label, d.score) for d in found.items] == [
        (0, "person", 0.875), (2, "car", 0.75), (1, "bicycle", 0.625)]
    # The anchors, in the picture's pixels: x * 640 / 64 * 64, y * 480 / 48 * 64.
    assert [d.box for d in found.items] == [
        Box(0.25 * 640, 0.125 * 640, 0.75 * 640, 0.5 * 640),
        Box(0.0625 * 640, 0.5 * 640, 0.4375 * 640, 480.0),  # into the padding: cut at the edge
        Box(0.5 * 640, 0.5625 * 640, 640.0, 480.0)]
    everything = decode_detections(outputs, layout_of(path), SQUARE, LABELS, threshold=0.0)
    assert [d.score for d in everything.items] == [0.875, 0.75, 0.625, 0.25]
    assert len(decode_detections(outputs, layout_of(path), SQUARE, threshold=0.0,
                                 max_results=2).items) == 2


def test_the_fitted_tensor_runs_and_is_the_same_for_every_model_of_one_input(
        tmp_path: Path, coral: Path) -> None:
    image, _ = load_image(coral / "images" / "grace_hopper.bmp")
    one = build_detector(tmp_path / "a.tflite", OBJECTS, order="tf1", size=(48, 32))
    two = build_detector(tmp_path / "b.tflite", OBJECTS, order="tf2", size=(48, 32))
    tensor_one, placement = fit_input(image, read_model(one))
    tensor_two, _ = fit_input(image, read_model(two))
    assert tensor_one.shape == (1, 32, 48, 3) and tensor_one.dtype == np.uint8
    assert np.array_equal(tensor_one, tensor_two)
    assert run_litert(one, tensor_one)[3][0] == 4  # the runtime takes it as it is
    # Grace Hopper is 517x606, portrait: the height fills the input, the rest is padding.
    assert (placement.content_width, placement.content_height) == (27, 32)
    assert not tensor_one[0, :, 27:].any()


def picture(size: tuple[int, int], rect: tuple[int, int, int, int]) -> Image.Image:
    """A grey picture with a red rectangle (xmin, ymin, xmax, ymax, end exclusive)."""
    pixels = np.full((size[1], size[0], 3), 128, dtype=np.uint8)
    pixels[rect[1]:rect[3], rect[0]:rect[2]] = (255, 0, 0)
    return Image.fromarray(pixels)


def red_box(tensor: np.ndarray) -> tuple[float, float, float, float]:
    """Where the red rectangle landed in the input, normalised: (ymin, xmin, ymax, xmax)."""
    pixels = tensor[0].astype(int)
    red = (pixels[..., 0] > 200) & (pixels[..., 1] < 60)
    rows, cols = np.nonzero(red)
    height, width = red.shape
    return (rows.min() / height, cols.min() / width, (rows.max() + 1) / height,
            (cols.max() + 1) / width)


@pytest.mark.parametrize(("size", "rect"), [
    ((300, 600), (60, 300, 240, 540)),  # portrait
    ((800, 400), (400, 40, 720, 200)),  # landscape
    ((500, 500), (100, 150, 350, 400)),  # square
])
def test_boxes_map_back_to_the_picture(tmp_path: Path, size: tuple[int, int],
                                       rect: tuple[int, int, int, int]) -> None:
    model = read_model(build_detector(tmp_path / "d.tflite", OBJECTS, size=(96, 64)))
    tensor, placement = fit_input(picture(size, rect), model)
    mapped = placement.to_picture(*red_box(tensor))
    step = max(size[0] / placement.content_width, size[1] / placement.content_height)
    assert mapped == pytest.approx(rect, abs=step + 1)  # within one input pixel


@pytest.mark.parametrize("orientation", [3, 6, 8])
def test_boxes_map_to_the_upright_picture_of_an_exif_rotated_photo(
        tmp_path: Path, orientation: int) -> None:
    stored = picture((400, 200), (20, 30, 120, 90))  # as the camera stored it
    exif = Image.Exif()
    exif[0x0112] = orientation
    path = tmp_path / "photo.png"
    stored.save(path, exif=exif)
    upright, info = load_image(path)
    expected = {3: (280, 110, 380, 170), 6: (110, 20, 170, 120), 8: (30, 280, 90, 380)}
    assert (info.width, info.height) == ((400, 200) if orientation == 3 else (200, 400))
    model = read_model(build_detector(tmp_path / "d.tflite", OBJECTS, size=(64, 64)))
    tensor, placement = fit_input(upright, model)
    assert (placement.picture_width, placement.picture_height) == (info.width, info.height)
    mapped = placement.to_picture(*red_box(tensor))
    assert mapped == pytest.approx(expected[orientation], abs=400 / 64 + 1)


# -- Numbers a runtime should not give, decoded all the same -------------------------------------

def outputs(boxes: list[list[float]], classes: list[float], scores: list[float],
            count: float) -> list[np.ndarray]:
    return [np.array([boxes], dtype=np.float32), np.array([classes], dtype=np.float32),
            np.array([scores], dtype=np.float32), np.array([count], dtype=np.float32)]


GOOD = [0.0, 0.0, 0.5, 0.5]


def test_count_larger_than_the_arrays_is_cut_and_flagged() -> None:
    found = decode_detections(outputs([GOOD, GOOD], [0, 1], [0.9, 0.8], 1000), TF1, SQUARE)
    assert len(found.items) == 2 and found.flags == ("count_clamped",)
    for bad in (float("nan"), -3.0):
        found = decode_detections(outputs([GOOD], [0], [0.9], bad), TF1, SQUARE)
        assert len(found.items) == 1 and found.flags == ("count_clamped",)


def test_nan_and_impossible_scores_are_dropped_and_flagged() -> None:
    found = decode_detections(outputs([GOOD] * 4, [0, 1, 2, 0], [np.nan, 0.9, 7.0, -np.inf], 4),
                              TF1, SQUARE)
    assert [d.class_id for d in found.items] == [1]
    assert found.flags == ("scores_invalid",)


def test_boxes_out_of_range_are_clamped_and_flagged() -> None:
    found = decode_detections(outputs([[-0.5, 0.25, 1.5, 0.75], [0.5, 0.75, 0.25, 0.25],
                                       [np.nan, 0, 1, 1]], [0, 0, 0], [0.9, 0.8, 0.7], 3),
                              TF1, SQUARE)
    assert [d.box for d in found.items] == [Box(16, 0, 48, 64), Box(16, 16, 48, 32)]
    assert found.flags == ("boxes_clamped", "boxes_invalid", "boxes_reordered")
    inside = decode_detections(outputs([[0.5, 0.75, 0.25, 0.25]], [0], [0.9], 1), TF1, SQUARE)
    assert inside.flags == ("boxes_reordered",)


def test_class_ids_that_are_not_classes_are_dropped_and_flagged() -> None:
    found = decode_detections(outputs([GOOD] * 4, [np.nan, 1.5, -1, 2], [0.9] * 4, 4),
                              TF1, SQUARE)
    assert [d.class_id for d in found.items] == [2]
    assert found.flags == ("classes_invalid",)


def test_labels_fewer_than_the_classes_show_class_n_and_are_flagged() -> None:
    labels = parse_labels("person\nbicycle\n").names
    found = decode_detections(outputs([GOOD] * 2, [1, 5], [0.9, 0.8], 2), TF1, SQUARE, labels)
    assert [d.label for d in found.items] == ["bicycle", "class 5"]
    assert found.flags == ("classes_unnamed",)
    unlabelled = decode_detections(outputs([GOOD], [5], [0.9], 1), TF1, SQUARE)
    assert unlabelled.items[0].label == "class 5" and unlabelled.flags == ()


@pytest.mark.parametrize("bad", [
    [np.zeros((1, 4, 3)), np.zeros((1, 4)), np.zeros((1, 4)), np.zeros(1)],  # boxes not of 4
    [np.zeros((1, 4, 4)), np.zeros((1, 4)), np.zeros((1, 4)), np.zeros(0)],  # no count
    [np.zeros((1, 4, 4)), np.zeros((1, 4))],  # outputs missing
    [np.zeros((1, 4, 4)), np.array([["a", "b"]]), np.zeros((1, 2)), np.ones(1)],
])
def test_outputs_of_impossible_shapes_give_an_empty_flagged_result(bad: list[np.ndarray]) -> None:
    found = decode_detections(bad, TF1, SQUARE)
    assert found.items == () and found.flags == ("outputs_malformed",)


def test_detections_as_data() -> None:
    found = decode_detections(outputs([GOOD], [2], [0.75], 1), TF1, SQUARE, LABELS)
    assert found.to_dict() == {"detections": [
        {"id": 2, "label": "car", "score": 0.75, "box": [0.0, 0.0, 32.0, 32.0]}], "flags": []}


@settings(max_examples=200, deadline=None, database=None)
@given(rows=st.integers(0, 6), data=st.data())
def test_any_numbers_decode_into_boxes_inside_the_picture(rows: int, data: st.DataObject) -> None:
    numbers = st.floats(allow_nan=True, allow_infinity=True, width=32)
    boxes = data.draw(st.lists(st.lists(numbers, min_size=4, max_size=4), min_size=rows,
                               max_size=rows))
    classes = data.draw(st.lists(numbers, min_size=rows, max_size=rows))
    scores = data.draw(st.lists(numbers, min_size=rows, max_size=rows))
    count = data.draw(numbers)
    placement = PixelPlacement(300, 200, 64, 64, 64, 42)
    found = decode_detections([np.array([boxes or np.zeros((0, 4))], dtype=np.float32),
                               np.array([classes], dtype=np.float32),
                               np.array([scores], dtype=np.float32),
                               np.array([count], dtype=np.float32)], TF1, placement,
                              LABELS, threshold=0.0)
    assert len(found.items) <= rows
    for d in found.items:
        assert 0 <= d.box.xmin <= d.box.xmax <= 300 and 0 <= d.box.ymin <= d.box.ymax <= 200
        assert 0.0 <= d.score <= 1.0 and d.class_id >= 0 and d.label
    assert [d.score for d in found.items] == sorted((d.score for d in found.items),
                                                    reverse=True)


def test_a_tf_object_detection_labelmap_names_litert_classes(tmp_path: Path) -> None:
    """The ??? background line: line N+1 names the class id the post-processing returns."""
    path = build_detector(tmp_path / "d.tflite", OBJECTS)
    labels = parse_labels("???\nperson\nbicycle\ncar\n").names
    found = decode_detections(run_litert(path), layout_of(path), SQUARE, labels)
    assert [d.label for d in found.items] == ["person", "car", "bicycle"]


def test_saved_detections_read_back_and_foreign_ones_are_refused() -> None:
    found = decode_detections(outputs([GOOD, [0.5, 1.5, 0.75, 1.0]], [2, 7], [0.75, 0.6], 5),
                              TF1, SQUARE, LABELS)
    again = Detections.from_dict(json.loads(json.dumps(found.to_dict())))
    assert again == found
    assert again.repairs() == ["some boxes reached beyond the model's input and were cut at its "
                               "edge",
                               "the labels do not name some of the classes found",
                               "the reported count was larger than the outputs (or not a count)"]
    good = found.to_dict()
    for damage in (lambda d: d.update(detections="x"), lambda d: d.update(flags=["rm -rf"]),
                   lambda d: d["detections"][0].update(id=-1),
                   lambda d: d["detections"][0].update(id=True),
                   lambda d: d["detections"][0].update(label=""),
                   lambda d: d["detections"][0].update(score=float("nan")),
                   lambda d: d["detections"][0].update(score=2),
                   lambda d: d["detections"][0].update(box=[0, 0, 1]),
                   lambda d: d["detections"][0].update(box=[5, 0, 1, 1]),
                   lambda d: d["detections"].append(7)):
        data = json.loads(json.dumps(good))
        damage(data)
        with pytest.raises(ValueError):
            Detections.from_dict(data)
    with pytest.raises(ValueError, match="more than 1 detections"):
        Detections.from_dict(good, max_items=1)


def test_fitting_a_picture_into_a_model_that_takes_none_is_a_clear_mistake(coral: Path) -> None:
    image, _ = load_image(coral / "images" / "parrot.jpg")
    with pytest.raises(ValueError, match="takes no picture"):
        fit_input(image, read_model(coral / "invalid" / "model_invoking_error.tflite"))


def test_a_grayscale_detector_is_fed_one_channel(tmp_path: Path, coral: Path) -> None:
    model = read_model(build_detector(tmp_path / "d.tflite", OBJECTS, size=(40, 40)))
    gray = replace(model, channels=1, input=replace(model.input, shape=(1, 40, 40, 1)))
    image, _ = load_image(coral / "images" / "parrot.jpg")
    tensor, placement = fit_input(image, gray)
    assert tensor.shape == (1, 40, 40, 1)
    assert max(placement.content_width, placement.content_height) == 40


def test_a_stricter_threshold_hides_objects_and_keeps_the_repairs() -> None:
    low = Detection(1, "cat", 0.55, Box(0, 0, 1, 1))
    high = Detection(2, "dog", 0.9, Box(0, 0, 2, 2))
    found = Detections((high, low), ("boxes_clamped",))
    assert found.above(0.5) is found  # nothing hidden: the very result, not drawn again
    assert found.above(0.6) == Detections((high,), ("boxes_clamped",))
    assert found.above(0.95).items == ()
