"""A detector through the whole command line: LiteRT's real post-processing in each worker,
the objects printed and saved in the picture's pixels, and the agreement of two backends."""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path

import pytest
from PIL import Image

from core.cli.main import main
from core.errors import AppError
from core.measure.backends import BackendSpec
from core.measure.session import RunRequest, Session
from core.results.result_reader import parse_result_bytes
from core.tasks.detection import Detections
from tests.detection_models import OBJECTS, build_detector
from tests.doubles.fake_runtimes import double

LABELMAP = "???\nperson\nbicycle\ncar\n"  # TF Object Detection: line N+1 names class N
# OBJECTS' first three boxes (ymin, xmin, ymax, xmax of the 64x64 input) in a 256x256 picture
EXPECTED = [("person", 0.875, [64.0, 32.0, 192.0, 128.0]),
            ("car", 0.75, [16.0, 128.0, 112.0, 240.0]),
            ("bicycle", 0.625, [128.0, 144.0, 256.0, 256.0])]


@pytest.fixture
def detector(tmp_path: Path) -> tuple[Path, Path, Path]:
    model = build_detector(tmp_path / "det.tflite", OBJECTS, order="tf2")
    labels = tmp_path / "labelmap.txt"
    labels.write_text(LABELMAP)
    image = tmp_path / "square.png"
    Image.new("RGB", (256, 256), (90, 120, 150)).save(image)
    return model, labels, image


def test_run_prints_saves_and_compares_each_backends_objects(
        detector: tuple[Path, Path, Path], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    model, labels, image = detector
    out = tmp_path / "result.json"
    code = main(["run", "--model", str(model), "--labels", str(labels), "--image", str(image),
                 "--backend", "cpu", "--backend", "cpu:threads=1", "--count", "3",
                 "--warmup", "0", "--json", str(out)])
    text = capsys.readouterr().out
    assert code == 0, text
    assert text.count("person (id 0): score 0.87500, box [64, 32, 192, 128]") == 2
    assert text.count("bicycle (id 1): score 0.62500, box [128, 144, 256, 256]") == 2
    assert "class 1" not in text and "0.25000" not in text  # below the default threshold
    assert "found the same 3 objects as CPU" in text and "mean IoU 1.00" in text

    document = json.loads(out.read_text())
    assert document["schema"] == "edgetpu-compare/2" and document["task"] == "detection"
    assert document["settings"]["threshold"] == 0.5
    found = document["backends"][0]["task_result"]
    assert [(d["label"], d["score"], d["box"]) for d in found["detections"]] == EXPECTED
    assert document["backends"][0]["results"] == []
    agreement = document["comparisons"][0]["agreement"]
    assert (agreement["matched"], agreement["baseline_only"], agreement["other_only"]) == \
        (3, 0, 0)

    reopened = parse_result_bytes(out.read_bytes())
    assert reopened.task == "detection"
    result = reopened.backends[1].task_result
    assert isinstance(result, Detections)
    assert [d.box.to_list() for d in result.items] == [box for _, _, box in EXPECTED]
    assert reopened.comparisons[0].agreement is not None
    assert reopened.comparisons[0].agreement.matched == 3


def test_threshold_and_max_detections_choose_what_is_shown(
        detector: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    model, labels, image = detector
    base = ["run", "--model", str(model), "--labels", str(labels), "--image", str(image),
            "--backend", "cpu", "--count", "1", "--warmup", "0"]
    assert main([*base, "--threshold", "0.2", "--max-detections", "4"]) == 0
    assert "bicycle (id 1): score 0.25000" in capsys.readouterr().out
    assert main([*base, "--max-detections", "1"]) == 0
    text = capsys.readouterr().out
    assert "person (id 0)" in text and "car (id 2)" not in text
    assert main([*base, "--threshold", "0.9"]) == 0
    assert "(no object scored 0.9 or more" in capsys.readouterr().out


def test_a_version_1_result_file_still_opens_as_a_classification(tmp_path: Path) -> None:
    old = {"schema": "edgetpu-compare/1", "created": "2026-01-01T00:00:00+00:00",
           "backends": [{"id": "cpu", "kind": "cpu", "label": "CPU", "status": "ok",
                         "results": [{"id": 3, "label": "parrot", "score": 0.9}]}]}
    record = parse_result_bytes(json.dumps(old).encode())
    assert record.task == "classification"
    assert record.backends[0].task_result is None
    assert record.backends[0].results[0].label == "parrot"


@pytest.mark.parametrize(("field", "value"), [
    ("task", "telepathy"),
    ("task_result", {"task": "detection", "detections": [{"id": 0, "label": "x",
                                                            "score": 2.0, "box": [0, 0, 1, 1]}]}),
])
def test_a_damaged_detection_file_is_refused_in_one_line(field: str, value: object) -> None:
    tree: dict[str, object] = {"schema": "edgetpu-compare/2"}
    backend: dict[str, object] = {"id": "cpu", "kind": "cpu", "label": "CPU", "status": "ok"}
    (tree if field == "task" else backend)[field] = value
    tree["backends"] = [backend]
    with pytest.raises(AppError) as caught:
        parse_result_bytes(json.dumps(tree).encode())
    assert caught.value.info.code == "invalid_results"
    assert "damaged" in caught.value.info.message and "\n" not in caught.value.info.message


def test_save_outputs_writes_each_backends_overlay_and_objects(
        detector: tuple[Path, Path, Path], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    model, labels, image = detector
    folder = tmp_path / "outputs"
    folder.mkdir()
    code = main(["run", "--model", str(model), "--labels", str(labels), "--image", str(image),
                 "--backend", "cpu", "--backend", "cpu:threads=1", "--count", "1",
                 "--warmup", "0", "--save-outputs", str(folder)])
    assert code == 0, capsys.readouterr()
    assert sorted(p.name for p in folder.iterdir()) == [
        "cpu-2-detections.json", "cpu-2-overlay.png", "cpu-detections.json", "cpu-overlay.png"]
    saved = json.loads((folder / "cpu-detections.json").read_text())
    assert [(d["label"], d["score"], d["box"]) for d in saved["detections"]] == EXPECTED
    overlay = Image.open(folder / "cpu-overlay.png").convert("RGB")
    assert overlay.size == (256, 256)
    background = (90, 120, 150)
    assert overlay.getpixel((64, 80)) != background  # the person's left edge is drawn
    assert overlay.getpixel((128, 80)) == background  # inside the box the picture shows


def test_save_outputs_never_writes_over_an_input_nor_into_a_missing_folder(
        detector: tuple[Path, Path, Path], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    model, labels, image = detector
    picture = tmp_path / "cpu-overlay.png"
    image.rename(picture)
    before = picture.read_bytes()
    base = ["run", "--model", str(model), "--labels", str(labels), "--image", str(picture),
            "--backend", "cpu", "--count", "1", "--warmup", "0", "--save-outputs"]
    assert main([*base, str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "one of this run's inputs" in err and picture.read_bytes() == before
    assert main([*base, str(tmp_path / "missing")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_a_compiled_detector_without_its_cpu_twin_is_explained_and_still_runs_on_the_edge_tpu(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Coral's compiled face detector comes without a CPU twin; a built stand-in (its Edge TPU
    operation a marker no node uses) runs on the Edge TPU double."""
    model = build_detector(tmp_path / "faces_edgetpu.tflite", OBJECTS,
                           compiled_name="edgetpu-custom-op")
    image = tmp_path / "square.png"
    Image.new("RGB", (256, 256)).save(image)
    code = main(["run", "--model", str(model), "--image", str(image), "--backend", "cpu",
                 "--backend", "edgetpu", "--count", "2", "--warmup", "0"])
    assert code == 1  # no libedgetpu here; what matters is the CPU's explanation
    text = capsys.readouterr().out
    assert "faces_edgetpu.tflite is compiled for the Edge TPU and cannot run on the CPU" in text
    assert "remedy: Put the uncompiled model faces.tflite in" in text


def test_the_edge_tpu_double_runs_a_compiled_detector_alone(tmp_path: Path) -> None:
    model = build_detector(tmp_path / "faces_edgetpu.tflite", OBJECTS,
                           compiled_name="edgetpu-custom-op")
    image = tmp_path / "square.png"
    Image.new("RGB", (256, 256)).save(image)
    request = RunRequest(model, image, count=2, warmup=0,
                         backends=(BackendSpec("cpu"), double("edgetpu", "fake_edgetpu_on_file")))
    record = Session(request).run()
    cpu, edgetpu = record.backends
    assert cpu.status == "error" and cpu.error is not None
    assert cpu.error.code == "model_compiled_for_edgetpu"
    assert edgetpu.status == "ok" and isinstance(edgetpu.task_result, Detections)
    assert [d.box.to_list() for d in edgetpu.task_result.items] == [b for _, _, b in EXPECTED]
    assert record.task == "detection"


def test_the_html_report_shows_each_backends_boxes_on_the_picture(
        detector: tuple[Path, Path, Path], tmp_path: Path) -> None:
    model, labels, image = detector
    report = tmp_path / "report.html"
    assert main(["run", "--model", str(model), "--labels", str(labels), "--image", str(image),
                 "--backend", "cpu", "--count", "1", "--warmup", "0", "--html",
                 str(report)]) == 0
    text = report.read_text()
    encoded = text.split('src="data:image/png;base64,')[1].split('"')[0]
    picture = Image.open(io.BytesIO(base64.b64decode(encoded))).convert("RGB")
    assert picture.size == (256, 256)
    assert picture.getpixel((64, 80)) != (90, 120, 150)  # the person's box is drawn
    assert "<td>person</td><td class=\"num\">0.875</td><td>64, 32, 192, 128</td>" in text


def test_the_model_list_offers_detector_segmenter_and_pose_pairs(tmp_path: Path,
                                                                  coral: Path) -> None:
    """Every task a run takes is offered; a model needing an operation no runtime here has,
    and one of no task a run takes, are not."""
    from core.inputs.model_scan import discover_pairs
    from core.tasks.runnable import runnable_info
    from tests.tflite_builder import posenet_like

    build_detector(tmp_path / "ssd.tflite", OBJECTS)
    build_detector(tmp_path / "ssd_edgetpu.tflite", OBJECTS, compiled_name="edgetpu-custom-op")
    for task, name in (("segmentation", "deeplabv3_mnv2_pascal_quant"),
                       ("segmentation", "deeplabv3_mnv2_pascal_quant_edgetpu"),
                       ("pose", "movenet_single_pose_lightning_ptq"),
                       ("pose", "movenet_single_pose_lightning_ptq_edgetpu")):
        (tmp_path / f"{name}.tflite").write_bytes((coral / task / f"{name}.tflite").read_bytes())
    (tmp_path / "posenet.tflite").write_bytes(posenet_like())
    (tmp_path / "invoking.tflite").write_bytes(
        (coral / "invalid" / "model_invoking_error.tflite").read_bytes())
    pairs = discover_pairs(tmp_path, runnable_info)
    assert [(p.name, p.cpu is not None, p.edgetpu is not None) for p in pairs] == [
        ("deeplabv3_mnv2_pascal_quant", True, True),
        ("movenet_single_pose_lightning_ptq", True, True), ("ssd", True, True)]


def test_labels_fewer_than_the_detectors_classes_are_a_warning_and_show_class_n(
        detector: tuple[Path, Path, Path], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    model, _, image = detector
    short = tmp_path / "short.txt"
    short.write_text("person\n")
    assert main(["run", "--model", str(model), "--labels", str(short), "--image", str(image),
                 "--backend", "cpu", "--count", "1", "--warmup", "0"]) == 0
    text = capsys.readouterr().out
    assert "warning: 'short.txt' names only 1 of the model's 3 classes" in text
    assert "person (id 0)" in text and "class 2 (id 2)" in text
    assert "note: the labels do not name some of the classes found" in text


def test_coral_s_compiled_face_detector_is_explained_on_the_cpu_and_runs_on_the_edge_tpu(
        tmp_path: Path, coral: Path) -> None:
    """The real file, no CPU twin: the CPU says it cannot run it and what to do; the Edge TPU
    (a double giving the file's outputs of its shapes, one face) runs it, and the result goes
    the whole way: decoded through the picture's placement, labelled, printed."""
    import io as text_io

    from core.cli.run import _print_summary

    model = coral / "detection" / "mobilenet_ssd_v2_face_quant_postprocess_edgetpu.tflite"
    image = tmp_path / "square.png"
    Image.new("RGB", (640, 640), (90, 120, 150)).save(image)
    request = RunRequest(model, image, coral / "detection" / "face_labels.txt", count=2,
                         warmup=0, backends=(BackendSpec("cpu"),
                                             double("edgetpu", "fake_edgetpu_detector_shapes")))
    record = Session(request).run()
    cpu, edgetpu = record.backends
    assert record.task == "detection"
    assert cpu.status == "error" and cpu.error is not None
    assert cpu.error.code == "model_compiled_for_edgetpu"
    assert edgetpu.status == "ok" and isinstance(edgetpu.task_result, Detections)
    # the 320×320 input holds the picture at half its size: (0.25, 0.25)-(0.5, 0.75) of the
    # input is (160, 160)-(320, 480) of the picture
    [face] = edgetpu.task_result.items
    assert (face.label, face.score, face.box.to_list()) == ("face", 0.875,
                                                            [160.0, 160.0, 320.0, 480.0])
    out = text_io.StringIO()
    _print_summary(record, out)
    text = out.getvalue()
    assert ("mobilenet_ssd_v2_face_quant_postprocess_edgetpu.tflite is compiled for the Edge TPU "
            "and cannot run on the CPU") in cpu.error.message  # printed as it happens by run
    assert text.splitlines()[-1].startswith("Edge TPU: median ")
    assert text.endswith(" · CPU did not run, so there is no comparison\n")
    assert "face" in text and "0.875" in text
