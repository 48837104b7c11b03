"""One backend in the chooser: checked or not, its options, baseline or not, remove.

CPU: the runtime (one that is not installed is greyed out, its install command as tooltip),
threads (0: one per core) and XNNPACK. Edge TPU: the device (each one the device scan finds, or
"first found") and the performance level. The row reads back as a ``BackendSpec``.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from core.measure.backend_choice import RuntimeOffer
from core.measure.backends import PERFORMANCE, BackendSpec
from gui.look.engine_texts import engine_text
from gui.look.term_tips import tips_for


class BackendRowWidget(QFrame):
    specChanged = Signal()
    removeRequested = Signal()

    def __init__(self, spec: BackendSpec, on: bool, runtimes: list[RuntimeOffer],
                 devices: list[tuple[str, str]], edgetpu_hint: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._spec = spec
        self.setObjectName("backendRow")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(10, 6, 10, 6)
        outer.setSpacing(4)
        top = QHBoxLayout()
        top.setSpacing(8)
        self.enabled = QCheckBox(self.tr("CPU") if spec.kind == "cpu" else self.tr("Edge TPU"))
        self.enabled.setChecked(on)
        self.enabled.setToolTip(self.tr("Measure this backend"))
        top.addWidget(self.enabled)
        top.addStretch(1)
        self.baseline = QRadioButton(self.tr("Baseline"))
        self.baseline.setToolTip(self.tr("Compare the other backends with this one"))
        top.addWidget(self.baseline)
        self.remove = QToolButton()
        self.remove.setText("✕")
        self.remove.setToolTip(self.tr("Remove this backend"))
        self.remove.clicked.connect(self.removeRequested)
        top.addWidget(self.remove)
        outer.addLayout(top)
        options = QHBoxLayout()
        options.setSpacing(8)
        outer.addLayout(options)
        self.runtime: QComboBox | None = None
        self.threads: QSpinBox | None = None
        self.xnnpack: QCheckBox | None = None
        self.pin: QCheckBox | None = None
        self.device: QComboBox | None = None
        self.performance: QComboBox | None = None
        if spec.kind == "cpu":
            self._cpu_options(options, runtimes)
        else:
            self._edgetpu_options(options, devices)
            if edgetpu_hint:
                hint = QLabel(self.tr("libedgetpu not found: the run will say what to do"))
                hint.setProperty("role", "muted")
                # four rows share a 1280-pixel window: two lines kept for it, which the
                # folded-out rows' layout does not ask for by itself
                hint.setWordWrap(True)
                hint.setMinimumHeight(2 * hint.fontMetrics().lineSpacing() + 2)
                hint.setToolTip(edgetpu_hint)
                outer.addWidget(hint)
        self.enabled.toggled.connect(self._update)
        self._update()

    def _cpu_options(self, row: QHBoxLayout, runtimes: list[RuntimeOffer]) -> None:
        runtime = QComboBox()
        model = runtime.model()
        for offer in runtimes:
            text = offer.title if offer.usable else self.tr("{runtime} (not installed)").format(
                runtime=offer.title)
            runtime.addItem(text, offer.name)
            index = runtime.count() - 1
            if not offer.usable and isinstance(model, QStandardItemModel):
                item = model.item(index)
                item.setEnabled(False)
                item.setToolTip(self.tr("Install it with: {hint}").format(
                    hint=engine_text(offer.hint)))
        runtime.setCurrentIndex(max(0, runtime.findData(self._spec.runtime)))
        runtime.setToolTip(self.tr("The TensorFlow Lite runtime the CPU runs"))
        row.addWidget(runtime)
        threads = QSpinBox()
        threads.setRange(0, 256)
        threads.setSpecialValueText(self.tr("all cores"))
        threads.valueChanged.connect(lambda n: threads.setSuffix(
            self.tr(" thread") if n == 1 else self.tr(" threads")))
        threads.setSuffix(self.tr(" threads"))
        threads.setValue(self._spec.threads)
        threads.setToolTip(self.tr("CPU threads (all cores: one per core)"))
        row.addWidget(threads)
        xnnpack = QCheckBox(self.tr("XNNPACK"))
        xnnpack.setChecked(self._spec.xnnpack)
        xnnpack.setToolTip(self.tr("The fast CPU kernels; off: the reference kernels"))
        row.addWidget(xnnpack)
        pin = QCheckBox(self.tr("One core each"))
        pin.setChecked(self._spec.pin)
        pin.setToolTip(self.tr("Each of the runtime's threads on a core of its own, so that the "
                               "system never stacks two on one core; off: the system places "
                               "them"))
        row.addWidget(pin)
        self.runtime, self.threads, self.xnnpack, self.pin = runtime, threads, xnnpack, pin
        runtime.currentIndexChanged.connect(self._update)
        threads.valueChanged.connect(self._update)
        xnnpack.toggled.connect(self._update)
        pin.toggled.connect(self._update)

    def _edgetpu_options(self, row: QHBoxLayout, devices: list[tuple[str, str]]) -> None:
        device = QComboBox()
        for name, title in devices:
            device.addItem(self.tr("first found") if not name else title, name)
            if not name:
                device.setItemData(device.count() - 1, tips_for(self.tr("first found")),
                                   Qt.ItemDataRole.ToolTipRole)
        if device.findData(self._spec.device) < 0:
            device.addItem(self._spec.device, self._spec.device)  # asked for, not attached
        device.setCurrentIndex(device.findData(self._spec.device))
        device.setToolTip(self.tr("Which Edge TPU"))
        row.addWidget(device)
        performance = QComboBox()
        performance.addItem(self.tr("default clock"), "")
        for level in PERFORMANCE:
            performance.addItem(self.tr("performance {level}").format(level=level), level)
        performance.setCurrentIndex(max(0, performance.findData(self._spec.performance)))
        performance.setToolTip(self.tr("The Edge TPU's clock (libedgetpu's Performance "
                                            "option)"))
        row.addWidget(performance)
        self.device, self.performance = device, performance
        device.currentIndexChanged.connect(self._update)
        performance.currentIndexChanged.connect(self._update)

    def _update(self, *_: object) -> None:
        spec = self.spec()
        changed = spec != self._spec
        self._spec = spec
        for widget in (self.runtime, self.threads, self.xnnpack, self.pin, self.device,
                       self.performance):
            if widget is not None:
                widget.setEnabled(self.enabled.isChecked())
        if changed:
            self.specChanged.emit()

    def is_on(self) -> bool:
        return self.enabled.isChecked()

    def spec(self) -> BackendSpec:
        """The backend as the row's widgets now describe it."""
        spec = self._spec
        if (self.runtime is not None and self.threads is not None and self.xnnpack is not None
                and self.pin is not None):
            spec = replace(spec, runtime=str(self.runtime.currentData()),
                           threads=self.threads.value(), xnnpack=self.xnnpack.isChecked(),
                           pin=self.pin.isChecked())
        if self.device is not None and self.performance is not None:
            spec = replace(spec, device=str(self.device.currentData() or ""),
                           performance=str(self.performance.currentData() or ""))
        return spec
