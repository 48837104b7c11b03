"""MoveNet through the whole command line: keypoints saved as CSV and checked against Coral's
CPU reference, the skeleton drawn, the two backends' keypoint agreement, and the result file."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from PIL import Image

from core.cli.main import main
from core.results.result_reader import parse_result_bytes
from core.tasks.pose import PoseAgreement, PoseResult


def _rows(path: Path) -> dict[int, dict[str, float]]:
    with path.open(newline="") as handle:
        return {int(row["keypoint_id"]): {key: float(value) for key, value in row.items()
                                          if key not in ("name", "keypoint_id")}
                for row in csv.DictReader(handle)}


def test_movenet_on_the_squat_matches_corals_reference_through_save_outputs(
        coral: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = coral / "pose"
    out = tmp_path / "outputs"
    out.mkdir()
    result = tmp_path / "result.json"
    code = main(["run", "--model", str(folder / "movenet_single_pose_lightning_ptq.tflite"),
                 "--image", str(folder / "squat.bmp"), "--backend", "cpu",
                 "--backend", "cpu:threads=1", "--count", "1", "--warmup", "0",
                 "--save-outputs", str(out), "--json", str(result),
                 "--html", str(tmp_path / "report.html")])
    text = capsys.readouterr().out
    assert code == 0, text
    assert "left knee: score" in text and "keypoints within 0.0% of the picture" in text

    ours = _rows(out / "cpu-keypoints.csv")
    reference = _rows(folder / "movenet_single_pose_lightning_ptq_reference.csv")
    compared = [i for i in ours if ours[i]["score"] > 0.4
                and reference[i]["keypoint_score"] > 0.4]
    assert len(compared) >= 8
    for i in compared:
        assert abs(ours[i]["x"] - reference[i]["keypoint_x"]) <= 0.04, i
        assert abs(ours[i]["y"] - reference[i]["keypoint_y"]) <= 0.04, i
    squat = Image.open(folder / "squat.bmp")
    overlay = Image.open(out / "cpu-2-overlay.png")
    assert overlay.size == squat.size
    assert overlay.convert("RGB").tobytes() != squat.convert("RGB").tobytes()

    document = json.loads(result.read_text())
    assert document["task"] == "pose"
    agreement = PoseAgreement.from_dict(document["comparisons"][0]["pose_agreement"])
    assert agreement.compared >= 8 and agreement.agrees()
    reopened = parse_result_bytes(result.read_bytes())
    saved = reopened.backends[0].task_result
    assert isinstance(saved, PoseResult)
    assert [round(k.x, 4) for k in saved.keypoints] == [round(ours[i]["x"], 4)
                                                        for i in range(17)]
    assert reopened.comparisons[0].pose_agreement == agreement

    report = (tmp_path / "report.html").read_text()
    assert report.count('<img class="overlay"') == 2
    assert "<td>left ankle</td>" in report
    assert re.search(r"<th>Keypoints</th><td>\d+ keypoints within 0\.0% of the picture", report)


def test_a_damaged_pose_agreement_in_a_file_is_a_plain_error() -> None:
    with pytest.raises(ValueError, match="compared"):
        PoseAgreement.from_dict({"compared": 40})
    with pytest.raises(ValueError, match="max_distance"):
        PoseAgreement.from_dict({"compared": 3, "max_distance": "far"})
