"""What the comparison window shows, as one widget: the input bar with the backend line, and
the pages (the start page, or a hint, and the results: the comparison line over the panels).

It talks to the window only through its signals, and the window keeps everything that matters
(the files chosen, the run and its results, the settings), so a language or theme change makes
a new view and puts it in the old one's place; ``adopt`` carries over what the user sees
(the page, the count, a start page that is downloading).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from core.measure.backend_choice import BackendSet
from gui.look.palette import Theme
from gui.widgets.backend_chooser_widget import BackendChooserWidget
from gui.widgets.comparison_widget import ComparisonWidget
from gui.widgets.input_bar_widget import InputBarWidget
from gui.widgets.panel_grid_widget import PanelGridWidget
from gui.widgets.saved_result_banner import SavedResultBanner
from gui.window import file_kinds

START_PAGE, RESULTS_PAGE = 0, 1


# A view shorter than this (a 720 or 768 pixel screen) sets the comparison line in smaller type.
COMPACT_BELOW = 760


class MainViewWidget(QWidget):
    runRequested = Signal()
    stopRequested = Signal()
    browseRequested = Signal(str)  # a file kind of gui.window.file_kinds
    pathChosen = Signal(str, str)  # kind, path ("" for no labels)
    demoChosen = Signal(str, str, str)  # model, labels, image
    backendsChosen = Signal()
    modelDetailsRequested = Signal(str)  # a panel's model file, "" for the chosen pair
    diagnosticsRequested = Signal()

    def __init__(self, theme: Theme, backends: BackendSet, hint: str,
                 start_page: bool = True, models_dir: Path | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 8)  # a 720-pixel screen needs every row
        layout.setSpacing(10)
        bar = self.input_bar = InputBarWidget(theme=theme)
        bar.runRequested.connect(self.runRequested)
        bar.stopRequested.connect(self.stopRequested)
        bar.modelDetailsRequested.connect(lambda: self.modelDetailsRequested.emit(""))
        for kind, picker in ((file_kinds.MODEL, bar.model), (file_kinds.LABELS, bar.labels),
                             (file_kinds.IMAGE, bar.image)):
            picker.browseRequested.connect(lambda kind=kind: self.browseRequested.emit(kind))
            picker.pathSelected.connect(lambda path, kind=kind: self.pathChosen.emit(kind, path))
        layout.addWidget(bar)
        self.chooser = BackendChooserWidget(backends)
        self.chooser.changed.connect(self.backendsChosen)
        bar.add_section(self.chooser)

        self.pages = QStackedWidget()
        self.pages.addWidget(self._start_page(start_page, hint, models_dir))
        results = QWidget()
        results_layout = QVBoxLayout(results)
        results_layout.setContentsMargins(3, 0, 3, 3)  # room for the panels' focus ring
        results_layout.setSpacing(10)
        self.saved_banner = SavedResultBanner(theme=theme)  # hidden unless a result was opened
        results_layout.addWidget(self.saved_banner)
        self.comparison = ComparisonWidget(theme=theme)
        results_layout.addWidget(self.comparison)
        self.panel_grid = PanelGridWidget(theme)
        self.panel_grid.diagnosticsRequested.connect(self.diagnosticsRequested)
        self.panel_grid.modelDetailsRequested.connect(self.modelDetailsRequested)
        # The panels fill the room left under the comparison line; where they need more (a
        # small screen, four backends, a long sentence above), they scroll rather than squeeze.
        self.panel_scroll = QScrollArea()
        self.panel_scroll.setWidgetResizable(True)
        self.panel_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.panel_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.panel_scroll.setWidget(self.panel_grid)
        self.panel_grid.follow_room(self.panel_scroll.viewport())
        self.panel_scroll.viewport().setAutoFillBackground(False)
        self.panel_grid.setAutoFillBackground(False)
        results_layout.addWidget(self.panel_scroll, 1)
        self.pages.addWidget(results)
        layout.addWidget(self.pages, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.comparison.set_compact(self.height() < COMPACT_BELOW)

    def _start_page(self, wanted: bool, hint: str, models_dir: Path | None) -> QWidget:
        if wanted:
            try:
                from gui.widgets.start_page_widget import StartPageWidget
            except ImportError:
                pass
            else:
                from core.samples.model_dirs import default_dest

                page = StartPageWidget(dest=default_dest(models_dir))  # the pages adopt it
                page.demoReady.connect(self.demoChosen)
                page.openOwnRequested.connect(
                    lambda: self.browseRequested.emit(file_kinds.MODEL))
                return page
        label = QLabel(hint)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setProperty("role", "muted")
        return label

    def adopt(self, old: MainViewWidget) -> None:
        """Show what ``old`` showed: its page and count, and its start page if it is
        downloading (the download goes on in it)."""
        start = old.pages.widget(START_PAGE)
        fetching = getattr(start, "is_fetching", None)
        fresh = self.pages.widget(START_PAGE)
        if start is not None and fresh is not None and callable(fetching) and fetching():
            old.pages.removeWidget(start)
            self.pages.removeWidget(fresh)
            fresh.deleteLater()
            self.pages.insertWidget(START_PAGE, start)
        self.input_bar.count.setValue(old.input_bar.count.value())
        self.pages.setCurrentIndex(old.pages.currentIndex())

    def show_start_page(self, copy: bool = False) -> bool:
        """Show the page that gets the sample models; with ``copy``, ask for the folder to copy
        them from. False when this view has no such page (a screenshot's window)."""
        page = self.pages.widget(START_PAGE)
        copy_from_folder = getattr(page, "copy_from_folder", None)
        if not callable(copy_from_folder):
            return False
        self.pages.setCurrentIndex(START_PAGE)
        if copy:
            copy_from_folder()
        return True

    def show_results(self) -> None:
        self.pages.setCurrentIndex(RESULTS_PAGE)

    def stop(self) -> None:
        """Stop the start page's download, if any (the window is closing)."""
        stop = getattr(self.pages.widget(START_PAGE), "stop", None)
        if callable(stop):
            stop()
