"""Light and dark: applying a theme to the application and telling the windows it changed.

``system`` follows the desktop (``QStyleHints.colorScheme``, Qt 6.5+) and is applied again when
the desktop switches. Where the platform's own palette already has the wanted lightness it is kept
with the platform's style; otherwise (an explicit choice, or a desktop that says "dark" but gives
a light palette) the Fusion style gets one of our fixed palettes, which every platform honours.
Colours for plots and cards come from ``palette.current()``, which reads the application palette,
so after ``changed`` every widget that asks again draws in the new theme.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from gui.look import palette

CHOICES = ("system", "light", "dark")


class _Notifier(QObject):
    changed = Signal(str)  # "light" or "dark"


_notifier: _Notifier | None = None
_choice = "system"
_system_style: str | None = None
_following = False


def notifier() -> _Notifier:
    """The object whose ``changed`` signal follows every theme switch (made on first use)."""
    global _notifier
    if _notifier is None:
        _notifier = _Notifier()
    return _notifier


def current_choice() -> str:
    return _choice


def system_scheme(app: QGuiApplication | None = None) -> str:
    """``light`` or ``dark`` as the desktop asks; its palette decides when it does not say."""
    app = app or QGuiApplication.instance()  # type: ignore[assignment]
    if isinstance(app, QGuiApplication):
        scheme = app.styleHints().colorScheme()
        if scheme == Qt.ColorScheme.Dark:
            return "dark"
        if scheme == Qt.ColorScheme.Light:
            return "light"
    return "dark" if palette.is_dark(QGuiApplication.palette()) else "light"


def resolve_theme(choice: str | None, app: QGuiApplication | None = None) -> str:
    if choice in ("light", "dark"):
        return str(choice)
    return system_scheme(app)


def remember_platform_style(app: QApplication) -> None:
    """Note the platform's style before a style sheet hides its name (``system`` returns to it)."""
    global _system_style
    style = app.style()
    if _system_style is None and style is not None and style.name():
        _system_style = style.name()


def apply_theme(app: QApplication, choice: str | None = "system") -> str:
    """Apply ``system`` / ``light`` / ``dark`` to ``app``; returns the lightness applied."""
    global _choice
    choice = choice if choice in CHOICES else "system"
    remember_platform_style(app)
    if choice == "system":
        app.setPalette(QPalette())  # back to the platform's palette
        if _system_style is not None:
            app.setStyle(_system_style)
    scheme = resolve_theme(choice, app)
    if choice != "system" or palette.is_dark(app.palette()) != (scheme == "dark"):
        app.setStyle("Fusion")
        app.setPalette(palette.fixed_palette(dark=scheme == "dark"))
    _choice = choice
    _follow_system(app)
    theme = palette.current(app.palette())
    pg.setConfigOptions(foreground=theme.muted)
    app.setStyleSheet(palette.stylesheet(theme))
    notifier().changed.emit(scheme)
    return scheme


def _follow_system(app: QApplication) -> None:
    global _following
    if _following:
        return
    _following = True
    app.styleHints().colorSchemeChanged.connect(lambda _scheme: _on_system_changed(app))


def _on_system_changed(app: QApplication) -> None:
    if _choice == "system":
        apply_theme(app, "system")
