"""The data rate is not the paint rate: results reach the window in batches, and plots repaint
at most MAX_DELIVERIES_PER_SECOND (10, within the 30 asked for) times a second of run time,
never while the window is hidden.

Counted, not timed: a probe counts the runner's deliveries and inferences, the window's repaints;
the run's own duration (not a limit) turns the repaint count into a rate.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from core.measure.probe import RunProbe
from gui.run.turn_taking import MAX_DELIVERIES_PER_SECOND
from gui.window.main_window import MainWindow
from gui.window.settings import Settings
from tests import gui_support

pytestmark = pytest.mark.gui


def _window(qtbot: QtBot, tmp_path: Path, show: bool) -> MainWindow:
    window = MainWindow(Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    if show:
        window.show()
    return window


def test_a_2000_inference_run_is_delivered_in_batches_and_painted_at_a_bounded_rate(
        qtbot: QtBot, tmp_path: Path, small_model: Path, parrot: Path) -> None:
    window = _window(qtbot, tmp_path, show=True)
    window.open_path(small_model)
    window.open_path(parrot)
    window.view.input_bar.count.setValue(2000)
    started: list[float] = []
    window.runner.runStarted.connect(lambda: started.append(time.monotonic()))
    probe = window.runner.probe = RunProbe()
    with qtbot.waitSignal(window.runner.runEnded, timeout=gui_support.HANG_GUARD_MS):
        window.start_run()
    run_seconds = time.monotonic() - started[0]
    repaints = probe.refreshes
    cpu = window.state.backend("cpu")
    assert cpu is not None and cpu.status == "ok" and len(cpu.latencies_ms) == 2000
    assert probe.inferences == 2000
    assert probe.deliveries * 10 <= probe.inferences, \
        f"{probe.deliveries} deliveries for {probe.inferences} inferences"
    # +2: the paint when Run is pressed and the final one after the thread has ended; and at
    # most one per backend for what its load said, handed over at the turn before the next
    # load even within the interval (docs/turn-taking.md, "News at once").
    assert MAX_DELIVERIES_PER_SECOND <= 30
    bound = MAX_DELIVERIES_PER_SECOND * run_seconds + 2 + len(window.panels)
    assert 1 <= repaints <= bound, f"{repaints} repaints in {run_seconds:.2f} s"
    assert all(probe.panel_refreshes[p.backend_id] <= bound + 1 for p in window.panels)
    assert window.panels[0].strip.points == 2000


def test_nothing_paints_while_the_window_is_hidden(
        qtbot: QtBot, tmp_path: Path, small_model: Path, parrot: Path) -> None:
    window = _window(qtbot, tmp_path, show=False)
    window.open_path(small_model)
    window.open_path(parrot)
    window.view.input_bar.count.setValue(300)
    probe = window.runner.probe = RunProbe()
    before = probe.refreshes
    with qtbot.waitSignal(window.runner.runEnded, timeout=gui_support.HANG_GUARD_MS):
        window.start_run()
    assert probe.deliveries >= 1
    assert probe.refreshes == before, "painted while hidden"
    window.show()
    assert probe.refreshes == before + 1, "one paint catches up on show"
    assert window.panels[0].strip.points == 300
