"""The picture being compared, as large as the booth screen allows, with rounded corners, and
what one backend found on it: a detector's boxes, a mask with a compact legend, a skeleton.

It is drawn against the left edge, so that whatever stands to its right follows it closely.

The file is read once per image and reduced to at most ``MAX_SIDE`` pixels, so that a day of
big photographs holds one modest pixmap at a time; painting scales that to the widget.

A result is drawn by the window's own drawing (``gui.widgets.result_picture_widget.drawn``, over
``core.tasks.overlay``), once per result and screen size, never per frame: at the size it is shown,
with labels and lines scaled so that they read from three metres. A badge in the backend's colour
says whose result it is; a new picture drops the last one's result at once.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QImageReader,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPixmap,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from core.errors import AppError
from core.inputs.preprocess import load_image
from core.io.files import is_regular_file
from core.tasks.detection import Detections
from core.tasks.pose import PoseResult
from core.tasks.segmentation import SegmentationResult
from gui.booth import style
from gui.booth.panel import short_label
from gui.look.palette import Theme, current
from gui.widgets.result_picture_widget import drawn, to_pixmap

MAX_SIDE = 1600
RADIUS = 18
LEGEND_ROWS = 4  # the largest classes of a mask; the tiles name them too
Drawable = Detections | SegmentationResult | PoseResult


class BoothImageWidget(QWidget):
    def __init__(self, parent: QWidget | None = None, theme: Theme | None = None) -> None:
        super().__init__(parent)
        self._theme = theme or current()
        self._pixmap: QPixmap | None = None
        self.path: Path | None = None
        self._unit = 1.0
        self._result: Drawable | None = None
        self._owner = ""  # whose result it is, as the tiles name it
        self._owner_colour = self._theme.text
        self._original: Image.Image | None = None  # the picture as the model saw it, upright
        self._drawn: QPixmap | None = None  # the result drawn, at the size last shown
        self.compositions = 0  # results drawn: once per result and size, never per frame
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(QSize(120, 120))

    def set_unit(self, unit: float) -> None:
        if unit != self._unit:
            self._unit = unit
            self._drawn = None  # labels are sized for the screen
            self.update()

    def set_image(self, path: Path | None) -> bool:
        """Show ``path``; False (and an empty frame) when it cannot be read."""
        if path == self.path and self._pixmap is not None:
            return True
        self.path = path
        self._pixmap = None
        self._original = None
        self.show_result(None)  # nothing found on the last picture stays on this one
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

    def show_result(self, result: Drawable | None, owner: str = "",
                    colour: str | None = None) -> None:
        """Draw ``result`` (found by the backend named ``owner``, in its ``colour``) on the
        picture; None shows the picture alone. The same result again costs nothing."""
        if result is self._result or (isinstance(result, (Detections, PoseResult))
                                      and result == self._result):
            if owner == self._owner:
                return
        else:
            self._result = result
            self._drawn = None
        self._owner = owner
        self._owner_colour = colour or self._theme.text
        self.update()

    def result(self) -> Drawable | None:
        return self._result

    def owner(self) -> str:
        return self._owner

    def aspect(self) -> float:
        """Width over height of the picture (4:3 while there is none)."""
        if self._pixmap is None or self._pixmap.height() == 0:
            return 4 / 3
        return self._pixmap.width() / self._pixmap.height()

    def has_image(self) -> bool:
        return self._pixmap is not None

    def _label_px(self) -> float:
        return style.SMALL_PX * 1.2 * self._unit

    def _result_pixmap(self, target: QSize) -> QPixmap | None:
        """The result drawn at ``target`` (device pixels), made when the result or the size
        changes."""
        result = self._result
        if result is None or self.path is None:
            return None
        if self._drawn is not None and self._drawn.size() == target:
            return self._drawn
        if self._original is None:
            try:
                self._original = load_image(self.path)[0]
            except AppError:
                return None  # the session read it a moment ago; if it has gone, no drawing
        side = max(target.width(), target.height(), 1)
        scale = 40 * self._label_px() * self.devicePixelRatioF() / side
        picture = drawn(result, self._original, self._original.size, QColor(self._theme.card),
                        max_side=min(side, MAX_SIDE), scale=scale)
        self._drawn = to_pixmap(picture)
        self.compositions += 1
        if self._drawn.size() != target:  # a small picture: scaled up once, not per paint
            self._drawn = self._drawn.scaled(target, Qt.AspectRatioMode.IgnoreAspectRatio,
                                             Qt.TransformationMode.SmoothTransformation)
        return self._drawn

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
        shown = self._result_pixmap(size * self.devicePixelRatioF())
        if shown is not None:
            painter.drawPixmap(target, shown, QRectF(shown.rect()))
        else:
            painter.drawPixmap(target, self._pixmap, QRectF(self._pixmap.rect()))
        if shown is not None:
            painter.setClipping(False)  # a long name may reach past a narrow picture
            self._paint_chips(painter, target)
        painter.end()

    def _chip(self, painter: QPainter, x: float, y: float, swatch: QColor, text: str,
              width: float) -> float:
        """One rounded label on a dark band: a colour swatch and ``text``; returns its height."""
        font = style.font(self._label_px(), bold=True)
        metrics = QFontMetricsF(font)
        pad = 0.35 * metrics.height()
        dot = 0.7 * metrics.height()
        text = metrics.elidedText(text, Qt.TextElideMode.ElideRight,
                                  max(width - dot - 3 * pad, 1.0))
        box = QRectF(x, y, metrics.horizontalAdvance(text) + dot + 3 * pad,
                     metrics.height() + 2 * pad)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, 170))
        painter.drawRoundedRect(box, pad, pad)
        painter.setBrush(swatch)
        painter.drawRoundedRect(QRectF(x + pad, y + pad + (metrics.height() - dot) / 2, dot,
                                       dot), dot / 4, dot / 4)
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(QRectF(x + dot + 2 * pad, y + pad, box.width() - dot - 2 * pad,
                                metrics.height()),
                         int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), text)
        return box.height()

    def chips_width(self) -> int:
        """How wide the widget must be for its labels (a narrow portrait picture is narrower
        than "CPU (2 threads)" in type read from 3 m): the booth makes room beside it."""
        chips = self._chips()
        if not chips:
            return 0
        metrics = QFontMetricsF(style.font(self._label_px(), bold=True))
        extra = 1.75 * metrics.height() + 2 * 12 * self._unit  # swatch, padding, margins
        return round(max(metrics.horizontalAdvance(text) for _, text in chips) + extra) + 2

    def _chips(self) -> list[tuple[QColor, str]]:
        """A mask's largest classes with their share, then whose result it is."""
        chips: list[tuple[QColor, str]] = []
        if isinstance(self._result, SegmentationResult):
            legend = self._result.legend
            rows = [c for c in legend if c.class_id != 0] or list(legend)
            chips += [(QColor(*c.colour), f"{short_label(c.label, 20)}  {c.share:.0%}")
                      for c in rows[:LEGEND_ROWS]]
        if self._owner:
            chips.append((QColor(self._owner_colour), self._owner))
        return chips

    def _paint_chips(self, painter: QPainter, target: QRectF) -> None:
        """At the bottom left (a detector's labels sit on its boxes' tops)."""
        chips = self._chips()
        margin = 12 * self._unit
        row_height = QFontMetricsF(style.font(self._label_px(), bold=True)).height() * 1.7 \
            + 6 * self._unit
        y = target.bottom() - margin - row_height * len(chips) + 6 * self._unit
        for swatch, text in chips:
            self._chip(painter, target.left() + margin, y, swatch, text,
                       self.width() - target.left() - 2 * margin)
            y += row_height
