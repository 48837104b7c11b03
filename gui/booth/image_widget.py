"""The picture being classified, as large as the booth screen allows, with rounded corners.

It is drawn against the left edge, so that whatever stands to its right follows it closely.

The file is read once per image and reduced to at most ``MAX_SIDE`` pixels, so that a day of
big photographs holds one modest pixmap at a time; painting scales that to the widget.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImageReader, QPainter, QPainterPath, QPaintEvent, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from core.io.files import is_regular_file
from gui.look.palette import Theme, current

MAX_SIDE = 1600
RADIUS = 18


class BoothImageWidget(QWidget):
    def __init__(self, parent: QWidget | None = None, theme: Theme | None = None) -> None:
        super().__init__(parent)
        self._theme = theme or current()
        self._pixmap: QPixmap | None = None
        self.path: Path | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(QSize(120, 120))

    def set_image(self, path: Path | None) -> bool:
        """Show ``path``; False (and an empty frame) when it cannot be read."""
        if path == self.path and self._pixmap is not None:
            return True
        self.path = path
        self._pixmap = None
        if path is not None and is_regular_file(path):  # Qt would wait forever on a FIFO
            reader = QImageReader(str(path))
            reader.setAutoTransform(True)
            size = reader.size()
            if size.isValid() and max(size.width(), size.height()) > MAX_SIDE:
                reader.setScaledSize(size.scaled(MAX_SIDE, MAX_SIDE,
                                                 Qt.AspectRatioMode.KeepAspectRatio))
            image = reader.read()
            if not image.isNull():
                self._pixmap = QPixmap.fromImage(image)
        self.update()
        return self._pixmap is not None

    def aspect(self) -> float:
        """Width over height of the picture (4:3 while there is none)."""
        if self._pixmap is None or self._pixmap.height() == 0:
            return 4 / 3
        return self._pixmap.width() / self._pixmap.height()

    def has_image(self) -> bool:
        return self._pixmap is not None

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        area = QRectF(self.rect())
        if self._pixmap is None or self._pixmap.isNull():
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(self._theme.card))
            painter.drawRoundedRect(area, RADIUS, RADIUS)
            painter.end()
            return
        size = QSize(self._pixmap.size()).scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        target = QRectF(0, (area.height() - size.height()) / 2, size.width(), size.height())
        clip = QPainterPath()
        clip.addRoundedRect(target, RADIUS, RADIUS)
        painter.setClipPath(clip)
        painter.drawPixmap(target, self._pixmap, QRectF(self._pixmap.rect()))
        painter.end()
