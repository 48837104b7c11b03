"""What to compare: up to four backends side by side, each with its options, one the baseline.

It shows a ``BackendSet`` and reports the person's changes as a new one (``changed``); the window
owns the set, remembers it in the settings and runs it. Folded (the default) it is one line that
says what will be compared, so that the panels keep their room; "Change…" unfolds the rows.
"""

from __future__ import annotations

import platform

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.edgetpu.doctor_probe import install_instructions
from core.edgetpu.library import locate_library
from core.measure.backend_choice import BackendSet, cpu_runtimes, edgetpu_devices
from core.measure.backends import BackendSpec, assign_ids
from core.results.records import BackendRecord
from gui.look.advice_texts import window_advice
from gui.look.formatting import backend_details, backend_name, joined, with_note
from gui.look.term_tips import tips_for
from gui.widgets.backend_row_widget import BackendRowWidget


class BackendChooserWidget(QFrame):
    changed = Signal()

    def __init__(self, chosen: BackendSet, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runtimes = cpu_runtimes()
        self._devices = edgetpu_devices()
        hint = "" if locate_library().found else install_instructions(platform.system())
        self._edgetpu_hint = window_advice(hint) or hint
        self._chosen = chosen
        self.rows: list[BackendRowWidget] = []
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(6)
        self._layout = QHBoxLayout()
        self._layout.setSpacing(10)
        outer.addLayout(self._layout)
        caption = QLabel(self.tr("COMPARE"))
        caption.setProperty("role", "caption")
        self._layout.addWidget(caption)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self._layout.addWidget(self.summary, 1)
        self._body = QWidget()
        self._rows_box = QHBoxLayout(self._body)
        self._rows_box.setContentsMargins(0, 0, 0, 0)
        self._rows_box.setSpacing(10)
        outer.addWidget(self._body)
        self.add_cpu = QPushButton(self.tr("+ CPU"))
        self.add_cpu.setToolTip(self.tr("Add a CPU backend (at most four backends)"))
        self.add_cpu.clicked.connect(lambda: self.add(BackendSpec("cpu")))
        self.add_edgetpu = QPushButton(self.tr("+ Edge TPU"))
        self.add_edgetpu.setToolTip(self.tr("Add an Edge TPU backend (at most four backends)"))
        self.add_edgetpu.clicked.connect(lambda: self.add(BackendSpec("edgetpu")))
        self._layout.addWidget(self.add_cpu)
        self._layout.addWidget(self.add_edgetpu)
        self.toggle = QPushButton()
        self.toggle.setCheckable(True)
        self.toggle.setToolTip(self.tr("Choose the backends, their options and the baseline"))
        self.toggle.toggled.connect(self.set_unfolded)
        self._layout.addWidget(self.toggle)
        self._running = False
        self.set_backends(chosen)
        self.set_unfolded(False)

    def set_unfolded(self, unfolded: bool) -> None:
        """Show the rows (to change them) or only the one-line summary."""
        self.toggle.setChecked(unfolded)
        self.toggle.setText(self.tr("Done") if unfolded else self.tr("Change…"))
        for widget in (self._body, self.add_cpu, self.add_edgetpu):
            widget.setVisible(unfolded)

    def is_unfolded(self) -> bool:
        return self.toggle.isChecked()

    def backends(self) -> BackendSet:
        return self._chosen

    def set_backends(self, chosen: BackendSet) -> None:
        """Show ``chosen`` (rows are made again); emits nothing."""
        self._chosen = chosen
        for row in self.rows:
            self._group.removeButton(row.baseline)
            self._rows_box.removeWidget(row)
            row.hide()  # gone from this picture already, not only after the next event loop
            row.deleteLater()
        self.rows = []
        for index, (spec, on) in enumerate(chosen.rows):
            row = BackendRowWidget(spec, on, self._runtimes, self._devices,
                                   self._edgetpu_hint if spec.kind == "edgetpu" else "")
            row.baseline.setChecked(index == chosen.baseline)
            self._group.addButton(row.baseline, index)
            row.specChanged.connect(lambda i=index: self._row_changed(i))
            row.enabled.toggled.connect(lambda _on, i=index: self._row_changed(i))
            row.baseline.toggled.connect(lambda on, i=index: self._baseline_toggled(i, on))
            row.removeRequested.connect(lambda i=index: self.remove(i))
            self._rows_box.addWidget(row, 1)
            self.rows.append(row)
        self._update_enabled()

    def add(self, spec: BackendSpec) -> None:
        if self._chosen.can_add():
            self._set(self._chosen.added(spec), rebuild=True)

    def remove(self, index: int) -> None:
        if len(self._chosen.rows) > 1:
            self._set(self._chosen.removed(index), rebuild=True)

    def set_running(self, running: bool) -> None:
        self._running = running
        self._update_enabled()

    def _row_changed(self, index: int) -> None:
        row = self.rows[index]
        self._set(self._chosen.changed(index, row.spec(), row.is_on()))

    def _baseline_toggled(self, index: int, on: bool) -> None:
        if on and index != self._chosen.baseline:
            self._set(self._chosen.with_baseline(index))

    def _set(self, chosen: BackendSet, rebuild: bool = False) -> None:
        if chosen == self._chosen:
            return
        if rebuild:
            self.set_backends(chosen)
        else:
            self._chosen = chosen
            self._update_enabled()
        self.changed.emit()

    def _update_summary(self) -> None:
        specs = self._chosen.specs()
        records = [BackendRecord(i, s.kind, s.label()) for i, s in
                   zip(assign_ids(list(specs)), specs, strict=True)]
        baseline = self._chosen.baseline_id()
        parts = []
        for record in records:
            text = f"{backend_name(record)}: {joined(backend_details(record))}"
            if record.id == baseline:
                text = with_note(text, self.tr("(baseline)"))
            parts.append(text)
        self.summary.setText("   |   ".join(parts) if parts else self.tr(
            "Nothing is chosen: press Change… and check a backend."))
        self.summary.setToolTip(tips_for(self.summary.text()))

    def _update_enabled(self) -> None:
        self._update_summary()
        self.setEnabled(not self._running)
        self.add_cpu.setEnabled(self._chosen.can_add())
        self.add_edgetpu.setEnabled(self._chosen.can_add())
        for row in self.rows:
            row.remove.setEnabled(len(self.rows) > 1)
