"""The comparison window's widgets: made once, and made again when the language or the theme
changes.

Everything that matters lives outside the widgets (the window's ``choice``, ``state``,
``runner`` and ``settings``), so a rebuild keeps the files, the run in progress and its results;
a download on the start page keeps going in its own widget, which is moved over.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStackedWidget, QStatusBar, QVBoxLayout, QWidget

from core.measure.backend_choice import BackendSet
from gui.look.palette import Theme
from gui.widgets.backend_chooser_widget import BackendChooserWidget
from gui.widgets.comparison_widget import ComparisonWidget
from gui.widgets.input_bar_widget import InputBarWidget
from gui.widgets.panel_grid_widget import PanelGridWidget
from gui.window import file_kinds
from gui.window.files import FileChooser

START_PAGE, RESULTS_PAGE = 0, 1


class MainWindow(Protocol):
    """What of the window (gui.window.main_window) its widgets are made from and wired to."""

    theme: Theme
    backend_set: BackendSet
    files: FileChooser
    models_dir: Path | None
    input_bar: InputBarWidget
    chooser: BackendChooserWidget
    pages: QStackedWidget
    comparison: ComparisonWidget
    panel_grid: PanelGridWidget

    def start_run(self) -> bool: ...
    def stop_run(self) -> None: ...
    def browse(self, kind: str) -> None: ...
    def show_model_details(self, path: str = "") -> QWidget | None: ...
    def show_diagnostics(self) -> None: ...
    def _on_backends_chosen(self) -> None: ...
    def setCentralWidget(self, widget: QWidget) -> None: ...
    def statusBar(self) -> QStatusBar: ...


def build(window: MainWindow, start_page: bool, hint: str) -> None:
    """The input bar with the backend chooser, and the pages: the start page (or ``hint``)
    and the results (comparison line and panels)."""
    root = QWidget()
    layout = QVBoxLayout(root)
    layout.setContentsMargins(18, 14, 18, 16)
    layout.setSpacing(14)
    bar = window.input_bar = InputBarWidget(theme=window.theme)
    bar.runRequested.connect(window.start_run)
    bar.stopRequested.connect(window.stop_run)
    bar.model.browseRequested.connect(lambda: window.browse(file_kinds.MODEL))
    bar.labels.browseRequested.connect(lambda: window.browse(file_kinds.LABELS))
    bar.image.browseRequested.connect(lambda: window.browse(file_kinds.IMAGE))
    bar.modelDetailsRequested.connect(lambda: window.show_model_details(""))
    bar.model.pathSelected.connect(lambda p: window.files.set_model(Path(p)))
    bar.labels.pathSelected.connect(lambda p: window.files.set_labels(Path(p) if p else None))
    bar.image.pathSelected.connect(lambda p: window.files.set_image(Path(p)))
    layout.addWidget(bar)
    window.chooser = BackendChooserWidget(window.backend_set)
    window.chooser.changed.connect(window._on_backends_chosen)
    bar.add_section(window.chooser)

    window.pages = QStackedWidget()
    window.pages.addWidget(_start_page(window, start_page, hint))
    results = QWidget()
    results_layout = QVBoxLayout(results)
    results_layout.setContentsMargins(0, 0, 0, 0)
    results_layout.setSpacing(14)
    window.comparison = ComparisonWidget(theme=window.theme)
    results_layout.addWidget(window.comparison)
    window.panel_grid = PanelGridWidget(window.theme)
    window.panel_grid.diagnosticsRequested.connect(window.show_diagnostics)
    window.panel_grid.modelDetailsRequested.connect(window.show_model_details)
    results_layout.addWidget(window.panel_grid, 1)
    window.pages.addWidget(results)
    layout.addWidget(window.pages, 1)
    window.setCentralWidget(root)
    window.statusBar().setSizeGripEnabled(True)


def _start_page(window: MainWindow, wanted: bool, hint: str) -> QWidget:
    if wanted:
        try:
            from gui.widgets.start_page_widget import StartPageWidget
        except ImportError:
            pass
        else:
            from core.samples.model_dirs import default_dest

            page = StartPageWidget(dest=default_dest(window.models_dir))  # the pages adopt it
            page.demoReady.connect(window.files.use_demo)
            page.openOwnRequested.connect(lambda: window.browse(file_kinds.MODEL))
            return page
    label = QLabel(hint)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setProperty("role", "muted")
    return label


def rebuild(window: MainWindow, start_page: bool, hint: str) -> None:
    """The widgets again, on the same page with the same count; a start page that is
    downloading is kept."""
    page, count = window.pages.currentIndex(), window.input_bar.count.value()
    start = window.pages.widget(START_PAGE)
    fetching = getattr(start, "is_fetching", None)
    keep = start if callable(fetching) and fetching() else None
    if keep is not None:
        window.pages.removeWidget(keep)
    build(window, start_page, hint)
    fresh = window.pages.widget(START_PAGE)
    if keep is not None and fresh is not None:
        window.pages.removeWidget(fresh)
        fresh.deleteLater()
        window.pages.insertWidget(START_PAGE, keep)
    window.input_bar.count.setValue(count)
    window.pages.setCurrentIndex(page)
