"""Nothing of the measuring side's process wakes during a timed round: the session's waits for
a worker end on its message or on cancel (an ``Alarm``), never by polling; the window's
delivery timer is pushed back while turns come; a stop signal needs no periodic timer.

Each wake-up of a thread in the window's process took a core from the runtime's threads, and
the inference then running was among the slowest 1 % (bench/window.py, the smallest model).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from core.measure import worker as worker_module
from core.measure.events import LatencyBatch
from core.measure.session import RunRequest, Session
from core.measure.worker import Alarm
from gui.run.session_runner import SessionRunner
from gui.run.turn_taking import DELIVERY_INTERVAL_MS, QUIET_MS
from tests import gui_support
from tests.doubles.fake_runtimes import double

REPO = Path(__file__).resolve().parents[1]
SLOW_MS = 2 * DELIVERY_INTERVAL_MS  # each round outlasts the old poll and the delivery timer


def test_a_rung_alarm_ends_a_wait_and_a_closed_one_is_harmless() -> None:
    alarm = Alarm()
    reader = alarm.reader
    assert reader is not None and not reader.poll()
    alarm.ring()
    assert reader.poll() and alarm.reader is None  # rung: not to be waited on again (it spins)
    alarm.ring()  # twice: nothing more
    alarm.close()
    alarm.ring()  # after close (a late cancel): nothing raises


def test_the_session_never_wakes_before_its_worker_answers(
        small_model: Path, parrot: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    answers: list[bool] = []
    original = worker_module.WorkerHandle.receive

    def receive(self: Any, timeout: float, alarm: Any = None) -> Any:
        reply = original(self, timeout, alarm)
        answers.append(reply is not None)  # None: the wait ended without a message
        return reply

    monkeypatch.setattr(worker_module.WorkerHandle, "receive", receive)
    slow = double("cpu", "slow_cpu", ms=str(SLOW_MS))
    record = Session(RunRequest(small_model, parrot, count=4, warmup=0,
                                backends=(slow,))).run()
    assert record.backend("cpu").status == "ok"
    assert len(answers) >= 7  # imported, loaded, first, ready, the rounds, the output
    assert all(answers), f"{answers.count(False)} waits ended with nothing to read"


@pytest.mark.gui
@pytest.mark.parametrize("round_ms", [SLOW_MS, 2 * QUIET_MS])  # a round longer than QUIET_MS too
def test_the_delivery_timer_never_fires_while_turns_come(
        qtbot: QtBot, small_model: Path, parrot: Path, round_ms: int) -> None:
    runner = SessionRunner()
    rounds: list[tuple[int, int]] = []
    runner.eventsDelivered.connect(lambda events: rounds.extend(
        (e.started_ns, e.ended_ns) for e in events if isinstance(e, LatencyBatch)))
    fired: list[int] = []
    original = runner.turns._gap

    def between_turns() -> None:
        fired.append(time.monotonic_ns())
        original()

    runner.turns._timer.timeout.disconnect()
    runner.turns._timer.timeout.connect(between_turns)
    slow = double("cpu", "slow_cpu", ms=str(round_ms))
    with qtbot.waitSignal(runner.runEnded, timeout=gui_support.HANG_GUARD_MS):
        runner.start(RunRequest(small_model, parrot, count=5, warmup=0, backends=(slow,)))
    assert len(rounds) == 5  # one slow inference a round: each round outlasts the interval
    during = [t for t in fired for a, b in rounds if a <= t <= b]
    assert during == [], f"the timer woke the window {len(during)} times during rounds"


STOP_WITHOUT_TIMERS = """
import os, signal, sys, threading
from PySide6.QtCore import QCoreApplication, QTimer
from gui.app.quit_signals import stop_on_signals
app = QCoreApplication([])
with stop_on_signals() as received:
    periodic = [t for t in app.findChildren(QTimer) if t.isActive() and not t.isSingleShot()]
    # Sent from another thread once the loop waits in C++: only the wake-up socket can get
    # Python to run the handler then.
    QTimer.singleShot(0, lambda: threading.Thread(
        target=lambda: os.kill(os.getpid(), signal.SIGHUP)).start())
    app.exec()
print(len(periodic), received)
"""


def test_a_stop_signal_ends_an_idle_event_loop_without_a_periodic_timer() -> None:
    # In a process of its own: the handler ends every event loop of the application.
    done = subprocess.run([sys.executable, "-c", STOP_WITHOUT_TIMERS], cwd=REPO,
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["0", f"[{int(signal.SIGHUP)}]"], "0 periodic timers, SIGHUP"
