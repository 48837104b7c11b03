"""The top-k labels with score bars, painted in one widget so a booth screen reads it at a glance.

Each row: rank, label (elided when long), a bar as long as the score, and the score. The labels
are also kept as plain text (``rows()``) so tests and screen readers see what is painted.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from core.results.records import Prediction
from gui.look.formatting import fmt_score, label_text
from gui.look.palette import Theme, current

ROW_HEIGHT = 26
BAR_HEIGHT = 10


def real_rows(predictions: Sequence[Prediction]) -> list[Prediction]:
    """The first prediction, and each after it whose score shows as more than nothing
    (negative scores, a float model's logits, are kept: they are its answer)."""
    nothing = fmt_score(0.0)
    return [p for i, p in enumerate(predictions)
            if i == 0 or p.score < 0 or fmt_score(p.score) != nothing]


class TopKWidget(QWidget):
    def __init__(self, colour: QColor, parent: QWidget | None = None,
                 theme: Theme | None = None, rows: int = 5) -> None:
        super().__init__(parent)
        self._theme = theme or current()
        self._colour = QColor(colour)
        self._predictions: list[Prediction] = []
        self._rows = rows  # the room kept before the first result
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(ROW_HEIGHT * rows)

    def sizeHint(self) -> QSize:
        return QSize(360, ROW_HEIGHT * self._rows)

    def set_predictions(self, predictions: Sequence[Prediction]) -> None:
        """Show ``predictions`` without the ones that score nothing: a sure model's top five
        are its answer and four rows of 0.00, which say nothing."""
        self._predictions = real_rows(predictions)
        rows = max(1, len(self._predictions))
        if rows != self._rows:
            self._rows = rows
            self.setMinimumHeight(ROW_HEIGHT * rows)
            self.updateGeometry()
        self.setAccessibleDescription("\n".join(self.rows()))
        self.update()

    def rows(self) -> list[str]:
        return [f"{label_text(p.label)}: {fmt_score(p.score)}" for p in self._predictions]

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        theme = self._theme
        width = self.width()
        label_font = QFont(self.font())
        label_font.setPointSizeF(label_font.pointSizeF() * 1.08)
        score_font = QFont(label_font)
        score_font.setBold(True)
        metrics = QFontMetrics(label_font)
        rank_w, score_w = 22, 48
        bar_w = max(80, int(width * 0.32))
        label_w = max(40, width - rank_w - bar_w - score_w - 24)
        if not self._predictions:
            painter.setPen(QColor(theme.muted))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             self.tr("No results yet"))
            painter.end()
            return
        for i, p in enumerate(self._predictions):
            top = i * ROW_HEIGHT
            mid = top + ROW_HEIGHT / 2
            strong = i == 0
            painter.setFont(score_font if strong else label_font)
            painter.setPen(QColor(theme.muted))
            painter.drawText(QRectF(0, top, rank_w, ROW_HEIGHT),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, str(i + 1))
            painter.setPen(QColor(theme.text))
            text = metrics.elidedText(label_text(p.label), Qt.TextElideMode.ElideRight, label_w)
            painter.drawText(QRectF(rank_w, top, label_w, ROW_HEIGHT),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
            bar_x = rank_w + label_w + 12
            track = QRectF(bar_x, mid - BAR_HEIGHT / 2, bar_w, BAR_HEIGHT)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(theme.bar_track))
            painter.drawRoundedRect(track, BAR_HEIGHT / 2, BAR_HEIGHT / 2)
            fill = QColor(self._colour)
            if not strong:
                fill.setAlpha(150)
            painter.setBrush(fill)
            share = min(1.0, max(0.0, p.score))
            if share > 0:
                painter.drawRoundedRect(QRectF(bar_x, track.top(), max(BAR_HEIGHT, bar_w * share),
                                               BAR_HEIGHT), BAR_HEIGHT / 2, BAR_HEIGHT / 2)
            painter.setFont(score_font)
            painter.setPen(QColor(theme.text))
            painter.drawText(QRectF(width - score_w, top, score_w, ROW_HEIGHT),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                             fmt_score(p.score))
        painter.end()
