"""The main window's choice of files (model pair, labels, image, or a saved result) and of the
backends to compare.

``FileChooser`` is a plain object the window owns: it opens, drops, restores and remembers files,
updates the ``ModelChoice`` and the settings, and says what happened through signals the window
connects to. It knows nothing of the window's panels or run. Its strings are translated in the
``MainWindow`` context, where they have always been, so that moving code here changed no
translation.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QWidget

from core.errors import AppError, ErrorInfo
from core.inputs.model_info import ModelPair
from core.io.files import is_regular_file
from core.measure.backends import BackendSpec, assign_ids
from core.measure.session import RunRequest
from core.results.records import BackendRecord
from core.results.result_files import read_json
from gui.look.error_texts import localized
from gui.run.model_choice import ModelChoice, ModelLook, Stamp
from gui.widgets.input_bar_widget import InputBarWidget
from gui.window import actions as window_actions
from gui.window import file_kinds
from gui.window.model_scanner import ModelScanner
from gui.window.settings import Settings

translate = QCoreApplication.translate
_DRAG_EVENTS = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)


class FileChooser(QObject):
    """Files chosen by dialog, picker, drop, the last session or the sample fetch."""

    changed = Signal()  # the model, labels or image changed
    resultOpened = Signal(object, object)  # (RunRecord, Path): show it as it looked
    problem = Signal(object)  # ErrorInfo: what was chosen cannot be used
    entriesChanged = Signal()  # the pickers' lists changed (a folder scan finished)
    note = Signal(str)  # something worth a line in the status bar

    def __init__(self, settings: Settings, choice: ModelChoice, window: QWidget,
                 models_dir: Path | None = None, busy: Callable[[], bool] = lambda: False
                 ) -> None:
        super().__init__(window)
        self.settings = settings
        self.choice = choice
        self.window = window  # dialogs open over it; files dropped anywhere in it are taken
        self.models_dir = models_dir
        self._busy = busy
        self._scanner = ModelScanner(self)
        self._scanner.finished.connect(self._on_models_scanned)

    def use_demo(self, model: str, labels: str, image: str) -> None:
        """The sample pair, its labels and picture: the labels go with the sample, so a model
        opened next finds its own instead of keeping the sample's."""
        self.set_model(Path(model))
        self.set_labels(Path(labels), chosen=False)
        self.set_image(Path(image))

    def browse(self, kind: str) -> None:
        path = window_actions.ask_open(self.window, kind, self.choice.folder_for(kind))
        if path is not None:
            self.open_path(path, kind)

    def open_path(self, path: Path, kind: str | None = None) -> bool:
        """Use ``path`` as what it is (told from the file when ``kind`` is None)."""
        kind = kind or file_kinds.kind_of(path)
        if kind is None and file_kinds.meant_as_model(path):
            kind = file_kinds.MODEL  # the model's own error says what is wrong with it
        if kind == file_kinds.MODEL:
            return self.set_model(path)
        if kind == file_kinds.LABELS:
            return self.set_labels(path)
        if kind == file_kinds.IMAGE:
            return self.set_image(path)
        if kind == file_kinds.RESULT:
            return self.open_result(path)
        self.problem.emit(ErrorInfo(
            "usage",
            translate("MainWindow", "{name} is not a model, labels file, image "
                                    "or result file.").format(name=path.name),
            translate("MainWindow", "Drop a .tflite model, a .txt labels file, a "
                                    "picture or a saved .json result.")))
        return False

    def set_model(self, path: Path) -> bool:
        """Use ``path`` as the model; one that cannot be used stays shown as the choice, marked,
        and nothing runs until another is chosen (never the model it was meant to replace)."""
        try:
            labels = self.choice.set_model(path)
        except AppError as exc:
            self.choice.reject_model(path, exc.info)
            self.changed.emit()
            self.problem.emit(exc.info)
            return False
        self.settings.set_last_file(file_kinds.MODEL, path)
        if labels is not None:
            self.settings.add_recent(file_kinds.LABELS, labels)
        self.changed.emit()
        self.scan_models()
        return True

    def scan_models(self) -> ModelScanner:
        """Look for the other model pairs off the GUI thread; the pickers update when done."""
        self._scanner.scan(self.choice.folders_to_scan())
        return self._scanner

    def _on_models_scanned(self, generation: int, pairs: list[ModelPair],
                           skipped: list[tuple[Path, str]],
                           looks: dict[Path, tuple[Stamp, ModelLook]]) -> None:
        if generation != self._scanner.generation:
            return
        self.choice.take_scan(pairs, looks)
        self.entriesChanged.emit()
        if skipped:
            path, reason = skipped[0]
            self.note.emit(translate(
                "MainWindow", "Passed over {count} file(s) in the model folders, e.g. {name}: "
                "{reason}.").format(count=len(skipped), name=path.name, reason=reason))

    def set_labels(self, path: Path | None, chosen: bool = True) -> bool:
        self.choice.set_labels(path, chosen)
        self.settings.set_last_file(file_kinds.LABELS, path)
        self.changed.emit()
        return True

    def set_image(self, path: Path) -> bool:
        self.choice.image = path
        self.settings.set_last_file(file_kinds.IMAGE, path)
        self.changed.emit()
        return True

    def open_result(self, path: Path) -> bool:
        """A saved result, to be shown exactly as it looked when it was run."""
        try:
            record = read_json(path)
        except AppError as exc:
            self.problem.emit(exc.info)
            return False
        self.settings.add_recent(file_kinds.RESULT, path)
        self.resultOpened.emit(record, path)
        return True

    def show_request(self, request: RunRequest) -> None:
        """Take the files of ``request`` into the choice without touching settings."""
        model = request.edgetpu_model if request.model is None else request.model
        try:
            self.choice.set_model(model)
        except AppError as exc:
            self.choice.reject_model(model, exc.info)
            self.problem.emit(exc.info)
        self.choice.set_labels(request.labels)
        self.choice.image = request.image

    def restore(self) -> None:
        """The files of the last session, else the sample demo (fetched, or the bundled one)."""
        model = self.settings.last_file(file_kinds.MODEL)
        if model and is_regular_file(model):
            self.set_model(model)
        else:
            self.select_demo()
        labels = self.settings.last_file(file_kinds.LABELS)
        if labels and is_regular_file(labels) and self.choice.labels != labels:
            self.set_labels(labels)
        image = self.settings.last_file(file_kinds.IMAGE)
        if image and is_regular_file(image):
            self.set_image(image)
        if self.choice.pair is None:
            self.scan_models()
        if self.settings.notes:
            self.note.emit(" ".join(self.settings.notes))

    def select_demo(self) -> None:
        from core.samples.bundled_pair import demo_or_bundled

        try:
            demo = demo_or_bundled(self.models_dir)
        except AppError as exc:
            self.problem.emit(exc.info)
            return
        if demo is not None:
            self.use_demo(*(str(path) for path in demo))

    def fill(self, bar: InputBarWidget) -> None:
        """List the choice, the recent files and the discovered ones in the bar's pickers."""
        bar.model.set_entries(*self.choice.model_entries(
            self.settings.recent(file_kinds.MODEL)))
        rejected = self.choice.rejected
        bar.set_model_problem(localized(rejected[1], in_window=True).one_line()
                              if rejected else "")
        no_labels = translate("MainWindow", "No labels (class numbers)")
        bar.labels.set_entries(*self.choice.labels_entries(
            self.settings.recent(file_kinds.LABELS), no_labels))
        bar.image.set_entries(*self.choice.image_entries(self.settings.recent(file_kinds.IMAGE)))
        bar.set_image(self.choice.image)

    # Drag and drop anywhere in the window ---------------------------------------------------

    def watch_drops(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def stop_watching_drops(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _DRAG_EVENTS and isinstance(watched, QWidget) \
                and watched.window() is self.window and not self._busy():
            paths = file_kinds.dropped_paths(event) if isinstance(event, QDropEvent) else []
            if paths:
                if event.type() == QEvent.Type.Drop:
                    self.drop_files(paths)
                assert isinstance(event, QDropEvent)
                event.acceptProposedAction()
                return True
        return super().eventFilter(watched, event)

    def drop_files(self, paths: list[Path]) -> None:
        """Each dropped file is used as what it is; a result file wins over the rest."""
        for path, kind in file_kinds.in_drop_order(paths):
            if kind == file_kinds.RESULT:
                self.open_result(path)
                return
            self.open_path(path, kind)


def planned_backends(specs: Sequence[BackendSpec]) -> list[BackendRecord]:
    """The panels a run on ``specs`` will fill."""
    return [BackendRecord(i, s.kind, s.label()) for i, s in zip(assign_ids(list(specs)),
                                                                  specs, strict=True)]
