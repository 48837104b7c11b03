"""A pose model in the window: each panel draws its own keypoints and skeleton once per result,
lists the keypoints it is sure of, and the comparison line says how far apart they lie."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from core.measure.backends import BackendSpec
from core.measure.session import RunRequest
from gui.look import translations
from gui.window.main_window import MainWindow
from gui.window.settings import Settings
from tests import gui_support  # offscreen Qt and isolated settings, before any QApplication

pytestmark = pytest.mark.gui


@pytest.fixture
def back_to_english() -> Iterator[None]:
    yield
    translations.set_language("en")


def test_a_movenet_run_draws_each_panels_skeleton_once_and_says_how_far_apart(
        qtbot: QtBot, tmp_path: Path, coral: Path, back_to_english: None) -> None:
    folder = coral / "pose"
    window = MainWindow(Settings(tmp_path / "s.ini"), restore=False)
    qtbot.addWidget(window)
    window.resize(1400, 1000)
    window.show()
    request = RunRequest(folder / "movenet_single_pose_lightning_ptq.tflite",
                         folder / "squat.bmp", None, count=20, warmup=0,
                         backends=(BackendSpec("cpu", threads=1), BackendSpec("cpu", threads=2)))
    with qtbot.waitSignal(window.runner.runEnded, timeout=gui_support.HANG_GUARD_MS):
        assert window.start_run(request)
    for panel in window.panels:
        view = panel.detections
        assert view.isVisibleTo(panel) and not panel.topk.isVisibleTo(panel)
        rows = view.rows()
        assert len(rows) >= 8 and "left ankle" in " ".join(rows)
        assert view.compositions == 1  # the same keypoints every frame: drawn once
        window._paint()
        assert view.compositions == 1
    text = window.view.comparison.text()
    assert "keypoints within 0.0% of the picture (mean 0.0%)" in text

    window.set_language("ja")
    qtbot.waitUntil(lambda: "キーポイント" in window.view.comparison.text())
    assert "画像の 0.0% 以内" in window.view.comparison.text()
    assert any("左足首" in row for row in window.panels[0].detections.rows())
