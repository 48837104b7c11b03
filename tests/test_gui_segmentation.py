"""A segmenter in the window: its mask is composed once per result, however many live frames
repaint the panel while the run goes on."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from ai_edge_litert import schema_py_generated as schema
from PIL import Image
from pytestqt.qtbot import QtBot

from core.measure.backends import BackendSpec
from core.measure.events import LatencyBatch
from core.measure.probe import RunProbe
from core.measure.reducer import RunReducer
from core.measure.session import RunRequest
from core.results.records import BackendRecord
from core.tasks.placement import Placement
from core.tasks.segmentation import SegmentationResult, decode_segmentation
from gui.window.main_window import MainWindow
from gui.window.settings import Settings
from tests import gui_support  # offscreen Qt and isolated settings, before any QApplication
from tests.tflite_builder import Op, model_bytes, tensor

pytestmark = pytest.mark.gui

FRAMES = 30


def scores_model(path: Path) -> Path:
    """A 16x16 picture in; 3 scores per pixel out (the picture doubled): a segmenter whose
    class per pixel is its brightest channel."""
    tensors = [tensor("image", [1, 16, 16, 3]), tensor("scores", [1, 16, 16, 3])]
    path.write_bytes(model_bytes(tensors, [Op(schema.BuiltinOperator.ADD, [0, 0], [1])],
                                 [0], [1]))
    return path


def _window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    window = MainWindow(Settings(tmp_path / "s.ini"), restore=False)
    qtbot.addWidget(window)
    window.resize(1400, 1000)
    window.show()
    return window


def test_many_live_frames_compose_the_mask_once(qtbot: QtBot, tmp_path: Path) -> None:
    picture = tmp_path / "bird.png"
    Image.new("RGB", (513, 513), (90, 120, 160)).save(picture)
    window = _window(qtbot, tmp_path)
    window.state = RunReducer.planned([BackendRecord("cpu", "cpu", "CPU", status="running")])
    window.view.show_results()
    window._sync_panels()
    window.state.run.image = {"path": str(picture), "sha256": "", "width": 513, "height": 513}
    classes = np.zeros((1, 513, 513), dtype=np.int64)
    classes[0, 100:400, 150:350] = 3
    result = decode_segmentation(classes, Placement.stretched(513, 513))
    backend = window.state.backend("cpu")
    assert backend is not None
    backend.task_result = result
    probe = window.runner.probe = RunProbe()
    view = window.panels[0].detections
    done = 0
    for _ in range(FRAMES):  # live frames: a batch of latencies each, the result unchanged
        done += 100
        window.state.apply([LatencyBatch("cpu", np.full(100, 140.0), done, 10 * FRAMES * 100)])
        window._paint()
        view.repaint()
    assert probe.panel_refreshes["cpu"] == FRAMES  # every frame refreshed the panel
    assert view.isVisibleTo(window.panels[0])
    assert [row.split()[0] for row in view.rows()] == ["class", "class"]
    assert view.compositions == 1  # and the mask was composed for the first one only

    backend.task_result = decode_segmentation(classes[:, ::-1], Placement.stretched(513, 513))
    window._paint()
    assert view.compositions == 2  # a new result (the last inference's) is composed again


def test_a_segmentation_run_in_the_window_composes_each_panels_mask_once(
        qtbot: QtBot, tmp_path: Path) -> None:
    model = scores_model(tmp_path / "scores.tflite")
    image = tmp_path / "halves.png"
    halves = np.zeros((64, 64, 3), dtype=np.uint8)
    halves[:, :32, 0] = 255  # red on the left: class 0; blue on the right: class 2
    halves[:, 32:, 2] = 255
    Image.fromarray(halves).save(image)
    window = _window(qtbot, tmp_path)
    probe = window.runner.probe = RunProbe()
    request = RunRequest(model, image, None, count=300, warmup=0,
                         backends=(BackendSpec("cpu", threads=1), BackendSpec("cpu", threads=2)))
    with qtbot.waitSignal(window.runner.runEnded, timeout=gui_support.HANG_GUARD_MS):
        assert window.start_run(request)
    for panel in window.panels:
        result = window.state.backend(panel.backend_id)
        assert result is not None and isinstance(result.task_result, SegmentationResult)
        assert sorted(row.split()[1] for row in panel.detections.rows()) == ["0", "2"]
        assert probe.panel_refreshes[panel.backend_id] >= 1
        # the first and the last inference found the same map: composed once or, when the
        # last one's result replaced the first's, twice; never once per frame
        assert panel.detections.compositions <= 2
        window._paint()
        compositions = panel.detections.compositions
        window._paint()
        assert panel.detections.compositions == compositions
    assert "pixel agreement 1.000" in window.view.comparison.text()
