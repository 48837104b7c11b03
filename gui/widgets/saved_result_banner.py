"""The line over the results that says they are a saved result, not this computer's latest run:
when it was measured, which file holds it, and that Run measures again with the backends chosen
now (opening a result never changes them)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from gui.look.palette import Theme, current


def local_time(created: str) -> str:
    """``2025-01-01 09:00`` in this computer's time zone, from a result file's ISO 8601 time;
    the text itself when it is not one."""
    try:
        moment = datetime.fromisoformat(created)
    except ValueError:
        return created
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


class SavedResultBanner(QFrame):
    def __init__(self, parent: QWidget | None = None, theme: Theme | None = None) -> None:
        super().__init__(parent)
        theme = theme or current()
        self.setObjectName("savedResult")
        self.setStyleSheet(f"#savedResult {{ border: 1px solid {theme.card_border}; "
                           f"border-left: 4px solid {theme.accent}; border-radius: 6px; }}")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 6, 14, 6)
        self._label = QLabel()
        self._label.setWordWrap(True)
        self._label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self._label, 1)
        self.hide()

    def text(self) -> str:
        return "" if self.isHidden() else self._label.text()

    def show_saved(self, created: str, source: Path) -> None:
        """The results shown were read from ``source``, measured at ``created``."""
        self._label.setText(self.tr(
            "Saved result, measured {date}, from {file}. Run measures again with the backends "
            "chosen above.").format(date=local_time(created) or self.tr("at an unknown time"),
                                   file=source.name))
        self._label.setToolTip(str(source))
        self.show()

    def clear(self) -> None:
        self.hide()
