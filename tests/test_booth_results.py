"""Booth mode draws what a backend found on its large picture: a detector's boxes, a mask with
its legend, a skeleton; once per result, and never on the next picture.

The detector is built in the test (its boxes are known exactly) and run by the CPU and the Edge
TPU double; DeepLab and MoveNet are Coral's own files.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from core.measure.backends import BackendSpec
from core.measure.booth import BoothConfig
from core.measure.session import RunRequest
from core.tasks.overlay import SKELETON_COLOUR, class_colour
from gui.booth.image_widget import BoothImageWidget
from gui.booth.window import BoothWindow
from tests import gui_support  # offscreen Qt and isolated settings, before any QApplication
from tests.detection_models import Anchor, build_detector
from tests.doubles.fake_runtimes import double

pytestmark = pytest.mark.gui

EDGETPU = double("edgetpu", "fake_edgetpu_ok")
CPU1 = BackendSpec("cpu", threads=1)
BOX = (0.25, 0.25, 0.75, 0.75)  # ymin, xmin, ymax, xmax of the input: the picture's middle
BOX_COLOUR = class_colour(0)
GREY = (90, 90, 90)


def _pixels(widget: BoothImageWidget) -> np.ndarray:
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
    data = np.frombuffer(image.constBits(), dtype=np.uint8, count=image.sizeInBytes())
    rows = data.reshape(image.height(), image.bytesPerLine())
    return rows[:, :image.width() * 3].reshape(image.height(), image.width(), 3).copy()


def _near(pixels: np.ndarray, colour: tuple[int, int, int], within: int = 12) -> np.ndarray:
    return np.all(np.abs(pixels.astype(int) - np.array(colour)) <= within, axis=2)


def _booth(qtbot: QtBot, images: list[Path], template: RunRequest,
           factory: gui_support.RecordingSessionFactory) -> BoothWindow:
    booth = BoothWindow(template, images, BoothConfig(count=3, warmup=0, dwell_s=0, window=50),
                        session_factory=factory)
    qtbot.addWidget(booth)
    booth.resize(1920, 1080)
    booth.show()
    booth.comparisonFinished.connect(lambda _n: booth.stop())  # keep this picture on screen
    return booth


def _compare(qtbot: QtBot, booth: BoothWindow) -> None:
    with qtbot.waitSignal(booth.comparisonFinished, timeout=gui_support.HANG_GUARD_MS):
        assert booth.start()


def test_a_detectors_boxes_are_drawn_large_once_and_gone_with_the_next_picture(
        qtbot: QtBot, tmp_path: Path) -> None:
    model = build_detector(tmp_path / "det.tflite", (Anchor(BOX, 0, 0.875),), classes=1)
    labels = tmp_path / "labels.txt"
    labels.write_text("person\n")
    images = [tmp_path / "1.png", tmp_path / "2.png"]
    for image in images:
        Image.new("RGB", (400, 400), GREY).save(image)
    factory = gui_support.RecordingSessionFactory()
    template = RunRequest(model, images[0], labels, backends=(CPU1, EDGETPU))
    booth = _booth(qtbot, images, template, factory)
    _compare(qtbot, booth)

    view = booth.image
    assert view.owner() == booth.panels["edgetpu"].title(), "the candidate's result is drawn"
    assert view.width() >= view.chips_width() > 0, "room for whose result it is, uncut"
    assert "same answer" in booth.speedup.text(), "both found the same objects"
    pixels = _pixels(view)
    top = (view.height() - view.width()) // 2  # a square picture, centred in the height
    side = view.width()
    middle = top + side // 2
    left_edge = round(side * 0.25)
    edge = _near(pixels[middle - 20:middle + 20, left_edge - 6:left_edge + 6], BOX_COLOUR)
    assert edge.sum() >= 40, "the box's left edge is drawn where the box is"
    inside = _near(pixels[middle - 20:middle + 20, side // 2 - 6:side // 2 + 6], BOX_COLOUR)
    assert not inside.any(), "only the outline: the picture shows inside the box"
    label = _near(pixels[top:top + side // 4, :], BOX_COLOUR)
    assert label.sum() > side * 0.1 * 24, "the label's band, in type large enough for 3 m"
    compositions = view.compositions
    for _ in range(3):  # the booth repaints at the paint rate: the drawing is reused
        booth._request_paint()
        view.repaint()
    assert compositions == 1 and view.compositions == 1

    booth.comparisonFinished.disconnect()
    with qtbot.waitSignal(booth.comparisonFinished, timeout=gui_support.HANG_GUARD_MS):
        booth.comparisonFinished.connect(lambda _n: booth.stop())
        assert booth.start()  # the next picture: what was found on the last one is gone
        assert booth.image.path == images[1] and booth.image.result() is None
        assert not _near(_pixels(view), BOX_COLOUR).any()
    assert booth.image.result() is not None  # and this picture's own boxes came


def test_without_a_result_the_picture_is_plain(qtbot: QtBot, tmp_path: Path) -> None:
    image = tmp_path / "p.png"
    Image.new("RGB", (300, 200), GREY).save(image)
    view = BoothImageWidget()
    qtbot.addWidget(view)
    view.resize(600, 400)
    assert view.set_image(image)
    pixels = _pixels(view)
    assert _near(pixels[150:250, 100:500], GREY).all() and view.compositions == 0


def test_a_segmentation_model_draws_its_mask_and_legend(
        qtbot: QtBot, tmp_path: Path, coral: Path) -> None:
    folder = coral / "segmentation"
    factory = gui_support.RecordingSessionFactory()
    template = RunRequest(folder / "deeplabv3_mnv2_pascal_quant.tflite",
                          folder / "bird_segmentation.bmp",
                          folder / "pascal_voc_segmentation_labels.txt", backends=(CPU1,))
    booth = _booth(qtbot, [template.image], template, factory)
    _compare(qtbot, booth)
    view = booth.image
    drawn = _pixels(view)
    result = view.result()
    assert result is not None and view.owner() == booth.panels["cpu"].title()
    view.show_result(None)
    plain = _pixels(view)
    changed = np.any(np.abs(drawn.astype(int) - plain.astype(int)) > 30, axis=2)
    share = changed.sum() / (view.width() * view.height())
    # Coral's bird covers about a fifth of its picture; the legend and the badge add a little
    assert 0.12 < share < 0.45, share
    from core.tasks.segmentation import SegmentationResult
    assert isinstance(result, SegmentationResult)
    bird = next(c for c in result.legend if c.label == "bird")
    assert _near(drawn, bird.colour, 2).sum() > 100, "the legend's swatch in the bird's colour"


def test_a_pose_model_draws_its_skeleton(qtbot: QtBot, tmp_path: Path, coral: Path) -> None:
    folder = coral / "pose"
    factory = gui_support.RecordingSessionFactory()
    template = RunRequest(folder / "movenet_single_pose_lightning_ptq.tflite",
                          folder / "squat.bmp", backends=(CPU1,))
    booth = _booth(qtbot, [template.image], template, factory)
    _compare(qtbot, booth)
    view = booth.image
    skeleton = _near(_pixels(view), SKELETON_COLOUR, 4).sum()
    view.show_result(None)
    assert skeleton > 2000 and _near(_pixels(view), SKELETON_COLOUR, 4).sum() < skeleton / 50


def test_a_long_remedy_is_cut_to_its_first_sentence() -> None:
    from gui.booth.panel import first_sentence

    short = "Plug in the Coral USB Accelerator, then open Diagnostics to check it."
    assert first_sentence(short) == short
    advice = ("Coral's own libedgetpu works only with tflite-runtime 2.11 or older and crashes "
              "with ai-edge-litert 2.3.0: install a libedgetpu built for the TensorFlow Lite "
              "version of ai-edge-litert 2.3.0. Then open Diagnostics to check it.")
    assert first_sentence(advice) == ("Coral's own libedgetpu works only with tflite-runtime "
                                      "2.11 or older and crashes with ai-edge-litert 2.3.0.")
    sentence = "Coral 純正の libedgetpu は古い版でしか動かず、クラッシュします。"
    assert first_sentence(sentence * 4) == sentence


@pytest.mark.parametrize(("size", "ms"), [((1300, 470), 149.0), ((860, 300), 11.9)])
def test_coral_figure_is_said_whole_in_the_headline(
        qtbot: QtBot, size: tuple[int, int], ms: float) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QFontMetrics

    from core.edgetpu.verdict import CpuVerdict
    from gui.booth import style
    from gui.booth.speedup_widget import BoothSpeedupWidget

    widget = BoothSpeedupWidget()
    qtbot.addWidget(widget)
    unit = size[0] / 1300
    widget.resize(*size)
    widget.show()
    widget.set_unit(unit)
    widget.show_published(CpuVerdict("cpu", ms, 7.1, "Coral USB Accelerator"))
    qtbot.waitUntil(lambda: widget._verdict.width() > 0)
    verdict = widget._verdict
    plain = widget.text()
    assert "faster" in plain
    needed = QFontMetrics(verdict.font()).boundingRect(
        0, 0, verdict.width(), 100_000, int(Qt.TextFlag.TextWordWrap),
        plain.split("HERE ", 1)[1].split(" ", 1)[1]).height()
    assert needed <= verdict.height(), "the sentence is cut"
    assert verdict.font().pixelSize() >= round(style.SMALL_PX * unit)
    factor = widget._factor
    assert QFontMetrics(factor.font()).height() <= factor.height() + 1, "the factor is cut"


def test_two_backends_answer_the_same_when_their_objects_masks_or_keypoints_agree() -> None:
    from core.measure.booth import BackendLive, same_answer
    from core.tasks.detection import Box, Detection, Detections
    from core.tasks.placement import Placement
    from core.tasks.pose import decode_pose
    from core.tasks.segmentation import decode_segmentation

    def live(result: object) -> BackendLive:
        backend = BackendLive("x", "cpu", "CPU", 10)
        backend.result = result  # type: ignore[assignment]
        return backend

    person = Detection(0, "person", 0.9, Box(10, 10, 100, 100))
    moved = Detection(0, "person", 0.9, Box(60, 60, 150, 150))
    assert same_answer(live(Detections((person,))), live(Detections((person,)))) is True
    assert same_answer(live(Detections((person,))), live(Detections((moved,)))) is False
    classes = np.zeros((1, 10, 10), dtype=np.int64)
    classes[0, :5] = 3
    half = decode_segmentation(classes, Placement.stretched(10, 10))
    nearly = classes.copy()
    nearly[0, 0, 0] = 0  # one pixel in a hundred
    other = np.zeros((1, 10, 10), dtype=np.int64)
    assert same_answer(live(half), live(decode_segmentation(
        nearly, Placement.stretched(10, 10)))) is True
    assert same_answer(live(half), live(decode_segmentation(
        other, Placement.stretched(10, 10)))) is False
    points = np.tile([0.5, 0.5, 0.9], (1, 1, 17, 1))
    apart = points.copy()
    apart[..., 1] = 0.7
    pose = decode_pose(points, Placement.stretched(10, 10))
    assert same_answer(live(pose), live(decode_pose(points, Placement.stretched(10, 10))))
    assert not same_answer(live(pose), live(decode_pose(apart, Placement.stretched(10, 10))))
    assert same_answer(live(None), live(pose)) is None
