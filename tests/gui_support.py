"""Shared set-up for the window tests: offscreen Qt, isolated settings, worker bookkeeping.

Imported first by every ``test_gui_*`` module. The settings variable points any ``Settings()``
made without a path at a throw-away file, so no test ever reads or writes the user's settings.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_SAFETY = Path(tempfile.mkdtemp(prefix="edgetpu-compare-test-settings-"))
os.environ["EDGETPU_COMPARE_SETTINGS"] = str(_SAFETY / "settings.ini")
os.environ["EDGETPU_COMPARE_LOG_DIR"] = str(_SAFETY / "logs")  # the booth log, kept apart

from typing import Any  # noqa: E402

import psutil  # noqa: E402
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl  # noqa: E402
from PySide6.QtGui import QDragEnterEvent, QDropEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from core.measure.session import RunRequest, Session  # noqa: E402

HANG_GUARD_MS = 120_000  # only ends a broken test; a working one never waits this long


class RecordingSessionFactory:
    """Makes real sessions and keeps them, so a test can check that every worker was reaped."""

    def __init__(self) -> None:
        self.sessions: list[Session] = []

    def __call__(self, request: RunRequest) -> Session:
        session = Session(request)
        self.sessions.append(session)
        return session

    def worker_pids(self) -> list[int]:
        return [pid for s in self.sessions for pid in s.worker_pids()]


def alive(pid: int) -> bool:
    if not psutil.pid_exists(pid):
        return False
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def drop(target: QWidget, paths: list[Path]) -> tuple[bool, bool]:
    """Drag ``paths`` over ``target`` and drop them, as a file manager would.

    Returns whether the drag was accepted on entry and whether the drop was accepted."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    where = target.rect().center()
    enter = QDragEnterEvent(QPoint(where), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, enter)
    event = QDropEvent(QPointF(where), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, event)
    return enter.isAccepted(), event.isAccepted()


def hide_bundled_pair(monkeypatch: Any) -> None:
    """A window that opens on nothing, as from a package that ships no sample pair: for tests of
    choosing files from an empty start (tests/test_bundled_pair.py covers the bundled pair)."""
    from core.samples import bundled_pair

    monkeypatch.setattr(bundled_pair, "bundled_root", lambda: None)


def patch_open_dialog(monkeypatch: Any, *answers: Path | None) -> list[str]:
    """Make QFileDialog.getOpenFileName answer ``answers`` in turn; returns the titles asked."""
    from PySide6.QtWidgets import QFileDialog

    queue = list(answers)
    titles: list[str] = []

    def fake(parent: Any, title: str = "", folder: str = "", filters: str = "") -> tuple[str, str]:
        titles.append(title)
        answer = queue.pop(0)
        return (str(answer) if answer else "", "")

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(fake))
    return titles


def patch_save_dialog(monkeypatch: Any, answer: Path) -> None:
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(answer), "")))


def count_inferences(runner: Any) -> list[int]:
    """A one-item list that counts the timed inferences ``runner`` (a SessionRunner) delivers
    from now on, observed through its ``eventsDelivered`` signal."""
    from core.measure.events import LatencyBatch

    counted = [0]

    def add(events: list[Any]) -> None:
        counted[0] += sum(len(e.latencies_ms) for e in events if isinstance(e, LatencyBatch))

    runner.eventsDelivered.connect(add)
    return counted
