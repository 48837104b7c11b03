"""The comparison window: choose files, run on a background thread, see the backends side by side.

The window owns the choices (model pair, labels, image), the settings, the run's state (a
``RunReducer``, which the widgets read) and the ``SessionRunner``; what it shows is one
``MainViewWidget``, made again on a language or theme change. Events arrive in batches at most
10 times a second; each batch is applied to the state and painted at once if the window is
visible, or on the next show if it is not. Closing the window cancels the session and waits for
its thread, which reaps the worker processes.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QMenuBar, QWidget

from core.edgetpu.readiness import Readiness
from core.errors import ErrorInfo
from core.measure.backend_choice import BackendSet
from core.measure.backends import assign_ids
from core.measure.booth import BoothConfig
from core.measure.events import Event, SessionFinished, is_final
from core.measure.published_check import check_published
from core.measure.reducer import RunReducer
from core.measure.session import RunRequest
from core.results.records import RunRecord
from gui.booth.window import BoothWindow
from gui.look import theme, translations
from gui.look.error_texts import localized
from gui.look.palette import Theme, current
from gui.look.published_text import read_report
from gui.run.model_choice import ModelChoice
from gui.run.readiness_probe import ReadinessProbe
from gui.run.session_runner import SessionFactory, SessionRunner
from gui.widgets.backend_panel import BackendPanel
from gui.widgets.focus_ring_widget import FocusRing
from gui.widgets.model_details_dialog import details_for
from gui.window import actions as window_actions
from gui.window import file_kinds
from gui.window.files import FileChooser, planned_backends
from gui.window.main_view_widget import MainViewWidget
from gui.window.settings import Settings

MIN_SIZE = QSize(960, 560)  # a 1280x720 screen less its panel and the window's frame
FIRST_SIZE = QSize(1600, 1000)
FRAME = QSize(16, 48)  # a window manager's title bar and borders, unknown until it is shown


def first_size(available: QSize | None) -> QSize:
    """1600x1000, or less on a smaller screen (``available``: its room above the taskbar, in
    logical pixels: 3200x2000 at scale 2 is 1600x1000), so that the window opens whole, frame
    and all."""
    if available is None:
        return FIRST_SIZE
    return FIRST_SIZE.boundedTo(available - FRAME).expandedTo(MIN_SIZE)


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings | None = None, restore: bool = True,
                 restore_files: bool | None = None,
                 session_factory: SessionFactory | None = None,
                 start_page: bool = True, models_dir: Path | None = None) -> None:
        super().__init__()
        self.settings = settings or Settings()
        self.theme: Theme = current()
        self.models_dir = models_dir
        self.choice = ModelChoice(models_dir, background=True)
        self.state = RunReducer()
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
        self.runner.serve(self)
        self._dirty = False
        self.last_request: RunRequest | None = None
        # The results shown were opened from a file: (when they were measured, the file), shown
        # over them until a new run or a new choice replaces them.
        self.saved_from: tuple[str, Path] | None = None
        self.booth: BoothWindow | None = None
        self._session_factory = session_factory
        self.setWindowTitle(self.tr("Edge TPU Compare"))
        self.setMinimumSize(MIN_SIZE)
        self._start_page = start_page
        self.readiness = ReadinessProbe(self)
        self.readiness.found.connect(self._on_readiness)
        self.view = self._make_view()
        self.actions_ = window_actions.install(self, self)
        self.readiness.start()
        self._rebuild_timer = QTimer(self)
        self._rebuild_timer.setSingleShot(True)
        self._rebuild_timer.timeout.connect(self.rebuild_ui)
        theme.notifier().changed.connect(self._schedule_rebuild)
        self.view.input_bar.count.setValue(self.settings.count())
        self.view.input_bar.count.valueChanged.connect(self.settings.set_count)
        geometry = self.settings.geometry() if restore else None
        if geometry is None or not self.restoreGeometry(geometry):
            screen = self.screen()
            self.resize(first_size(screen.availableGeometry().size() if screen else None))
        if restore if restore_files is None else restore_files:
            self.files.restore()
        self._refresh_inputs()
        self.setAcceptDrops(True)
        self.files.watch_drops()
        self.focus_ring = FocusRing(self)  # a clear mark on the control Tab reached

    # The view -------------------------------------------------------------------------------

    def _make_view(self) -> MainViewWidget:
        hint = self.tr("Drop a model, a labels file and an image anywhere in this "
                       "window,\nor choose them above with Open…")
        view = MainViewWidget(self.theme, self.backend_set, hint, self._start_page,
                              self.models_dir)
        view.runRequested.connect(self.start_run)
        view.stopRequested.connect(self.stop_run)
        view.browseRequested.connect(self.browse)
        view.pathChosen.connect(self._on_path_chosen)
        view.demoChosen.connect(self.files.use_demo)
        view.backendsChosen.connect(self._on_backends_chosen)
        view.modelDetailsRequested.connect(self.show_model_details)
        view.diagnosticsRequested.connect(self.show_diagnostics)
        view.panel_grid.set_readiness(self.readiness.last)
        threshold = self.settings.threshold()
        view.input_bar.threshold.setValue(threshold)
        view.panel_grid.set_threshold(threshold)
        view.input_bar.threshold.valueChanged.connect(self._on_threshold)
        self.setCentralWidget(view)
        self.statusBar().setSizeGripEnabled(True)
        return view

    def _on_threshold(self, value: float) -> None:
        """Remembered for the next run, and the shown objects re-filtered now."""
        self.settings.set_threshold(value)
        self.view.panel_grid.set_threshold(value)
        self._request_paint()

    def _on_readiness(self, found: Readiness) -> None:
        """The Edge TPU's panel says what is missing before Run, not "Ready"."""
        self.view.panel_grid.set_readiness(found)
        self._request_paint()

    def show_sample_models(self, copy: bool = False) -> None:
        """The page that fetches the sample models, or copies them from a folder: also when
        the window opened on the bundled pair and shows its results page."""
        if not self.runner.is_running():
            self.view.show_start_page(copy)

    def _on_path_chosen(self, kind: str, path: str) -> None:
        if kind == file_kinds.MODEL:
            self.files.set_model(Path(path))
        elif kind == file_kinds.LABELS:
            self.files.set_labels(Path(path) if path else None)
        else:
            self.files.set_image(Path(path))

    # Running --------------------------------------------------------------------------------

    def build_request(self) -> RunRequest | None:
        request = self.choice.request(self.view.input_bar.count.value(),
                                      self.view.input_bar.threshold.value())
        if request is None:
            return None
        return replace(request, backends=self.backend_set.specs(),
                       baseline=self.backend_set.baseline_id())

    def start_run(self, request: RunRequest | None = None) -> bool:
        if self.runner.is_running():
            return False
        request = request or self.build_request()
        if request is None and self.choice.rejected is not None:
            self._show_problem(self.choice.rejected[1])  # nothing runs: the chosen model cannot
            return False
        if request is None:
            self._show_problem(ErrorInfo("usage", self.tr("Choose a model and an image first."),
                                         self.tr("Use Open… above, or drop the files on the "
                                                 "window.")))
            return False
        self.last_request = request
        self.saved_from = None
        self.state = RunReducer.planned(planned_backends(request.backends))
        self.view.show_results()
        self._sync_panels()
        self.runner.start(request)
        self._refresh_inputs()
        self._request_paint()
        return True

    def stop_run(self) -> None:
        self.runner.cancel()
        self.view.input_bar.set_progress(self.tr("Stopping…"), self.view.input_bar.progress.value(),
                                    self.view.input_bar.progress.maximum())

    def is_running(self) -> bool:
        return self.runner.is_running()

    def _on_events(self, events: list[Event]) -> None:
        changed = self.state.apply(events)
        finished = self.state.record
        if finished is not None and finished.published is None and \
                any(isinstance(e, SessionFinished) for e in events):
            # Coral's figure and what it means here, kept in the record for the exports too
            finished.published = check_published(finished).to_dict()
        if set(b.id for b in self.state.backends) != set(p.backend_id for p in self.panels):
            self._sync_panels()
        if changed or any(is_final(e) for e in events):
            self._request_paint()

    def _on_run_ended(self) -> None:
        self.state.abandon()
        self._refresh_inputs()
        self._request_paint()

    # Painting -------------------------------------------------------------------------------

    def _sync_panels(self) -> None:
        self.view.panel_grid.sync(self.state.backends)

    @property
    def panels(self) -> list[BackendPanel]:
        return self.view.panel_grid.panels

    def _request_paint(self) -> None:
        self._dirty = True
        self._paint_if_visible()

    def _paint_if_visible(self) -> None:
        if self.isVisible() and not self.isMinimized():
            self._paint()

    def _paint(self) -> None:
        """Show ``state``: panels, comparison line and progress. Called at the delivery rate."""
        with self.runner.turns.refreshing():
            self._show_state()

    def _show_state(self) -> None:
        self._dirty = False
        state = self.state
        state.refresh_stats()
        if self.saved_from is None:
            self.view.saved_banner.clear()
        else:
            self.view.saved_banner.show_saved(*self.saved_from)
        running = self.runner.is_running()
        shown = self.view.panel_grid.show_state(state, running)
        if self.runner.probe is not None:
            self.runner.probe.panel_refreshes.update(shown)
        if state.rejected is not None:
            self.view.comparison.show_error(state.rejected)
        elif self.choice.rejected is not None and not running:
            self.view.comparison.show_error(self.choice.rejected[1])
        elif state.backends and (running or any(b.status != "pending" for b in state.backends)):
            self.view.comparison.show_backends(
                state.backends, state.record.comparison if state.record else None,
                live=running, baseline=self.last_request.baseline if self.last_request else None,
                published=read_report(state.record.published) if state.record else None)
        elif self.choice.ready():
            self.view.comparison.show_hint(self.tr("Press Run to compare the backends."))
        else:
            self.view.comparison.show_hint(self.tr("Choose a model and an image, then press Run."))
        request = self.last_request
        count = request.count if request else self.view.input_bar.count.value()
        text, value, maximum = window_actions.progress_text(state, running, count)
        self.view.input_bar.set_progress(text, value, maximum)

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
                    config: BoothConfig | None = None, lock: bool | None = None) -> BoothWindow:
        """Full-screen booth mode with this window's model (or the demo); Esc comes back, or
        only Ctrl+Alt+Q when ``lock`` (default: the ``booth/lock`` setting)."""
        from gui.booth.launch import make_booth

        if self.booth is not None:
            return self.booth
        self.runner.stop()
        self.booth = make_booth(self.choice, image_folder, config, self._session_factory,
                                self.backend_set,
                                self.settings.booth_lock() if lock is None else lock)
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
        """Make the view again in the current language and theme, in the old one's place."""
        self._rebuild_timer.stop()
        self.theme = current()
        self.setWindowTitle(self.tr("Edge TPU Compare"))
        old = self.view
        self.view = self._make_view()
        self.view.adopt(old)
        old.deleteLater()
        self.setMenuBar(QMenuBar(self))
        self.actions_ = window_actions.install(self, self)
        self.view.input_bar.count.valueChanged.connect(self.settings.set_count)
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
        self.show_record(record, opened_from=path)
        self.statusBar().showMessage(self.tr("Opened {name}").format(name=path.name), 8000)

    def show_record(self, record: RunRecord, opened_from: Path | None = None) -> None:
        """Show ``record`` as it looked. Opened by the person (``opened_from``), it is marked as
        a saved result and the backends chosen for the next run stay as they were; shown for a
        picture of it (``screenshot --results``), the backend line shows the ones it ran."""
        self.choice.take_from_record(record)
        chosen = BackendSet.from_record(record) if opened_from is None else None
        if chosen is not None:  # the set it was run with, for this picture only
            self.backend_set = chosen
            self.view.chooser.set_backends(chosen)
        count = record.settings.get("count")
        if isinstance(count, int) and count > 0:
            self.view.input_bar.count.setValue(count)
        self.state = RunReducer.from_record(record)
        self.saved_from = None if opened_from is None else (record.created, opened_from)
        self._refresh_inputs()
        self.view.show_results()
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
        self.view.chooser.set_backends(chosen)
        self.view.input_bar.count.blockSignals(True)
        self.view.input_bar.count.setValue(request.count)
        self.view.input_bar.count.blockSignals(False)
        self._refresh_inputs()

    def _inputs_changed(self) -> None:
        """A new choice invalidates what is shown: panels go back to 'press Run'."""
        if self.runner.is_running():
            return
        self.saved_from = None
        self.state = RunReducer.planned(planned_backends(self.backend_set.specs()))
        self._refresh_inputs()
        if self.choice.pair is not None:
            self.view.show_results()
        self._sync_panels()
        self._request_paint()

    def _refresh_inputs(self) -> None:
        self.files.fill(self.view.input_bar)
        self.view.input_bar.set_detector(self.choice.detector)
        self.view.input_bar.set_running(self.runner.is_running(), self.choice.ready())
        self.view.chooser.set_running(self.runner.is_running())
        self.actions_.update_enabled(self.runner.is_running(), self.state.record is not None)

    def set_backends(self, chosen: BackendSet, remember: bool = True) -> None:
        """Compare ``chosen`` from the next run on (the chooser shows it)."""
        self.backend_set = chosen
        if self.view.chooser.backends() != chosen:
            self.view.chooser.set_backends(chosen)
        if remember:
            self.settings.set_backends(chosen)
        self._inputs_changed()

    def _on_backends_chosen(self) -> None:
        self.set_backends(self.view.chooser.backends())

    def _show_problem(self, info: ErrorInfo) -> None:
        self.view.show_results()
        self.view.comparison.show_error(info)
        self.statusBar().showMessage(localized(info).message, 10000)

    # Closing --------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self.runner.stop()
        self.readiness.stop()
        booth, self.booth = self.booth, None
        if booth is not None:
            booth.close()  # stops its loop and reaps its workers
        self.view.stop()
        self.settings.set_geometry(self.saveGeometry())
        self.settings.sync()
        self.files.stop_watching_drops()
        super().closeEvent(event)
