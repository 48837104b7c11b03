"""A detector's, segmenter's or pose model's result in a panel: the picture with this backend's
boxes, mask or skeleton, and the list of objects, classes or sure keypoints beside it.

The picture with its result is composed once per result (``core.tasks.overlay``, the drawing the
saved overlay and the report use too), never per live frame: ``show_result`` returns at once when
it is handed the result it already shows, and painting only scales the finished pixmap. The
list is also kept as plain text (``rows()``) so that tests and screen readers see it.
"""

from __future__ import annotations

from PIL import Image
from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QImage, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from core.tasks.detection import Detections
from core.tasks.overlay import KEYPOINT_COLOUR, MAX_SIDE, class_colour, compose
from core.tasks.pose import PoseResult
from core.tasks.raw_result import RawResult
from core.tasks.segmentation import SegmentationResult
from core.tasks.segmentation import colour as class_map_colour
from core.tasks.task_result import TaskResult
from gui.look.formatting import fmt_score, label_text
from gui.look.palette import Theme, current
from gui.look.pose_text import keypoint_name
from gui.look.raw_text import fed_text, output_rows

LIST_ROWS = 8
ROW_HEIGHT = 22
LIST_WIDTH = 190
GAP = 14
# The picture's tallest, until the panels' scroll area says how much room it has: the picture
# is as wide as the panel allows, but never taller than what can be seen of it at once.
PICTURE_HEIGHT = 560
LOWEST_PICTURE = 120


def to_pixmap(picture: Image.Image) -> QPixmap:
    rgb = picture.convert("RGB")
    data = rgb.tobytes()
    image = QImage(data, rgb.width, rgb.height, 3 * rgb.width, QImage.Format.Format_RGB888)
    return QPixmap.fromImage(image.copy())  # the copy owns its pixels; ``data`` may go


def drawn(result: Detections | SegmentationResult | PoseResult, picture: Image.Image | None,
          size: tuple[int, int], background: QColor, max_side: int = MAX_SIDE,
          scale: float = 1.0) -> Image.Image:
    """``result`` drawn on ``picture`` (None: a plain frame of the picture's ``size``): the one
    composition the window's panels and booth mode share. A mask or skeleton is placed by the
    picture size the model saw, so the picture is brought to that size first."""
    canvas = picture if picture is not None else Image.new(
        "RGB", (max(size[0], 1), max(size[1], 1)),
        (background.red(), background.green(), background.blue()))
    if not isinstance(result, Detections) and canvas.size != (
            result.placement.picture_width, result.placement.picture_height):
        canvas = canvas.resize((result.placement.picture_width,
                                result.placement.picture_height))
    return compose(canvas, result, max_side, scale)


class ResultPictureWidget(QWidget):
    def __init__(self, parent: QWidget | None = None, theme: Theme | None = None) -> None:
        super().__init__(parent)
        self._theme = theme or current()
        self._result: TaskResult | None = None
        self._picture: Image.Image | None = None
        self._pixmap: QPixmap | None = None
        self._scaled: QPixmap | None = None  # the pixmap at the size last painted: scaled once
        self.compositions = 0  # how often the overlay was drawn: once per result
        self.scalings = 0  # how often it was scaled to the widget: once per result and size
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        policy.setHeightForWidth(True)  # the picture scales with the panel's width
        self.setSizePolicy(policy)
        self._tallest = PICTURE_HEIGHT

    def set_height_budget(self, height: int) -> None:
        """The picture's tallest: what the panels' scroll area shows at once, so that it can
        be seen whole (scrolled to) on any screen."""
        tallest = max(LOWEST_PICTURE, min(PICTURE_HEIGHT, height))
        if tallest != self._tallest:
            self._tallest = tallest
            self.updateGeometry()
            self.update()

    def sizeHint(self) -> QSize:
        width = 420
        return QSize(width, self.heightForWidth(width))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        picture, origin = self._arrange(width)
        return max(picture.bottom() + 1, origin.y() + self._list_height())

    def _list_height(self) -> int:
        return max(len(self._list_lines()), 1) * ROW_HEIGHT

    def _arrange(self, width: int, height: int | None = None) -> tuple[QRect, QPoint]:
        """Where the picture goes in ``width`` (and ``height``, when the layout gave one) and
        where its list starts: the list beside the picture when that costs the picture little
        (a tall photo is held by its height anyway), under it when the picture would shrink."""
        if self._pixmap is None or self._pixmap.isNull():
            return QRect(), QPoint(0, 0)
        tallest = self._tallest if height is None else min(self._tallest, height)
        below = self._tallest if height is None else height - self._list_height() - GAP
        picture = QSize(self._pixmap.size())
        beside = picture.scaled(QSize(max(width - LIST_WIDTH - GAP, 1), max(tallest, 1)),
                                Qt.AspectRatioMode.KeepAspectRatio)
        under = picture.scaled(QSize(max(width, 1), max(min(below, self._tallest), 1)),
                               Qt.AspectRatioMode.KeepAspectRatio)
        if beside.width() * 4 >= under.width() * 3:
            return QRect(QPoint(0, 0), beside), QPoint(beside.width() + GAP, 0)
        return QRect(QPoint(0, 0), under), QPoint(0, under.height() + GAP)

    def picture_rect(self) -> QRect:
        """Where the picture is drawn in this widget (empty when there is none)."""
        return self._arrange(self.width(), self.height())[0]

    def row_rect(self, row: int) -> QRect:
        """Where the list's ``row`` is drawn in this widget."""
        origin = self._arrange(self.width(), self.height())[1]
        return QRect(origin.x(), origin.y() + row * ROW_HEIGHT, self.width() - origin.x(),
                     ROW_HEIGHT)

    def shown_rows(self) -> int:
        return len(self._list_lines())

    def show_result(self, result: TaskResult, picture: Image.Image | None,
                    size: tuple[int, int]) -> None:
        """Show ``result`` on ``picture`` (None: a plain frame of the picture's ``size``,
        for a saved result whose picture is not here)."""
        if isinstance(result, RawResult):  # numbers, no picture: the list is the whole view
            self._result, self._picture, self._pixmap = result, picture, None
            self.updateGeometry()
            self.update()
            return
        if picture is None and size == (0, 0):
            return  # nothing known yet to draw on (a panel being built): wait for the run's
        if picture is self._picture and self._pixmap is not None and (
                result is self._result or (isinstance(result, (Detections, PoseResult))
                                           and result == self._result)):
            return  # the last inference found what the first did: nothing to draw again
        self._result, self._picture = result, picture
        self._pixmap = to_pixmap(drawn(result, picture, size, QColor(self._theme.card)))
        self._scaled = None
        self.compositions += 1
        self.updateGeometry()  # another picture's proportions, another list: another height
        self.update()

    def rows(self) -> list[str]:
        """The objects (best first) or the classes (largest first) as the list shows them."""
        if self._result is None:
            return []
        if isinstance(self._result, Detections):
            return [f"{label_text(d.label)}  {fmt_score(d.score)}" for d in self._result.items]
        if isinstance(self._result, RawResult):
            return [fed_text(self._result), *output_rows(self._result)]
        if isinstance(self._result, PoseResult):
            return [f"{keypoint_name(k.index)}  {fmt_score(k.score)}"
                    for k in self._result.sure()]
        return [f"{label_text(c.label)}  {c.share:.1%}" for c in self._result.legend]

    def _list_lines(self) -> list[tuple[str, QColor | None]]:
        if self._result is None:
            return []
        if isinstance(self._result, RawResult):
            return [(row, None) for row in self.rows()[:LIST_ROWS]]
        if isinstance(self._result, PoseResult):
            sure = self.rows()
            if not sure:
                return [(self.tr("No keypoint scored above 0.4"), None)]
            points: list[tuple[str, QColor | None]] = [
                (row, QColor(*KEYPOINT_COLOUR)) for row in sure[:LIST_ROWS]]
            if len(sure) > LIST_ROWS:
                points[-1] = (self.tr("and %n more", "", len(sure) - LIST_ROWS + 1), None)
            return points
        if not isinstance(self._result, Detections):
            classes: list[tuple[str, QColor | None]] = [
                (row, QColor(*class_map_colour(c.class_id)))
                for row, c in zip(self.rows(), self._result.legend, strict=True)]
            return classes[:LIST_ROWS]
        if not self._result.items:
            return [(self.tr("No object above the threshold"), None)]
        lines: list[tuple[str, QColor | None]] = []
        for row, d in zip(self.rows()[:LIST_ROWS], self._result.items, strict=False):
            lines.append((row, QColor(*class_colour(d.class_id))))
        hidden = len(self._result.items) - LIST_ROWS
        if hidden > 0:
            lines[-1] = (self.tr("and %n more", "", hidden + 1), None)
        return lines

    def paintEvent(self, event: QPaintEvent) -> None:
        """The picture as wide as the panel allows, its list beside or under it."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        area = QRectF(self.rect())
        place, origin = self._arrange(self.width(), self.height())
        if self._pixmap is not None and not place.isEmpty():
            ratio = self.devicePixelRatioF()
            pixels = place.size() * ratio
            if self._scaled is None or self._scaled.size() != pixels:
                # a live frame repaints the panel: smooth scaling of a photo each time cost
                # a third more than a classifier's frame, so it is done once per size
                self._scaled = self._pixmap.scaled(pixels, Qt.AspectRatioMode.IgnoreAspectRatio,
                                                   Qt.TransformationMode.SmoothTransformation)
                self._scaled.setDevicePixelRatio(ratio)
                self.scalings += 1
            painter.drawPixmap(place.topLeft(), self._scaled)
        metrics = QFontMetrics(painter.font())
        left = float(origin.x())
        width = area.width() - left
        for i, (text, colour) in enumerate(self._list_lines()):
            y = origin.y() + i * ROW_HEIGHT
            x = left
            if colour is not None:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(colour)
                painter.drawRoundedRect(QRectF(x, y + 6, 10, 10), 2, 2)
                x += 18.0
            painter.setPen(QColor(self._theme.text))
            painter.drawText(QRectF(x, y, area.right() - x, ROW_HEIGHT),
                             int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                             metrics.elidedText(text, Qt.TextElideMode.ElideRight,
                                                int(max(width - 18, 0))))
        painter.end()
