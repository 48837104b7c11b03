"""The Edge TPU's readiness, found before any run, off the GUI thread.

An Edge TPU panel that says "Ready" and fails only after Run wastes a newcomer's first minute.
``core.edgetpu.readiness`` tells what is missing (no libedgetpu, a file that is not one, no
device) without loading anything; it still starts ``ldconfig`` and reads sysfs, which the GUI
thread must never wait for, so it runs on a thread of its own and hands back plain data.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QThread, Signal

from core.edgetpu.readiness import Readiness, edgetpu_readiness

WAIT_AT_CLOSE_MS = 10000  # ldconfig's own timeout is shorter: the thread always ends


def check_edgetpu() -> Readiness:
    """The check the probe runs (tests replace it with a stand-in)."""
    return edgetpu_readiness()


class _CheckThread(QThread):
    checked = Signal(object)

    def run(self) -> None:
        try:
            found = check_edgetpu()
        except Exception:  # a check that cannot tell says nothing rather than take the app down
            return
        self.checked.emit(found)


class ReadinessProbe(QObject):
    """``start()`` returns at once; ``found`` arrives on the GUI thread with a ``Readiness``."""

    found = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: _CheckThread | None = None
        self.last: Readiness | None = None

    def start(self) -> None:
        if self.is_running():
            return
        thread = _CheckThread()
        thread.checked.connect(self._on_checked)
        thread.finished.connect(lambda t=thread: self._reap(t))
        self._thread = thread
        thread.start()

    def _reap(self, thread: _CheckThread) -> None:
        if self._thread is thread:
            self._thread = None
        thread.deleteLater()

    def is_running(self) -> bool:
        return self._thread is not None and self._thread.isRunning()

    def _on_checked(self, found: Readiness) -> None:
        self.last = found
        self.found.emit(found)

    def stop(self) -> None:
        """Wait for a check still running (the window is closing): no thread outlives it."""
        thread = self._thread
        if thread is not None:
            thread.checked.disconnect(self._on_checked)
            thread.wait(WAIT_AT_CLOSE_MS)
