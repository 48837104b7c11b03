"""The first-run page shown while no models are found: get the sample models, copy them from a
folder (a USB stick at a booth without a network), try the pair built into the package, or open
your own.

Fetching runs ``core.samples.fetcher.fetch`` on a QThread with a cancel Event; the thread hands
progress over as plain data through queued signals, at most ``MAX_UPDATES_PER_SECOND`` times a
second, so that a fast copy from a local folder cannot flood the event loop. Errors stay on the page
(a message and a remedy): someone at a booth without a network reads what to do, with no dialog.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QThread, Signal
from PySide6.QtGui import QCloseEvent, QFont
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.errors import AppError, ErrorInfo, error
from core.samples.bundled_pair import bundled_demo, full_set_installed
from core.samples.fetcher import FetchProgress, FetchSummary, Source, fetch, resolve_source
from core.samples.manifest import Manifest, load_manifest
from core.samples.model_dirs import default_dest, find_demo, model_dirs
from gui.look.error_texts import localized

MAX_UPDATES_PER_SECOND = 20
_LIVE: set[_FetchThread] = set()  # running threads outlive a deleted page until they end


class _FetchThread(QThread):
    progressed = Signal(object)  # FetchProgress
    done = Signal(object)  # FetchSummary or ErrorInfo

    def __init__(self, manifest: Manifest, dest: Path, source: Source,
                 cancel: threading.Event) -> None:
        super().__init__()
        self._manifest, self._dest, self._source = manifest, dest, source
        self.cancel_event = cancel
        self._last_emit = 0.0

    def run(self) -> None:
        try:
            result: FetchSummary | ErrorInfo = fetch(
                self._manifest.demo_first(), self._dest, self._source,
                on_progress=self._on_progress, cancel=self.cancel_event)
        except AppError as exc:
            result = exc.info
        except Exception as exc:  # the window must survive anything a download does
            result = error("fetch_failed", detail=f"{type(exc).__name__}: {exc}")
        self.done.emit(result)

    def _on_progress(self, progress: FetchProgress) -> None:
        now = time.monotonic()
        if progress.state == "fetching" and now - self._last_emit < 1 / MAX_UPDATES_PER_SECOND:
            return
        self._last_emit = now
        self.progressed.emit(progress)


def _stop_all() -> None:
    for thread in list(_LIVE):
        thread.cancel_event.set()
        thread.wait()
    _LIVE.clear()


def _install_quit_hook() -> None:
    """Before the application quits, end fetches whose page is already gone."""
    app = QCoreApplication.instance()
    if app is not None and not app.property("edgetpuCompareFetchHook"):
        app.setProperty("edgetpuCompareFetchHook", True)
        app.aboutToQuit.connect(_stop_all)


class StartPageWidget(QWidget):
    """Welcome page. ``demoReady(model, labels, image)`` follows a fetch that left the demo
    files verified in ``dest``; ``fetchFinished(ok)`` follows every fetch, cancelled or not."""

    demoReady = Signal(str, str, str)
    openOwnRequested = Signal()
    fetchFinished = Signal(bool)

    def __init__(self, source: str | Path | None = None, dest: Path | None = None,
                 parent: QWidget | None = None, manifest: Manifest | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self._dest = dest or default_dest()
        self._manifest = manifest
        self._thread: _FetchThread | None = None
        self._cancel = threading.Event()
        self._is_copy = False
        self._build()
        self._set_busy(False)
        _install_quit_hook()

    # -- public -----------------------------------------------------------------------------

    @property
    def dest(self) -> Path:
        return self._dest

    def is_fetching(self) -> bool:
        return self._thread is not None

    def start_fetch(self, source_override: str | Path | None = None) -> None:
        """Fetch from the page's source, or copy from ``source_override`` (a folder)."""
        if self._thread is not None:
            return
        self._hide_error()
        try:
            self._manifest = self._manifest or load_manifest()
            source = resolve_source(source_override or self._source)
        except AppError as exc:
            self._show_error(exc.info)
            return
        cancel = self._cancel = threading.Event()
        self._thread = _FetchThread(self._manifest, self._dest, source, cancel)
        self._thread.progressed.connect(self._on_progress)
        self._thread.done.connect(self._on_done)
        self._thread.finished.connect(self._on_thread_finished)
        _LIVE.add(self._thread)
        self.destroyed.connect(lambda *_: cancel.set())
        self._is_copy = source.kind == "folder"
        self._progress.setValue(0)
        self._status.setText(self.tr("Starting…"))
        self._set_busy(True)
        self._thread.start()

    def copy_from_folder(self) -> None:
        """Ask for a folder holding a copy of the sample set, then copy and verify it."""
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Copy sample models from a folder"), str(Path.home()))
        if folder:
            self.start_fetch(folder)

    def offers_bundled(self) -> bool:
        return not self._bundled_button.isHidden()

    def use_bundled(self) -> None:
        demo = bundled_demo(self._manifest)
        if demo is not None:
            self.demoReady.emit(*(str(path) for path in demo))

    def cancel_fetch(self) -> None:
        """Ask the fetch to stop; ``fetchFinished(False)`` follows once it has."""
        if self._thread is not None:
            self._cancel.set()
            self._cancel_button.setEnabled(False)
            self._status.setText(self.tr("Cancelling…"))

    def stop(self) -> None:
        """Cancel and wait for the thread; safe to call at any time, also from the window."""
        thread = self._thread
        if thread is None:
            return
        self._cancel.set()
        thread.wait()
        QCoreApplication.sendPostedEvents(self)  # deliver done/finished now, not later
        self._on_thread_finished()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.stop()
        super().closeEvent(event)

    # -- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        title = QLabel(self.tr("Compare your CPU with a Coral Edge TPU"))
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        explain = QLabel(self.tr("No models were found yet. Get Coral's sample models (about "
                                 "{size} MB) to try it right away, or open your own .tflite "
                                 "model.").format(size=self._size_mb()))
        explain.setWordWrap(True)
        self._where = QLabel(self.tr("They are saved in {folder}.").format(folder=self._dest))
        self._where.setWordWrap(True)
        self._where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self._get_button = QPushButton(self.tr("Get sample models"))
        self._get_button.setDefault(True)
        self._get_button.setMinimumHeight(self._get_button.sizeHint().height() * 2)
        self._get_button.clicked.connect(lambda: self.start_fetch())
        self._copy_button = QPushButton(self.tr("Copy sample models from a folder…"))
        self._copy_button.setToolTip(self.tr(
            "Without a network: choose a folder or USB stick holding models/, labels/ and "
            "images/ (a copy of the sample set). Each file is checked before it is used."))
        self._copy_button.clicked.connect(self.copy_from_folder)
        self._bundled_button = QPushButton(self.tr(
            "Try the built-in sample (a bird model and a parrot)"))
        self._bundled_button.setToolTip(self.tr(
            "A bird classifier and its Edge TPU version ship with the app: no download needed."))
        self._bundled_button.clicked.connect(self.use_bundled)
        self._bundled_button.setHidden(not self._bundled_wanted())
        self._open_button = QPushButton(self.tr("Open your own model…"))
        self._open_button.clicked.connect(self.openOwnRequested)

        self._progress = QProgressBar()
        self._progress.setRange(0, 1000)
        self._progress.setTextVisible(False)
        self._status = QLabel()
        self._status.setWordWrap(True)
        self._cancel_button = QPushButton(self.tr("Cancel"))
        self._cancel_button.clicked.connect(self.cancel_fetch)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self._progress, 1)
        progress_row.addWidget(self._cancel_button)

        self._error_message = QLabel()
        self._error_message.setWordWrap(True)
        bold = QFont(self._error_message.font())
        bold.setBold(True)
        self._error_message.setFont(bold)
        self._error_remedy = QLabel()
        self._error_remedy.setWordWrap(True)
        self._hide_error()

        column = QWidget()
        column.setMaximumWidth(560)
        layout = QVBoxLayout(column)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(explain)
        layout.addSpacing(12)
        layout.addWidget(self._get_button)
        layout.addWidget(self._copy_button)
        layout.addWidget(self._bundled_button)
        layout.addWidget(self._open_button)
        layout.addSpacing(12)
        layout.addLayout(progress_row)
        layout.addWidget(self._status)
        layout.addWidget(self._error_message)
        layout.addWidget(self._error_remedy)
        layout.addWidget(self._where)
        # Stretches around the column, not an alignment flag: an aligned item loses
        # height-for-width, and the wrapped labels would be cut off.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column, 100)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

    def _bundled_wanted(self) -> bool:
        """The bundled pair is offered until the full sample set is installed."""
        try:
            self._manifest = self._manifest or load_manifest()
            installed = full_set_installed([self._dest, *model_dirs()], self._manifest)
        except AppError:
            return False
        return not installed and bundled_demo(self._manifest) is not None

    def _size_mb(self) -> str:
        try:
            manifest = self._manifest or load_manifest()
        except AppError:
            return "30"
        return f"{sum(e.size for e in manifest.entries) / 1e6:.0f}"

    def _set_busy(self, busy: bool) -> None:
        for button in (self._get_button, self._copy_button, self._bundled_button,
                       self._open_button):
            button.setEnabled(not busy)
        self._progress.setVisible(busy)
        self._cancel_button.setVisible(busy)
        self._cancel_button.setEnabled(busy)
        if busy:
            self._status.show()

    # -- thread results (GUI thread) --------------------------------------------------------

    def _on_progress(self, progress: FetchProgress) -> None:
        if self._cancel.is_set():
            return
        if progress.total_bytes:
            self._progress.setValue(int(1000 * progress.done_bytes / progress.total_bytes))
        name = Path(progress.file).name
        if progress.state == "retrying":
            text = self.tr("The transfer of {name} broke off; trying again…").format(name=name)
        else:
            template = (self.tr("Copying {name}: {done:.1f} of {total:.1f} MB") if self._is_copy
                        else self.tr("Downloading {name}: {done:.1f} of {total:.1f} MB"))
            text = template.format(name=name, done=progress.done_bytes / 1e6,
                                   total=progress.total_bytes / 1e6)
        self._status.setText(text)

    def _on_done(self, result: FetchSummary | ErrorInfo) -> None:
        self._set_busy(False)
        if isinstance(result, ErrorInfo):
            self._status.hide()
            self._show_error(result)
            self.fetchFinished.emit(False)
            return
        if result.cancelled:
            self._status.setText(self.tr("Cancelled. Nothing half-downloaded was kept."))
            self.fetchFinished.emit(False)
            return
        if result.failed:
            first = localized(result.failed[0].error)  # before words are added to it
            more = len(result.failed) + len(result.not_tried) - 1
            message = first.message if not more else self.tr(
                "{message} ({count} more files failed too.)").format(message=first.message,
                                                                   count=more)
            self._show_error(ErrorInfo(first.code, message, first.remedy, first.detail))
        self._status.setText(self.tr("Sample models ready.") if result.ok else "")
        self.fetchFinished.emit(result.ok)
        self._bundled_button.setHidden(not self._bundled_wanted())
        demo = find_demo([self._dest], manifest=self._manifest)
        if demo is not None:
            self.demoReady.emit(*(str(path) for path in demo))

    def _on_thread_finished(self) -> None:
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.wait()
            _LIVE.discard(thread)
            self._set_busy(False)

    def _show_error(self, info: ErrorInfo) -> None:
        info = localized(info)
        self._error_message.setText(info.message)
        self._error_remedy.setText(info.remedy)
        self._error_message.setToolTip(info.detail)
        self._error_message.show()
        self._error_remedy.show()

    def _hide_error(self) -> None:
        self._error_message.hide()
        self._error_remedy.hide()

