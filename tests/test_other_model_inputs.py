"""A model of no known task with several inputs: each input is fed (the picture where an input
takes one, else a generated input of its own), the model timed and its outputs compared."""

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
from core.tasks.fed_inputs import fed_inputs
from core.tasks.raw_outputs import generate_input
from core.tasks.raw_result import PICTURE
from gui.window.main_window import MainWindow
from gui.window.settings import Settings
from tests import gui_support  # offscreen Qt and isolated settings, before any QApplication
from tests.tflite_builder import Op, model_bytes, tensor


def two_signals(path: Path) -> Path:
    """Two signals of 16 floats in; their sum and their product out."""
    tensors = [tensor("signal", [1, 16]), tensor("offset", [1, 16]), tensor("sum", [1, 16]),
               tensor("product", [1, 16])]
    ops = [Op(schema.BuiltinOperator.ADD, [0, 1], [2]), Op(schema.BuiltinOperator.MUL, [0, 1], [3])]
    path.write_bytes(model_bytes(tensors, ops, [0, 1], [2, 3]))
    return path


def picture_and_tint(path: Path) -> Path:
    """A 16x16 picture and a tint (3 numbers: no picture) in; the picture tinted out."""
    tensors = [tensor("picture", [1, 16, 16, 3]), tensor("tint", [1, 1, 1, 3]),
               tensor("tinted", [1, 16, 16, 3])]
    path.write_bytes(model_bytes(tensors, [Op(schema.BuiltinOperator.ADD, [0, 1], [2])],
                                 [0, 1], [2]))
    return path


def _red(tmp_path: Path) -> Path:
    image = tmp_path / "red.png"
    Image.new("RGB", (32, 32), (255, 0, 0)).save(image)
    return image


def test_two_generated_inputs_are_fed_timed_compared_and_saved(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    model = two_signals(tmp_path / "two.tflite")
    out = tmp_path / "outputs"
    out.mkdir()
    result = tmp_path / "result.json"
    code = main(["run", "--model", str(model), "--image", str(_red(tmp_path)),
                 "--backend", "cpu", "--backend", "cpu:threads=1", "--count", "3",
                 "--warmup", "0", "--save-outputs", str(out), "--json", str(result)])
    text = capsys.readouterr().out
    assert code == 0, text
    assert ("fed: generated input (signal: uniform float32 -1 to 1, seed 0; "
            "offset: uniform float32 -1 to 1, seed 0)") in text
    assert "outputs differ by up to 0 (0.00% of the largest value)" in text

    inputs = read_model(model).inputs
    signal, offset = (generate_input(spec, index=i).values for i, spec in enumerate(inputs))
    assert not np.array_equal(signal, offset)  # each input its own numbers
    for backend in ("cpu", "cpu-2"):
        total = np.load(out / f"{backend}-output-0.npy", allow_pickle=False)
        product = np.load(out / f"{backend}-output-1.npy", allow_pickle=False)
        assert np.allclose(total, signal + offset) and np.allclose(product, signal * offset)
    document = json.loads(result.read_text())
    assert document["task"] == "other"
    assert [b["stats"]["count"] for b in document["backends"]] == [3, 3]


def test_an_input_shaped_like_a_picture_is_given_the_picture(tmp_path: Path) -> None:
    info = read_model(picture_and_tint(tmp_path / "masked.tflite"))
    with Image.open(_red(tmp_path)) as picture:
        arrays, fed = fed_inputs(picture, info)
        again, _ = fed_inputs(picture, info)
    assert fed == f"picture: {PICTURE}; tint: uniform float32 -1 to 1, seed 0"
    first, second = arrays
    assert first.shape == (1, 16, 16, 3) and second.shape == (1, 1, 1, 3)
    assert np.allclose(first[..., 0], 1.0) and np.allclose(first[..., 1:], -1.0)  # red
    assert np.array_equal(second, generate_input(info.inputs[1], index=1).values)
    assert all(np.array_equal(a, b) for a, b in zip(arrays, again, strict=True))


def test_a_picture_and_a_tint_run_and_the_output_is_their_sum(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    model = picture_and_tint(tmp_path / "masked.tflite")
    out = tmp_path / "outputs"
    out.mkdir()
    code = main(["run", "--model", str(model), "--image", str(_red(tmp_path)),
                 "--backend", "cpu", "--count", "2", "--warmup", "0",
                 "--save-outputs", str(out)])
    text = capsys.readouterr().out
    assert code == 0, text
    assert "fed: generated input (picture: the picture; tint: uniform float32" in text
    tint = generate_input(read_model(model).inputs[1], index=1).values
    tinted = np.load(out / "cpu-output-0.npy", allow_pickle=False)
    picture = tinted - tint
    assert np.allclose(picture[..., 0], 1.0, atol=1e-6)
    assert np.allclose(picture[..., 1:], -1.0, atol=1e-6)


@pytest.mark.gui
def test_the_window_runs_a_two_input_model_and_says_what_each_input_was_fed(
        qtbot: QtBot, tmp_path: Path) -> None:
    model = picture_and_tint(tmp_path / "tinted.tflite")
    window = MainWindow(Settings(tmp_path / "s.ini"), restore=False)
    qtbot.addWidget(window)
    window.show()
    request = RunRequest(model, _red(tmp_path), None, count=5, warmup=0,
                         backends=(BackendSpec("cpu", threads=1), BackendSpec("cpu", threads=2)))
    with qtbot.waitSignal(window.runner.runEnded, timeout=gui_support.HANG_GUARD_MS):
        assert window.start_run(request)
    window._paint()
    for panel in window.panels:
        rows = panel.detections.rows()
        assert rows[0] == ("fed a generated input (picture: the picture; "
                           "tint: uniform float32 -1 to 1, seed 0)")
        assert rows[1].startswith("tinted [1, 16, 16, 3] float32: min ")
    assert "outputs differ by up to 0 (0.00% of the largest value)" in \
        window.view.comparison.text()
