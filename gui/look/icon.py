"""The application's icon, read from the installed package (``gui/assets/icons``).

The PNG sizes are rendered from the SVG by ``resources/make_icons`` and committed, so the icon
shows even where Qt's SVG plugin is missing; Qt picks the size each place needs (title bar,
taskbar, task switcher).
"""

from __future__ import annotations

from importlib import resources

from PySide6.QtGui import QIcon, QPixmap

ASSETS = "gui.assets"
NAME = "edgetpu-compare"  # also the desktop entry's name and the icon theme's name
SIZES = (16, 24, 32, 48, 64, 128, 256)


def png_bytes(size: int) -> bytes:
    return (resources.files(ASSETS) / "icons" / f"{NAME}-{size}.png").read_bytes()


def svg_bytes() -> bytes:
    return (resources.files(ASSETS) / "icons" / f"{NAME}.svg").read_bytes()


def app_icon() -> QIcon:
    """Every size of the icon in one ``QIcon``; needs a QGuiApplication."""
    icon = QIcon()
    for size in SIZES:
        pixmap = QPixmap()
        if pixmap.loadFromData(png_bytes(size), "PNG"):
            icon.addPixmap(pixmap)
    return icon
