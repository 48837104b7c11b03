"""The window's file choosing on its own: a ``FileChooser`` with no window around it, only a
plain widget to parent dialogs and receive drops. It says what happened through signals."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from core.results.records import RunRecord
from core.results.result_files import write_json
from gui.run.model_choice import ModelChoice
from gui.window.files import FileChooser
from gui.window.settings import Settings
from tests import gui_support  # offscreen Qt and isolated settings, before any QApplication
from tests.test_gui_window import _hand_made_record

pytestmark = pytest.mark.gui


@pytest.fixture
def chooser(qtbot: QtBot, tmp_path: Path) -> FileChooser:
    host = QWidget()
    qtbot.addWidget(host)
    return FileChooser(Settings(tmp_path / "settings.ini"), ModelChoice(), host)


def test_choosing_files_updates_the_choice_and_the_settings(
        chooser: FileChooser, qtbot: QtBot, bird_model: Path, bird_labels: Path,
        parrot: Path) -> None:
    with qtbot.waitSignals([chooser.changed] * 3):
        assert chooser.open_path(bird_model)
        assert chooser.open_path(bird_labels)
        assert chooser.open_path(parrot)
    assert chooser.choice.ready() and chooser.choice.image == parrot
    assert chooser.settings.last_file("model") == bird_model


def test_a_file_that_is_nothing_known_is_a_problem_not_a_change(
        chooser: FileChooser, qtbot: QtBot, tmp_path: Path) -> None:
    odd = tmp_path / "notes.xyz"
    odd.write_bytes(b"\x00\x01")
    with qtbot.assertNotEmitted(chooser.changed), \
            qtbot.waitSignal(chooser.problem) as caught:
        assert not chooser.open_path(odd)
    assert caught.args is not None and caught.args[0].code == "usage"


def test_a_result_file_is_handed_over_whole(chooser: FileChooser, qtbot: QtBot,
                                            tmp_path: Path, parrot: Path) -> None:
    saved = tmp_path / "run.json"
    write_json(_hand_made_record(parrot), saved)
    with qtbot.waitSignal(chooser.resultOpened) as caught:
        assert chooser.open_result(saved)
    assert caught.args is not None
    record, path = caught.args
    assert isinstance(record, RunRecord) and path == saved


def test_drops_on_its_widget_are_used_unless_busy(qtbot: QtBot, tmp_path: Path,
                                                  parrot: Path) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    host.setAcceptDrops(True)
    host.show()
    busy = [True]
    chooser = FileChooser(Settings(tmp_path / "s.ini"), ModelChoice(), host,
                          busy=lambda: busy[0])
    chooser.watch_drops()
    try:
        assert gui_support.drop(host, [parrot]) == (False, False)
        assert chooser.choice.image is None
        busy[0] = False
        with qtbot.waitSignal(chooser.changed):
            assert gui_support.drop(host, [parrot]) == (True, True)
        assert chooser.choice.image == parrot
    finally:
        chooser.stop_watching_drops()
