"""The QApplication: names (for QSettings), style sheet and pyqtgraph options, made once.

``offscreen`` is for the ``screenshot`` command and tests: it must be decided before the first
QApplication exists, so it is set here and nowhere else.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from gui.look import palette, theme, translations
from gui.look.icon import NAME, app_icon
from gui.window.settings import APPLICATION, ORGANIZATION

# Said by the offscreen platform for every full-screen window (booth pictures): nothing to act on.
_OFFSCREEN_NOISE = frozenset({"This plugin does not support propagateSizeHints()"})


def _quiet_offscreen_warnings() -> None:
    """Drop the offscreen platform's known noise; every other Qt message still gets through."""
    previous: list[Any] = []

    def handler(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if message in _OFFSCREEN_NOISE:
            return
        if previous and previous[0] is not None:
            previous[0](mode, context, message)
        else:
            sys.stderr.write(message + "\n")

    previous.append(qInstallMessageHandler(handler))


def make_app(argv: Sequence[str] | None = None, offscreen: bool = False) -> QApplication:
    existing = QApplication.instance()
    translations.allow_synthetic_bold()
    if existing is None:
        if offscreen:
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
            _quiet_offscreen_warnings()
        app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    else:
        assert isinstance(existing, QApplication)
        app = existing
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(QCoreApplication.translate("App", "Edge TPU Compare"))
    app.setDesktopFileName(NAME)  # matches the desktop entry, so the taskbar shows its icon
    app.setWindowIcon(app_icon())  # every window: title bar, taskbar, task switcher
    theme.remember_platform_style(app)
    pg.setConfigOptions(antialias=True, foreground=palette.current().muted)
    apply_style(app)
    return app


def apply_style(app: QApplication) -> None:
    """Style the cards from the current system palette (called again when it changes)."""
    app.setStyleSheet(palette.stylesheet(palette.current(app.palette())))
