"""Booth mode with a detector: each tile says how many objects its backend found, and which."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from core.measure.booth import BoothConfig, BoothLoop
from core.measure.events import BackendFinished, FirstInference
from core.measure.session import RunRequest
from core.tasks.detection import Box, Detection, Detections
from gui.booth.panel import BoothPanel
from tests import gui_support  # noqa: F401  (offscreen Qt and isolated settings, first)

FOUND = Detections((Detection(0, "person", 0.875, Box(1, 2, 30, 40)),
                    Detection(2, "car", 0.75, Box(5, 5, 9, 9))))


def test_a_booth_tile_names_the_objects_and_forgets_them_with_the_image(
        qtbot: QtBot, tmp_path: Path) -> None:
    images = [tmp_path / "1.jpg", tmp_path / "2.jpg"]
    for image in images:
        image.write_bytes(b"")
    loop = BoothLoop(images, BoothConfig(count=30, warmup=1, dwell_s=0))
    template = RunRequest(Path("m.tflite"), Path("x.jpg"))
    loop.request(template, loop.next_image())
    loop.expect(template)
    loop.apply([FirstInference("cpu", 2.0, (), FOUND), BackendFinished("cpu", (), FOUND)])
    live = loop.backends["cpu"]
    assert live.result == FOUND and live.top1 is None
    panel = BoothPanel(live)
    qtbot.addWidget(panel)
    panel.show_backend(live)
    text = panel.answer_text()
    assert "2 object" in text and "person 0.88" in text and "car 0.75" in text
    loop.next_image()
    assert live.result is None


def test_a_booth_tile_names_a_masks_classes(qtbot: QtBot, tmp_path: Path) -> None:
    import numpy as np

    from core.tasks.placement import Placement
    from core.tasks.segmentation import decode_segmentation

    classes = np.zeros((1, 4, 4), dtype=np.int64)
    classes[0, :2, :2] = 3  # a quarter of the picture
    loop = BoothLoop([tmp_path / "1.jpg"], BoothConfig(count=30, warmup=1, dwell_s=0))
    template = RunRequest(Path("m.tflite"), Path("x.jpg"))
    loop.expect(template)
    mask = decode_segmentation(classes, Placement.stretched(8, 8))
    loop.apply([FirstInference("cpu", 2.0, (), mask)])
    panel = BoothPanel(loop.backends["cpu"])
    qtbot.addWidget(panel)
    panel.show_backend(loop.backends["cpu"])
    assert "class 3" in panel.answer_text() and "25%" in panel.answer_text()
