"""A model needing an operation no runtime here has is refused before any worker starts: one
line on the command line (exit 2), the same error in the window, naming the operation and what
provides it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from pytestqt.qtbot import QtBot

from core.cli.main import main
from core.measure import session
from core.measure.backends import BackendSpec
from core.measure.session import RunRequest
from gui.window.main_window import MainWindow
from gui.window.settings import Settings
from tests import gui_support  # offscreen Qt and isolated settings, before any QApplication
from tests.tflite_builder import posenet_like


class _NoWorker:
    def __init__(self, *_args: Any) -> None:
        raise AssertionError("a worker was started for a model that cannot run")


@pytest.fixture
def posenet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    monkeypatch.setattr(session, "WorkerHandle", _NoWorker)
    model = tmp_path / "posenet.tflite"
    model.write_bytes(posenet_like())
    image = tmp_path / "picture.png"
    Image.new("RGB", (16, 16), (90, 90, 90)).save(image)
    return model, image


def test_run_refuses_posenet_in_one_line_before_any_worker(
        posenet: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    model, image = posenet
    code = main(["run", "--model", str(model), "--image", str(image), "--backend", "cpu"])
    captured = capsys.readouterr()
    assert code == 2
    lines = captured.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert "PosenetDecoderOp" in lines[0] and "libcoral" in lines[0] and "MoveNet" in lines[0]
    assert captured.out == ""


@pytest.mark.gui
def test_the_window_names_the_missing_operation_and_survives(
        qtbot: QtBot, tmp_path: Path, posenet: tuple[Path, Path]) -> None:
    model, image = posenet
    window = MainWindow(Settings(tmp_path / "s.ini"), restore=False)
    qtbot.addWidget(window)
    window.show()
    request = RunRequest(model, image, None, count=5, warmup=0,
                         backends=(BackendSpec("cpu", threads=1),))
    with qtbot.waitSignal(window.runner.runEnded, timeout=gui_support.HANG_GUARD_MS):
        assert window.start_run(request)
    window._paint()
    text = window.view.comparison.text()
    assert "PosenetDecoderOp" in text and "libcoral" in text
    assert window.isVisible()
