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
