"""The result view fits every screen from 1280x720 up, in English and Japanese, after a real run.

A window per backend count runs once (real workers; the Edge TPU is absent here, so one panel
shows its failure card with the remedy, and a test double stands in for a working one), then is
shown at the room each screen leaves a window (less a 40-pixel taskbar and the window manager's
frame) in both languages. Scale 2 (3200x2000 at QT_SCALE_FACTOR=2) is checked at its logical
size: Qt lays a scaled window out in logical pixels, so it is the 1600x1000 screen's window; its
first size on that screen is checked with ``first_size``.

What is checked is what people saw break: no visible widget overlaps a visible sibling, no label
is smaller than its text, and the big median, the comparison line, the last result row and the
Edge TPU's remedy are whole inside the window (or inside the panels' scroll area once scrolled
to them).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from core.measure.backends import BackendSpec
from core.measure.session import RunRequest
from gui.look import theme, translations
from gui.widgets.backend_panel import FAILED, MEASURING, BackendPanel
from gui.widgets.topk_widget import ROW_HEIGHT
from gui.window.main_window import MIN_SIZE, MainWindow, first_size
from gui.window.settings import Settings
from tests import gui_support  # offscreen Qt and isolated settings, before any QApplication
from tests.doubles.fake_runtimes import double

pytestmark = pytest.mark.gui

TASKBAR, FRAME = QSize(0, 40), QSize(16, 48)
SCREENS = {"1280x720": QSize(1280, 720), "1366x768": QSize(1366, 768),
           "1600x1000": QSize(1600, 1000), "1920x1080": QSize(1920, 1080),
           "3200x2000 at scale 2": QSize(1600, 1000)}
BACKENDS = {2: (BackendSpec("cpu"), BackendSpec("edgetpu")),
            4: (BackendSpec("cpu"), BackendSpec("cpu", threads=1),
                double("edgetpu", "fake_edgetpu_ok"), BackendSpec("edgetpu"))}


def window_size(screen: QSize) -> QSize:
    return screen - TASKBAR - FRAME


def _rect_in(widget: QWidget, top: QWidget) -> QRect:
    return QRect(widget.mapTo(top, QPoint(0, 0)), widget.size())


def _shown_part(widget: QWidget, part: QRect) -> QRect:
    """What of ``part`` (in ``widget``'s coordinates) its ancestors leave visible, in the
    window's coordinates."""
    window = widget.window()
    shown = QRect(widget.mapTo(window, part.topLeft()), part.size())
    parent = widget.parentWidget()
    while parent is not None:
        shown = shown.intersected(_rect_in(parent, window))
        parent = parent.parentWidget()
    return shown


def _whole(widget: QWidget, part: QRect | None = None) -> bool:
    """Whether ``part`` of ``widget`` (all of it by default) is visible, after scrolling the
    panels to it when it is inside them."""
    part = part or widget.rect()
    window = widget.window()
    assert isinstance(window, MainWindow)
    scroll = getattr(window.view, "panel_scroll", None)  # none before the panels scrolled
    if scroll is not None and scroll.isAncestorOf(widget):
        scroll.ensureWidgetVisible(widget, 0, 0)
        QApplication.processEvents()
    wanted = QRect(widget.mapTo(window, part.topLeft()), part.size())
    return _shown_part(widget, part) == wanted


def overlaps(root: QWidget) -> list[str]:
    """Visible widgets drawn over a visible sibling."""
    found = []
    for parent in [root, *root.findChildren(QWidget)]:
        if not parent.isVisible():
            continue
        children = [c for c in parent.findChildren(QWidget, options=_direct())
                    if c.isVisible() and not c.isWindow() and not c.geometry().isEmpty()]
        for i, a in enumerate(children):
            for b in children[i + 1:]:
                if a.geometry().intersects(b.geometry()):
                    found.append(f"{_name(a)} {a.geometry().getRect()} overlaps {_name(b)} "
                                 f"{b.geometry().getRect()} in {_name(parent)}")
    return found


def _direct():  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    return Qt.FindChildOption.FindDirectChildrenOnly


def _name(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QLabel) else ""
    return f"{type(widget).__name__}({widget.objectName() or text[:30]!r})"


def clipped_labels(root: QWidget) -> list[str]:
    """Visible labels smaller than their text (a median cut in half, a tile drawn over)."""
    found = []
    for label in root.findChildren(QLabel):
        if not label.isVisible() or not (label.text() or label.pixmap()):
            continue
        if label.wordWrap():
            need = QSize(0, label.heightForWidth(label.width()))
        else:
            need = label.minimumSizeHint()
        if label.height() < need.height() or label.width() < need.width():
            found.append(f"{_name(label)} is {label.size().toTuple()}, needs {need.toTuple()}")
    return found


def not_whole(window: MainWindow, pictured: bool = True) -> list[str]:
    """The parts a person must see whole, that are not (``pictured``: a task answer has a
    picture; an other model's has only its list)."""
    found = []
    if not _whole(window.view.comparison):
        found.append("the comparison line")
    for panel in window.panels:
        if panel.page() == MEASURING:
            if not _whole(panel.median_label):
                found.append(f"{panel.title()}'s median")
            if panel.detections.isVisibleTo(panel):
                found += _task_answer_not_whole(panel, pictured)
                continue
            rows = len(panel.topk.rows())
            last = QRect(0, (rows - 1) * ROW_HEIGHT, panel.topk.width(), ROW_HEIGHT)
            if rows == 0 or panel.topk.height() < rows * ROW_HEIGHT or \
                    not _whole(panel.topk, last):
                found.append(f"{panel.title()}'s last result row")
        elif panel.page() == FAILED:
            for label in panel.error_panel.findChildren(QLabel):
                if label.isVisible() and label.text() and not _whole(label):
                    found.append(f"{panel.title()}'s error card line {label.text()[:40]!r}")
    return found


def _task_answer_not_whole(panel: BackendPanel, pictured: bool) -> list[str]:
    """A detector's, segmenter's, pose or other model's answer: its picture (none for an
    other model) and the last row of its list, whole inside the widget and on screen."""
    found = []
    answer = panel.detections
    picture, rows = answer.picture_rect(), answer.shown_rows()
    if pictured and not (picture.width() > 0 and answer.rect().contains(picture)
                                    and _whole(answer, picture)):
        found.append(f"{panel.title()}'s result picture")
    last = answer.row_rect(rows - 1)
    if rows == 0 or not answer.rect().contains(last) or not _whole(answer, last):
        found.append(f"{panel.title()}'s last list row")
    return found


def problems(window: MainWindow, pictured: bool = True) -> list[str]:
    for _ in range(4):  # a row that turned asks its parents for a new layout, in turn
        QApplication.processEvents()
    return overlaps(window) + clipped_labels(window) + not_whole(window, pictured)


@pytest.fixture(scope="module", params=sorted(BACKENDS), ids=lambda n: f"{n} backends")
def ran(request: pytest.FixtureRequest, qapp: QApplication, coral: Path,
        tmp_path_factory: pytest.TempPathFactory) -> Iterator[MainWindow]:
    """A window after a finished run with 2 or 4 backends, reused by every size and language."""
    from PySide6.QtCore import QEventLoop, QTimer

    settings = Settings(tmp_path_factory.mktemp("fit") / "settings.ini")
    window = MainWindow(settings, restore=False, start_page=False,
                        session_factory=gui_support.RecordingSessionFactory())
    window.resize(1600, 1000)
    window.show()
    run = RunRequest(coral / "models" / "mobilenet_v2_1.0_224_inat_bird_quant.tflite",
                     coral / "images" / "parrot.jpg",
                     coral / "labels" / "inat_bird_labels.txt", count=20, warmup=1,
                     backends=BACKENDS[request.param], baseline="cpu")
    window.show_request(run)
    loop = QEventLoop()
    window.runner.runEnded.connect(loop.quit)
    QTimer.singleShot(gui_support.HANG_GUARD_MS, loop.quit)
    assert window.start_run(run)
    loop.exec()
    assert window.state.record is not None, "the run did not finish"
    assert FAILED in [p.page() for p in window.panels], "no Edge TPU failure card to check"
    yield window
    translations.set_language("en")
    theme.apply_theme(qapp, "system")
    window.close()
    window.deleteLater()


@pytest.mark.parametrize(("lang", "look"), [("en", "light"), ("ja", "dark")])
def test_the_result_view_fits_every_screen(ran: MainWindow, qtbot: QtBot, lang: str,
                                           look: str) -> None:
    ran.set_language(lang)
    ran.set_theme(look)  # the style sheet's fonts are part of the sizes
    qtbot.waitUntil(lambda: ran.view.comparison.text() != "" and all(
        p.page() in (MEASURING, FAILED) for p in ran.panels))
    found = []
    for name, screen in SCREENS.items():
        ran.resize(window_size(screen))
        assert ran.size() == window_size(screen), f"the window cannot be made {name}'s size"
        found += [f"{name}: {problem}" for problem in problems(ran)]
        if name == "1920x1080" and len(ran.panels) == 4 and ran.view.panel_grid.columns() != 4:
            found.append("1920x1080: four backends are not side by side")
    opened = "1280x720"  # Change… opened on the smallest screen
    ran.view.chooser.set_unfolded(True)
    ran.resize(window_size(SCREENS[opened]))
    found += [f"{opened} with Change… open: {problem}" for problem in problems(ran)]
    ran.view.chooser.set_unfolded(False)
    assert not found, "\n".join(found)


def test_the_window_opens_whole_on_every_screen() -> None:
    for screen in SCREENS.values():
        room = screen - TASKBAR
        size = first_size(room)
        assert size.width() + FRAME.width() <= room.width()
        assert size.height() + FRAME.height() <= room.height()
        assert MIN_SIZE.width() <= size.width() and MIN_SIZE.height() <= size.height()
    assert first_size(QSize(3840, 2160)) == QSize(1600, 1000)


def test_its_smallest_size_fits_a_1280x720_screen(ran: MainWindow) -> None:
    smallest = ran.minimumSize().expandedTo(ran.minimumSizeHint())
    room = window_size(SCREENS["1280x720"])
    assert smallest.width() <= room.width() and smallest.height() <= room.height()



def test_a_short_window_sets_the_comparison_line_smaller(ran: MainWindow) -> None:
    """At 1280x720 the sentence in its large type took three lines and left the panels about
    230 pixels; smaller there, it leaves them more, and a tall window keeps the large type."""
    ran.set_language("en")
    ran.resize(window_size(SCREENS["1920x1080"]))
    QApplication.processEvents()
    large = ran.view.comparison.point_size()
    ran.resize(window_size(SCREENS["1280x720"]))
    for _ in range(3):
        QApplication.processEvents()
    assert ran.view.comparison.point_size() < large
    assert ran.view.panel_scroll.viewport().height() >= 240, "the panels keep their room"
    ran.resize(window_size(SCREENS["1600x1000"]))
    QApplication.processEvents()
    assert ran.view.comparison.point_size() == large
