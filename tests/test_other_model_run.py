"""A model of no known task is still timed: fed a generated input when it takes no picture, its
outputs compared with the baseline's per output, saved as .npy, kept in the result file."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from ai_edge_litert import schema_py_generated as schema
from PIL import Image
from pytestqt.qtbot import QtBot

from core.cli.main import main
from core.inputs.model_info import read_model
from core.measure.backends import BackendSpec
from core.measure.session import RunRequest
from core.results.result_reader import parse_result_bytes
from core.tasks.raw_outputs import generate_input
from core.tasks.raw_result import RawResult, agreement_from_dict
from gui.window.main_window import MainWindow
from gui.window.settings import Settings
from tests import gui_support  # offscreen Qt and isolated settings, before any QApplication
from tests.tflite_builder import Op, model_bytes, tensor


def signal_model(path: Path) -> Path:
    """A signal of 16 floats in; the signal doubled and squared out: no picture anywhere."""
    tensors = [tensor("signal", [1, 16]), tensor("doubled", [1, 16]),
               tensor("squared", [1, 16])]
    ops = [Op(schema.BuiltinOperator.ADD, [0, 0], [1]),
           Op(schema.BuiltinOperator.MUL, [0, 0], [2])]
    path.write_bytes(model_bytes(tensors, ops, [0], [1, 2]))
    return path


def test_a_signal_model_is_timed_compared_and_saved_as_npy(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    model = signal_model(tmp_path / "signal.tflite")
    image = tmp_path / "picture.png"
    Image.new("RGB", (8, 8)).save(image)
    out = tmp_path / "outputs"
    out.mkdir()
    result = tmp_path / "result.json"
    code = main(["run", "--model", str(model), "--image", str(image), "--backend", "cpu",
                 "--backend", "cpu:threads=1", "--count", "3", "--warmup", "0",
                 "--save-outputs", str(out), "--json", str(result),
                 "--html", str(tmp_path / "report.html")])
    text = capsys.readouterr().out
    assert code == 0, text
    assert "fed: generated input (uniform float32 -1 to 1, seed 0)" in text
    assert "doubled [1, 16] float32: min" in text
    assert "outputs differ by up to 0 (0.00% of the largest value)" in text

    fed = generate_input(read_model(model).inputs[0]).values
    doubled = np.load(out / "cpu-output-0.npy", allow_pickle=False)
    squared = np.load(out / "cpu-2-output-1.npy", allow_pickle=False)
    assert np.allclose(doubled, fed * 2) and np.allclose(squared, fed * fed)

    document = json.loads(result.read_text())
    assert document["task"] == "other"
    agreement = agreement_from_dict(document["comparisons"][0]["raw_agreement"])
    assert [d.name for d in agreement.outputs] == ["doubled", "squared"]
    assert all(d.max_abs_difference == 0.0 for d in agreement.outputs)
    assert document["backends"][0]["stats"]["count"] == 3
    reopened = parse_result_bytes(result.read_bytes())
    saved = reopened.backends[0].task_result
    assert isinstance(saved, RawResult) and saved.fed == "uniform float32 -1 to 1, seed 0"
    assert [row["name"] for row in saved.summaries] == ["doubled", "squared"]
    assert reopened.comparisons[0].raw_agreement is not None
    compared = reopened.backends[1].task_result
    assert isinstance(compared, RawResult) and compared.against is not None
    assert saved.against is None  # the baseline

    report = (tmp_path / "report.html").read_text()
    assert "Outputs, fed a generated input (uniform float32 -1 to 1, seed 0)" in report
    assert "<td>squared [1, 16] float32: min " in report
    assert "<th>Output</th><td>squared: largest difference 0, relative error 0.00%</td>" \
        in report


def test_a_damaged_raw_result_in_a_file_is_a_plain_error() -> None:
    with pytest.raises(ValueError, match="fed"):
        RawResult.from_dict({"fed": 3, "outputs": []})
    with pytest.raises(ValueError, match="shape"):
        RawResult.from_dict({"fed": "x", "outputs": [{"name": "a", "dtype": "float32",
                                                      "shape": [-1], "first": []}]})
    with pytest.raises(ValueError, match="missing"):
        agreement_from_dict({"outputs": [], "missing": -2})


@pytest.mark.gui
def test_the_window_lists_each_output_and_says_how_they_differ(
        qtbot: QtBot, tmp_path: Path) -> None:
    model = signal_model(tmp_path / "signal.tflite")
    image = tmp_path / "picture.png"
    Image.new("RGB", (8, 8)).save(image)
    window = MainWindow(Settings(tmp_path / "s.ini"), restore=False)
    qtbot.addWidget(window)
    window.show()
    request = RunRequest(model, image, None, count=5, warmup=0,
                         backends=(BackendSpec("cpu", threads=1), BackendSpec("cpu", threads=2)))
    with qtbot.waitSignal(window.runner.runEnded, timeout=gui_support.HANG_GUARD_MS):
        assert window.start_run(request)
    window._paint()
    for panel in window.panels:
        rows = panel.detections.rows()
        assert panel.detections.isVisibleTo(panel)
        assert rows[0] == "fed a generated input (uniform float32 -1 to 1, seed 0)"
        assert rows[1].startswith("doubled [1, 16] float32: min ")
    baseline, other = (panel.detections.rows() for panel in window.panels)
    assert "vs the baseline: largest difference 0, relative error 0.00%" in other[2]
    assert len(baseline) == 3 and len(other) == 5  # the baseline is not compared with itself
    assert "outputs differ by up to 0 (0.00% of the largest value)" in \
        window.view.comparison.text()


def test_small_outputs_are_kept_in_the_result_file_and_compare_when_reopened(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from core.tasks.raw_outputs import compare_outputs

    model = signal_model(tmp_path / "signal.tflite")
    image = tmp_path / "picture.png"
    Image.new("RGB", (8, 8)).save(image)
    result = tmp_path / "result.json"
    assert main(["run", "--model", str(model), "--image", str(image), "--backend", "cpu",
                 "--backend", "cpu:threads=1", "--count", "2", "--warmup", "0",
                 "--json", str(result)]) == 0
    capsys.readouterr()
    fed = generate_input(read_model(model).inputs[0]).values
    document = json.loads(result.read_text())
    rows = document["backends"][0]["task_result"]["outputs"]
    assert np.allclose(rows[0]["values"], (fed * 2).ravel()) and "note" not in rows[0]
    reopened = parse_result_bytes(result.read_bytes())
    base, other = (b.task_result for b in reopened.backends)
    assert isinstance(base, RawResult) and isinstance(other, RawResult)
    assert [o.name for o in base.outputs] == ["doubled", "squared"]
    assert base.outputs[1].values.dtype == np.float32
    assert np.array_equal(base.outputs[1].values, fed * fed)  # to the last bit
    again = compare_outputs(base.outputs, other.outputs)
    assert again == reopened.comparisons[0].raw_agreement
    # written again from the reopened record: the same values
    assert RawResult.from_dict(base.to_dict()).outputs[0].values.tolist() == \
        base.outputs[0].values.tolist()


def test_large_outputs_keep_their_summary_and_say_where_the_values_are() -> None:
    from core.tasks.raw_outputs import RawOutput
    from core.tasks.raw_result import MAX_KEPT_VALUES

    small = RawOutput("small", np.array([[1, 2, 255]], dtype=np.uint8), 0.5, 3)
    large = RawOutput("large", np.full((1, MAX_KEPT_VALUES + 1), np.nan, dtype=np.float32))
    saved = RawResult.of([small, large], "the picture").to_dict()
    assert saved["outputs"][0]["values"] == [1, 2, 255]
    assert "values" not in saved["outputs"][1]
    assert saved["outputs"][1]["note"].startswith("4,097 values, more than the result file "
                                                  "keeps: run --save-outputs DIR")
    assert "output-1.npy" in saved["outputs"][1]["note"]
    reopened = RawResult.from_dict(json.loads(json.dumps(saved, allow_nan=False)))
    assert reopened.outputs == ()  # compared by position: not with one output missing
    assert [row["name"] for row in reopened.summaries] == ["small", "large"]
    alone = RawResult.from_dict({"fed": "the picture", "outputs": saved["outputs"][:1]})
    assert alone.outputs[0].real().tolist() == [[-1.0, -0.5, 126.0]]  # quantisation kept

    odd = RawResult.of([RawOutput("odd", np.array([np.nan, np.inf, -np.inf, 1.5]))],
                       "the picture").to_dict()
    assert odd["outputs"][0]["values"] == ["NaN", "Infinity", "-Infinity", 1.5]
    back = RawResult.from_dict(json.loads(json.dumps(odd, allow_nan=False))).outputs[0].values
    assert np.isnan(back[0]) and back[1] == np.inf and back[2] == -np.inf and back[3] == 1.5


@pytest.mark.parametrize("values", [[1, 2], [1, 2, "x"], [1, 2, 300], [1, 2, 2.5],
                                    "123", [1, 2, None], [1, 2, [3]]])
def test_damaged_kept_values_are_one_plain_error(values: object) -> None:
    row = {"name": "small", "shape": [1, 3], "dtype": "uint8", "min": 1.0, "max": 3.0,
           "mean": 2.0, "first": [1.0, 2.0, 3.0], "scale": 0.0, "zero_point": 0,
           "values": values}
    with pytest.raises(ValueError, match="output small"):
        RawResult.from_dict({"fed": "the picture", "outputs": [row]})
