"""Drive one ``core.session.Session`` on a QThread and hand its events to the window in batches.

The data rate and the paint rate are kept apart: the session calls ``on_event`` on the runner's
thread, which only appends the plain-data event to a locked buffer (no Qt signal per event, which
stalls the event loop in a fast run). A precise GUI-thread timer drains that buffer at most
``MAX_DELIVERIES_PER_SECOND`` times a second and emits one ``eventsDelivered`` list per tick; the
counters let a test check the bound without timing anything itself.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal

from core.errors import AppError, ErrorInfo, error
from core.events import LatencyBatch, SessionFinished

# At most 10 deliveries, and so paints, a second: live plots still look fluid, and on a 2-core
# machine the window then leaves the CPU backend's median as the command line measures it
# (measured by bench/window.py: painting at 30 Hz slowed a 2-thread CPU backend 1.9x).
MAX_DELIVERIES_PER_SECOND = 10
DELIVERY_INTERVAL_MS = 1000 // MAX_DELIVERIES_PER_SECOND + 1  # never more than 10 a second


@dataclass(frozen=True)
class RunRejected:
    """The session refused to start (a user mistake found by ``prepare``) or broke unexpectedly."""

    error: ErrorInfo


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
    def __init__(self, session: Any, buffer: _EventBuffer, cancelled: threading.Event) -> None:
        super().__init__()
        self._session = session
        self._buffer = buffer
        self._cancelled = cancelled

    def run(self) -> None:
        try:
            self._session.prepare()
            if self._cancelled.is_set():
                return
            self._session.run(self._buffer.put)
        except AppError as exc:
            self._buffer.put(RunRejected(exc.info))
        except Exception as exc:  # the window must survive anything the engine does
            self._buffer.put(RunRejected(error(
                "worker_crashed", detail=f"{type(exc).__name__}: {exc}")))


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
        self._timer.timeout.connect(self._drain)
        self.deliveries = 0
        self.events = 0
        self.inferences = 0

    def is_running(self) -> bool:
        return self._thread is not None

    def start(self, request: Any) -> None:
        """Start a run of ``request`` (a ``core.session.RunRequest``); stops any earlier run."""
        self.stop()
        factory = self._factory
        if factory is None:
            from core.session import Session

            factory = Session
        self._cancelled = threading.Event()
        self._buffer = _EventBuffer()
        self.deliveries = self.events = self.inferences = 0
        self._session = factory(request)
        self._thread = _SessionThread(self._session, self._buffer, self._cancelled)
        self._thread.finished.connect(self._on_thread_finished)
        self._thread.start()
        self._timer.start()
        self.runStarted.emit()

    def cancel(self) -> None:
        """Ask the run to stop; the thread ends on its own and ``runEnded`` follows."""
        if self._thread is None:
            return
        self._cancelled.set()
        with contextlib.suppress(Exception):  # cancel must never raise into a close event
            self._session.cancel()

    def stop(self) -> None:
        """Cancel and wait for the thread (and so for the session, which reaps its workers)."""
        thread = self._thread
        if thread is None:
            return
        self.cancel()
        thread.wait()
        self._on_thread_finished()

    def _on_thread_finished(self) -> None:
        if self._thread is None:
            return
        self._thread.wait()
        self._thread = None
        self._timer.stop()
        self._drain()
        self._session = None
        self.runEnded.emit()

    def _drain(self) -> None:
        batch = self._buffer.take()
        if not batch:
            return
        self.deliveries += 1
        self.events += len(batch)
        self.inferences += sum(len(e.latencies_ms) for e in batch if isinstance(e, LatencyBatch))
        self.eventsDelivered.emit(batch)


def is_final(event: Any) -> bool:
    return isinstance(event, (SessionFinished, RunRejected))
