"""Two blocks side by side while they fit, one under the other when the row is too narrow.

A panel's big median and its stat tiles want about 560 pixels side by side; a panel of four
across a 1920-pixel window, or of two across 1280, has less, and squeezed below their size the
tiles drew over each other and the median was cut. Qt has no flowing layout, so this row turns
its box layout when its width crosses what the blocks need. Turning back waits for a little more
room than turning needed, so that a scroll bar appearing (and taking its width) cannot make the
row turn back and forth.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QWidget

SLACK = 24  # more than a scroll bar's width


class ReflowRowWidget(QWidget):
    def __init__(self, first: QWidget, second: QWidget, spacing: int = 14,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._first, self._second = first, second
        self._box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._box.setContentsMargins(0, 0, 0, 0)
        self._box.setSpacing(spacing)
        self._box.addWidget(first)
        self._box.addStretch(1)
        self._box.addWidget(second, 0, Qt.AlignmentFlag.AlignLeft)  # stacked: not spread

    def side_by_side(self) -> bool:
        return self._box.direction() == QBoxLayout.Direction.LeftToRight

    def needed_width(self) -> int:
        """The width both blocks take side by side."""
        return (self._first.sizeHint().width() + self._second.sizeHint().width()
                + self._box.spacing())

    def minimumSizeHint(self) -> QSize:
        """As narrow as the wider block: the row turns rather than hold its parent wide."""
        low = self._box.minimumSize()
        width = max(self._first.minimumSizeHint().width(), self._second.minimumSizeHint().width())
        return QSize(width, low.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.reflow(event.size().width())

    def reflow(self, width: int) -> None:
        """Turn the row for ``width`` (also called when the blocks' texts grew)."""
        needed = self.needed_width()
        wide = width >= needed + (0 if self.side_by_side() else SLACK)
        direction = QBoxLayout.Direction.LeftToRight if wide else \
            QBoxLayout.Direction.TopToBottom
        if direction != self._box.direction():
            self._box.setDirection(direction)
            self.updateGeometry()  # the parents' layouts cache this row's old height
