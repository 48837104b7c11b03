"""Pose: Coral's MoveNet on its squat through LiteRT, against Coral's reference keypoints."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from ai_edge_litert.interpreter import Interpreter
from PIL import Image

from core.errors import AppError
from core.tasks.output_files import save
from core.tasks.placement import Placement
from core.tasks.pose import (
    CSV_COLUMNS,
    KEYPOINT_NAMES,
    SKELETON,
    PoseResult,
    compare_poses,
    decode_pose,
    keypoints_output,
)

MOVENET = "movenet_single_pose_lightning_ptq"


def reference(coral: Path, suffix: str = "") -> np.ndarray:
    """Coral's CSV (keypoint_x, keypoint_y, keypoint_score) as the model's (y, x, score) rows."""
    rows = np.zeros((17, 3))
    with (coral / "pose" / f"{MOVENET}{suffix}_reference.csv").open(newline="") as handle:
        for row in csv.DictReader(handle):
            rows[int(row["keypoint_id"])] = (float(row["keypoint_y"]), float(row["keypoint_x"]),
                                             float(row["keypoint_score"]))
    return rows[np.newaxis, np.newaxis]


@pytest.fixture(scope="module")
def squat(coral: Path) -> tuple[np.ndarray, Placement]:
    """Coral's example: the picture resized (LANCZOS) to the input's size, stretched."""
    interpreter = Interpreter(model_path=str(coral / "pose" / f"{MOVENET}.tflite"))
    interpreter.allocate_tensors()
    detail = interpreter.get_input_details()[0]
    picture = Image.open(coral / "pose" / "squat.bmp").convert("RGB")
    height, width = detail["shape"][1:3]
    resized = picture.resize((width, height), Image.Resampling.LANCZOS)
    interpreter.set_tensor(detail["index"], np.asarray(resized, dtype=np.uint8)[np.newaxis])
    interpreter.invoke()
    output: np.ndarray = interpreter.get_tensor(interpreter.get_output_details()[0]["index"])
    return output, Placement.stretched(picture.width, picture.height)


def test_movenet_keypoints_match_corals_cpu_reference(
        coral: Path, squat: tuple[np.ndarray, Placement]) -> None:
    output, placement = squat
    assert output.shape == (1, 1, 17, 3)
    ours = decode_pose(output, placement)
    theirs = decode_pose(reference(coral), placement)
    compared = 0
    for mine, coral_point in zip(ours.keypoints, theirs.keypoints, strict=True):
        if mine.score > 0.4 and coral_point.score > 0.4:
            compared += 1
            assert abs(mine.x - coral_point.x) <= 0.04, mine.name
            assert abs(mine.y - coral_point.y) <= 0.04, mine.name
    assert compared >= 8
    agreement = compare_poses(theirs, ours)
    assert agreement.compared == compared
    assert agreement.agrees()
    assert ours.repaired == 0
    nose = ours.keypoints[0]
    assert (nose.x_px, nose.y_px) == pytest.approx((nose.x * 500, nose.y * 610))


def test_corals_edgetpu_reference_agrees_with_its_cpu_reference(coral: Path) -> None:
    placement = Placement.stretched(500, 610)
    cpu = decode_pose(reference(coral), placement)
    edgetpu = decode_pose(reference(coral, "_edgetpu"), placement)
    agreement = compare_poses(cpu, edgetpu)
    assert agreement.agrees()
    assert agreement.compared == 14
    assert agreement.largest_axis_difference == pytest.approx(0.0198, abs=1e-3)
    assert agreement.max_distance is not None and agreement.mean_distance is not None
    assert 0 < agreement.mean_distance <= agreement.max_distance < 0.03
    sentence = agreement.sentence()
    assert sentence.fields["compared"] == 14
    assert sentence.english().startswith("14 keypoints within 2.")
    assert "of the picture (mean" in sentence.english()


def test_a_far_keypoint_breaks_the_agreement(coral: Path) -> None:
    placement = Placement.stretched(500, 610)
    rows = reference(coral)
    moved = rows.copy()
    moved[0, 0, 16, 1] += 0.05  # right ankle, scored 0.66: compared
    agreement = compare_poses(decode_pose(rows, placement), decode_pose(moved, placement))
    assert agreement.largest_axis_difference == pytest.approx(0.05)
    assert not agreement.agrees()
    unsure = rows.copy()
    unsure[0, 0, :, 2] = 0.3
    nothing = compare_poses(decode_pose(rows, placement), decode_pose(unsure, placement))
    assert (nothing.compared, nothing.max_distance) == (0, None)
    assert not nothing.agrees()
    assert nothing.sentence().english() == "no keypoint scored above 0.4 by both"


def test_keypoints_map_through_the_padding_to_picture_pixels() -> None:
    output = np.zeros((1, 1, 17, 3), dtype=np.float32)
    output[0, 0, 0] = (0.25, 0.5, 0.9)  # y, x, score on the input
    placement = Placement.fitted(400, 200, 192, 192)  # the lower half of the input is padding
    nose = decode_pose(output, placement).keypoints[0]
    assert (nose.x, nose.y) == pytest.approx((0.5, 0.5))
    assert (nose.x_px, nose.y_px) == pytest.approx((200.0, 100.0))
    tall = Placement.fitted(100, 400, 192, 192)  # the right three quarters are padding
    output[0, 0, 0] = (0.5, 0.125, 0.9)
    nose = decode_pose(output, tall).keypoints[0]
    assert (nose.x_px, nose.y_px) == pytest.approx((50.0, 200.0))


def test_quantised_output_is_dequantised() -> None:
    raw = np.full((1, 1, 17, 3), 128, dtype=np.uint8)
    raw[0, 0, 3] = (192, 64, 255)
    point = decode_pose(raw, Placement.stretched(10, 10), scale=1 / 256, zero_point=64).keypoints
    assert (point[3].y, point[3].x, point[3].score) == pytest.approx((0.5, 0.0, 191 / 256))


def test_nan_and_out_of_range_values_are_clamped_and_counted() -> None:
    output = np.full((1, 1, 17, 3), 0.5, dtype=np.float32)
    output[0, 0, 2] = (np.nan, 1.5, 0.9)
    output[0, 0, 5] = (0.5, 0.5, np.nan)
    result = decode_pose(output, Placement.stretched(100, 100))
    assert result.repaired == 2
    eye = result.keypoints[2]
    assert (eye.x, eye.y, eye.score) == (1.0, 0.0, pytest.approx(0.9))
    assert result.keypoints[5].score == 0.0
    assert result.keypoints[5] not in result.sure()
    assert all(5 not in (a.index, b.index) for a, b in result.edges())
    assert len(result.edges()) == len(SKELETON) - 3  # the shoulder's three lines


@pytest.mark.parametrize("shape", [(1, 1, 17, 2), (1, 1, 16, 3), (1, 6, 56), (51,)])
def test_outputs_that_are_no_pose_are_a_clear_error(shape: tuple[int, ...]) -> None:
    with pytest.raises(AppError) as caught:
        decode_pose(np.zeros(shape), Placement.stretched(10, 10))
    assert caught.value.info.code == "unsupported_model"
    assert "17 keypoints" in caught.value.info.message


def test_keypoints_csv_reads_back(tmp_path: Path, squat: tuple[np.ndarray, Placement]) -> None:
    output, placement = squat
    result: PoseResult = decode_pose(output, placement)
    path = save(keypoints_output(tmp_path, "edgetpu", result))
    assert path.name == "edgetpu-keypoints.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [row["name"] for row in rows] == list(KEYPOINT_NAMES)
    for row, point in zip(rows, result.keypoints, strict=True):
        assert float(row["x"]) == pytest.approx(point.x, abs=1e-6)
        assert float(row["y_px"]) == pytest.approx(point.y_px, abs=0.01)
        assert float(row["score"]) == pytest.approx(point.score, abs=1e-6)


def test_a_saved_result_reopens_with_its_keypoints(squat: tuple[np.ndarray, Placement]) -> None:
    output, placement = squat
    result = decode_pose(output, placement)
    again = PoseResult.from_dict(json.loads(json.dumps(result.to_dict(), allow_nan=False)))
    assert again.placement == placement
    for before, after in zip(result.keypoints, again.keypoints, strict=True):
        assert (after.x, after.y, after.score) == (before.x, before.y, before.score)
        assert (after.x_px, after.y_px) == pytest.approx((before.x_px, before.y_px))


@pytest.mark.parametrize("damage", [
    lambda d: d["keypoints"].pop(),
    lambda d: d["keypoints"][3].update(x=1.5),
    lambda d: d["keypoints"][3].update(y=float("nan")),
    lambda d: d["keypoints"][3].update(score=True),
    lambda d: d["keypoints"][3].update(score="0.5"),
    lambda d: d.update(keypoints="none"),
    lambda d: d.update(repaired=-1),
    lambda d: d.pop("placement"),
])
def test_damaged_saved_keypoints_are_one_clear_error(
        damage: Callable[[dict[str, Any]], object]) -> None:
    data = decode_pose(np.full((17, 3), 0.5), Placement.stretched(10, 10)).to_dict()
    damage(data)
    with pytest.raises(AppError) as caught:
        PoseResult.from_dict(data)
    assert caught.value.info.code == "invalid_results"
