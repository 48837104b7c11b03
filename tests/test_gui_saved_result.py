"""A saved result opened in the window: shown as it looked and marked as saved (when, from
which file) until a new run or a new choice replaces it, without touching the backends chosen
for the next run."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from core.measure.backend_choice import BackendSet
from core.measure.backends import BackendSpec
from core.results.result_files import write_json
from gui.window.main_window import MainWindow
from gui.window.settings import Settings
from tests import gui_support  # offscreen Qt and isolated settings, before any QApplication
from tests.test_gui_window import _hand_made_record

pytestmark = pytest.mark.gui
ONE_CPU = BackendSet.of([BackendSpec("cpu", threads=1)])


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    gui_support.hide_bundled_pair(monkeypatch)
    window = MainWindow(Settings(tmp_path / "settings.ini"),
                        session_factory=gui_support.RecordingSessionFactory())
    qtbot.addWidget(window)
    window.show()
    window.set_backends(ONE_CPU)
    return window


def _open_saved(window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                parrot: Path) -> Path:
    saved = tmp_path / "yesterday.json"
    write_json(_hand_made_record(parrot), saved)  # CPU and Edge TPU, measured 2025-01-01
    gui_support.patch_open_dialog(monkeypatch, saved)
    file_menu = window.menuBar().actions()[0].menu()
    next(a for a in file_menu.actions() if a.text().startswith("Open Saved")).trigger()
    return saved


def test_opening_a_saved_result_keeps_the_next_runs_backends_and_marks_the_view(
        window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        parrot: Path, small_model: Path) -> None:
    _open_saved(window, monkeypatch, tmp_path, parrot)
    assert [p.title() for p in window.panels] == ["CPU", "Edge TPU"], "shown as it looked"
    assert window.backend_set == ONE_CPU and window.view.chooser.backends() == ONE_CPU
    when = datetime.fromisoformat("2025-01-01T00:00:00+00:00").astimezone()
    banner = window.view.saved_banner.text()
    assert f"measured {when:%Y-%m-%d %H:%M}" in banner and "yesterday.json" in banner
    assert "Run measures again with the backends chosen above" in banner
    window.rebuild_ui()  # a language or theme change keeps the mark
    assert window.view.saved_banner.text() == banner
    window.open_path(small_model)  # available again: the next run uses the chosen backends
    request = window.build_request()
    assert request is not None and request.backends == ONE_CPU.specs()
    assert window.view.saved_banner.text() == "", "a new choice replaces the saved result"


def test_a_new_run_removes_the_mark(qtbot: QtBot, window: MainWindow,
                                    monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                    parrot: Path, small_model: Path) -> None:
    _open_saved(window, monkeypatch, tmp_path, parrot)
    assert window.view.saved_banner.text()
    window.choice.set_model(small_model)  # as a script would: no change signal
    window.view.input_bar.count.setValue(3)
    with qtbot.waitSignal(window.runner.runEnded, timeout=gui_support.HANG_GUARD_MS):
        assert window.start_run()
        assert window.view.saved_banner.text() == ""
    assert window.view.saved_banner.text() == ""
    assert [p.title() for p in window.panels] == ["CPU"]


def test_a_picture_of_a_saved_result_is_not_marked(window: MainWindow, parrot: Path) -> None:
    window.show_record(_hand_made_record(parrot))  # screenshot --results: the run as it looked
    assert window.view.saved_banner.text() == ""
    assert len(window.backend_set.specs()) == 2, "the backend line shows the ones it ran"
