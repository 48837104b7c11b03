"""The result view fits at 1280x720 and 1920x1080 for every task, not only for a classifier.

A window per task runs once with two CPU backends (a detector built as the tests build one,
Coral's DeepLab on its bird, MoveNet on its squat, and a model of no known task), then is shown
at the room each screen leaves a window in English and Japanese. Besides what
``tests/test_gui_fit.py`` checks (no sibling overlaps, no clipped label, the median and the
comparison line whole), the answer's picture and the last row of its list must be whole, in the
window or in the panels' scroll area once scrolled to.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from core.measure.backends import BackendSpec
from core.measure.session import RunRequest
from gui.look import theme, translations
from gui.widgets.backend_panel import MEASURING
from gui.window.main_window import MainWindow
from gui.window.settings import Settings
from tests import gui_support  # offscreen Qt and isolated settings, before any QApplication
from tests.detection_models import OBJECTS, build_detector
from tests.test_gui_fit import SCREENS, problems, window_size
from tests.test_other_model_run import signal_model

pytestmark = pytest.mark.gui

TASKS = ("detection", "segmentation", "pose", "other")
CHECKED = ("1280x720", "1920x1080")


def _request(task: str, coral: Path, work: Path) -> RunRequest:
    backends = (BackendSpec("cpu"), BackendSpec("cpu", threads=1))
    if task == "detection":
        model = build_detector(work / "detector.tflite", OBJECTS)
        labels = work / "labels.txt"
        labels.write_text("cat\ndog\nbird\n")
        return RunRequest(model, coral / "images" / "parrot.jpg", labels, count=3, warmup=0,
                          backends=backends)
    if task == "segmentation":
        folder = coral / "segmentation"
        return RunRequest(folder / "deeplabv3_mnv2_pascal_quant.tflite",
                          folder / "bird_segmentation.bmp",
                          folder / "pascal_voc_segmentation_labels.txt", count=1, warmup=0,
                          backends=backends)
    if task == "pose":
        folder = coral / "pose"
        return RunRequest(folder / "movenet_single_pose_lightning_ptq.tflite",
                          folder / "squat.bmp", count=1, warmup=0, backends=backends)
    picture = work / "picture.png"
    Image.new("RGB", (8, 8)).save(picture)
    return RunRequest(signal_model(work / "signal.tflite"), picture, count=3, warmup=0,
                      backends=backends)


@pytest.fixture(scope="module", params=TASKS)
def ran(request: pytest.FixtureRequest, qapp: QApplication, coral: Path,
        tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, MainWindow]]:
    """A window after a finished run of one task, reused by both languages and sizes."""
    from PySide6.QtCore import QEventLoop, QTimer

    work = tmp_path_factory.mktemp(request.param)
    window = MainWindow(Settings(work / "settings.ini"), restore=False, start_page=False,
                        session_factory=gui_support.RecordingSessionFactory())
    window.resize(1600, 1000)
    window.show()
    run = _request(request.param, coral, work)
    window.show_request(run)
    loop = QEventLoop()
    window.runner.runEnded.connect(loop.quit)
    QTimer.singleShot(gui_support.HANG_GUARD_MS, loop.quit)
    assert window.start_run(run)
    loop.exec()
    assert window.state.record is not None, "the run did not finish"
    assert all(p.detections.isVisibleTo(p) for p in window.panels), "no task answer shown"
    yield request.param, window
    translations.set_language("en")
    theme.apply_theme(qapp, "system")
    window.close()
    window.deleteLater()


@pytest.mark.parametrize(("lang", "look"), [("en", "light"), ("ja", "dark")])
def test_every_tasks_result_view_fits(ran: tuple[str, MainWindow], qtbot: QtBot, lang: str,
                                      look: str) -> None:
    task, window = ran
    window.set_language(lang)
    window.set_theme(look)
    qtbot.waitUntil(lambda: window.view.comparison.text() != "" and all(
        p.page() == MEASURING for p in window.panels))
    found = []
    for name in CHECKED:
        window.resize(window_size(SCREENS[name]))
        assert window.size() == window_size(SCREENS[name])
        found += [f"{task} at {name}: {problem}"
                  for problem in problems(window, pictured=task != "other")]
    assert not found, "\n".join(found)


def test_the_picture_grows_with_the_panel(ran: tuple[str, MainWindow]) -> None:
    """A wider panel draws a larger picture (up to its height budget), not a fixed one."""
    task, window = ran
    if task == "other":
        pytest.skip("an other model's answer has no picture")
    answer = window.panels[0].detections
    widths = []
    for name in CHECKED:
        window.resize(window_size(SCREENS[name]))
        for _ in range(4):
            QApplication.processEvents()
        widths.append(answer.picture_rect().width())
    assert widths[0] < widths[1] or answer.picture_rect().height() >= 400, widths
    assert answer.picture_rect().width() * 2 >= answer.width() or \
        answer.picture_rect().height() >= 400, (answer.picture_rect(), answer.size())
