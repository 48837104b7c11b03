"""SIGINT, SIGTERM and SIGHUP end a Qt command the way closing its window does.

Python runs a signal handler only between its own bytecodes, and a Qt event loop may run C++
for a long time, so a timer gives Python a moment every 100 ms. The handler records the signal,
calls ``on_stop`` (cancel a run) and leaves every event loop; the command then closes its
window, which stops and reaps the workers, and ``with`` blocks remove their temporary files.
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Callable, Iterator

import shiboken6
from PySide6.QtCore import QCoreApplication, QTimer

STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP")
                     if hasattr(signal, name))


@contextlib.contextmanager
def stop_on_signals(on_stop: Callable[[], None] = lambda: None) -> Iterator[list[int]]:
    """Yield the list of signals received while inside the block (empty if none). Enter it
    after the application exists."""
    received: list[int] = []

    def stop(signum: int, _frame: object) -> None:
        received.append(signum)
        on_stop()
        app = QCoreApplication.instance()
        if app is not None:
            app.exit(0)  # leaves every running event loop of the main thread

    previous = {s: signal.signal(s, stop) for s in STOP_SIGNALS}
    watch = QTimer(QCoreApplication.instance())  # dies with the application, never after it
    watch.timeout.connect(lambda: None)
    watch.start(100)
    try:
        yield received
    finally:
        if shiboken6.isValid(watch):
            watch.stop()
        for s, handler in previous.items():
            signal.signal(s, handler)
