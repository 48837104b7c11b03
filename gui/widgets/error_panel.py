"""What a backend's card shows instead of its plots when it could not run.

An error is an expected outcome (most machines have no Edge TPU), so it gets a calm card of its
own: an icon, a short headline, the engine's one-sentence message and remedy, and a button to the
diagnostics view. Never a modal dialog, never a traceback; the technical detail is there, small
and selectable, for a support request.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from core.errors import ErrorInfo
from gui.look.error_texts import localized
from gui.look.palette import Theme, current

translate = QCoreApplication.translate


def headline(code: str) -> str:
    """A few words for the error's title; the engine's message follows in full."""
    titles = {
        "edgetpu_runtime_missing": translate("ErrorPanel", "No Edge TPU runtime"),
        "edgetpu_not_found": translate("ErrorPanel", "No Edge TPU found"),
        "edgetpu_permission_denied": translate("ErrorPanel", "Edge TPU not accessible"),
        "runtime_missing": translate("ErrorPanel", "Runtime not installed"),
        "runtime_mismatch": translate("ErrorPanel", "Runtimes do not match"),
        "worker_crashed": translate("ErrorPanel", "The measurement stopped"),
        "model_compiled_for_edgetpu": translate("ErrorPanel", "Model only runs on an Edge TPU"),
        "model_not_compiled": translate("ErrorPanel", "Model not compiled for the Edge TPU"),
        "invalid_model": translate("ErrorPanel", "Not a usable model"),
        "unsupported_model": translate("ErrorPanel", "Model not supported"),
        "invalid_image": translate("ErrorPanel", "Image cannot be read"),
        "invalid_labels": translate("ErrorPanel", "Labels cannot be read"),
        "invoke_failed": translate("ErrorPanel", "The model failed while running"),
        "cancelled": translate("ErrorPanel", "Stopped"),
    }
    return titles.get(code, translate("ErrorPanel", "This backend could not run"))


class _AlertIcon(QWidget):
    """A round badge with an exclamation mark, painted so it matches the theme colour."""

    def __init__(self, colour: QColor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._colour = colour
        self.setFixedSize(QSize(44, 44))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self._colour, 2.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(QRectF(2, 2, 40, 40))
        painter.setPen(QPen(self._colour, 4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawLine(QPointF(22, 12), QPointF(22, 26))
        painter.drawPoint(QPointF(22, 33))
        painter.end()


class ErrorPanel(QFrame):
    diagnosticsRequested = Signal()

    def __init__(self, parent: QWidget | None = None, theme: Theme | None = None) -> None:
        super().__init__(parent)
        self._theme = theme or current()
        self.setObjectName("errorCard")
        self.error: ErrorInfo | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 22, 24, 22)
        outer.setSpacing(14)

        top = QHBoxLayout()
        top.setSpacing(14)
        top.addWidget(_AlertIcon(QColor(self._theme.bad)), 0, Qt.AlignmentFlag.AlignTop)
        self._title = QLabel()
        self._title.setProperty("role", "error-title")
        self._title.setWordWrap(True)
        top.addWidget(self._title, 1, Qt.AlignmentFlag.AlignVCenter)
        outer.addLayout(top)

        self._message = QLabel()
        self._message.setWordWrap(True)
        font = QFont(self._message.font())
        font.setPointSizeF(font.pointSizeF() * 1.12)
        self._message.setFont(font)
        outer.addWidget(self._message)

        what = QLabel(self.tr("WHAT TO DO"))
        what.setProperty("role", "caption")
        outer.addWidget(what)
        self._remedy = QLabel()
        self._remedy.setWordWrap(True)
        self._remedy.setFont(font)
        self._remedy.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self._remedy)

        self._detail = QLabel()
        self._detail.setWordWrap(True)
        self._detail.setProperty("role", "muted")
        self._detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self._detail)

        self._published_caption = QLabel(self.tr("CORAL'S PUBLISHED FIGURE · NOT MEASURED HERE"))
        self._published_caption.setProperty("role", "caption")
        outer.addWidget(self._published_caption)
        self._published = QLabel()
        self._published.setWordWrap(True)
        self._published.setTextFormat(Qt.TextFormat.PlainText)
        self._published.setFont(font)
        outer.addWidget(self._published)
        self.set_published("")

        buttons = QHBoxLayout()
        self.diagnostics_button = QPushButton(self.tr("Diagnostics…"))
        self.diagnostics_button.setToolTip(
            self.tr("Check runtimes and Edge TPU devices, and see how to fix problems"))
        self.diagnostics_button.clicked.connect(self.diagnosticsRequested)
        buttons.addWidget(self.diagnostics_button)
        buttons.addStretch(1)
        outer.addLayout(buttons)

    def set_error(self, info: ErrorInfo) -> None:
        # The texts may come from a result file someone sent: never let Qt read them as HTML.
        for label in (self._title, self._message, self._remedy, self._detail):
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.error = info
        info = localized(info, in_window=True)
        self._title.setText(headline(info.code))
        self._message.setText(info.message)
        self._remedy.setText(info.remedy)
        detail = info.detail.strip()
        if len(detail) > 240:
            detail = detail[:237] + "…"
        self._detail.setText(self.tr("Details: {detail}").format(detail=detail) if detail else "")
        self._detail.setVisible(bool(detail))
        self.diagnostics_button.setVisible(info.code != "cancelled")

    def set_published(self, text: str) -> None:
        """What Coral's published figure says for this model (and against the CPU just
        measured), so that a card without a device still answers "would one help?"."""
        self._published.setText(text)
        self._published_caption.setVisible(bool(text))
        self._published.setVisible(bool(text))

    def published_text(self) -> str:
        return self._published.text()

    def text(self) -> str:
        """Everything the card says, for tests and accessibility."""
        return "\n".join(w.text() for w in (self._title, self._message, self._remedy,
                                             self._published) if w.text())
