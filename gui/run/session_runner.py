"""Drive one ``core.measure.session.Session`` on a QThread and hand its events to the window in
batches.

The data rate and the paint rate are kept apart: the session calls ``on_event`` on the runner's
thread, which only appends the plain-data event to a locked buffer (no Qt signal per event,
which stalls the event loop in a fast run). When the window gets them, and when it may paint,
is ``gui.run.turn_taking``'s business: the runner hands each turn of the session's gate to it.
"""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, QThread, Signal

from core.errors import AppError, error
from core.measure.events import Event, LatencyBatch, RunRejected
from core.measure.probe import RunProbe
from core.measure.session import RunRequest, Session
from core.measure.turns import TurnGate
from gui.run.turn_taking import TurnTaking


class RunnableSession(Protocol):
    """What the runner needs of a session (``core.measure.session.Session``, or a double)."""

    def prepare(self) -> object: ...
    def run(self, on_event: Callable[[Event], None], gate: TurnGate | None = None) -> object: ...
    def cancel(self) -> None: ...


SessionFactory = Callable[[RunRequest], RunnableSession]


class _EventBuffer:
    """Thread-safe list the session thread appends to and the GUI thread swaps out."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: list[Event] = []

    def put(self, item: Event) -> None:
        with self._lock:
            self._items.append(item)

    def take(self) -> list[Event]:
        with self._lock:
            items, self._items = self._items, []
        return items

    def has_news(self) -> bool:
        """Whether something other than latencies waits (a backend started, loaded, failed)."""
        with self._lock:
            return any(not isinstance(e, LatencyBatch) for e in self._items)


class _SessionThread(QThread):
    turn = Signal()  # emitted on this thread when the session gives the window its turn

    def __init__(self, session: RunnableSession, buffer: _EventBuffer,
                 cancelled: threading.Event, probe: RunProbe | None) -> None:
        super().__init__()
        self._session = session
        self._buffer = buffer
        self._cancelled = cancelled
        self.gate = TurnGate(self.turn.emit, probe=probe)

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
    """Owns the session thread. ``stop()`` cancels and waits; safe to call at any time.

    ``probe`` (None unless a test or a benchmark sets one) counts what the run did."""

    eventsDelivered = Signal(list)
    runStarted = Signal()
    runEnded = Signal()

    def __init__(self, session_factory: SessionFactory | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._factory: SessionFactory = session_factory or Session
        self._buffer = _EventBuffer()
        self._cancelled = threading.Event()
        self._session: RunnableSession | None = None
        self._thread: _SessionThread | None = None
        self.turns = TurnTaking(self._deliver, self, news=self._has_news)

    @property
    def probe(self) -> RunProbe | None:
        return self.turns.probe

    @probe.setter
    def probe(self, probe: RunProbe | None) -> None:
        self.turns.probe = probe

    def serve(self, window: QObject) -> None:
        """Hold ``window``'s paints while a backend measures."""
        self.turns.serve(window)

    def is_running(self) -> bool:
        return self._thread is not None

    def start(self, request: RunRequest) -> None:
        """Start a run of ``request``; stops any earlier run."""
        self.stop()
        self._cancelled = threading.Event()
        self._buffer = _EventBuffer()
        self._session = self._factory(request)
        thread = _SessionThread(self._session, self._buffer, self._cancelled, self.probe)
        self._thread = thread
        # Bound to this thread: a queued ``finished`` of an earlier run must not end this one.
        thread.finished.connect(functools.partial(self._on_thread_finished, thread))
        thread.turn.connect(functools.partial(self._on_turn, thread))
        thread.start()
        self.turns.begin(thread.gate)
        self.runStarted.emit()

    def cancel(self) -> None:
        """Ask the run to stop; the thread ends on its own and ``runEnded`` follows."""
        if self._thread is None:
            return
        self._cancelled.set()
        self._thread.gate.open()
        if self._session is not None:
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
        thread.wait()
        self.turns.end(functools.partial(self._ended, thread))

    def _ended(self, thread: _SessionThread) -> None:
        if self._thread is not thread:
            return
        self._thread = None
        self._session = None
        # The connections hold the thread (and through it the session, its records and its
        # workers' pipes) for as long as the Qt object lives: a booth starts a thread per
        # picture, so each must go once it has ended.
        thread.finished.disconnect()
        thread.turn.disconnect()
        thread.deleteLater()
        self.runEnded.emit()

    def _on_turn(self, thread: _SessionThread) -> None:
        if self._thread is thread:
            self.turns.turn(thread.gate)

    def _has_news(self) -> bool:
        return self._buffer.has_news()

    def _deliver(self) -> bool:
        batch = self._buffer.take()
        if not batch:
            return False
        probe = self.probe
        if probe is not None:
            probe.deliveries += 1
            probe.events += len(batch)
            probe.inferences += sum(len(e.latencies_ms) for e in batch
                                    if isinstance(e, LatencyBatch))
        self.eventsDelivered.emit(batch)
        return True
