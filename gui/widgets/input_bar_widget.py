"""The top of the window: what to run (model, labels, image, run count), Run / Stop, progress.

It shows choices the window makes and reports what the person asks for; the window owns the
files, the settings and the session.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImageReader, QPainter, QPainterPath, QPixmap
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core.io.files import is_regular_file
from gui.look.palette import Theme, current
from gui.widgets.file_picker_widget import FilePickerWidget

THUMBNAIL = 116
MAX_COUNT = 1_000_000


def _file_stamp(path: Path | None) -> tuple[str, int, int] | None:
    if path is None:
        return None
    try:
        stat = path.stat()
    except OSError:
        return (str(path), -1, -1)
    return (str(path), stat.st_mtime_ns, stat.st_size)


def thumbnail(path: Path, size: int, background: str) -> QPixmap | None:
    """A square, rounded, centre-cropped thumbnail; None when the image cannot be read."""
    if not is_regular_file(path):  # Qt would wait forever on a FIFO
        return None
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    image = reader.read()
    if image.isNull():
        return None
    scaled = image.scaled(QSize(size, size), Qt.AspectRatioMode.KeepAspectRatioByExpanding,
                          Qt.TransformationMode.SmoothTransformation)
    x, y = (scaled.width() - size) // 2, (scaled.height() - size) // 2
    square = scaled.copy(x, y, size, size)
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(background))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    clip = QPainterPath()
    clip.addRoundedRect(QRectF(0, 0, size, size), 10, 10)
    painter.setClipPath(clip)
    painter.drawImage(0, 0, square)
    painter.end()
    return pixmap


class InputBarWidget(QFrame):
    runRequested = Signal()
    stopRequested = Signal()
    modelDetailsRequested = Signal()

    def __init__(self, parent: QWidget | None = None, theme: Theme | None = None) -> None:
        super().__init__(parent)
        self._theme = theme or current()
        self._shown_image: tuple[str, int, int] | None = ("", -2, -2)  # nothing shown yet
        self.setObjectName("card")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(18, 12, 18, 12)
        outer.setSpacing(8)
        row = QHBoxLayout()
        row.setSpacing(18)
        outer.addLayout(row)

        self.thumbnail = QLabel()
        self.thumbnail.setFixedSize(THUMBNAIL, THUMBNAIL)
        self.thumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumbnail.setProperty("role", "muted")
        self.thumbnail.setStyleSheet(
            f"border: 1px dashed {self._theme.card_border}; border-radius: 10px;")
        row.addWidget(self.thumbnail)

        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(8)
        self.model = FilePickerWidget(self.tr("Choose a TensorFlow Lite model…"),
                                      self.tr("Open a .tflite model"))
        self.details_button = self.model.add_button(
            self.tr("Details…"), self.tr("What runs where: the model's input, output, operations "
                                         "and parameters"))
        self.details_button.clicked.connect(self.modelDetailsRequested)
        self.labels = FilePickerWidget(self.tr("No labels: results show class numbers"),
                                       self.tr("Open the labels file that came with the model"))
        self.image = FilePickerWidget(self.tr("Choose an image…"),
                                      self.tr("Open a JPEG, PNG or BMP picture"))
        for i, (caption, picker) in enumerate(
                [(self.tr("Model"), self.model), (self.tr("Labels"), self.labels),
                 (self.tr("Image"), self.image)]):
            label = QLabel(caption)
            label.setProperty("role", "muted")
            grid.addWidget(label, i, 0)
            grid.addWidget(picker, i, 1)
        grid.setColumnStretch(1, 1)
        row.addLayout(grid, 1)

        side = QGridLayout()
        side.setHorizontalSpacing(10)
        side.setVerticalSpacing(8)
        runs = QLabel(self.tr("Inferences"))
        runs.setProperty("role", "muted")
        side.addWidget(runs, 0, 0)
        self.count = QSpinBox()
        self.count.setRange(1, MAX_COUNT)
        self.count.setSingleStep(50)
        self.count.setValue(100)
        self.count.setToolTip(self.tr("Timed inferences per backend, after the first one and "
                                      "the warm-ups"))
        self.count.setMinimumWidth(110)
        side.addWidget(self.count, 0, 1)
        self.threshold_label = QLabel(self.tr("Score threshold"))
        self.threshold_label.setProperty("role", "muted")
        side.addWidget(self.threshold_label, 1, 0)
        self.threshold = QDoubleSpinBox()
        self.threshold.setRange(0.0, 1.0)
        self.threshold.setDecimals(2)
        self.threshold.setSingleStep(0.05)
        self.threshold.setValue(0.5)
        self.threshold.setToolTip(self.tr(
            "Objects scoring below this are not shown. Raising it hides objects at once; "
            "objects below the last run's threshold were not kept, so a lower one shows more "
            "from the next run"))
        side.addWidget(self.threshold, 1, 1)
        self.set_detector(False)
        self.run_button = QPushButton(self.tr("▶  Run"))
        self.run_button.setObjectName("runButton")
        self.run_button.setToolTip(self.tr("Measure the model on every backend (Ctrl+R)"))
        self.run_button.clicked.connect(self.runRequested)
        side.addWidget(self.run_button, 2, 0, 1, 2)
        self.stop_button = QPushButton(self.tr("■  Stop"))
        self.stop_button.setToolTip(self.tr("Stop the run; what was measured stays (Esc)"))
        self.stop_button.clicked.connect(self.stopRequested)
        side.addWidget(self.stop_button, 3, 0, 1, 2)
        row.addLayout(side)

        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        outer.addWidget(self.progress)
        self.set_running(False)
        self.set_progress(self.tr("Ready"), 0, 1)

    def add_section(self, widget: QWidget) -> None:
        """Another line of choices in this card, above the progress bar."""
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.indexOf(self.progress), widget)

    def set_image(self, path: Path | None) -> None:
        """Show ``path``'s thumbnail; decoded only when the image (or its file) changed."""
        stamp = _file_stamp(path)
        if stamp == self._shown_image:
            return
        self._shown_image = stamp
        # inside the 1-pixel dashed border
        pixmap = thumbnail(path, THUMBNAIL - 2, self._theme.card) if path else None
        if pixmap is None:
            self.thumbnail.setPixmap(QPixmap())
            self.thumbnail.setText(self.tr("Drop an\nimage here") if path is None
                                   else self.tr("Cannot\nshow image"))
        else:
            self.thumbnail.setPixmap(pixmap)
        self.thumbnail.setToolTip(str(path) if path else "")

    def set_model_problem(self, text: str) -> None:
        """The model shown cannot be used: the picker is marked and says why (``""``: it can)."""
        self.model.set_problem(text, self._theme.bad)

    def has_thumbnail(self) -> bool:
        pixmap = self.thumbnail.pixmap()
        return pixmap is not None and not pixmap.isNull()

    def set_running(self, running: bool, can_run: bool = True) -> None:
        """Run or Stop, whichever can be pressed; the keyboard focus goes from one to the
        other (a disabled button would hand it to the next control, far from either)."""
        now, later = (self.stop_button, self.run_button) if running else \
            (self.run_button, self.stop_button)
        now.setEnabled(running or can_run)
        if later.hasFocus() and now.isEnabled():
            now.setFocus(Qt.FocusReason.OtherFocusReason)
        later.setEnabled(False)
        for widget in (self.model, self.labels, self.image, self.count):
            widget.setEnabled(not running)

    def set_detector(self, detector: bool) -> None:
        """The score threshold is a detector's setting: shown only when one is chosen."""
        self.threshold_label.setVisible(detector)
        self.threshold.setVisible(detector)

    def set_progress(self, text: str, value: int, maximum: int) -> None:
        self.progress.setRange(0, max(1, maximum))
        self.progress.setValue(max(0, min(value, maximum)))
        self.progress.setFormat(text.replace("%", "%%"))
