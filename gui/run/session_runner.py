"""Drive one ``core.measure.session.Session`` on a QThread and hand its events to the window in
batches.

The data rate and the paint rate are kept apart: the session calls ``on_event`` on the runner's
thread, which only appends the plain-data event to a locked buffer (no Qt signal per event, which
stalls the event loop in a fast run). Measuring and painting take turns through a
``core.measure.turns.TurnGate``: before each load and timed round the session gives the window a
turn
(one queued signal); the runner then emits one ``eventsDelivered`` list, lets the window paint it
at once (posted paint events are flushed) and only then lets the session go on; turns that come
sooner than the delivery interval (short rounds) are served without painting. Between turns,
while nothing is timed (workers importing), a timer delivers at most
``MAX_DELIVERIES_PER_SECOND`` times a second. The counters let a test check the bounds without
timing anything itself.
"""

from __future__ import annotations

import contextlib
import functools
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, QTimer, Signal
from PySide6.QtGui import QGuiApplication

from core.errors import AppError, error
from core.measure.events import LatencyBatch, RunRejected, SessionFinished
from core.measure.turns import TurnGate
from gui.run.paint_log import PaintLog

# At most 10 deliveries, and so paints, a second: live plots still look fluid, and on a 2-core
# machine the window then leaves the CPU backend's median as the command line measures it
# (measured by bench/window.py: painting at 30 Hz slowed a 2-thread CPU backend 1.9x).
MAX_DELIVERIES_PER_SECOND = 10
DELIVERY_INTERVAL_MS = 1000 // MAX_DELIVERIES_PER_SECOND + 1  # never more than 10 a second
# While turns come (a timed round about every 0.1 s), the timer is pushed back on each one so
# that it never fires during a round: each wake-up of the window's thread took a core from the
# runtime's threads (bench/window.py, p99 of the smallest model).
QUIET_MS = 3 * DELIVERY_INTERVAL_MS
FLUSH_PASSES = 8  # plot data -> scene dirty check -> view update -> paint, axes: a few hops


class _EventBuffer:
    """Thread-safe list the session thread appends to and the GUI thread swaps out."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: list[Any] = []

    def put(self, item: Any) -> None:
        with self._lock:
            self._items.append(item)

    def take(self) -> list[Any]:
        with self._lock:
            items, self._items = self._items, []
        return items


class _SessionThread(QThread):
    turn = Signal()  # emitted on this thread when the session gives the window its turn

    def __init__(self, session: Any, buffer: _EventBuffer, cancelled: threading.Event) -> None:
        super().__init__()
        self._session = session
        self._buffer = buffer
        self._cancelled = cancelled
        self.gate = TurnGate(self.turn.emit)

    def run(self) -> None:
        try:
            self._session.prepare()
            if self._cancelled.is_set():
                return
            self._session.run(self._buffer.put, gate=self.gate)
        except AppError as exc:
            self._buffer.put(RunRejected(exc.info))
        except Exception as exc:  # the window must survive anything the engine does
            self._buffer.put(RunRejected(error(
                "worker_crashed", detail=f"{type(exc).__name__}: {exc}")))
        finally:
            self.gate.open()


class SessionRunner(QObject):
    """Owns the session thread. ``stop()`` cancels and waits; safe to call at any time."""

    eventsDelivered = Signal(list)
    runStarted = Signal()
    runEnded = Signal()

    def __init__(self, session_factory: Callable[[Any], Any] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._factory = session_factory
        self._buffer = _EventBuffer()
        self._cancelled = threading.Event()
        self._session: Any = None
        self._thread: _SessionThread | None = None
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(DELIVERY_INTERVAL_MS)
        self._timer.timeout.connect(self._between_turns)
        self._delivering = False
        self._delivered_at = 0.0
        self._finish_pending: _SessionThread | None = None
        self.deliveries = 0
        self.events = 0
        self.inferences = 0
        # The window's paints: held back while a backend measures, released in each gap.
        self.paint_log: PaintLog | None = None

    def is_running(self) -> bool:
        return self._thread is not None

    def start(self, request: Any) -> None:
        """Start a run of ``request`` (a ``core.measure.session.RunRequest``); stops any earlier
        run."""
        self.stop()
        factory = self._factory
        if factory is None:
            from core.measure.session import Session

            factory = Session
        self._cancelled = threading.Event()
        self._buffer = _EventBuffer()
        self.deliveries = self.events = self.inferences = 0
        self._session = factory(request)
        thread = _SessionThread(self._session, self._buffer, self._cancelled)
        self._thread = thread
        # Bound to this thread: a queued ``finished`` of an earlier run must not end this one.
        thread.finished.connect(functools.partial(self._on_thread_finished, thread))
        thread.turn.connect(functools.partial(self._on_turn, thread))
        thread.start()
        self._timer.start(DELIVERY_INTERVAL_MS)
        self.runStarted.emit()

    def cancel(self) -> None:
        """Ask the run to stop; the thread ends on its own and ``runEnded`` follows."""
        if self._thread is None:
            return
        self._cancelled.set()
        self._thread.gate.open()
        with contextlib.suppress(Exception):  # cancel must never raise into a close event
            self._session.cancel()

    def stop(self) -> None:
        """Cancel and wait for the thread (and so for the session, which reaps its workers)."""
        thread = self._thread
        if thread is None:
            return
        self.cancel()
        thread.wait()
        self._on_thread_finished(thread)

    def _on_thread_finished(self, thread: _SessionThread) -> None:
        if self._thread is not thread:
            return  # an earlier run's signal, queued before stop(): that run has ended already
        if self._delivering:  # came in while a delivery flushed its paint: end right after it
            self._finish_pending = thread
            return
        thread.wait()
        self._thread = None
        self._timer.stop()
        if self.paint_log is not None:
            self.paint_log.release()
        self._deliver()
        self._session = None
        self.runEnded.emit()

    def _on_turn(self, thread: _SessionThread) -> None:
        """The session waits: deliver, paint now, then let it measure again."""
        if self._thread is not thread or self._delivering:
            return
        gate = thread.gate
        ticket = gate.take()
        self._timer.start(QUIET_MS)  # turns come: no timer wakes the window in the rounds
        try:
            if time.monotonic() - self._delivered_at >= DELIVERY_INTERVAL_MS / 1000:
                self._deliver(flush=True)  # else short rounds: the next turn paints it all
        finally:
            gate.served(ticket)

    def _between_turns(self) -> None:
        if self._timer.interval() != DELIVERY_INTERVAL_MS:  # turns stopped coming
            self._timer.setInterval(DELIVERY_INTERVAL_MS)
        thread = self._thread
        if thread is not None and thread.gate.idle():
            if self.paint_log is not None:
                self.paint_log.release()
            self._deliver()

    def _deliver(self, flush: bool = False) -> None:
        if self._delivering:
            return
        self._delivering = True
        try:
            batch = self._buffer.take()
            if batch:
                self._delivered_at = time.monotonic()
                self.deliveries += 1
                self.events += len(batch)
                self.inferences += sum(len(e.latencies_ms) for e in batch
                                       if isinstance(e, LatencyBatch))
                self.eventsDelivered.emit(batch)
                if flush:
                    self._flush()
        finally:
            self._delivering = False
        pending, self._finish_pending = self._finish_pending, None
        if pending is not None:
            self._on_thread_finished(pending)


    def measuring(self) -> bool:
        """True while the session times a round or loads a backend: the window waits."""
        thread = self._thread
        return thread is not None and not self._delivering and not thread.gate.idle()

    def attach(self, paint_log: PaintLog) -> None:
        """Hold the window's paints (``paint_log``) while a backend measures."""
        self.paint_log = paint_log
        paint_log.hold = self.measuring

    def _flush(self) -> None:
        """Paint what was delivered (and what was held back) now, not during the next round."""
        log = self.paint_log
        if log is not None:
            log.release()
        for _ in range(FLUSH_PASSES):
            QCoreApplication.sendPostedEvents()
        QGuiApplication.sync()  # and let the window system (an X server) show it


def is_final(event: Any) -> bool:
    return isinstance(event, (SessionFinished, RunRejected))
