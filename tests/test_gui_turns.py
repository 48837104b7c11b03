"""Timed inferences and painting take turns: no paint of the window (or of booth mode) ever
overlaps a timed round, on the clock that the worker processes and the window share.

Deterministic: each worker reports when each round started and ended (``time.monotonic_ns``,
CLOCK_MONOTONIC on Linux: one clock for every process), each window records when it painted,
and the test compares the two lists; nothing is timed against a limit.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from core.measure.backends import BackendSpec
from core.measure.booth import BoothConfig
from core.measure.events import LatencyBatch
from core.measure.probe import RunProbe
from core.measure.session import RunRequest
from gui.booth.window import BoothWindow
from gui.run.session_runner import SessionRunner
from gui.window.main_window import MainWindow
from gui.window.settings import Settings
from tests import gui_support
from tests.doubles.fake_runtimes import double

pytestmark = pytest.mark.gui

CPU1 = BackendSpec("cpu", threads=1)
Interval = tuple[int, int]


def _rounds_of(runner: SessionRunner) -> list[Interval]:
    rounds: list[Interval] = []
    runner.eventsDelivered.connect(lambda events: rounds.extend(
        (e.started_ns, e.ended_ns) for e in events if isinstance(e, LatencyBatch)))
    return rounds


def _overlaps(paints: list[Interval], rounds: list[Interval]) -> list[tuple[Interval, Interval]]:
    return [(p, r) for p in paints for r in rounds if p[0] < r[1] and r[0] < p[1]]


def test_the_window_never_paints_while_a_backend_measures(
        qtbot: QtBot, tmp_path: Path, small_model: Path, parrot: Path) -> None:
    window = MainWindow(Settings(tmp_path / "settings.ini"), restore=False, start_page=False)
    qtbot.addWidget(window)
    window.show()
    probe = window.runner.probe = RunProbe(record_paints=True)
    rounds = _rounds_of(window.runner)
    request = RunRequest(small_model, parrot, count=1500, warmup=1,
                         backends=(CPU1, double("edgetpu", "fake_edgetpu_ok")))
    with qtbot.waitSignal(window.runner.runEnded, timeout=gui_support.HANG_GUARD_MS):
        assert window.start_run(request)
    paints = probe.intervals
    assert paints is not None
    record = window.state.record
    assert record is not None and all(b.status == "ok" for b in record.backends)
    assert len(rounds) >= 4, "several rounds, so that there were gaps to paint in"
    between = [p for p in paints if rounds[0][1] <= p[0] <= rounds[-1][0]]
    assert len(between) >= len(rounds) // 2, "the window painted between the rounds"
    assert _overlaps(paints, rounds) == []


def test_booth_mode_never_paints_while_a_backend_measures(
        qtbot: QtBot, small_model: Path, coral: Path) -> None:
    image = coral / "images" / "cat.bmp"
    template = RunRequest(small_model, image, coral / "labels" / "imagenet_labels.txt",
                          backends=(CPU1, double("edgetpu", "fake_edgetpu_ok")))
    config = BoothConfig(count=1000, warmup=1, dwell_s=0, window=500, rejected_pause_s=0)
    booth = BoothWindow(template, [image], config)
    qtbot.addWidget(booth)
    booth.resize(1600, 1000)
    booth.show()
    probe = booth.runner.probe = RunProbe(record_paints=True)
    rounds = _rounds_of(booth.runner)
    with qtbot.waitSignal(booth.comparisonFinished, timeout=gui_support.HANG_GUARD_MS):
        assert booth.start()
    booth.stop()
    paints = probe.intervals
    assert paints is not None and len(rounds) >= 4
    assert sum(1 for p in paints if rounds[0][1] <= p[0] <= rounds[-1][0]) >= len(rounds) // 2
    assert _overlaps(paints, rounds) == []


class _Quick:
    """A session that ends at once."""

    def __init__(self, request: Any) -> None:
        pass

    def prepare(self) -> None:
        pass

    def run(self, on_event: Any, gate: Any = None) -> None:
        pass

    def cancel(self) -> None:
        pass


class _Held(_Quick):
    """A session that runs until released (or, without the fix, freezes the event loop)."""

    release = threading.Event()

    def run(self, on_event: Any, gate: Any = None) -> None:
        self.release.wait(10)


def test_an_earlier_runs_queued_finished_does_not_end_the_next_run(qtbot: QtBot) -> None:
    runner = SessionRunner(lambda request: _Quick(request) if request == "A" else _Held(request))
    ended: list[int] = []
    runner.runEnded.connect(lambda: ended.append(1))
    runner.start("A")
    thread = runner._thread
    assert thread is not None
    thread.wait()  # A has ended; its finished signal waits in the event queue
    runner.stop()
    assert ended == [1]
    _Held.release.clear()
    runner.start("B")
    QCoreApplication.sendPostedEvents()  # A's queued finished arrives during B
    assert runner.is_running(), "A's finished ended run B"
    assert ended == [1], "runEnded twice for one run"
    with qtbot.waitSignal(runner.runEnded, timeout=gui_support.HANG_GUARD_MS):
        _Held.release.set()
    assert ended == [1, 1] and not runner.is_running()


def test_a_paint_asked_for_while_a_backend_measures_waits_for_the_gap(qtbot: QtBot) -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QWidget

    from gui.run.turn_taking import TurnTaking

    handled: list[int] = []

    class Logged(QWidget):
        def event(self, event: QEvent) -> bool:
            handled.append(int(event.type().value))
            return True

    class Gate:  # the session's gate, as the window sees it: is anything being timed?
        def idle(self) -> bool:
            return not measuring[0]

    widget = Logged()
    qtbot.addWidget(widget)
    turns = TurnTaking(deliver=lambda: False)
    turns.serve(widget)
    log = turns.probe = RunProbe()
    measuring = [True]
    turns.begin(Gate())  # type: ignore[arg-type]

    def handle(event: QEvent) -> bool:
        return QCoreApplication.sendEvent(widget, event)

    update = QEvent(QEvent.Type.UpdateRequest)
    assert handle(update) and handled == [] and turns.held() and log.paints == 0
    assert handle(QEvent(QEvent.Type.Show)) and len(handled) == 1  # not a paint
    measuring[0] = False
    turns._gap()  # the gap: what was held back is painted now
    assert not turns.held() and log.paints == 1
    assert handled[-1] == int(QEvent.Type.UpdateRequest.value)
    turns.end(lambda: None)
