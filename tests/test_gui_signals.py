"""10,000 cross-thread signals carrying session events, with garbage collected in between.

PySide6 6.12.0 dies after a few hundred emits on Python 3.11 (``Fatal Python error:
bool_dealloc``); this catches such a binding regression before a person's window does.
"""

from __future__ import annotations

import gc

import pytest
from PySide6.QtCore import QThread
from pytestqt.qtbot import QtBot

from core.measure.events import LatencyBatch
from gui.run.session_runner import SessionRunner
from tests import gui_support

pytestmark = pytest.mark.gui

EMITS = 10_000


class _Emitter(QThread):
    def __init__(self, runner: SessionRunner) -> None:
        super().__init__()
        self._runner = runner

    def run(self) -> None:
        for i in range(EMITS):
            self._runner.eventsDelivered.emit(
                [LatencyBatch("cpu", (float(i), i * 0.5), i + 1, EMITS)])
            if i % 1000 == 0:
                gc.collect()


def test_ten_thousand_cross_thread_signals_survive_garbage_collection(qtbot: QtBot) -> None:
    runner = SessionRunner()
    received: list[int] = []
    total: list[float] = []

    def on_batch(batch: list[LatencyBatch]) -> None:
        received.append(batch[0].done)
        total.append(sum(batch[0].latencies_ms))
        if len(received) % 1000 == 0:
            gc.collect()

    runner.eventsDelivered.connect(on_batch)
    thread = _Emitter(runner)
    thread.start()
    qtbot.waitUntil(lambda: len(received) == EMITS, timeout=gui_support.HANG_GUARD_MS)
    thread.wait()
    gc.collect()
    assert received == list(range(1, EMITS + 1))
    assert sum(total) == pytest.approx(sum(i * 1.5 for i in range(EMITS)))
