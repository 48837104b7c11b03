"""SIGINT, SIGTERM and SIGHUP end a Qt command the way closing its window does.

Python runs a signal handler only between its own bytecodes, and a Qt event loop may wait in C++
for ever. So the signal's number is also written to a socket (``signal.set_wakeup_fd``) that a
``QSocketNotifier`` watches: its slot is Python, and the handler runs then. Nothing wakes the
window periodically (a 100 ms timer did: each wake-up during a timed round took a core from the
runtime's threads). The handler records the signal,
calls ``on_stop`` (cancel a run) and leaves every event loop; the command then closes its
window, which stops and reaps the workers, and ``with`` blocks remove their temporary files.
"""

from __future__ import annotations

import contextlib
import signal
import socket
from collections.abc import Callable, Iterator

import shiboken6
from PySide6.QtCore import QCoreApplication, QSocketNotifier

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
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    previous_fd = signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
    # Owned by the application, so that it dies with it, never after it.
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read,
                               QCoreApplication.instance())

    def drain() -> None:  # Python runs the pending handler right here
        with contextlib.suppress(OSError):
            reader.recv(64)

    notifier.activated.connect(drain)
    try:
        yield received
    finally:
        signal.set_wakeup_fd(previous_fd)
        if shiboken6.isValid(notifier):
            notifier.setEnabled(False)
            notifier.deleteLater()
        reader.close()
        writer.close()
        for s, handler in previous.items():
            signal.signal(s, handler)
