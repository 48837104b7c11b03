"""The Diagnostics dialog with real widgets (offscreen), fed reports from fake sysfs trees."""

from __future__ import annotations

import os
import subprocess
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QTextDocument
from PySide6.QtWidgets import QLabel, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from core.edgetpu.doctor import Report, run_doctor
from gui.widgets.diagnostics_dialog import DiagnosticsDialog, wait_for_checks
from tests.test_devices import add_usb

pytestmark = pytest.mark.gui

HANG_GUARD_MS = 60_000  # only ends a broken test; never reached by a working one


def _report(root: Path) -> Report:
    add_usb(root, "1-1", "18d1:9302", speed="480")
    return run_doctor(root, probe=False)


def _dialog(qtbot: QtBot, report: Report | None = None, **kwargs: object) -> DiagnosticsDialog:
    dialog = DiagnosticsDialog(report, **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _sections(dialog: DiagnosticsDialog) -> dict[str, QTreeWidgetItem]:
    tree = dialog.tree
    items = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    return {item.text(0): item for item in items if item is not None}


def _row(section: QTreeWidgetItem, name: str) -> QTreeWidgetItem:
    for i in range(section.childCount()):
        child = section.child(i)
        if child is not None and child.text(0) == name:
            return child
    raise AssertionError(f"no row {name!r} under {section.text(0)!r}")


def _notes(dialog: DiagnosticsDialog, row: QTreeWidgetItem) -> list[str]:
    """The remedy and detail lines under a check, as shown (and as plain text)."""
    texts = []
    for i in range(row.childCount()):
        note = row.child(i)
        assert note is not None
        widget = dialog.tree.itemWidget(note, 0)
        assert isinstance(widget, QLabel) and widget.isVisible()
        shown = QTextDocument()
        shown.setHtml(widget.text())
        plain = note.data(0, Qt.ItemDataRole.UserRole)
        assert shown.toPlainText() == plain
        texts.append(plain)
    return texts


def test_shows_checks_grouped_with_status_and_remedies(qtbot: QtBot, tmp_path: Path) -> None:
    report = _report(tmp_path)
    dialog = _dialog(qtbot, report)
    assert not dialog.busy_bar.isVisible() and dialog.copy_button.isEnabled()
    sections = _sections(dialog)
    assert {"System", "Edge TPU runtime", "Edge TPU devices"} <= set(sections)
    usb = _row(sections["Edge TPU devices"], "usb:0")
    assert usb.text(1) == "warning" and "USB 2 (480 Mbit/s)" in usb.text(2)
    assert not usb.icon(1).isNull()
    assert usb.isExpanded() or usb.childCount() == 1
    [fix] = _notes(dialog, usb)
    assert fix.startswith("Fix: Plug it into a USB 3 port")
    lib = _row(sections["Edge TPU runtime"], "libedgetpu")
    assert (lib.text(1), lib.text(2)) == ("problem", "not found")
    # The install advice for the runtime that loads the delegate (here ai-edge-litert).
    assert "libedgetpu built for the TensorFlow Lite version" in _notes(dialog, lib)[0]
    assert "problem" in dialog.summary_label.text()


def test_copy_report_puts_the_text_report_on_the_clipboard(qtbot: QtBot,
                                                           tmp_path: Path) -> None:
    report = _report(tmp_path)
    dialog = _dialog(qtbot, report)
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    text = QGuiApplication.clipboard().text()
    assert text == report.to_text()
    assert "[problem] libedgetpu: not found" in text
    assert "[warning] usb:0: Coral USB Accelerator" in text
    assert "copied" in dialog.copied_label.text()


def test_without_a_report_runs_the_doctor_on_a_thread(qtbot: QtBot, tmp_path: Path) -> None:
    add_usb(tmp_path, "1-1", "1a6e:089a")
    release = threading.Event()

    def doctor() -> Report:
        release.wait(HANG_GUARD_MS / 1000)
        return run_doctor(tmp_path, probe=False)

    dialog = _dialog(qtbot, doctor=doctor)
    assert dialog.is_busy() and dialog.busy_bar.isVisible()
    assert dialog.summary_label.text().startswith("Checking")
    assert not dialog.refresh_button.isEnabled() and not dialog.copy_button.isEnabled()
    with qtbot.waitSignal(dialog.reportReady, timeout=HANG_GUARD_MS) as shown:
        release.set()
    report = shown.args[0]
    assert isinstance(report, Report) and report.devices[0].state == "uninitialised"
    assert dialog.report is report and not dialog.busy_bar.isVisible()
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=HANG_GUARD_MS)


def test_refresh_shows_a_new_report(qtbot: QtBot, tmp_path: Path) -> None:
    first = run_doctor(tmp_path / "empty", probe=False)
    add_usb(tmp_path / "later", "1-1", "18d1:9302")
    dialog = _dialog(qtbot, first, doctor=lambda: run_doctor(tmp_path / "later", probe=False))
    assert "usb:0" not in dialog.report.to_text()  # type: ignore[union-attr]
    with qtbot.waitSignal(dialog.reportReady, timeout=HANG_GUARD_MS):
        qtbot.mouseClick(dialog.refresh_button, Qt.MouseButton.LeftButton)
    assert _row(_sections(dialog)["Edge TPU devices"], "usb:0").text(1) == "ok"
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=HANG_GUARD_MS)


def test_a_failing_doctor_becomes_a_problem_row(qtbot: QtBot) -> None:
    def broken() -> Report:
        raise RuntimeError("sysfs vanished")

    dialog = _dialog(qtbot, doctor=broken)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=HANG_GUARD_MS)
    row = _row(_sections(dialog)["Diagnostics"], "doctor")
    assert row.text(1) == "problem" and "sysfs vanished" in row.text(2)
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=HANG_GUARD_MS)


def test_closing_while_checking_does_not_wait(qtbot: QtBot, tmp_path: Path) -> None:
    release = threading.Event()

    def slow() -> Report:
        release.wait(HANG_GUARD_MS / 1000)
        return run_doctor(tmp_path, probe=False)

    dialog = _dialog(qtbot, doctor=slow)
    assert dialog.is_busy()
    dialog.close()  # returns at once although the check is still running
    assert not dialog.isVisible() and not release.is_set()
    release.set()
    assert wait_for_checks(HANG_GUARD_MS)


_COPY_THEN_EXIT = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
sys.path.insert(0, sys.argv[1])
from PySide6.QtWidgets import QApplication
from core.edgetpu.doctor import run_doctor
from gui.widgets.diagnostics_dialog import DiagnosticsDialog
app = QApplication([])
dialog = DiagnosticsDialog(run_doctor(probe=False))
dialog.copy_report()
print(len(app.clipboard().text()) > 0)
"""


def test_the_app_exits_cleanly_after_copying_a_report() -> None:
    """A QMimeData on the clipboard crashed the interpreter at exit (exit 139)."""
    repo = str(Path(__file__).resolve().parent.parent)
    result = subprocess.run([sys.executable, "-c", _COPY_THEN_EXIT, repo], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "True"


_CLOSE_THEN_QUIT = """
import os, sys, threading
os.environ["QT_QPA_PLATFORM"] = "offscreen"
sys.path.insert(0, sys.argv[1])
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from core.edgetpu.doctor import run_doctor
from gui.widgets.diagnostics_dialog import DiagnosticsDialog
app = QApplication([])
release = threading.Event()
def slow():
    release.wait(60)
    return run_doctor(probe=False)
dialog = DiagnosticsDialog(doctor=slow)
dialog.show()
def close_and_quit():
    dialog.close()                   # the check goes on in the background
    QTimer.singleShot(0, app.quit)   # the person quits while it runs
    threading.Timer(0.5, release.set).start()  # the check ends on its own, as a real one does
QTimer.singleShot(0, close_and_quit)
app.exec()
"""


def test_quitting_while_an_orphaned_check_runs_exits_cleanly() -> None:
    """A QThread destroyed while running aborted the process (exit 134)."""
    repo = str(Path(__file__).resolve().parent.parent)
    result = subprocess.run([sys.executable, "-c", _CLOSE_THEN_QUIT, repo],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Destroyed while thread" not in result.stderr
