"""One file choice: a caption, a list of recent or discovered files, and an Open… button.

The window decides what the entries are (a model pair shows as one entry, labels offer "none");
this widget only shows them and reports what the person picked.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QSizePolicy, QWidget


class FilePickerWidget(QWidget):
    pathSelected = Signal(str)  # "" means "none"
    browseRequested = Signal()

    def __init__(self, placeholder: str, browse_tip: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.combo = QComboBox()
        self.combo.setPlaceholderText(placeholder)
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(28)
        self.combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.combo.activated.connect(self._on_activated)
        layout.addWidget(self.combo, 1)
        self.browse_button = QPushButton(self.tr("Open…"))
        self.browse_button.setToolTip(browse_tip)
        self.browse_button.clicked.connect(self.browseRequested)
        layout.addWidget(self.browse_button)
        self._layout = layout

    def add_button(self, text: str, tip: str) -> QPushButton:
        """Another button after Open… (the model's Details…); the caller connects it."""
        button = QPushButton(text)
        button.setToolTip(tip)
        self._layout.addWidget(button)
        return button

    def set_entries(self, entries: list[tuple[str, str]], current: str | None) -> None:
        """``entries`` are (shown text, path); ``current`` is selected, or nothing when None."""
        self.combo.blockSignals(True)
        self.combo.clear()
        for text, path in entries:
            self.combo.addItem(text, path)
            self.combo.setItemData(self.combo.count() - 1, path or text,
                                   Qt.ItemDataRole.ToolTipRole)
        index = next((i for i, (_, p) in enumerate(entries) if p == current), -1) \
            if current is not None else -1
        self.combo.setCurrentIndex(index)
        self.combo.blockSignals(False)

    def set_problem(self, text: str, colour: str = "") -> None:
        """Mark the choice shown as one that cannot be used, ``text`` saying why and what to do
        (its tooltip); ``""`` clears the mark."""
        self.combo.setProperty("problem", bool(text))
        self.combo.setStyleSheet(
            f"QComboBox {{ border: 2px solid {colour}; border-radius: 6px; }}" if text else "")
        self.combo.setToolTip(text)

    def problem(self) -> str:
        """Why the choice shown cannot be used, or ``""``."""
        return self.combo.toolTip() if self.combo.property("problem") else ""

    def current_path(self) -> str | None:
        if self.combo.currentIndex() < 0:
            return None
        return str(self.combo.currentData())

    def current_text(self) -> str:
        return self.combo.currentText()

    def _on_activated(self, index: int) -> None:
        self.pathSelected.emit(str(self.combo.itemData(index)))
