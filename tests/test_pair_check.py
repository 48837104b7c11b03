"""A twin of another model is refused: ``X.tflite`` beside an ``X_edgetpu.tflite`` compiled from
a different network is not one model, in ``inspect``, ``run``, the window and its details view.

The Coral pairs themselves must pass: the compiler keeps input and output as they are.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from core.cli.main import main
from core.errors import AppError
from core.inputs.model_info import inspect_model
from core.inputs.model_insight import inspect_pair
from core.inputs.pair_check import check_pair
from core.measure.backends import BackendSpec
from core.measure.session import RunRequest, Session
from gui.widgets.model_details_dialog import details_for
from gui.window.main_window import MainWindow
from gui.window.settings import Settings
from tests import gui_support  # offscreen Qt and isolated settings, before any QApplication


@pytest.fixture()
def false_twin(tmp_path: Path, coral: Path) -> Path:
    """MobileNet v1 0.25 (128x128) beside a compiled MobileNet v2 (224x224) named as its twin."""
    cpu = tmp_path / "X.tflite"
    cpu.write_bytes((coral / "models" / "mobilenet_v1_0.25_128_quant.tflite").read_bytes())
    (tmp_path / "X_edgetpu.tflite").write_bytes(
        (coral / "models" / "mobilenet_v2_1.0_224_quant_edgetpu.tflite").read_bytes())
    return cpu


def test_every_coral_pair_is_one_model(coral: Path) -> None:
    compiled = sorted((coral / "models").glob("*_edgetpu.tflite"))
    assert len(compiled) >= 5
    for path in compiled:
        check_pair(inspect_model(path.with_name(path.name.removesuffix("_edgetpu.tflite")
                                                + ".tflite")), inspect_model(path))


def test_a_false_twin_is_named_with_what_differs(false_twin: Path) -> None:
    with pytest.raises(AppError) as caught:
        inspect_pair(false_twin)
    info = caught.value.info
    assert info.code == "invalid_model"
    assert "X_edgetpu.tflite is not X.tflite compiled for the Edge TPU" in info.message
    assert "1×224×224×3 uint8, not 1×128×128×3 uint8" in info.message
    with pytest.raises(AppError):
        inspect_pair(false_twin.with_name("X_edgetpu.tflite"))  # from either side


def test_a_twin_with_other_quantisation_or_classes_is_refused(small_model: Path) -> None:
    cpu = inspect_model(small_model)
    tpu = inspect_model(small_model.with_name(small_model.stem + "_edgetpu.tflite"))
    shifted = replace(tpu, input=replace(tpu.input, zero_point=127))
    said = "input quantisation is scale 0.0078125, zero point 127"
    with pytest.raises(AppError, match=re.escape(said)):
        check_pair(cpu, shifted)
    scaled = replace(tpu, output=replace(tpu.output, scale=0.5))
    with pytest.raises(AppError, match="output quantisation"):
        check_pair(cpu, scaled)
    fewer = replace(tpu, output=replace(tpu.output, shape=(1, 1000)))
    with pytest.raises(AppError, match="output is 1×1000 uint8, not 1×1001 uint8"):
        check_pair(cpu, fewer)


@pytest.mark.parametrize("command", [["inspect"], ["inspect", "--json"]])
def test_inspect_refuses_a_false_twin(command: list[str], false_twin: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*command, str(false_twin)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "is not X.tflite compiled" in err


def test_run_refuses_a_false_twin_before_any_worker(
        false_twin: Path, parrot: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--model", str(false_twin), "--image", str(parrot)]) == 2
    assert "is not X.tflite compiled" in capsys.readouterr().err
    other = false_twin.with_name("Y_edgetpu.tflite")  # named with --edgetpu-model
    other.write_bytes(false_twin.with_name("X_edgetpu.tflite").read_bytes())
    with pytest.raises(AppError, match=re.escape("Y_edgetpu.tflite is not X.tflite compiled")):
        Session(RunRequest(false_twin, parrot, edgetpu_model=other)).prepare()


def test_the_window_refuses_a_false_twin_and_its_details_say_why(
        qtbot: QtBot, tmp_path: Path, false_twin: Path, parrot: Path) -> None:
    window = MainWindow(Settings(tmp_path / "settings.ini"),
                        session_factory=gui_support.RecordingSessionFactory())
    qtbot.addWidget(window)
    window.show()
    window.open_path(false_twin)
    window.open_path(parrot)
    request = RunRequest(false_twin, parrot, backends=(BackendSpec("cpu", threads=1),))
    with qtbot.waitSignal(window.runner.runEnded, timeout=gui_support.HANG_GUARD_MS):
        window.start_run(request)
    assert "is not X.tflite compiled for the Edge TPU" in window.view.comparison.text()
    dialog = details_for(false_twin)
    qtbot.addWidget(dialog)
    assert dialog.error_panel is not None and dialog.error_panel.error is not None
    assert "is not X.tflite compiled" in dialog.error_panel.error.message


def test_a_twin_by_name_only_is_not_run_as_the_edge_tpu_model(
        tmp_path: Path, small_model: Path, parrot: Path) -> None:
    cpu = tmp_path / "X.tflite"
    cpu.write_bytes(small_model.read_bytes())
    (tmp_path / "X_edgetpu.tflite").write_bytes(small_model.read_bytes())  # not compiled
    plan = Session(RunRequest(cpu, parrot, backends=(BackendSpec("edgetpu"),))).prepare()
    assert "X_edgetpu.tflite is not compiled for the Edge TPU, whatever its name says" in \
        " ".join(w.message for w in plan.warnings)
    [planned] = plan.backends
    assert planned.model is not None and planned.model.path == cpu
    assert [w.code for w in planned.warnings] == ["model_not_compiled"]
