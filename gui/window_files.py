"""The main window's choice of files: model pair, labels, image, or a saved result.

A mixin of ``MainWindow`` (it uses the window's settings, pickers, runner and panels). Its strings
are translated in the ``MainWindow`` context, where they have always been, so that moving code
here changed no translation.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication

from core.backends import assign_ids
from core.errors import AppError, ErrorInfo
from core.files import is_regular_file
from core.model_info import ModelPair
from core.records import BackendRecord, RunRecord
from core.session import RunRequest
from gui import file_kinds, window_actions
from gui.error_texts import localized
from gui.model_scanner import ModelScanner
from gui.run_state import RunState

if TYPE_CHECKING:
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QStackedWidget, QStatusBar, QWidget

    from gui.comparison_widget import ComparisonWidget
    from gui.input_bar_widget import InputBarWidget
    from gui.model_choice import ModelChoice
    from gui.session_runner import SessionRunner
    from gui.settings import Settings

translate = QCoreApplication.translate
START_PAGE, RESULTS_PAGE = 0, 1


class FileChoiceMixin:
    if TYPE_CHECKING:  # provided by MainWindow
        settings: Settings
        choice: ModelChoice
        state: RunState
        runner: SessionRunner
        input_bar: InputBarWidget
        pages: QStackedWidget
        comparison: ComparisonWidget
        models_dir: Path | None
        actions_: window_actions.WindowActions
        _scanner: ModelScanner

        def statusBar(self) -> QStatusBar: ...
        def _sync_panels(self) -> None: ...
        def _request_paint(self) -> None: ...

    def _on_demo_ready(self, model: str, labels: str, image: str) -> None:
        self.set_model(Path(model))
        self.set_labels(Path(labels))
        self.set_image(Path(image))

    def browse(self, kind: str) -> None:
        path = window_actions.ask_open(cast("QWidget", self), kind,
                                       self.choice.folder_for(kind))
        if path is not None:
            self.open_path(path, kind)

    def open_path(self, path: Path, kind: str | None = None) -> bool:
        """Use ``path`` as what it is (told from the file when ``kind`` is None)."""
        kind = kind or file_kinds.kind_of(path)
        if kind == file_kinds.MODEL:
            return self.set_model(path)
        if kind == file_kinds.LABELS:
            return self.set_labels(path)
        if kind == file_kinds.IMAGE:
            return self.set_image(path)
        if kind == file_kinds.RESULT:
            return self.open_result(path)
        self._show_problem(ErrorInfo(
            "usage",
            translate("MainWindow", "{name} is not a model, labels file, image "
                                    "or result file.").format(name=path.name),
            translate("MainWindow", "Drop a .tflite model, a .txt labels file, a "
                                    "picture or a saved .json result.")))
        return False

    def set_model(self, path: Path) -> bool:
        try:
            labels = self.choice.set_model(path)
        except AppError as exc:
            self._show_problem(exc.info)
            return False
        self.settings.set_last_file(file_kinds.MODEL, path)
        if labels is not None:
            self.settings.add_recent(file_kinds.LABELS, labels)
        self._inputs_changed()
        self.scan_models()
        return True

    def scan_models(self) -> ModelScanner:
        """Look for the other model pairs off the GUI thread; the pickers update when done."""
        scanner: ModelScanner | None = getattr(self, "_scanner", None)
        if scanner is None:
            scanner = ModelScanner(cast("QObject", self))
            scanner.finished.connect(self._on_models_scanned)
            self._scanner = scanner
        scanner.scan(self.choice.folders_to_scan())
        return scanner

    def _on_models_scanned(self, generation: int, pairs: list[ModelPair],
                           skipped: list[tuple[Path, str]]) -> None:
        if generation != self._scanner.generation:
            return
        self.choice.take_scan(pairs)
        self._refresh_inputs()
        if skipped:
            path, reason = skipped[0]
            self.statusBar().showMessage(translate(
                "MainWindow", "Passed over {count} file(s) in the model folders, e.g. {name}: "
                "{reason}.").format(count=len(skipped), name=path.name, reason=reason), 15000)

    def set_labels(self, path: Path | None) -> bool:
        self.choice.set_labels(path)
        self.settings.set_last_file(file_kinds.LABELS, path)
        self._inputs_changed()
        return True

    def set_image(self, path: Path) -> bool:
        self.choice.image = path
        self.settings.set_last_file(file_kinds.IMAGE, path)
        self._inputs_changed()
        return True

    def open_result(self, path: Path) -> bool:
        """Show a saved result exactly as it looked when it was run."""
        from core.results import read_json

        try:
            record = read_json(path)
        except AppError as exc:
            self._show_problem(exc.info)
            return False
        self.runner.stop()
        self.settings.add_recent(file_kinds.RESULT, path)
        self.show_record(record)
        self.statusBar().showMessage(
            translate("MainWindow", "Opened {name}").format(name=path.name), 8000)
        return True

    def show_record(self, record: RunRecord) -> None:
        self.choice.take_from_record(record)
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
        try:
            self.choice.set_model(request.edgetpu_model if request.model is None
                                  else request.model)
        except AppError as exc:
            self._show_problem(exc.info)
        self.choice.set_labels(request.labels)
        self.choice.image = request.image
        self.input_bar.count.blockSignals(True)
        self.input_bar.count.setValue(request.count)
        self.input_bar.count.blockSignals(False)
        self._refresh_inputs()

    def _restore_files(self) -> None:
        """The files of the last session, else the sample demo when it has been fetched."""
        model = self.settings.last_file(file_kinds.MODEL)
        if model and is_regular_file(model):
            self.set_model(model)
        else:
            self._select_demo()
        labels = self.settings.last_file(file_kinds.LABELS)
        if labels and is_regular_file(labels) and self.choice.labels != labels:
            self.set_labels(labels)
        image = self.settings.last_file(file_kinds.IMAGE)
        if image and is_regular_file(image):
            self.set_image(image)
        if self.choice.pair is None:
            self.scan_models()
        if self.settings.notes:
            self.statusBar().showMessage(" ".join(self.settings.notes), 15000)

    def _select_demo(self) -> None:
        from core.model_dirs import find_demo, model_dirs

        demo = find_demo(model_dirs(self.models_dir))
        if demo is not None:
            self._on_demo_ready(*(str(path) for path in demo))

    def _inputs_changed(self) -> None:
        """A new choice invalidates what is shown: panels go back to 'press Run'."""
        if self.runner.is_running():
            return
        self.state = RunState.planned(self._planned_backends())
        self._refresh_inputs()
        if self.choice.pair is not None:
            self.pages.setCurrentIndex(RESULTS_PAGE)
        self._sync_panels()
        self._request_paint()

    def _refresh_inputs(self) -> None:
        bar = self.input_bar
        bar.model.set_entries(*self.choice.model_entries(
            self.settings.recent(file_kinds.MODEL)))
        no_labels = translate("MainWindow", "No labels (class numbers)")
        bar.labels.set_entries(*self.choice.labels_entries(
            self.settings.recent(file_kinds.LABELS), no_labels))
        bar.image.set_entries(*self.choice.image_entries(self.settings.recent(file_kinds.IMAGE)))
        bar.set_image(self.choice.image)
        bar.set_running(self.runner.is_running(), self.choice.ready())
        self.actions_.update_enabled(self.runner.is_running(), self.state.record is not None)

    def _planned_backends(self, request: RunRequest | None = None) -> list[BackendRecord]:
        specs = request.backends if request else RunRequest(Path(), Path()).backends
        return [BackendRecord(i, s.kind, s.label()) for i, s in zip(assign_ids(list(specs)),
                                                                      specs, strict=True)]

    def _show_problem(self, info: ErrorInfo) -> None:
        self.pages.setCurrentIndex(RESULTS_PAGE)
        self.comparison.show_error(info)
        self.statusBar().showMessage(localized(info).message, 10000)
