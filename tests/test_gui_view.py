"""The window's view is one widget, made again whole on a language or theme change; and the
turn-taking's flush ends when painting has stopped, not after a fixed count."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from core.measure.turns import TurnGate
from gui.run import turn_taking
from gui.run.turn_taking import MAX_FLUSH_PASSES, QUIET_PASSES, TurnTaking
from gui.window.main_view_widget import RESULTS_PAGE, MainViewWidget
from gui.window.main_window import MainWindow
from gui.window.settings import Settings
from tests import gui_support

pytestmark = pytest.mark.gui


def test_a_theme_or_language_change_replaces_the_one_view_and_keeps_what_it_showed(
        qtbot: QtBot, tmp_path: Path, small_model: Path, parrot: Path) -> None:
    window = MainWindow(Settings(tmp_path / "settings.ini"), restore=False, start_page=False)
    qtbot.addWidget(window)
    window.show()
    window.open_path(small_model)
    window.open_path(parrot)
    window.view.input_bar.count.setValue(77)
    window.view.show_results()
    old = window.view
    destroyed: list[bool] = []
    old.destroyed.connect(lambda: destroyed.append(True))
    window.rebuild_ui()
    assert window.view is not old and isinstance(window.view, MainViewWidget)
    assert window.centralWidget() is window.view
    assert window.view.pages.currentIndex() == RESULTS_PAGE
    assert window.view.input_bar.count.value() == 77
    assert window.view.input_bar.run_button.isEnabled(), "the files chosen are kept"
    qtbot.waitUntil(lambda: destroyed == [True], timeout=gui_support.HANG_GUARD_MS)


def test_the_new_views_signals_reach_the_window(
        qtbot: QtBot, tmp_path: Path, small_model: Path, parrot: Path) -> None:
    window = MainWindow(Settings(tmp_path / "settings.ini"), restore=False, start_page=False)
    qtbot.addWidget(window)
    window.rebuild_ui()
    window.view.pathChosen.emit("model", str(small_model))
    window.view.pathChosen.emit("image", str(parrot))
    assert window.choice.ready() and window.view.input_bar.run_button.isEnabled()


class _Painted(QWidget):
    """Counts its paints; with ``forever`` it asks for another one in each."""

    def __init__(self, forever: bool) -> None:
        super().__init__()
        self.forever = forever
        self.paints = 0

    def paintEvent(self, event: QPaintEvent) -> None:
        self.paints += 1
        if self.forever:
            self.update()


def _flush_passes(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, forever: bool,
                  pending: bool) -> tuple[int, int]:
    widget = _Painted(forever)
    qtbot.addWidget(widget)
    widget.resize(50, 50)
    widget.show()
    qtbot.waitExposed(widget)
    for _ in range(3):  # the first paints, whichever way they come
        QCoreApplication.processEvents()
    turns = TurnTaking(deliver=lambda: False)
    turns.serve(widget)
    painted_before = widget.paints
    if pending:
        widget.update()
    passes = [0]
    send = QCoreApplication.sendPostedEvents

    def counted(*args: object) -> None:
        passes[0] += 1
        send(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(turn_taking.QCoreApplication, "sendPostedEvents", counted)
    turns._flush()
    monkeypatch.undo()
    widget.forever = False
    return passes[0], widget.paints - painted_before


def test_a_flush_with_nothing_to_paint_ends_after_the_quiet_passes(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _flush_passes(qtbot, monkeypatch, forever=False, pending=False) == (QUIET_PASSES, 0)


def test_a_flush_paints_what_is_pending_then_stops(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    passes, paints = _flush_passes(qtbot, monkeypatch, forever=False, pending=True)
    assert paints == 1 and QUIET_PASSES < passes < MAX_FLUSH_PASSES


def test_a_flush_against_something_that_repaints_for_ever_is_bounded(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    passes, paints = _flush_passes(qtbot, monkeypatch, forever=True, pending=True)
    assert passes == MAX_FLUSH_PASSES and paints > QUIET_PASSES


@pytest.mark.parametrize("news", [True, False])
def test_a_turn_right_after_another_hands_over_news_at_once(qtbot: QtBot, news: bool) -> None:
    """Two turns within one delivery interval (a quick load, then the next backend's load):
    what a load said is delivered at the second at once, since the next turn may come only after
    a long load, or never (a device that hangs while it loads); latencies alone wait."""
    delivered: list[int] = []
    turns = TurnTaking(deliver=lambda: delivered.append(1) is None, news=lambda: news)
    gate = TurnGate()
    turns.begin(gate)
    turns.turn(gate)
    turns.turn(gate)
    assert len(delivered) == (2 if news else 1)
    turns.end(lambda: None)
