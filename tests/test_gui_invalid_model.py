"""A model that cannot be used, chosen after one that can: the window says why where the person
is looking (the model picker and the result area), and Run does nothing but say it again; it
never measures the model the person just replaced."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from gui.window.main_window import MainWindow
from gui.window.settings import Settings
from tests import gui_support  # offscreen Qt and isolated settings, before any QApplication

pytestmark = pytest.mark.gui
Opened = tuple[MainWindow, gui_support.RecordingSessionFactory]


def _truncated(folder: Path, coral: Path) -> Path:
    path = folder / "broken.tflite"
    path.write_bytes((coral / "models" / "mobilenet_v1_0.25_128_quant.tflite").read_bytes()[:3000])
    return path


def _text(folder: Path, coral: Path) -> Path:
    path = folder / "notes.txt"
    path.write_text("not a model at all\n")
    return path


def _folder(folder: Path, coral: Path) -> Path:
    path = folder / "models.tflite"
    path.mkdir()
    return path


def _fifo(folder: Path, coral: Path) -> Path:
    path = folder / "pipe.tflite"  # opening it would wait for a writer: it cannot be read
    os.mkfifo(path)
    return path


BAD: dict[str, tuple[Callable[[Path, Path], Path], str]] = {
    "truncated": (_truncated, "is truncated"),
    "not a model": (_text, "is not a TensorFlow Lite model"),
    "a folder": (_folder, "is a folder"),
    "unreadable": (_fifo, "pipe.tflite"),
}


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
           small_model: Path, parrot: Path) -> Opened:
    gui_support.hide_bundled_pair(monkeypatch)
    factory = gui_support.RecordingSessionFactory()
    window = MainWindow(Settings(tmp_path / "settings.ini"), session_factory=factory)
    qtbot.addWidget(window)
    window.show()
    assert window.open_path(small_model) and window.open_path(parrot)
    assert window.view.input_bar.run_button.isEnabled()
    return window, factory


@pytest.mark.parametrize("case", list(BAD))
def test_a_model_that_cannot_be_used_blocks_run_and_says_why(
        case: str, window: Opened,
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, coral: Path) -> None:
    win, factory = window
    make, reason = BAD[case]
    bad = make(tmp_path, coral)
    bar = win.view.input_bar
    if case in ("a folder", "unreadable"):  # a file dialog does not offer these: dropped
        assert gui_support.drop(win.view.comparison, [bad])[1]
    else:
        gui_support.patch_open_dialog(monkeypatch, bad)
        bar.model.browse_button.click()
    assert bad.name in bar.model.current_text(), "the bad choice is shown as the choice"
    assert reason in bar.model.problem(), "the picker says why"
    assert bar.model.combo.property("problem")
    assert reason in win.view.comparison.text(), "the result area says why"
    assert not bar.run_button.isEnabled()
    win._request_paint()  # a later repaint (the readiness check, a folder scan) keeps it
    assert reason in win.view.comparison.text()
    win.actions_.run.trigger()  # Ctrl+R
    assert not win.is_running() and not factory.sessions, "the previous model was run"
    assert reason in win.view.comparison.text(), "Run says why it did nothing"


def test_choosing_a_usable_model_again_clears_the_mark(
        window: Opened, tmp_path: Path,
        coral: Path, small_model: Path) -> None:
    win, _ = window
    bar = win.view.input_bar
    assert not win.open_path(_truncated(tmp_path, coral))
    index = next(i for i in range(bar.model.combo.count())
                 if bar.model.combo.itemData(i) == str(small_model))
    bar.model.combo.activated.emit(index)  # picked from the list again
    assert bar.model.problem() == "" and not bar.model.combo.property("problem")
    assert bar.model.current_text().startswith("MobileNet v1 0.25, 128 px (ImageNet)")
    assert bar.run_button.isEnabled()
    assert "truncated" not in win.view.comparison.text()
