"""The Diagnostics view: the doctor's report, grouped, with coloured status and visible fixes.

Every Edge TPU error card links here. The checks run on a QThread (the delegate probe may wait up
to 15 s for a device), so the window never freezes; a check that outlives its dialog finishes in
the background; the application waits for it when it quits (a QThread destroyed while running
aborts the process), whichever window was open.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QThread, Signal
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QIcon,
    QPainter,
    QPixmap,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.edgetpu.doctor import Check, Report, run_doctor
from gui.look.advice_texts import window_advice
from gui.look.engine_texts import engine_text
from gui.look.palette import Theme, current

DoctorFunction = Callable[[], Report]

_UNBOUNDED = 16777215  # QWIDGETSIZE_MAX
_running: set[QThread] = set()  # checks whose dialog has closed; kept alive until they finish


class _DoctorThread(QThread):
    """Runs the doctor off the GUI thread and hands back the report (plain data)."""

    reportReady = Signal(object)

    def __init__(self, doctor: DoctorFunction) -> None:
        super().__init__()
        self._doctor = doctor

    def run(self) -> None:
        try:
            report = self._doctor()
        except Exception as exc:  # the dialog shows a failed check; it never takes the app down
            report = Report([Check(
                "Diagnostics", "doctor", "problem",
                self.tr("the checks stopped: {error}").format(error=f"{type(exc).__name__}: {exc}"),
                self.tr("Run 'edgetpu-compare doctor' in a terminal and attach its output to a "
                        "bug report."))], [])
        self.reportReady.emit(report)


def _wait_at_quit() -> None:
    """Make the application wait for orphaned checks when it quits (hooked once)."""
    app = QGuiApplication.instance()
    if app is not None and not app.property("edgetpuCompareChecksHook"):
        app.setProperty("edgetpuCompareChecksHook", True)
        app.aboutToQuit.connect(lambda: wait_for_checks())


def wait_for_checks(msecs: int = 20000) -> bool:
    """Wait for checks still running after their dialog closed; True when none is left."""
    for thread in list(_running):
        thread.wait(msecs)
    return not any(thread.isRunning() for thread in _running)


class DiagnosticsDialog(QDialog):
    """Shows a ``Report``; without one it runs the doctor (or ``doctor``, for tests) itself."""

    reportReady = Signal(object)  # each report shown

    def __init__(self, report: Report | None = None, parent: QWidget | None = None,
                 doctor: DoctorFunction | None = None) -> None:
        super().__init__(parent)
        self._doctor: DoctorFunction = doctor or run_doctor
        self._report: Report | None = None
        self._thread: _DoctorThread | None = None
        self._notes: list[tuple[QTreeWidgetItem, QLabel]] = []
        self.setWindowTitle(self.tr("Edge TPU diagnostics"))
        self.resize(900, 640)
        self._build()
        if report is None:
            self.refresh()
        else:
            self.show_report(report)

    # Layout ---------------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Why the Edge TPU does or does not run on this computer, and how "
                               "to fix it."))
        intro.setWordWrap(True)
        self.summary_label = QLabel()
        self.summary_label.setProperty("role", "headline")
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)  # indeterminate
        self.busy_bar.setTextVisible(False)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([self.tr("Check"), self.tr("Status"), self.tr("Result")])
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QTreeWidget.SelectionMode.NoSelection)
        self.tree.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tree.viewport().installEventFilter(self)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.copied_label = QLabel()
        self.copied_label.setProperty("role", "muted")
        buttons = QDialogButtonBox()
        self.copy_button = QPushButton(self.tr("Copy report"))
        self.copy_button.setToolTip(self.tr("Copy the whole report, to paste into a support "
                                            "request or an e-mail."))
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.close_button = QPushButton(self.tr("Close"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.refresh_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.copy_button.clicked.connect(self.copy_report)
        self.refresh_button.clicked.connect(self.refresh)
        self.close_button.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.copied_label, 1)
        bottom.addWidget(buttons)
        layout.addWidget(intro)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.tree, 1)
        layout.addLayout(bottom)

    # Running the checks ---------------------------------------------------------------------

    def refresh(self) -> None:
        """Run the checks again on a worker thread; the dialog stays responsive meanwhile."""
        if self.is_busy():
            return
        self._set_busy(True)
        thread = _DoctorThread(self._doctor)
        thread.reportReady.connect(self._on_report)
        thread.finished.connect(lambda t=thread: self._reap(t))
        self._thread = thread
        thread.start()

    def is_busy(self) -> bool:
        return self._thread is not None and self._thread.isRunning()

    def _on_report(self, report: Report) -> None:
        self.show_report(report)

    def _reap(self, thread: QThread) -> None:
        _running.discard(thread)
        if self._thread is thread:
            self._thread = None
        thread.deleteLater()

    def _set_busy(self, busy: bool) -> None:
        self.busy_bar.setVisible(busy)
        self.refresh_button.setEnabled(not busy)
        self.copy_button.setEnabled(not busy and self._report is not None)
        if busy:
            self.summary_label.setText(self.tr("Checking runtimes and devices…"))
            self.copied_label.clear()

    def done(self, result: int) -> None:
        """Closing never waits for a running check: it finishes in the background."""
        thread = self._thread
        if thread is not None and thread.isRunning():
            thread.reportReady.disconnect(self._on_report)
            thread.finished.disconnect()
            thread.finished.connect(lambda t=thread: _finish_orphan(t))
            _running.add(thread)
            _wait_at_quit()
            self._thread = None
        super().done(result)

    # Showing a report -----------------------------------------------------------------------

    @property
    def report(self) -> Report | None:
        return self._report

    def show_report(self, report: Report) -> None:
        self._report = report
        self._set_busy(False)
        problems, warnings = report.count("problem"), report.count("warning")
        if problems:
            text = self.tr("%n problem(s) to fix", "", problems)
            if warnings:
                text += self.tr(", %n warning(s)", "", warnings)
        elif warnings:
            text = self.tr("No problems, %n warning(s)", "", warnings)
        else:
            text = self.tr("Everything needed for the Edge TPU is in place")
        self.summary_label.setText(text)
        self._fill_tree(report, current())
        self.reportReady.emit(report)

    def _fill_tree(self, report: Report, theme: Theme) -> None:
        self.tree.clear()
        self._notes.clear()
        icons = {status: _status_icon(QColor(colour)) for status, colour in _colours(theme).items()}
        words = {"ok": self.tr("ok"), "warning": self.tr("warning"),
                 "problem": self.tr("problem"), "info": self.tr("info")}
        sections: dict[str, QTreeWidgetItem] = {}
        for check in report.checks:
            parent = sections.get(check.section)
            if parent is None:
                parent = QTreeWidgetItem(self.tree, [engine_text(check.section)])
                font = parent.font(0)
                font.setBold(True)
                parent.setFont(0, font)
                parent.setFirstColumnSpanned(True)
                sections[check.section] = parent
            value = engine_text(check.value)
            item = QTreeWidgetItem(parent, [engine_text(check.name),
                                            words.get(check.status, check.status), value])
            item.setIcon(1, icons.get(check.status, icons["info"]))
            item.setToolTip(2, value)
            if check.remedy:
                self._note(item, self.tr("Fix:"),
                           window_advice(check.remedy) or engine_text(check.remedy))
            if check.detail:
                self._note(item, self.tr("Detail:"), check.detail)
        self.tree.expandAll()
        self._fit_notes()

    def _note(self, parent: QTreeWidgetItem, title: str, text: str) -> None:
        """A remedy or detail under its check, spanning the row so it is read in full.

        The plain text is kept in the item's UserRole for tests and accessibility.
        """
        note = QTreeWidgetItem(parent)
        note.setFirstColumnSpanned(True)
        note.setData(0, Qt.ItemDataRole.UserRole, f"{title} {text}")
        label = QLabel(f"<b>{html.escape(title)}</b> <span style='white-space: pre-wrap'>"
                       f"{html.escape(text)}</span>")
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setContentsMargins(2, 0, 4, 4)
        self.tree.setItemWidget(note, 0, label)
        self._notes.append((note, label))

    def _fit_notes(self) -> None:
        """Give each note the height its wrapped text needs at the tree's current width
        (a wrapping QLabel's own size hint assumes a narrow width and wastes space)."""
        viewport = self.tree.viewport().width()
        indent = self.tree.indentation()
        for note, label in self._notes:
            depth = 0
            item: QTreeWidgetItem | None = note.parent()
            while item is not None:
                depth, item = depth + 1, item.parent()
            width = max(120, viewport - indent * depth - 4)
            label.setMinimumHeight(0)
            label.setMaximumHeight(_UNBOUNDED)  # a fixed height would skew the measurement
            height = label.heightForWidth(width)
            label.setFixedHeight(height)  # the tree sizes a row by its widget's bounds
            note.setSizeHint(0, QSize(width, height))
        self.tree.doItemsLayout()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.tree.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_notes()
        return super().eventFilter(watched, event)

    def copy_report(self) -> None:
        """Put the readable report on the clipboard, as plain text.

        Plain text on purpose: a QMimeData left on the clipboard makes PySide6 crash when the
        application exits (seen with 6.11), and the text report holds everything a support
        request needs (``edgetpu-compare doctor --json`` gives the JSON).
        """
        if self._report is None:
            return
        QGuiApplication.clipboard().setText(self._report.to_text())
        self.copied_label.setText(self.tr("Report copied: paste it into your support request."))


def _finish_orphan(thread: QThread) -> None:
    _running.discard(thread)
    thread.deleteLater()


def _colours(theme: Theme) -> dict[str, str]:
    return {"ok": theme.good, "warning": theme.warn, "problem": theme.bad, "info": theme.muted}


def _status_icon(colour: QColor, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)

