"""The model details view: what runs where, for the chosen model pair, read from its files.

Opened from the model picker's Details… button and from an Edge TPU panel. It shows what
``core.inputs.model_insight`` concludes (the same as ``edgetpu-compare inspect``): one column per
file of the pair, the conclusions above them. A model that cannot be read shows its error card
instead.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.errors import AppError, ErrorInfo
from core.inputs.model_insight import ModelInsight, inspect_pair, notes
from core.tasks.task_insight import describe
from gui.look.insight_texts import WARNING_KINDS, note_line, rows
from gui.look.palette import Theme, current
from gui.widgets.error_panel import ErrorPanel


class ModelDetailsDialog(QDialog):
    def __init__(self, insight: ModelInsight | None, error: ErrorInfo | None = None,
                 parent: QWidget | None = None, theme: Theme | None = None) -> None:
        super().__init__(parent)
        self._theme = theme or current()
        self.setWindowTitle(self.tr("Model details"))
        self.resize(980, 640)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 14)
        layout.setSpacing(10)
        self.title = QLabel(insight.name if insight else self.tr("Model details"))
        self.title.setProperty("role", "title")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.title)
        caption = QLabel(self.tr("What runs where, read from the model files (nothing was run)."))
        caption.setProperty("role", "muted")
        layout.addWidget(caption)
        self.notes: list[QLabel] = []
        self.table = QTableWidget()
        self.error_panel: ErrorPanel | None = None
        if insight is None:
            self.error_panel = ErrorPanel(theme=self._theme)
            if error is not None:
                self.error_panel.set_error(error)
            self.error_panel.diagnostics_button.hide()  # a model file is not a device problem
            layout.addWidget(self.error_panel, 1)
        else:
            self._show(insight, layout)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _show(self, insight: ModelInsight, layout: QVBoxLayout) -> None:
        document = describe(insight)
        target = insight.edgetpu or insight.cpu
        assert target is not None
        for note in notes(insight.summary(target.info)):
            label = QLabel(note_line(note))
            label.setTextFormat(Qt.TextFormat.PlainText)  # operator names come from the file
            label.setWordWrap(True)
            warn = note.kind in WARNING_KINDS
            colour = self._theme.warn if warn else self._theme.text
            label.setStyleSheet(f"color: {colour}; font-weight: 700; font-size: 11pt;")
            layout.addWidget(label)
            self.notes.append(label)
        files = [(title, document[key]) for key, title in
                 (("cpu_model", self.tr("CPU model")),
                  ("edgetpu_model", self.tr("Edge TPU model"))) if document[key]]
        columns = [rows(f) for _, f in files]
        table = self.table
        table.setColumnCount(len(files))
        table.setRowCount(len(columns[0]))
        table.setHorizontalHeaderLabels([title for title, _ in files])
        table.setVerticalHeaderLabels([caption for caption, _ in columns[0]])
        for column, values in enumerate(columns):
            for row, (_, value) in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                table.setItem(row, column, item)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        table.setWordWrap(True)
        table.setShowGrid(False)
        table.setAlternatingRowColors(True)
        table.setStyleSheet("QTableWidget::item { padding: 3px 8px; }"
                            "QHeaderView::section { padding: 3px 8px; }")
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft
                                                   | Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(table, 1)

    def value(self, caption: str, column: int = 0) -> str:
        """The text in row ``caption`` (as shown) and ``column``; for tests."""
        for row in range(self.table.rowCount()):
            header = self.table.verticalHeaderItem(row)
            if header is not None and header.text() == caption:
                item = self.table.item(row, column)
                return item.text() if item else ""
        raise KeyError(caption)

    def note_texts(self) -> list[str]:
        return [label.text() for label in self.notes]


def details_for(path: Path, parent: QWidget | None = None) -> ModelDetailsDialog:
    """The dialog for ``path``'s pair; an unreadable model shows its error instead."""
    try:
        return ModelDetailsDialog(inspect_pair(path), parent=parent)
    except AppError as exc:
        return ModelDetailsDialog(None, exc.info, parent=parent)
