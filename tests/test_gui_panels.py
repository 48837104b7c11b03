"""Backend panels are built once and drawn ahead, so a run does not stall the window."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from core.measure.backends import BackendSpec
from core.measure.session import RunRequest
from gui.widgets.backend_panel import MEASURING, BackendPanel
from gui.window.main_window import MainWindow
from gui.window.settings import Settings
from tests import gui_support  # offscreen Qt and isolated settings, before any QApplication

CPU1 = BackendSpec("cpu", threads=1)


def _run(qtbot: QtBot, window: MainWindow, request: RunRequest) -> None:
    with qtbot.waitSignal(window.runner.runEnded, timeout=gui_support.HANG_GUARD_MS):
        assert window.start_run(request)


def test_panels_are_kept_between_runs_of_the_same_backends(
        qtbot: QtBot, tmp_path: Path, small_model: Path, parrot: Path) -> None:
    window = MainWindow(Settings(tmp_path / "s.ini"), restore=False)
    qtbot.addWidget(window)
    window.show()
    one = RunRequest(small_model, parrot, count=20, warmup=0, backends=(CPU1,))
    _run(qtbot, window, one)
    first = list(window.panels)
    _run(qtbot, window, one)
    assert window.panels == first  # the very same widgets
    assert window.panels[0].strip.points == 20  # and they show the new run
    two = RunRequest(small_model, parrot, count=20, warmup=0,
                     backends=(CPU1, BackendSpec("cpu", threads=2)))
    _run(qtbot, window, two)
    assert len(window.panels) == 2 and window.panels[0] is not first[0]


def test_warm_up_draws_the_plots_before_the_first_result(qtbot: QtBot) -> None:
    from core.results.records import BackendRecord

    panel = BackendPanel(BackendRecord("cpu", "cpu", "CPU", status="running"))
    qtbot.addWidget(panel)
    panel.resize(700, 800)
    panel.show()
    qtbot.waitExposed(panel)
    assert panel.page() != MEASURING
    axis = panel.histogram.getPlotItem().getAxis("bottom")
    assert axis.picture is None  # never painted: the measuring page is hidden
    panel.warm_up()
    assert axis.picture is not None


def test_a_live_frame_computes_each_backends_statistics_once(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Batches clear the statistics; the next paint reads them once from the backend's live
    series (kept per batch), and no widget recomputes them from the whole history."""
    from core.measure.events import LatencyBatch
    from core.measure.reducer import RunReducer
    from core.results import stats as core_stats
    from core.results.live import LiveSeries
    from core.results.records import BackendRecord
    from gui.look import comparison_text

    window = MainWindow(Settings(tmp_path / "s.ini"), restore=False)
    qtbot.addWidget(window)
    window.show()
    record = BackendRecord("cpu", "cpu", "CPU", status="running")
    window.state = RunReducer.planned([record])
    window._sync_panels()
    window.state.apply([LatencyBatch("cpu", (4.0, 4.2, 3.9), 3, 100)])
    assert record.stats is None
    calls: list[int] = []
    live_stats = LiveSeries.stats

    def counting(series: LiveSeries) -> object:
        calls.append(series.count)
        return live_stats(series)

    def whole_history(latencies: list[float]) -> object:
        raise AssertionError("statistics recomputed from the whole history at a paint")

    monkeypatch.setattr(LiveSeries, "stats", counting)
    monkeypatch.setattr(comparison_text, "compute_stats", whole_history)
    monkeypatch.setattr(core_stats, "compute_stats", whole_history)
    window._paint()
    assert calls == [3]
    assert record.stats is not None and record.stats.median == pytest.approx(4.0)
    assert window.panels[0].median_text().find("4.00") >= 0


def test_the_edgetpu_panel_names_the_library_it_loaded_and_what_runs(
        qtbot: QtBot, tmp_path: Path, small_model: Path, parrot: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from tests.edgetpu_double import build_fake_libedgetpu

    library = build_fake_libedgetpu(tmp_path / "lib")
    monkeypatch.setenv("LD_LIBRARY_PATH", str(library.parent))
    monkeypatch.setenv("FAKE_EDGETPU_THROTTLED", "1")
    plain = tmp_path / "models" / small_model.name  # no compiled twin: the CPU runs it
    plain.parent.mkdir()
    shutil.copy(small_model, plain)
    window = MainWindow(Settings(tmp_path / "s.ini"), restore=False)
    qtbot.addWidget(window)
    window.show()
    spec = BackendSpec("edgetpu", device="usb", performance="max")
    _run(qtbot, window, RunRequest(plain, parrot, count=3, warmup=0, backends=(spec,)))
    panel = window.panels[0]
    details = panel._subtitle.text()
    assert panel.page() == MEASURING, details
    assert "usb:0" in details and "performance High (throttled build)" in details
    assert f"libedgetpu {library}" in details and "fake-libedgetpu-test-double" in details


def test_two_backends_of_a_kind_get_colours_of_their_own(qtbot: QtBot) -> None:
    """Two CPU panels in one blue could not be told apart in the plots or by their dots."""
    from core.results.records import BackendRecord
    from gui.look.palette import current
    from gui.widgets.panel_grid_widget import PanelGridWidget

    grid = PanelGridWidget(current())
    qtbot.addWidget(grid)
    grid.sync([BackendRecord("cpu", "cpu", "CPU"), BackendRecord("cpu-2", "cpu", "CPU"),
               BackendRecord("edgetpu", "edgetpu", "Edge TPU")])
    colours = [panel.colour().name() for panel in grid.panels]
    assert len(set(colours)) == 3, colours
    assert colours[0] == current().backend_colour("cpu").name(), "the first keeps its kind's"
    assert colours[2] == current().backend_colour("edgetpu").name()
