"""When a window painted, on the clock the worker processes time their rounds with.

Off unless ``start()`` is called (a test or a benchmark): then every paint of the window (the
window's own refresh of its widgets, and Qt's painting of them, one ``UpdateRequest`` each) is
kept as a ``(started_ns, ended_ns)`` pair of ``time.monotonic_ns()``, which all processes on
one host share, so that it can be set against the workers' timed rounds.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QEvent


class PaintLog:
    def __init__(self) -> None:
        self.intervals: list[tuple[int, int]] | None = None

    def start(self) -> None:
        self.intervals = []

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

    def handle(self, event: QEvent, handler: Callable[[QEvent], bool]) -> bool:
        """The window's ``event``: ``handler`` handles it, timed if it is a paint."""
        if self.intervals is not None and event.type() == QEvent.Type.UpdateRequest:
            with self.timing():
                return handler(event)
        return handler(event)
