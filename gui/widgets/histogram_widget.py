"""A backend's latency histogram: one step curve, created once and refreshed with ``setData``.

Bins are chosen for this panel's own data (as ``core.results.stats.histogram_bins`` would, refined
to at least sqrt(n) bins so that two close modes stay apart), so a 0.5 ms Edge TPU and a 40 ms CPU
each get a readable shape. A few very slow outliers would squash everything into one bar, so the
view stops short of them and says how many inferences lie beyond it. The counts come from a
``core.results.live.LiveSeries``, kept per batch: a paint costs the same at any number of
inferences.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsItem, QWidget

from core.results.live import MAX_BINS, LiveSeries
from gui.look.formatting import fmt_ms
from gui.look.palette import Theme, current
from gui.widgets.grid_axis import GridAxis
from gui.widgets.plot_ranges import StickyRange

MIN_HEIGHT = 100  # its axis titles and three ticks; a small screen scrolls the panels instead
HINT_HEIGHT = MIN_HEIGHT  # more comes from the stretch when there is room


class HistogramWidget(pg.PlotWidget):
    def __init__(self, colour: QColor, parent: QWidget | None = None,
                 theme: Theme | None = None) -> None:
        self._theme = theme or current()
        super().__init__(parent=parent, background=self._theme.card,
                         axisItems={"left": GridAxis("left", integers=True),
                                    "bottom": GridAxis("bottom")})
        self.setMinimumHeight(MIN_HEIGHT)
        self.setMouseEnabled(x=False, y=False)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # nothing to do with a key: no Tab stop
        self.setMenuEnabled(False)
        self.hideButtons()
        item = self.getPlotItem()
        item.showGrid(x=False, y=True, alpha=0.25)
        muted = QColor(self._theme.muted)
        for name in ("left", "bottom"):
            axis = item.getAxis(name)
            axis.setPen(pg.mkPen(self._theme.grid))
            axis.setTextPen(pg.mkPen(muted))
            # The grid is drawn by the axis across the plot, so every new curve exposed it and
            # replayed its picture (2.6 ms a time, four times a frame); cached as a pixmap it
            # is redrawn only when the axis really changes.
            axis.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        item.setLabel("bottom", self.tr("latency (ms)"), color=muted.name())
        item.setLabel("left", self.tr("inferences"), color=muted.name())
        fill = QColor(colour)
        fill.setAlpha(120)
        self._curve = self.plot([0.0, 1.0], [0.0], stepMode="center", fillLevel=0,
                                brush=pg.mkBrush(fill), pen=pg.mkPen(colour, width=1.6))
        self._median = pg.InfiniteLine(angle=90, movable=False,
                                       pen=pg.mkPen(self._theme.text, width=1.2,
                                                    style=Qt.PenStyle.DashLine))
        self._median.setVisible(False)
        item.addItem(self._median, ignoreBounds=True)
        self._note = pg.TextItem("", color=muted, anchor=(1, 0))
        item.addItem(self._note, ignoreBounds=True)
        self._note.setVisible(False)
        self._x = StickyRange(floor=0.0)
        self._y = StickyRange(floor=0.0)
        self.bins = 0

    def sizeHint(self) -> QSize:
        """A modest height: it takes what the panel has left, never asks the panels to scroll
        for more (a graphics view's own hint is its last size, so the panels only grew)."""
        return QSize(400, HINT_HEIGHT)

    def set_latencies(self, latencies_ms: Sequence[float] | np.ndarray,
                      median: float | None = None) -> None:
        self.set_series(LiveSeries(latencies_ms), median)

    def set_series(self, series: LiveSeries, median: float | None = None) -> None:
        """Show ``series``: its bins are kept per batch, so this costs the same at any count."""
        if series.count == 0:
            self._curve.setData([0.0, 1.0], [0.0])
            self._median.setVisible(False)
            self._note.setVisible(False)
            self._x.reset()
            self._y.reset()
            self.bins = 0
            return
        edges, counts, hidden = series.histogram(MAX_BINS)
        self.bins = counts.size
        self._curve.setData(edges, counts)
        width = edges[-1] - edges[0]
        if self._x.fit(float(edges[0]), float(edges[-1])):  # moves rarely: axes stay cached
            self.setXRange(self._x.low, self._x.high, padding=0)
        if self._y.fit(0.0, max(1.0, float(counts.max())) * 1.05):
            self.setYRange(0, self._y.high, padding=0)
        top = self._y.high or 1.0
        if median is not None:
            self._median.setPos(median)
            self._median.setVisible(True)
        if hidden:
            self._note.setText(self.tr("+{n} slower, up to {ms} ms").format(
                n=hidden, ms=fmt_ms(series.max)))
            self._note.setPos(edges[-1] + width * 0.03, top)
        self._note.setVisible(bool(hidden))
