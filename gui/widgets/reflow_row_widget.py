"""Two blocks side by side while they fit, one under the other when the row is too narrow.

A panel's big median and its stat tiles want about 560 pixels side by side; a panel of four
across a 1920-pixel window, or of two across 1280, has less, and squeezed below their size the
tiles drew over each other and the median was cut. Qt has no flowing layout, so the blocks sit
in a box layout on an inner widget that this row turns when its width crosses what they need.
The row itself tells its parents its height for a width (turned as it will be), so they lay it
out right in one pass. Turning back waits for a little more room than turning needed, so that a
scroll bar appearing (and taking its width) cannot make the row turn back and forth.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QSizePolicy, QWidget

SLACK = 24  # more than a scroll bar's width


class ReflowRowWidget(QWidget):
    def __init__(self, first: QWidget, second: QWidget, spacing: int = 14,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._first, self._second = first, second
        self._inner = QWidget(self)
        self._box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self._inner)
        self._box.setContentsMargins(0, 0, 0, 0)
        self._box.setSpacing(spacing)
        self._box.addWidget(first)
        self._box.addStretch(1)
        self._box.addWidget(second, 0, Qt.AlignmentFlag.AlignLeft)  # stacked: not spread
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._hints = self._measure()

    def side_by_side(self) -> bool:
        return self._box.direction() == QBoxLayout.Direction.LeftToRight

    def needed_width(self) -> int:
        """The width both blocks take side by side."""
        return self._hints[0]

    def _measure(self) -> tuple[int, int, int, int]:
        """Side by side: width and height; stacked: height; narrowest: width."""
        first, second = self._first.sizeHint(), self._second.sizeHint()
        spacing = self._box.spacing()
        narrowest = max(self._first.minimumSizeHint().width(),
                        self._second.minimumSizeHint().width())
        return (first.width() + spacing + second.width(), max(first.height(), second.height()),
                first.height() + spacing + second.height(), narrowest)

    def _wide(self, width: int) -> bool:
        return width >= self.needed_width() + (0 if self.side_by_side() else SLACK)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._hints[1] if self._wide(width) else self._hints[2]

    def sizeHint(self) -> QSize:
        return QSize(self._hints[0], self.heightForWidth(self.width()))

    def minimumSizeHint(self) -> QSize:
        """As narrow as the wider block: the row turns rather than hold its parent wide."""
        return QSize(self._hints[3], self._hints[1])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._turn(event.size().width())
        self._inner.setGeometry(self.rect())

    def refresh(self) -> None:
        """The blocks' texts changed: measure again and tell the parents when it matters."""
        hints = self._measure()
        if hints != self._hints:
            self._hints = hints
            self.updateGeometry()
        self._turn(self.width())

    def _turn(self, width: int) -> None:
        direction = QBoxLayout.Direction.LeftToRight if self._wide(width) else \
            QBoxLayout.Direction.TopToBottom
        if direction != self._box.direction():
            self._box.setDirection(direction)
            self._box.activate()
            self.updateGeometry()
