"""Every control of the window is reached by Tab, and the one reached is clearly marked.

The window shows a finished comparison (a CPU result and an Edge TPU failure card, so that the
result area's buttons are there too); Tab is pressed from the first control until the focus
comes back, in the light and the dark theme.
"""

from __future__ import annotations

from array import array
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QWidget
from pytestqt.qtbot import QtBot

from core.errors import error
from core.results.records import BackendRecord, Prediction, RunRecord
from core.results.stats import compute_stats
from gui.look import theme
from gui.window.main_window import MainWindow
from gui.window.settings import Settings
from tests import gui_support  # noqa: F401  (offscreen Qt and isolated settings)

pytestmark = pytest.mark.gui


def _record(image: Path) -> RunRecord:
    latencies = array("d", [36.4 * f for f in (0.9, 1.0, 1.0, 1.1, 1.3)])
    cpu = BackendRecord("cpu", "cpu", "CPU (LiteRT 2.3.0, XNNPACK, 4 threads)",
                        model={"path": "/gone/bird.tflite"}, status="ok", load_ms=12.0,
                        first_inference_ms=99.0, latencies_ms=latencies,
                        stats=compute_stats(latencies),
                        results=[Prediction(923, "Ara macao (Scarlet Macaw)", 0.8),
                                 Prediction(1, "other", 0.1), Prediction(2, "nothing", 0.0)])
    tpu = BackendRecord("edgetpu", "edgetpu", "Edge TPU", model={"path": "/gone/b_edgetpu.tflite"},
                        status="error", error=error("edgetpu_not_found"))
    return RunRecord("2025-01-01T00:00:00+00:00", {"path": str(image)}, {"path": None},
                     {"count": 5}, {}, [cpu, tpu], None)


def _box(widget: QWidget) -> QWidget:
    parent = widget.parentWidget()
    return parent if isinstance(parent, (QAbstractSpinBox, QComboBox)) else widget


def _tab_stops(window: MainWindow) -> list[QWidget]:
    first = window.view.input_bar.model.combo
    first.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    stops: list[QWidget] = []
    for _ in range(200):
        widget = QApplication.focusWidget()
        assert widget is not None, "Tab left the window"
        if stops and widget is stops[0]:
            return stops
        assert widget not in stops, f"Tab went round without coming back to {stops[0]}"
        stops.append(widget)
        QTest.keyClick(widget, Qt.Key.Key_Tab)
        QApplication.processEvents()
    raise AssertionError("Tab never came back to the first control")


@pytest.mark.parametrize("look", ["light", "dark"])
def test_tab_reaches_every_control_and_marks_it(qtbot: QtBot, tmp_path: Path, parrot: Path,
                                                 qapp: QApplication, look: str) -> None:
    theme.apply_theme(qapp, look)
    window = MainWindow(Settings(tmp_path / "settings.ini"), restore=False, start_page=False)
    qtbot.addWidget(window)
    window.resize(1600, 1000)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.show_record(_record(parrot))
    QApplication.processEvents()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    try:
        stops = _tab_stops(window)
        unmarked = []
        for stop in stops:
            QTest.keyClick(stop, Qt.Key.Key_Tab)  # to the next and back: the ring follows
            stop.setFocus(Qt.FocusReason.TabFocusReason)
            QApplication.processEvents()
            ring = window.focus_ring.ring()
            box = _box(stop)
            assert stop.isVisible() and stop.isEnabled(), f"{stop} is a hidden or dead stop"
            if ring is None or ring.widget() is not box:
                unmarked.append(f"{type(box).__name__} {box.objectName()}")
                continue
            around = QRect(box.mapTo(window, QPoint(0, 0)), box.size())
            drawn = QRect(ring.mapTo(window, QPoint(0, 0)), ring.size())
            assert drawn.contains(around) and drawn != around, f"the ring misses {box}"
        assert not unmarked, f"no focus mark on: {unmarked}"
        reached = {_box(s) for s in stops}
        wanted = [w for w in window.findChildren(QWidget)
                  if w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus
                  and w.focusProxy() is None and _box(w) is w
                  and not isinstance(w.parentWidget(), (QAbstractSpinBox, QComboBox))]
        missed = [f"{type(w).__name__} {w.objectName()}" for w in wanted if w not in reached]
        assert not missed, f"Tab never reaches: {missed}"
        names = {type(s).__name__ for s in reached}
        assert {"QPushButton", "QComboBox", "QSpinBox", "QScrollArea"} <= names
    finally:
        theme.apply_theme(qapp, "system")


def test_the_focus_goes_from_run_to_stop_and_back(qtbot: QtBot, tmp_path: Path) -> None:
    """A disabled button hands the focus to the next control: after a run begun from the
    keyboard it ended far away, in the panels."""
    window = MainWindow(Settings(tmp_path / "settings.ini"), restore=False, start_page=False)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    bar = window.view.input_bar
    bar.set_running(False)
    bar.run_button.setFocus()
    bar.set_running(True)
    assert bar.stop_button.hasFocus() and not bar.run_button.isEnabled()
    bar.set_running(False)
    assert bar.run_button.hasFocus() and not bar.stop_button.isEnabled()
