"""The backends' panels side by side (four across a wide window, else two rows of two), kept
while the backends stay.

Building a panel's plots costs ~100 ms of the event loop, which Run should not pay, so ``sync``
makes new panels only when the run's backends (ids and kinds) differ from the ones shown.
"""

from __future__ import annotations

from collections.abc import Sequence

from PIL import Image
from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QWidget

from core.edgetpu.readiness import Readiness
from core.errors import AppError
from core.inputs.preprocess import load_image
from core.measure.reducer import RunReducer
from core.results.records import BackendRecord
from gui.look.formatting import display_name
from gui.look.palette import Theme, backend_colours
from gui.look.published_text import read_report
from gui.widgets.backend_panel import BackendPanel

MAX_COLUMNS = 4
WIDE_PANEL = 450  # four panels go side by side when each gets this much: no scrolling then
SLACK = 24  # more than a scroll bar's width, so that one appearing cannot flip the layout


class PanelGridWidget(QWidget):
    diagnosticsRequested = Signal()
    modelDetailsRequested = Signal(str)  # the panel's model file

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(14)
        self.panels: list[BackendPanel] = []
        self._readiness: Readiness | None = None
        self._picture_key: tuple[str, str] = ("", "")
        self._picture: Image.Image | None = None
        self._threshold = 0.0
        self._columns = 0
        self._room = 0  # the scroll area's height, once known

    def follow_room(self, viewport: QWidget) -> None:
        """Keep each panel's picture within what ``viewport`` (the scroll area's) shows."""
        viewport.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self._room = watched.height()
            for panel in self.panels:
                panel.set_picture_room(self._room)
        return False

    def set_threshold(self, value: float) -> None:
        """Hide the objects scoring below ``value`` in every panel, now and made later; the
        window paints again to show it."""
        self._threshold = value
        for panel in self.panels:
            panel.shown_threshold = value

    def set_readiness(self, found: Readiness | None) -> None:
        """What the Edge TPU is missing before a run, for its panels (now and made later)."""
        self._readiness = found
        for panel in self.panels:
            panel.set_readiness(found)

    def sync(self, backends: Sequence[BackendRecord]) -> None:
        """One panel per backend, made anew only when the backends changed."""
        if [(b.id, b.kind) for b in backends] == [(p.backend_id, p.kind) for p in self.panels]:
            return
        for panel in self.panels:
            self._grid.removeWidget(panel)
            panel.hide()  # out of the very next picture, not only once it is deleted
            panel.deleteLater()
        self.panels = []
        colours = backend_colours([b.kind for b in backends], self._theme)
        for record, colour in zip(backends, colours, strict=True):
            panel = BackendPanel(record, theme=self._theme, colour=colour)
            panel.set_readiness(self._readiness)
            panel.shown_threshold = self._threshold
            if self._room:
                panel.set_picture_room(self._room)
            panel.show_record(record)
            panel.diagnosticsRequested.connect(self.diagnosticsRequested)
            panel.modelDetailsRequested.connect(self.modelDetailsRequested)
            self.panels.append(panel)
            # Lay out and draw the plots once now, so that the first results do not pay for it.
            QTimer.singleShot(0, panel, panel.warm_up)
        self._columns = 0
        self._place(self._columns_for(self.width()))

    def columns(self) -> int:
        return self._columns

    def _columns_for(self, width: int) -> int:
        count = len(self.panels)
        if count != 4:
            return max(1, count)
        room = WIDE_PANEL * 4 - (SLACK if self._columns == 4 else 0)
        return 4 if width >= room else 2

    def _place(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        for panel in self.panels:
            self._grid.removeWidget(panel)
        for column in range(MAX_COLUMNS):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)
        for index, panel in enumerate(self.panels):
            self._grid.addWidget(panel, index // columns, index % columns)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place(self._columns_for(event.size().width()))

    def show_state(self, state: RunReducer, running: bool) -> list[str]:
        """Each panel shows its backend as ``state`` has it now, named apart from the others;
        returns the ids of the backends shown."""
        shown = []
        record_of_run = state.record
        report = read_report(record_of_run.published) if record_of_run is not None else None
        picture = self._picture_for(state)
        size = (int(state.run.image.get("width") or 0), int(state.run.image.get("height") or 0))
        for panel in self.panels:
            panel.show_published(report)
            record = state.backend(panel.backend_id)
            if record is not None:
                panel.show_record(record, state.progress.get(record.id), running,
                                  state.series(record.id),
                                  name=display_name(record, state.backends),
                                  picture=picture, picture_size=size)
                shown.append(record.id)
        return shown

    def _picture_for(self, state: RunReducer) -> Image.Image | None:
        """The run's picture, read once per picture and only when a result is drawn on it
        (a classifier's run never reads it here); None when it cannot be read any more."""
        if not any(b.task_result is not None for b in state.backends):
            return None
        key = (str(state.run.image.get("path") or ""), str(state.run.image.get("sha256") or ""))
        if key != self._picture_key:
            self._picture_key, self._picture = key, None
            try:
                picture, info = load_image(key[0])
            except AppError:
                pass  # a saved result whose picture is gone: the boxes on a plain frame
            else:
                self._picture = picture if info.sha256 == key[1] or not key[1] else None
        return self._picture
