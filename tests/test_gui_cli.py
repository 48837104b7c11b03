"""``edgetpu-compare`` and ``edgetpu-compare gui [--model M] [--labels L] [--image I]``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gui.app import entry
from gui.window.main_window import MainWindow
from tests import gui_support  # noqa: F401 - offscreen Qt and isolated settings

pytestmark = pytest.mark.gui


@pytest.fixture
def no_event_loop(monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> list[MainWindow]:
    """``app.exec()`` returns at once; the windows it would have shown are collected."""
    shown: list[MainWindow] = []

    def fake_exec(*_args: object) -> int:
        shown.extend(w for w in QApplication.topLevelWidgets()
                     if isinstance(w, MainWindow) and w.isVisible())
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    return shown


def test_gui_subcommand_opens_the_window_with_the_given_files(
        qtbot: QtBot, no_event_loop: list[MainWindow], bird_model: Path, bird_labels: Path,
        parrot: Path) -> None:
    assert entry.main(["gui", "--model", str(bird_model), "--labels", str(bird_labels),
                       "--image", str(parrot)]) == 0
    (window,) = no_event_loop
    qtbot.addWidget(window)
    bar = window.view.input_bar
    assert bar.model.current_text() == \
        "MobileNet v2 (iNaturalist Birds) · classification (CPU + Edge TPU)"
    assert window.choice.labels == bird_labels and window.choice.image == parrot
    assert window.view.input_bar.run_button.isEnabled()


def test_no_subcommand_opens_the_window(qtbot: QtBot,
                                        no_event_loop: list[MainWindow]) -> None:
    assert entry.main([]) == 0
    (window,) = no_event_loop
    qtbot.addWidget(window)
    assert window.windowTitle() == "Edge TPU Compare"


_WARN = """
import sys
sys.path.insert(0, sys.argv[1])
from PySide6.QtCore import qWarning
from gui.app.application import make_app
app = make_app(offscreen=True)
qWarning("This plugin does not support propagateSizeHints()")
qWarning("a real problem")
"""


def test_offscreen_noise_is_dropped_but_real_warnings_are_not() -> None:
    repo = str(Path(__file__).resolve().parent.parent)
    done = subprocess.run([sys.executable, "-c", _WARN, repo], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "a real problem" in done.stderr
    assert "propagateSizeHints" not in done.stderr
