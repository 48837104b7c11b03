"""A clear ring around the control that has the keyboard focus, in the theme's accent colour.

The platform styles mark focus faintly (Fusion's ring on Run was barely visible; a flat button,
a plot and the panels' scroll area showed none), and a style sheet ``:focus`` rule would turn
every button into a hand-drawn one. ``QFocusFrame`` is Qt's own frame drawn just outside a
widget, above its siblings, that follows it as it moves; this one paints a two-pixel rounded
ring. ``FocusRing`` moves it to whichever control of its window takes the focus; the frame
lives beside that control, so when a rebuilt view deletes it, the next focus makes a new one.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFocusFrame,
    QWidget,
)

from gui.look.palette import current

WIDTH = 2.0


class FocusRingWidget(QFocusFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(current().accent), WIDTH))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        inset = WIDTH / 2
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(inset, inset, -inset, -inset), 5, 5)
        painter.end()


class FocusRing(QObject):
    """Keeps a ``FocusRingWidget`` around the focused control of ``window``."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._ring: FocusRingWidget | None = None
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def ring(self) -> FocusRingWidget | None:
        """The ring, when it is shown (tests)."""
        ring = self._ring
        return ring if ring is not None and shiboken6.isValid(ring) and ring.isVisible() \
            else None

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if shiboken6.isValid(self._window):
            self.follow(new)

    def follow(self, widget: QWidget | None) -> None:
        """Ring ``widget`` when it is a control of this window, else show no ring (the text
        field inside a spin box or a combo box is ringed with its box)."""
        parent = widget.parentWidget() if widget is not None else None
        if isinstance(parent, (QAbstractSpinBox, QComboBox)):
            widget = parent
        mine = widget is not None and widget is not self._window and \
            widget.window() is self._window
        ring = self._ring
        if ring is None or not shiboken6.isValid(ring):
            if not mine:
                return
            ring = self._ring = FocusRingWidget(self._window)
        if widget is not None and mine:
            ring.setWidget(widget)
        else:  # Qt takes no widget to stop following; the stubs do not say so
            ring.setWidget(None)  # type: ignore[arg-type]
        ring.setVisible(mine)
