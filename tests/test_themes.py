"""Light and dark: the window, its plots and its cards follow the theme that is switched to."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gui.look import palette, theme
from gui.window.main_window import MainWindow
from gui.window.settings import Settings
from tests import gui_support  # noqa: F401 - offscreen Qt and isolated settings
from tests.test_gui_window import _hand_made_record

pytestmark = pytest.mark.gui


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    """Back to the system theme afterwards: other tests compare against its colours."""
    yield qapp
    theme.apply_theme(qapp, "system")


def _curve_colours(window: MainWindow) -> tuple[str, str, str, str]:
    histogram = window.panels[0].histogram
    curve = histogram._curve
    brush = curve.opts["fillBrush"] if curve.opts.get("fillBrush") is not None \
        else curve.opts["brush"]
    background = histogram.backgroundBrush().color().name()
    axis = histogram.getPlotItem().getAxis("bottom").textPen().color().name()
    return (QColor(brush.color()).name(), curve.opts["pen"].color().name(), background, axis)


def test_switching_to_dark_recolours_plots_and_window(
        qtbot: QtBot, tmp_path: Path, parrot: Path, app: QApplication) -> None:
    settings = Settings(tmp_path / "settings.ini")
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    window.set_theme("light")
    qtbot.waitUntil(lambda: not window._rebuild_timer.isActive())
    window.show_record(_hand_made_record(parrot))
    light = _curve_colours(window)
    light_window = window.palette().color(QPalette.ColorRole.Window).name()
    assert light[1] == palette.current().backends["cpu"]

    window.set_theme("dark")
    qtbot.waitUntil(lambda: _curve_colours(window) != light)
    dark = _curve_colours(window)
    assert settings.theme() == "dark"
    assert palette.is_dark(app.palette())
    assert window.palette().color(QPalette.ColorRole.Window).name() != light_window
    assert QColor(window.palette().color(QPalette.ColorRole.Window)).lightness() < 128
    assert dark[1] == palette.current().backends["cpu"] != light[1], "the plot line"
    assert dark[0] != light[0], "the histogram fill"
    assert dark[2] == palette.current().card != light[2], "the plot background"
    assert dark[3] != light[3], "the axis text"
    assert window.panels[0].strip._curve.opts["pen"].color().name() == dark[1]
    assert window.state.record is not None and window.panels[0].histogram.bins > 0, \
        "the results stay on screen"


def test_system_follows_the_platform_palette(app: QApplication) -> None:
    scheme = theme.apply_theme(app, "system")
    assert scheme == ("dark" if palette.is_dark(app.palette()) else "light")
    assert theme.apply_theme(app, "dark") == "dark"
    assert theme.apply_theme(app, "light") == "light"
    assert not palette.is_dark(app.palette())


def test_theme_changed_is_announced(qtbot: QtBot, app: QApplication) -> None:
    with qtbot.waitSignal(theme.notifier().changed) as signal:
        theme.apply_theme(app, "dark")
    assert signal.args == ["dark"]
