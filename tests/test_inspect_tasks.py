"""``inspect`` describes models of every task; ``run`` refuses those it cannot compare yet."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.cli.main import main
from tests.detection_models import OBJECTS, build_detector
from tests.test_model_info import build, set_shapes

FACE = "mobilenet_ssd_v2_face_quant_postprocess_edgetpu.tflite"


def test_compiled_face_detector_names_its_post_processing_as_a_cpu_operation(
        coral: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = coral / "detection" / FACE
    assert main(["inspect", str(path)]) == 0
    text = capsys.readouterr().out
    assert "object detection: its TFLite_Detection_PostProcess outputs are in the TF1 order" \
        in text
    assert "1 operation on the CPU: TFLite_Detection_PostProcess." in text
    assert ("boxes 1×50×4 float32; classes 1×50 float32; scores 1×50 float32; "
            "count 1 float32") in text
    assert "CPU model:" not in text  # its twin is not there, and nothing is made up

    assert main(["inspect", str(path), "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["task"] == "detection"
    side = document["edgetpu_model"]
    assert side["cpu_operator_types"] == {"TFLite_Detection_PostProcess": 1}
    assert [o["role"] for o in side["outputs"]] == ["boxes", "classes", "scores", "count"]
    assert side["task"]["layout"]["max_detections"] == 50
    assert side["output"]["classes"] is None  # a detector's first output scores no classes
    assert document["notes"] == ["1 operation on the CPU: TFLite_Detection_PostProcess."]


def test_built_detector_pair_in_tf2_order(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    build_detector(tmp_path / "det.tflite", OBJECTS, order="tf2")
    build_detector(tmp_path / "det_edgetpu.tflite", OBJECTS, order="tf2",
                   compiled_name="edgetpu-custom-op")
    assert main(["inspect", str(tmp_path / "det.tflite"), "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    for key in ("cpu_model", "edgetpu_model"):
        assert [o["role"] for o in document[key]["outputs"]] == [
            "scores", "boxes", "count", "classes"]
        assert document[key]["task"]["layout"]["order"] == "tf2"


def test_run_names_the_operation_a_model_of_no_task_lacks(
        coral: Path, parrot: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A model of no known task is timed, unless it needs an operation no runtime here has."""
    code = main(["run", "--model", str(coral / "invalid" / "model_invoking_error.tflite"),
                 "--image", str(parrot), "--backend", "cpu"])
    assert code == 2
    assert "needs the operation fake-op-double" in capsys.readouterr().err


def test_a_pipeline_segment_is_described(coral: Path, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    """A compiled middle segment of a pipelined model: feature maps in and out, no picture."""

    def segment(model: object) -> None:
        set_shapes(inp=[1, 19, 19, 576], out=[1, 10, 10, 1280])(model)
        model.operatorCodes[0].customCode = "edgetpu-custom-op"  # type: ignore[attr-defined]

    path = build(coral, tmp_path, segment, name="ssd_segment_1_of_2_edgetpu.tflite")
    assert main(["inspect", str(path)]) == 0
    text = capsys.readouterr().out
    assert "Edge TPU model:" in text and "CPU model:" not in text
    assert "other: its input is not a picture" in text
    assert "1×19×19×576 uint8" in text and "1×10×10×1280 float32" in text
    assert "– (the input is not a picture)" in text


def test_inspect_says_how_many_classes_each_task_tells_apart(
        coral: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Read from the file where it says: a detector's post-processing options, a classifier's
    scores; a class map and keypoints say no count."""
    detector = build_detector(tmp_path / "det.tflite", OBJECTS, classes=3)
    cases = [(detector, "3 (the post-processing's num_classes)", 3),
             (coral / "detection" / FACE, "1 (the post-processing's num_classes)", 1),
             (coral / "segmentation" / "deeplabv3_mnv2_pascal_quant.tflite",
              "the ids in its class map (the file does not say how many)", None),
             (coral / "pose" / "movenet_single_pose_lightning_ptq.tflite",
              "– (keypoints, not classes)", None),
             (coral / "models" / "mobilenet_v1_0.25_128_quant.tflite", "1001", 1001)]
    for path, text, count in cases:
        assert main(["inspect", str(path)]) == 0
        lines = [line for line in capsys.readouterr().out.splitlines()
                 if line.strip().startswith("Classes")]
        assert lines and all(line.split(None, 1)[1] == text for line in lines), path.name
        assert main(["inspect", str(path), "--json"]) == 0
        document = json.loads(capsys.readouterr().out)
        side = document["cpu_model"] or document["edgetpu_model"]
        assert side["task"]["classes"] == count, path.name
