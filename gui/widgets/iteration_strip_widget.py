"""Latency per iteration, a thin strip under the histogram: throttling and hiccups show up here.

The curve is created once and fed a ``core.results.live.LiveSeries``'s strip: every value while
there are few, then min/max pairs of buckets (what a peak-preserving downsample draws), so that a
paint costs the same at 1,000 and at 1,000,000 inferences.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsItem, QWidget

from core.results.live import LiveSeries
from gui.look.palette import Theme, current
from gui.widgets.grid_axis import GridAxis
from gui.widgets.plot_ranges import StickyRange


class IterationStripWidget(pg.PlotWidget):
    def __init__(self, colour: QColor, parent: QWidget | None = None,
                 theme: Theme | None = None) -> None:
        theme = theme or current()
        super().__init__(parent=parent, background=theme.card,
                         axisItems={"left": GridAxis("left"),
                                    "bottom": GridAxis("bottom", integers=True)})
        self.setFixedHeight(80)
        self.setMouseEnabled(x=False, y=False)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # nothing to do with a key: no Tab stop
        self.setMenuEnabled(False)
        self.hideButtons()
        item = self.getPlotItem()
        item.showGrid(x=False, y=True, alpha=0.2)
        muted = QColor(theme.muted)
        for name in ("left", "bottom"):
            axis = item.getAxis(name)
            axis.setPen(pg.mkPen(theme.grid))
            axis.setTextPen(pg.mkPen(muted))
            # The grid is drawn by the axis across the plot, so every new curve exposed it and
            # replayed its picture (2.6 ms a time, four times a frame); cached as a pixmap it
            # is redrawn only when the axis really changes.
            axis.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        item.getAxis("left").setWidth(52)
        item.setLabel("left", self.tr("ms"), color=muted.name())
        item.setLabel("bottom", self.tr("iteration"), color=muted.name())
        item.setClipToView(True)
        item.setDownsampling(auto=True, mode="peak")
        # Antialiasing a dense line costs ~10x the paint time (70 ms vs 6 ms for 5,000 points
        # measured here) and shows nothing a one-pixel line needs: keep the event loop free.
        self._curve = self.plot([], [], pen=pg.mkPen(colour, width=1), antialias=False)
        self._y = StickyRange(floor=0.0)
        self._total = 0
        self.points = 0

    def set_latencies(self, latencies_ms: Sequence[float] | np.ndarray,
                      total: int | None = None) -> None:
        """``total``: the run's planned count, so the x axis is fixed for the whole run."""
        self.set_series(LiveSeries(latencies_ms), total)

    def set_series(self, series: LiveSeries, total: int | None = None) -> None:
        """At most ``core.results.live.STRIP_BUCKETS`` min/max pairs, whatever the count."""
        self.points = series.count
        if series.count == 0:
            self._curve.setData([], [])
            self._y.reset()
            self._total = 0
            return
        x, y = series.strip()
        self._curve.setData(x, y)
        wanted = max(2, series.count, total or 0)
        if wanted != self._total:
            self._total = wanted
            self.setXRange(1, wanted, padding=0.01)
        if self._y.fit(series.min, series.quantiles([0.995])[0]):
            self.setYRange(self._y.low, self._y.high, padding=0)
