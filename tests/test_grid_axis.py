"""The plots' axes fill their straight ticks and grid lines: the same picture as pyqtgraph's
own axis, without its slow translucent aliased lines."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from gui.widgets.grid_axis import GridAxis, line_rect
from tests import gui_support  # noqa: F401  (offscreen Qt and isolated settings)


def test_straight_lines_become_the_rectangles_they_cover() -> None:
    assert line_rect(QPointF(50, 20.5), QPointF(10, 20.5), 1.0) == QRectF(10, 20, 40, 1)
    assert line_rect(QPointF(3, 8), QPointF(3, 2), 2.0) == QRectF(2, 2, 2, 6)
    assert line_rect(QPointF(0, 0), QPointF(5, 5), 1.0) is None


def _render(qtbot: QtBot, axis: type[pg.AxisItem]) -> np.ndarray:
    plot = pg.PlotWidget(background="w", axisItems={s: axis(s) for s in ("left", "bottom")})
    qtbot.addWidget(plot)
    plot.resize(600, 200)
    plot.getPlotItem().showGrid(x=True, y=True, alpha=0.25)
    plot.setXRange(0, 3, padding=0)
    plot.setYRange(0, 270, padding=0)
    plot.show()
    qtbot.waitExposed(plot)
    image = plot.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    return np.frombuffer(image.constBits(), np.uint8).reshape(200, 600, 4)[..., :3].copy()


def test_the_grid_looks_as_pyqtgraphs_own(qtbot: QtBot) -> None:
    filled, stroked = _render(qtbot, GridAxis), _render(qtbot, pg.AxisItem)
    assert (stroked < 250).any(axis=2).sum() > 600 * 3  # there are grid lines to compare
    differ = np.abs(filled.astype(int) - stroked.astype(int)).max(axis=2) > 8
    assert differ.mean() < 0.005


def test_microsecond_latencies_keep_milliseconds_on_every_axis(qtbot: QtBot) -> None:
    """No "(x0.001)" scale on a latency axis: the unit stays ms, the ticks get decimals."""
    from core.results.live import LiveSeries
    from gui.look.palette import current
    from gui.widgets.histogram_widget import HistogramWidget
    from gui.widgets.iteration_strip_widget import IterationStripWidget

    series = LiveSeries(np.linspace(0.0008, 0.0021, 50))
    histogram = HistogramWidget(current().backend_colour("cpu"), theme=current())
    strip = IterationStripWidget(current().backend_colour("cpu"), theme=current())
    for plot in (histogram, strip):
        qtbot.addWidget(plot)
        plot.resize(600, 200)
        plot.show()
        qtbot.waitExposed(plot)
    histogram.set_series(series, 0.0012)
    strip.set_series(series, 50)
    axes = [histogram.getPlotItem().getAxis("bottom"), strip.getPlotItem().getAxis("left")]
    for axis in axes:
        assert "(x" not in axis.labelString(), axis.labelString()
        assert axis.autoSIPrefixScale == 1.0
        low, high = axis.range
        ticks = [text for _, values in axis.tickValues(low, high, 400)
                 for text in axis.tickStrings(values, axis.scale, 0.0005)]
        assert any(text.startswith("0.00") for text in ticks), ticks


def test_counts_tick_whole_numbers_only(qtbot: QtBot) -> None:
    """Three inferences: the histogram's count axis and the strip's iteration axis showed 0.5
    and 1.5; a latency axis keeps its fractions."""
    from core.results.live import LiveSeries
    from gui.look.palette import current
    from gui.widgets.histogram_widget import HistogramWidget
    from gui.widgets.iteration_strip_widget import IterationStripWidget

    series = LiveSeries(np.array([3.1, 3.2, 3.4]))
    histogram = HistogramWidget(current().backend_colour("cpu"), theme=current())
    strip = IterationStripWidget(current().backend_colour("cpu"), theme=current())
    for plot in (histogram, strip):
        qtbot.addWidget(plot)
        plot.resize(600, 200)
        plot.show()
        qtbot.waitExposed(plot)
    histogram.set_series(series, 3.2)
    strip.set_series(series, 3)

    def ticks(axis: pg.AxisItem) -> list[float]:
        low, high = axis.range
        return [v for _, values in axis.tickValues(low, high, 400) for v in values]

    counts = ticks(histogram.getPlotItem().getAxis("left"))
    iterations = ticks(strip.getPlotItem().getAxis("bottom"))
    latencies = ticks(strip.getPlotItem().getAxis("left"))
    assert counts and all(float(v).is_integer() for v in counts), counts
    assert iterations and all(float(v).is_integer() for v in iterations), iterations
    assert any(not float(v).is_integer() for v in latencies), latencies
