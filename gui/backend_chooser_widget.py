"""What to compare: up to four backends side by side, each with its options, one the baseline.

It shows a ``BackendSet`` and reports the person's changes as a new one (``changed``); the window
owns the set, remembers it in the settings and runs it.
"""

from __future__ import annotations

import platform

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from core.backend_choice import BackendSet, cpu_runtimes, edgetpu_devices
from core.backends import BackendSpec
from core.doctor_probe import install_instructions
from core.edgetpu_library import locate_library
from gui.backend_row_widget import BackendRowWidget


class BackendChooserWidget(QFrame):
    changed = Signal()

    def __init__(self, chosen: BackendSet, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self._runtimes = cpu_runtimes()
        self._devices = edgetpu_devices()
        self._edgetpu_hint = "" if locate_library().found else \
            install_instructions(platform.system())
        self._chosen = chosen
        self.rows: list[BackendRowWidget] = []
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(14, 8, 14, 8)
        self._layout.setSpacing(10)
        caption = QLabel(self.tr("COMPARE"))
        caption.setProperty("role", "caption")
        self._layout.addWidget(caption)
        self._rows_box = QHBoxLayout()
        self._rows_box.setSpacing(10)
        self._layout.addLayout(self._rows_box, 1)
        self.add_cpu = QPushButton(self.tr("+ CPU"))
        self.add_cpu.setToolTip(self.tr("Add a CPU backend (at most four backends)"))
        self.add_cpu.clicked.connect(lambda: self.add(BackendSpec("cpu")))
        self.add_edgetpu = QPushButton(self.tr("+ Edge TPU"))
        self.add_edgetpu.setToolTip(self.tr("Add an Edge TPU backend (at most four backends)"))
        self.add_edgetpu.clicked.connect(lambda: self.add(BackendSpec("edgetpu")))
        self._layout.addWidget(self.add_cpu)
        self._layout.addWidget(self.add_edgetpu)
        self._running = False
        self.set_backends(chosen)

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
        self.changed.emit()

    def _update_enabled(self) -> None:
        self.setEnabled(not self._running)
        self.add_cpu.setEnabled(self._chosen.can_add())
        self.add_edgetpu.setEnabled(self._chosen.can_add())
        for row in self.rows:
            row.remove.setEnabled(len(self.rows) > 1)
