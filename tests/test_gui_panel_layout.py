"""Where a panel puts its parts: a failure card under the header, panels of equal width."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from core.edgetpu.readiness import NO_RUNTIME, Readiness
from core.errors import fail
from core.results.records import BackendRecord
from gui.look.palette import current
from gui.widgets.backend_panel import FAILED, BackendPanel
from gui.widgets.panel_grid_widget import PanelGridWidget
from tests import gui_support  # offscreen Qt and isolated settings, before any QApplication

_ = gui_support


def test_a_failure_card_sits_under_the_panels_header(qtbot: QtBot) -> None:
    error = fail("edgetpu_runtime_missing").info
    panel = BackendPanel(BackendRecord("edgetpu", "edgetpu", "Edge TPU", status="error",
                                       error=error))
    qtbot.addWidget(panel)
    panel.resize(700, 900)
    panel.show()
    qtbot.waitExposed(panel)
    assert panel.page() == FAILED
    card = panel.error_panel.mapTo(panel, panel.error_panel.rect().topLeft())
    header = panel._subtitle.mapTo(panel, panel._subtitle.rect().bottomLeft())
    assert card.y() - header.y() < 60, (card.y(), header.y())  # no blank band above it


def test_panels_share_the_width_whatever_their_waiting_text(qtbot: QtBot) -> None:
    grid = PanelGridWidget(current())
    qtbot.addWidget(grid)
    grid.set_readiness(Readiness(NO_RUNTIME))
    grid.sync([BackendRecord("cpu", "cpu", "CPU"),
               BackendRecord("edgetpu", "edgetpu", "Edge TPU")])
    grid.resize(1400, 700)
    grid.show()
    qtbot.waitExposed(grid)
    cpu, edgetpu = grid.panels
    waiting = edgetpu._waiting
    assert len(waiting.text()) > 60 and waiting.wordWrap()
    assert abs(cpu.width() - edgetpu.width()) <= 1, (cpu.width(), edgetpu.width())
    assert waiting.width() < 700 and waiting.height() >= waiting.heightForWidth(waiting.width())


def test_a_failed_panel_is_no_wider_than_its_neighbour(qtbot: QtBot) -> None:
    grid = PanelGridWidget(current())
    qtbot.addWidget(grid)
    error = fail("edgetpu_runtime_missing").info
    grid.sync([BackendRecord("cpu", "cpu", "CPU"),
               BackendRecord("edgetpu", "edgetpu", "Edge TPU", status="error", error=error)])
    for width in (1000, 1300, 1800):
        grid.resize(width, 700)
        grid.show()
        qtbot.waitExposed(grid)
        cpu, edgetpu = grid.panels
        assert abs(cpu.width() - edgetpu.width()) <= 1, (width, cpu.width(), edgetpu.width())
