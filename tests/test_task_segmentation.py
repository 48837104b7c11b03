"""Segmentation: Coral's DeepLab on its bird through LiteRT, and the class-map code on made maps."""

from __future__ import annotations

import base64
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from ai_edge_litert.interpreter import Interpreter
from PIL import Image

from core.errors import AppError
from core.inputs.labels import load_labels
from core.io.outputs import plan_outputs
from core.tasks.output_files import output_path, save
from core.tasks.placement import Placement
from core.tasks.segmentation import (
    OVERLAY_ALPHA,
    PALETTE,
    SegmentationResult,
    class_map,
    classes_output,
    classes_png,
    compare_class_maps,
    decode_segmentation,
    overlay_on,
    pixel_agreement,
)

BIRD = 3  # Pascal VOC


@pytest.fixture(scope="module")
def deeplab_output(coral: Path) -> np.ndarray:
    """Coral's example: the 513x513 picture fed as it is (uint8, the input's own size)."""
    folder = coral / "segmentation"
    interpreter = Interpreter(model_path=str(folder / "deeplabv3_mnv2_pascal_quant.tflite"))
    interpreter.allocate_tensors()
    detail = interpreter.get_input_details()[0]
    picture = Image.open(folder / "bird_segmentation.bmp").convert("RGB")
    assert tuple(detail["shape"][1:3]) == (picture.height, picture.width)
    interpreter.set_tensor(detail["index"], np.asarray(picture, dtype=np.uint8)[np.newaxis])
    interpreter.invoke()
    output: np.ndarray = interpreter.get_tensor(interpreter.get_output_details()[0]["index"])
    return output


def reference_mask(coral: Path, size: tuple[int, int]) -> np.ndarray:
    mask = Image.open(coral / "segmentation" / "bird_segmentation_mask.bmp")
    return np.asarray(mask.resize(size, Image.Resampling.NEAREST))


def test_deeplab_agrees_with_coral_mask_and_survives_the_png(
        coral: Path, deeplab_output: np.ndarray, tmp_path: Path) -> None:
    assert deeplab_output.shape == (1, 513, 513) and deeplab_output.dtype == np.int64
    labels = load_labels(coral / "segmentation" / "pascal_voc_segmentation_labels.txt")
    result = decode_segmentation(deeplab_output, Placement.stretched(513, 513), labels)
    mask = reference_mask(coral, (513, 513))
    assert compare_class_maps(mask, result.classes).pixel_agreement > 0.9

    output = classes_output(tmp_path, "cpu", result)
    plan_outputs([(output.what, output.path)], [])
    path = save(output)
    assert path == tmp_path / "cpu-classes.png"
    saved = Image.open(path)
    assert (saved.mode, saved.size) == ("L", (513, 513))
    read_back = np.asarray(saved)
    assert np.array_equal(read_back, deeplab_output[0])
    assert pixel_agreement(mask, read_back) > 0.9

    top = {row.class_id: row for row in result.legend}
    assert set(top) == {0, BIRD}
    assert top[BIRD].label == "bird"
    assert top[BIRD].share == pytest.approx(np.mean(deeplab_output == BIRD))
    assert sum(row.share for row in result.legend) == pytest.approx(1.0)
    assert top[BIRD].colour == (128, 128, 0)  # Pascal VOC's bird


def test_deeplab_overlay_is_made_once_at_the_pictures_size(
        coral: Path, deeplab_output: np.ndarray) -> None:
    result = decode_segmentation(deeplab_output, Placement.stretched(1026, 513))
    overlay = result.overlay
    assert overlay is result.overlay
    assert (overlay.mode, overlay.size) == ("RGBA", (1026, 513))
    pixels = np.asarray(overlay)
    wide = np.repeat(deeplab_output[0], 2, axis=1)
    assert np.array_equal(pixels[..., 3] > 0, wide == BIRD)
    assert np.all(pixels[wide == BIRD] == (128, 128, 0, OVERLAY_ALPHA))
    picture = Image.new("RGB", (1026, 513), (0, 0, 255))
    shown = np.asarray(overlay_on(picture, result))
    assert np.all(shown[wide == 0] == (0, 0, 255))
    assert not np.any(np.all(shown[wide == BIRD] == (0, 0, 255), axis=-1))


def test_pixel_agreement_and_class_iou_by_hand() -> None:
    baseline = np.array([[0, 1], [1, 255]])
    other = np.array([[0, 1], [2, 0]])
    found = compare_class_maps(baseline, other)
    # 255 counts as 0: same at three of four pixels, 3 / (2 * 4 - 3)
    assert found.pixel_agreement == pytest.approx(0.6)
    assert (found.same_pixels, found.pixels) == (3, 4)
    iou = {row.class_id: row.iou for row in found.classes}
    assert iou == {0: 1.0, 1: 0.5, 2: 0.0}
    assert found.worst_class is not None and found.worst_class.class_id == 2
    sentence = found.sentence()
    assert sentence.fields == {"agreement": 0.6, "label": "class 2", "iou": 0.0}
    assert sentence.english() == "pixel agreement 0.600, class 2 IoU 0.00"
    assert compare_class_maps(other, other).pixel_agreement == 1.0
    assert compare_class_maps(np.zeros((2, 2)), np.ones((2, 2))).pixel_agreement == 0.0


def test_maps_of_different_sizes_are_a_clear_error() -> None:
    with pytest.raises(AppError) as caught:
        compare_class_maps(np.zeros((4, 4)), np.zeros((4, 5)))
    assert "4x4 and 5x4" in caught.value.info.message


def test_scores_per_class_become_the_class_with_the_highest() -> None:
    scores = np.zeros((1, 2, 3, 4), dtype=np.float32)
    scores[0, 0, 0, 3] = 1.0
    scores[0, 1, 2, 2] = 0.5
    scores[0, 1, 1, :] = [np.nan, 0.1, 0.2, 0.0]  # NaN never wins
    assert class_map(scores).tolist() == [[3, 0, 0], [0, 2, 2]]
    assert class_map(np.array([[[2.0, 1.0]]])).tolist() == [[2, 1]]
    assert class_map(np.array([[[[5], [6]]]], dtype=np.uint8)).tolist() == [[5, 6]]


@pytest.mark.parametrize(("output", "words"), [
    (np.zeros((1, 2, 2, 2, 2)), "is not a class map"),
    (np.array([[[0.5, 1.0]]]), "not class ids"),
    (np.array([[[np.nan, 1.0]]]), "not class ids"),
    (np.array([[[-1, 2]]]), "from -1 to 2"),
    (np.array([[[0, 70000]]]), "from 0 to 70000"),
    (np.zeros((1, 0, 4)), "of a size"),
    (np.array([[["a", "b"]]]), "not class ids"),
])
def test_outputs_that_are_no_class_map_are_a_clear_error(output: np.ndarray, words: str) -> None:
    with pytest.raises(AppError) as caught:
        class_map(output)
    assert caught.value.info.code == "unsupported_model"
    assert words in caught.value.info.message


def test_padding_is_cut_off_before_the_mask_is_scaled() -> None:
    classes = np.array([[1, 1, 1, 1], [1, 1, 1, 1], [2, 2, 2, 2], [2, 2, 2, 2]])
    placement = Placement.fitted(200, 100, 4, 4)  # the lower half of the input is padding
    result = decode_segmentation(classes[np.newaxis], placement)
    pixels = np.asarray(result.overlay)
    assert pixels.shape == (100, 200, 4)
    assert np.all(pixels[..., :3] == PALETTE[1])
    assert PALETTE[1].tolist() == [128, 0, 0]


def test_palette_is_pascals() -> None:
    assert PALETTE[:4].tolist() == [[0, 0, 0], [128, 0, 0], [0, 128, 0], [128, 128, 0]]
    assert PALETTE[15].tolist() == [192, 128, 128]  # person
    assert len({tuple(c) for c in PALETTE[:256].tolist()}) == 256


def test_maps_with_ids_above_255_are_coloured_alike() -> None:
    classes = np.array([[0, 1, 3], [15, 300, 0]], dtype=np.int32)
    small = np.where(classes == 300, 3, classes)
    placement = Placement.stretched(6, 4)
    big = np.asarray(decode_segmentation(classes[np.newaxis], placement).overlay)
    usual = np.asarray(decode_segmentation(small[np.newaxis], placement).overlay)
    keep = np.repeat(np.repeat(classes, 2, axis=0), 2, axis=1) != 300
    assert np.array_equal(big[keep], usual[keep])
    assert big[2, 2].tolist() == [*PALETTE[300].tolist(), OVERLAY_ALPHA]
    assert usual[0, 0, 3] == 0 and usual[2, 0].tolist() == [192, 128, 128, OVERLAY_ALPHA]


def test_many_classes_keep_their_ids_in_16_bits(tmp_path: Path) -> None:
    classes = np.array([[0, 300], [65535, 7]], dtype=np.int32)
    path = tmp_path / "big.png"
    path.write_bytes(classes_png(classes))
    assert np.array_equal(np.asarray(Image.open(path)).astype(np.int32), classes)


def test_a_backend_id_never_leaves_the_folder(tmp_path: Path) -> None:
    assert output_path(tmp_path, "edgetpu-usb0", "classes.png").name == "edgetpu-usb0-classes.png"
    for bad in ("../cpu", ".hidden", "a/b", "", "cpu\n"):
        with pytest.raises(ValueError):
            output_path(tmp_path, bad, "classes.png")


def test_saving_into_a_missing_folder_is_an_io_error(tmp_path: Path) -> None:
    result = decode_segmentation(np.zeros((1, 2, 2)), Placement.stretched(2, 2))
    with pytest.raises(AppError) as caught:
        save(classes_output(tmp_path / "absent", "cpu", result))
    assert caught.value.info.code == "io_error"
    assert not (tmp_path / "absent").exists()


def png_text(picture: Image.Image, kind: str = "PNG") -> str:
    buffer = io.BytesIO()
    picture.save(buffer, format=kind)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def test_a_saved_result_reopens_with_its_map(coral: Path, deeplab_output: np.ndarray) -> None:
    labels = load_labels(coral / "segmentation" / "pascal_voc_segmentation_labels.txt")
    placement = Placement.fitted(1000, 600, 513, 513)
    result = decode_segmentation(deeplab_output, placement, labels)
    text = json.dumps(result.to_dict(), allow_nan=False)
    assert len(text) < 100_000  # the map travels as a PNG, not as 263,169 numbers
    again = SegmentationResult.from_dict(json.loads(text), labels)
    assert np.array_equal(again.classes, result.classes)
    assert again.placement == placement and again.legend == result.legend
    assert np.array_equal(np.asarray(again.overlay), np.asarray(result.overlay))


@pytest.mark.parametrize("damage", [
    lambda d: d.pop("map_png"),
    lambda d: d.update(map_png="not base64!"),
    lambda d: d.update(map_png=base64.b64encode(b"\x89PNG\r\n\x1a\n broken").decode()),
    lambda d: d.update(map_png=png_text(Image.new("RGB", (4, 4)))),
    lambda d: d.update(map_png=png_text(Image.new("L", (4, 4)), "BMP")),
    lambda d: d.update(map_png=png_text(Image.new("L", (5000, 4000)))),
    lambda d: d.update(placement={"picture_width": 0, "picture_height": 4,
                                  "filled_width": 1, "filled_height": 1}),
    lambda d: d.update(placement={"picture_width": 4, "picture_height": 4,
                                  "filled_width": 2.0, "filled_height": 1}),
    lambda d: d.update(placement=None),
])
def test_a_damaged_saved_map_is_one_clear_error(damage: Callable[[dict[str, Any]], object]) -> None:
    data = decode_segmentation(np.zeros((1, 4, 4)), Placement.stretched(4, 4)).to_dict()
    damage(data)
    with pytest.raises(AppError) as caught:
        SegmentationResult.from_dict(data)
    assert caught.value.info.code == "invalid_results"
    assert "class map" in caught.value.info.message
