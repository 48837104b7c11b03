"""When a window painted, on the clock the worker processes time their rounds with, and the
window's paints held back while a backend measures.

``hold`` (set by the ``SessionRunner``) says when a timed round or a load is running; Qt's paint
of the window (its ``UpdateRequest``) is then held back, at most ``MAX_HOLD_S``, and
``release()`` repaints it in the next gap. So the window never takes a core from a measurement,
whatever asked it to repaint meanwhile (a plot's deferred update, a status message that
expires, a folder scan that finished).

Off unless ``start()`` is called (a test or a benchmark): then every paint of the window (the
window's own refresh of its widgets, and Qt's painting of them) is kept as a ``(started_ns,
ended_ns)`` pair of ``time.monotonic_ns()``, which all processes on one host share, so that it
can be set against the workers' timed rounds.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, QEvent, QObject

# A load (an Edge TPU's firmware upload takes seconds) must not leave a window unpainted for
# long; timed rounds are about 0.1 s, so they are never reached by this bound.
MAX_HOLD_S = 0.5


class PaintLog:
    def __init__(self, window: QObject | None = None) -> None:
        self.intervals: list[tuple[int, int]] | None = None
        self.paints = 0  # every paint of the window, logged or not: has a flush painted all?
        self.window = window
        self.hold: Callable[[], bool] = lambda: False
        self._held_since: float | None = None

    def start(self) -> None:
        self.intervals = []

    @property
    def held(self) -> bool:
        return self._held_since is not None

    @contextmanager
    def timing(self) -> Iterator[None]:
        if self.intervals is None:
            yield
            return
        started = time.monotonic_ns()
        try:
            yield
        finally:
            self.intervals.append((started, time.monotonic_ns()))

    def release(self) -> None:
        """Repaint what was held back (the window's dirty parts), now that nothing is timed."""
        if self._held_since is not None and self.window is not None:
            self._held_since = None
            QCoreApplication.sendEvent(self.window, QEvent(QEvent.Type.UpdateRequest))

    def handle(self, event: QEvent, handler: Callable[[QEvent], bool]) -> bool:
        """The window's ``event``: ``handler`` handles it, counted (and timed, when logging)
        if it is a paint; held back while ``hold()`` says a backend measures."""
        if event.type() != QEvent.Type.UpdateRequest:
            return handler(event)
        if self.hold():
            now = time.monotonic()
            if self._held_since is None:
                self._held_since = now
            if now - self._held_since < MAX_HOLD_S:
                return True  # Qt keeps the dirty region; release() paints it
        self._held_since = None
        self.paints += 1
        if self.intervals is not None:
            with self.timing():
                return handler(event)
        return handler(event)
