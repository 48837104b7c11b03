"""The comparison window: choose files, run on a background thread, see the backends side by side.

The window owns the choices (model pair, labels, image), the settings and the ``SessionRunner``.
Events arrive in batches at most 10 times a second; each batch is applied to a ``RunState`` and
painted at once if the window is visible, or on the next show if it is not. Closing the window
cancels the session and waits for its thread, which reaps the worker processes.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QMenuBar,
    QStackedWidget,
    QWidget,
)

from core.errors import ErrorInfo
from core.measure.backend_choice import BackendSet
from core.measure.backends import assign_ids
from core.measure.booth import BoothConfig
from core.measure.session import RunRequest
from core.results.records import RunRecord
from gui.booth.window import BoothWindow
from gui.look import theme, translations
from gui.look.error_texts import localized
from gui.look.palette import Theme, current
from gui.run.model_choice import ModelChoice
from gui.run.paint_log import PaintLog
from gui.run.run_state import RunState
from gui.run.session_runner import SessionRunner, is_final
from gui.widgets.backend_chooser_widget import BackendChooserWidget
from gui.widgets.backend_panel import BackendPanel
from gui.widgets.comparison_widget import ComparisonWidget
from gui.widgets.input_bar_widget import InputBarWidget
from gui.widgets.model_details_dialog import details_for
from gui.widgets.panel_grid_widget import PanelGridWidget
from gui.window import actions as window_actions
from gui.window import layout as window_layout
from gui.window.files import FileChooser, planned_backends
from gui.window.layout import RESULTS_PAGE, START_PAGE
from gui.window.settings import Settings


class MainWindow(QMainWindow):
    # Made by gui.window.layout, made again on a language or theme change.
    input_bar: InputBarWidget
    chooser: BackendChooserWidget
    pages: QStackedWidget
    comparison: ComparisonWidget
    panel_grid: PanelGridWidget

    def __init__(self, settings: Settings | None = None, restore: bool = True,
                 restore_files: bool | None = None, session_factory: Any = None,
                 start_page: bool = True, models_dir: Path | None = None) -> None:
        super().__init__()
        self.settings = settings or Settings()
        self.theme: Theme = current()
        self.models_dir = models_dir
        self.choice = ModelChoice(models_dir, background=True)
        self.state = RunState()
        self.backend_set = self.settings.backends() or BackendSet.default()
        self.runner = SessionRunner(session_factory, self)
        self.files = FileChooser(self.settings, self.choice, self, models_dir,
                                 busy=self.runner.is_running)
        self.files.changed.connect(self._inputs_changed)
        self.files.resultOpened.connect(self._on_result_opened)
        self.files.problem.connect(self._show_problem)
        self.files.entriesChanged.connect(self._refresh_inputs)
        self.files.note.connect(lambda text: self.statusBar().showMessage(text, 15000))
        self.runner.eventsDelivered.connect(self._on_events)
        self.runner.runEnded.connect(self._on_run_ended)
        self.repaints = 0
        self.paint_log = PaintLog(self)
        self.runner.attach(self.paint_log)
        self._dirty = False
        self.last_request: RunRequest | None = None
        self.booth: BoothWindow | None = None
        self._session_factory = session_factory
        self.setWindowTitle(self.tr("Edge TPU Compare"))
        self.setMinimumSize(800, 500)
        self._start_page = start_page
        window_layout.build(self, start_page, self._hint())
        self.actions_ = window_actions.install(self, self)
        self._rebuild_timer = QTimer(self)
        self._rebuild_timer.setSingleShot(True)
        self._rebuild_timer.timeout.connect(self.rebuild_ui)
        theme.notifier().changed.connect(self._schedule_rebuild)
        self.input_bar.count.setValue(self.settings.count())
        self.input_bar.count.valueChanged.connect(self.settings.set_count)
        geometry = self.settings.geometry() if restore else None
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1600, 1000)
        if restore if restore_files is None else restore_files:
            self.files.restore()
        self._refresh_inputs()
        self.setAcceptDrops(True)
        self.files.watch_drops()

    # Layout ---------------------------------------------------------------------------------

    def _hint(self) -> str:
        return self.tr("Drop a model, a labels file and an image anywhere in this "
                       "window,\nor choose them above with Open…")

    # Running --------------------------------------------------------------------------------

    def build_request(self) -> RunRequest | None:
        request = self.choice.request(self.input_bar.count.value())
        if request is None:
            return None
        return replace(request, backends=self.backend_set.specs(),
                       baseline=self.backend_set.baseline_id())

    def start_run(self, request: RunRequest | None = None) -> bool:
        if self.runner.is_running():
            return False
        request = request or self.build_request()
        if request is None:
            self._show_problem(ErrorInfo("usage", self.tr("Choose a model and an image first."),
                                         self.tr("Use Open… above, or drop the files on the "
                                                 "window.")))
            return False
        self.last_request = request
        self.state = RunState.planned(planned_backends(request.backends))
        self.state.start_live()
        self.pages.setCurrentIndex(RESULTS_PAGE)
        self._sync_panels()
        self.runner.start(request)
        self._refresh_inputs()
        self._request_paint()
        return True

    def stop_run(self) -> None:
        self.runner.cancel()
        self.input_bar.set_progress(self.tr("Stopping…"), self.input_bar.progress.value(),
                                    self.input_bar.progress.maximum())

    def is_running(self) -> bool:
        return self.runner.is_running()

    def _on_events(self, events: list[Any]) -> None:
        changed = self.state.apply(events)
        if set(b.id for b in self.state.backends) != set(p.backend_id for p in self.panels):
            self._sync_panels()
        if changed or any(is_final(e) for e in events):
            self._request_paint()

    def _on_run_ended(self) -> None:
        self.state.live = False
        if self.state.record is None and self.state.rejected is None:
            for b in self.state.backends:  # the session ended without a record: keep what came
                if b.status in ("running", "pending"):
                    b.status = "cancelled"
        self._refresh_inputs()
        self._request_paint()

    # Painting -------------------------------------------------------------------------------

    def _sync_panels(self) -> None:
        self.panel_grid.sync(self.state.backends)

    @property
    def panels(self) -> list[BackendPanel]:
        return self.panel_grid.panels

    def _request_paint(self) -> None:
        self._dirty = True
        self._paint_if_visible()

    def _paint_if_visible(self) -> None:
        if self.isVisible() and not self.isMinimized():
            self._paint()

    def event(self, event: QEvent) -> bool:
        log: PaintLog | None = getattr(self, "paint_log", None)  # None while constructing
        return super().event(event) if log is None else log.handle(event, super().event)

    def _paint(self) -> None:
        """Show ``state``: panels, comparison line and progress. Called at the delivery rate."""
        with self.paint_log.timing():
            self._show_state()

    def _show_state(self) -> None:
        self._dirty = False
        self.repaints += 1
        state = self.state
        state.refresh_stats()
        running = self.runner.is_running()
        self.panel_grid.show_state(state, running)
        if state.rejected is not None:
            self.comparison.show_error(state.rejected)
        elif state.backends and (running or any(b.status != "pending" for b in state.backends)):
            self.comparison.show_backends(
                state.backends, state.record.comparison if state.record else None,
                live=running, baseline=self.last_request.baseline if self.last_request else None)
        elif self.choice.ready():
            self.comparison.show_hint(self.tr("Press Run to compare the backends."))
        else:
            self.comparison.show_hint(self.tr("Choose a model and an image, then press Run."))
        request = self.last_request
        count = request.count if request else self.input_bar.count.value()
        text, value, maximum = window_actions.progress_text(state, running, count)
        self.input_bar.set_progress(text, value, maximum)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self._paint()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self._schedule_rebuild()
        if event.type() == QEvent.Type.WindowStateChange and self._dirty:
            self._paint_if_visible()

    # Booth mode -----------------------------------------------------------------------------

    def enter_booth(self, image_folder: Path | None = None,
                    config: BoothConfig | None = None) -> BoothWindow:
        """Full-screen booth mode with this window's model (or the demo); Esc comes back."""
        from gui.booth.launch import make_booth

        if self.booth is not None:
            return self.booth
        self.runner.stop()
        self.booth = make_booth(self.choice, image_folder, config, self._session_factory,
                                self.backend_set)
        self.booth.left.connect(self._on_booth_left)
        self.hide()
        self.booth.showFullScreen()
        self.booth.start()
        return self.booth

    def _on_booth_left(self) -> None:
        booth, self.booth = self.booth, None
        if booth is None:  # the window is closing
            return
        booth.deleteLater()
        self.show()
        self.activateWindow()

    # Language and theme ---------------------------------------------------------------------

    def set_language(self, choice: str) -> None:
        """``system``, ``en`` or ``ja``: remembered, and the window rebuilds in it."""
        self.settings.set_language(choice)
        translations.set_language(choice)

    def set_theme(self, choice: str) -> None:
        """``system``, ``light`` or ``dark``: remembered, and the window redraws in it."""
        self.settings.set_theme(choice)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply_theme(app, choice)

    def _schedule_rebuild(self, *_: object) -> None:
        self._rebuild_timer.start(0)  # one rebuild for a burst of changes

    def rebuild_ui(self) -> None:
        """Make the widgets again in the current language and theme (``window_layout``)."""
        self._rebuild_timer.stop()
        self.theme = current()
        self.setWindowTitle(self.tr("Edge TPU Compare"))
        window_layout.rebuild(self, self._start_page, self._hint())
        self.setMenuBar(QMenuBar(self))
        self.actions_ = window_actions.install(self, self)
        self.input_bar.count.valueChanged.connect(self.settings.set_count)
        self._refresh_inputs()
        self._sync_panels()
        self._request_paint()

    # Diagnostics ----------------------------------------------------------------------------

    def show_diagnostics(self) -> None:
        try:
            from gui.widgets.diagnostics_dialog import DiagnosticsDialog
        except ImportError:
            self.statusBar().showMessage(
                self.tr("Diagnostics are not available; run 'edgetpu-compare doctor'."), 10000)
            return
        dialog = DiagnosticsDialog(parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def show_model_details(self, path: str = "") -> QWidget | None:
        """What runs where for ``path`` (a panel's model), else the chosen pair."""
        pair = self.choice.pair
        chosen = Path(path) if path else (pair.cpu or pair.edgetpu) if pair else None
        if chosen is None:
            self.statusBar().showMessage(self.tr("Choose a model first."), 8000)
            return None
        dialog = details_for(chosen, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    # Files: chosen by the FileChooser, shown here ----------------------------------------

    def browse(self, kind: str) -> None:
        self.files.browse(kind)

    def open_path(self, path: Path, kind: str | None = None) -> bool:
        return self.files.open_path(path, kind)

    def _on_result_opened(self, record: RunRecord, path: Path) -> None:
        self.runner.stop()
        self.show_record(record)
        self.statusBar().showMessage(self.tr("Opened {name}").format(name=path.name), 8000)

    def show_record(self, record: RunRecord) -> None:
        self.choice.take_from_record(record)
        chosen = BackendSet.from_record(record)
        if chosen is not None:  # the set it was run with, for this session only
            self.backend_set = chosen
            self.chooser.set_backends(chosen)
        count = record.settings.get("count")
        if isinstance(count, int) and count > 0:
            self.input_bar.count.setValue(count)
        self.state = RunState.from_record(record)
        self._refresh_inputs()
        self.pages.setCurrentIndex(RESULTS_PAGE)
        self._sync_panels()
        self._request_paint()

    def show_request(self, request: RunRequest) -> None:
        """Show the files and count of ``request`` in the pickers without touching settings."""
        self.files.show_request(request)
        chosen = BackendSet.of(request.backends)
        ids = assign_ids(list(request.backends))
        if request.baseline in ids:
            chosen = chosen.with_baseline(ids.index(request.baseline))
        self.backend_set = chosen
        self.chooser.set_backends(chosen)
        self.input_bar.count.blockSignals(True)
        self.input_bar.count.setValue(request.count)
        self.input_bar.count.blockSignals(False)
        self._refresh_inputs()

    def _inputs_changed(self) -> None:
        """A new choice invalidates what is shown: panels go back to 'press Run'."""
        if self.runner.is_running():
            return
        self.state = RunState.planned(planned_backends(self.backend_set.specs()))
        self._refresh_inputs()
        if self.choice.pair is not None:
            self.pages.setCurrentIndex(RESULTS_PAGE)
        self._sync_panels()
        self._request_paint()

    def _refresh_inputs(self) -> None:
        self.files.fill(self.input_bar)
        self.input_bar.set_running(self.runner.is_running(), self.choice.ready())
        self.chooser.set_running(self.runner.is_running())
        self.actions_.update_enabled(self.runner.is_running(), self.state.record is not None)

    def set_backends(self, chosen: BackendSet, remember: bool = True) -> None:
        """Compare ``chosen`` from the next run on (the chooser shows it)."""
        self.backend_set = chosen
        if self.chooser.backends() != chosen:
            self.chooser.set_backends(chosen)
        if remember:
            self.settings.set_backends(chosen)
        self._inputs_changed()

    def _on_backends_chosen(self) -> None:
        self.set_backends(self.chooser.backends())

    def _show_problem(self, info: ErrorInfo) -> None:
        self.pages.setCurrentIndex(RESULTS_PAGE)
        self.comparison.show_error(info)
        self.statusBar().showMessage(localized(info).message, 10000)

    # Closing --------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self.runner.stop()
        booth, self.booth = self.booth, None
        if booth is not None:
            booth.close()  # stops its loop and reaps its workers
        for page in (self.pages.widget(START_PAGE),):
            stop = getattr(page, "stop", None)
            if callable(stop):
                stop()
        self.settings.set_geometry(self.saveGeometry())
        self.settings.sync()
        self.files.stop_watching_drops()
        super().closeEvent(event)
