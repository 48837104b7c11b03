"""The menus show their shortcuts, Full Screen has its own, and About says what a bug report
and a licence question need."""

from __future__ import annotations

from email.message import Message
from pathlib import Path

import pytest
from PySide6.QtGui import QAction, QKeySequence
from pytestqt.qtbot import QtBot

from gui.window import actions
from gui.window.main_window import MainWindow
from gui.window.settings import Settings
from tests import gui_support  # noqa: F401 - offscreen Qt and isolated settings, first

pytestmark = pytest.mark.gui


def _view_actions(window: MainWindow) -> dict[str, QAction]:
    view = window.menuBar().actions()[2].menu()
    return {a.text().replace("&", ""): a for a in view.actions() if a.text()}


def test_full_screen_has_its_own_shortcut_and_toggles(qtbot: QtBot, tmp_path: Path) -> None:
    window = MainWindow(Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    window.show()
    found = _view_actions(window)
    full, booth = found["Full Screen"], found["Booth Mode (Full Screen Loop)"]
    assert full.shortcut() == QKeySequence(actions.FULL_SCREEN) and not full.shortcut().isEmpty()
    assert full.shortcut() != booth.shortcut() == QKeySequence("F11")
    full.trigger()
    qtbot.waitUntil(window.isFullScreen)
    full.trigger()
    qtbot.waitUntil(lambda: not window.isFullScreen())
    shortcuts = [a.shortcut().toString() for m in window.menuBar().actions()
                 for a in m.menu().actions() if not a.shortcut().isEmpty()]
    assert len(shortcuts) == len(set(shortcuts)), shortcuts  # no key does two things


def test_about_names_version_licence_and_project(monkeypatch: pytest.MonkeyPatch) -> None:
    text = actions.about_text()
    assert actions.app_version() in text and "Apache License 2.0" in text
    assert "https://www.apache.org/licenses/LICENSE-2.0" in text
    fake = Message()
    fake["Project-URL"] = "Homepage, https://example.org/edgetpu-compare"
    monkeypatch.setattr(actions.metadata, "metadata", lambda name: fake)
    assert actions.project_url() == "https://example.org/edgetpu-compare"
    assert '<a href="https://example.org/edgetpu-compare">' in actions.about_text()
