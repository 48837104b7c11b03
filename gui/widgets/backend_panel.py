"""One backend's card: what it is, how fast it was, how the latencies spread and what it answered.

The panel takes the backend's ``BackendRecord`` (live, finished or loaded from a file) and shows
it; ``show_record`` is called by the window at the paint rate only, never per event. An error
replaces the measurements with an ``ErrorPanel``; the rest of the window goes on.
"""

from __future__ import annotations

import html

from PIL import Image
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from core.edgetpu.readiness import Readiness
from core.edgetpu.verdict import PublishedReport
from core.measure.reducer import Progress
from core.results.live import LiveSeries
from core.results.records import BackendRecord
from core.results.stats import inferences_per_second
from core.tasks.detection import Detections
from core.tasks.pose import PoseResult
from core.tasks.raw_result import RawResult
from gui.look.formatting import (
    backend_details,
    backend_name,
    fmt_ms,
    fmt_ms_unit,
    fmt_rate,
)
from gui.look.insight_texts import panel_line
from gui.look.palette import Theme, current
from gui.look.published_text import edgetpu_lines, without_device
from gui.look.readiness_text import readiness_texts
from gui.look.term_tips import tips_for
from gui.widgets.error_panel import ErrorPanel
from gui.widgets.histogram_widget import HistogramWidget
from gui.widgets.iteration_strip_widget import IterationStripWidget
from gui.widgets.reflow_row_widget import ReflowRowWidget
from gui.widgets.result_picture_widget import ResultPictureWidget
from gui.widgets.topk_widget import TopKWidget

WAITING, MEASURING, FAILED = 0, 1, 2
DETECTOR_PLOT_HEIGHT = 130  # beside a detector's picture the histogram stays small
MAX_HEIGHT = 16_777_215  # Qt's QWIDGETSIZE_MAX: no limit
MARGIN_Y = 16


def _label(text: str = "", role: str | None = None) -> QLabel:
    label = QLabel(text)
    if role:
        label.setProperty("role", role)
    return label


class BackendPanel(QFrame):
    diagnosticsRequested = Signal()
    modelDetailsRequested = Signal(str)  # the model file this backend runs; "" when unknown

    def __init__(self, record: BackendRecord, parent: QWidget | None = None,
                 theme: Theme | None = None, colour: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.backend_id = record.id
        self.kind = record.kind
        self._theme = theme or current()
        self.shown_threshold = 0.0  # objects scoring below it are hidden (the window's control)
        self._colour = QColor(colour) if colour else self._theme.backend_colour(record.kind)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(22, MARGIN_Y, 22, MARGIN_Y)
        outer.setSpacing(6)

        header = QHBoxLayout()
        header.setSpacing(10)
        dot = QLabel("●")
        dot.setStyleSheet(f"color: {self._colour.name()}; font-size: 18pt;")
        header.addWidget(dot)
        self._title = _label(role="title")
        self._title.setWordWrap(True)  # a long name takes two lines, not the panel's width
        header.addWidget(self._title, 1)
        self._model_path = ""
        self._explains = record.kind != "cpu"  # what runs where explains an accelerator's time
        self.details_button = QPushButton(self.tr("Model details…"))
        self.details_button.setFlat(True)
        self.details_button.setToolTip(self.tr("What runs on the Edge TPU and what on the CPU"))
        self.details_button.clicked.connect(
            lambda: self.modelDetailsRequested.emit(self._model_path))
        self.details_button.setVisible(self._explains)
        header.addWidget(self.details_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self._chip = _label(role="chip")
        header.addWidget(self._chip, 0, Qt.AlignmentFlag.AlignVCenter)
        outer.addLayout(header)
        self._subtitle = _label(role="muted")
        self._subtitle.setWordWrap(True)
        outer.addWidget(self._subtitle)
        self.insight_label = _label()
        self.insight_label.setTextFormat(Qt.TextFormat.PlainText)  # names come from files
        self.insight_label.setWordWrap(True)
        self.insight_label.setStyleSheet(f"color: {self._theme.warn}; font-weight: 700;")
        outer.addWidget(self.insight_label)
        self.published_label = _label()
        self.published_label.setTextFormat(Qt.TextFormat.RichText)
        self.published_label.setWordWrap(True)
        self.published_label.setVisible(False)
        self._published_plain = ""
        self._missing: tuple[str, str] | None = None
        outer.addWidget(self.published_label)
        outer.addSpacing(8)

        self._stack = QStackedWidget()
        self._waiting = _label(role="muted")
        self._waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._waiting.setWordWrap(True)  # a long reason must not widen its panel
        self._stack.addWidget(self._waiting)
        self._stack.addWidget(self._build_measurements())
        self.error_panel = ErrorPanel(theme=self._theme)
        self.error_panel.diagnosticsRequested.connect(self.diagnosticsRequested)
        failed_page = QWidget()
        failed_layout = QVBoxLayout(failed_page)
        failed_layout.setContentsMargins(0, 8, 0, 0)
        failed_layout.addWidget(self.error_panel)  # under the header, where the eye is
        failed_layout.addStretch(1)
        self._stack.addWidget(failed_page)
        outer.addWidget(self._stack, 1)
        self.show_record(record)

    def colour(self) -> QColor:
        """This backend's colour: its dot, its plots, its bars and its boxes' badge."""
        return QColor(self._colour)

    def _build_measurements(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)

        median = QWidget()
        median_box = QVBoxLayout(median)
        median_box.setContentsMargins(0, 0, 0, 0)
        median_box.setSpacing(0)
        self.median_label = QLabel()
        self.median_label.setTextFormat(Qt.TextFormat.RichText)
        median_box.addWidget(self.median_label)
        self._median_caption = _label(role="caption")
        median_box.addWidget(self._median_caption)
        tiles_box = QWidget()
        tiles = QGridLayout(tiles_box)
        tiles.setContentsMargins(0, 0, 0, 0)
        tiles.setHorizontalSpacing(14)
        tiles.setVerticalSpacing(0)
        self._stat_labels = {key: self._tile(tiles, 0, i, title, tip) for i, (key, title, tip)
                             in enumerate(self._tile_texts())}
        tiles.setRowMinimumHeight(2, 10)
        self._load = self._tile(tiles, 3, 0, self.tr("LOAD TIME"), self.tr(
            "How long loading the model took, before the first inference"), span=2)
        self._first = self._tile(tiles, 3, 2, self.tr("FIRST INFERENCE"), self.tr(
            "The first inference, timed apart: it prepares the backend (an Edge TPU gets the "
            "model's weights then) and is left out of the statistics"), span=2)
        # side by side when the panel is wide enough, the tiles under the median when not
        self.numbers_row = ReflowRowWidget(median, tiles_box)
        layout.addWidget(self.numbers_row)
        layout.addSpacing(4)

        self.histogram = HistogramWidget(self._colour, theme=self._theme)
        layout.addWidget(self.histogram, 1)
        self.strip = IterationStripWidget(self._colour, theme=self._theme)
        layout.addWidget(self.strip)
        layout.addSpacing(6)
        self._topk_caption = _label(role="caption")
        layout.addWidget(self._topk_caption)
        self.topk = TopKWidget(self._colour, theme=self._theme)
        layout.addWidget(self.topk)
        self.detections = ResultPictureWidget(theme=self._theme)
        self.detections.hide()  # shown for a detector's result instead of the top-k
        layout.addWidget(self.detections, 0)
        self._page_layout = layout
        return page

    def _tile_texts(self) -> list[tuple[str, str, str]]:
        return [
            ("min", self.tr("MIN"), self.tr("The fastest timed inference")),
            ("p90", self.tr("P90"), self.tr(
                "90th percentile: nine inferences in ten were at least this fast")),
            ("p99", self.tr("P99"), self.tr(
                "99th percentile: 99 inferences in 100 were at least this fast; the rare "
                "slow ones lie above it")),
            ("max", self.tr("MAX"), self.tr("The slowest timed inference")),
        ]

    @staticmethod
    def _tile(grid: QGridLayout, row: int, column: int, title: str, tip: str,
              span: int = 1) -> QLabel:
        caption = _label(title, "caption")
        caption.setToolTip(tip)
        grid.addWidget(caption, row, column, 1, span)
        value = _label("–", "stat")
        value.setToolTip(tip)
        grid.addWidget(value, row + 1, column, 1, span)
        return value

    def set_picture_room(self, height: int) -> None:
        """The height the panels' scroll area shows: a task's picture stays within it, less
        this card's margins."""
        self.detections.set_height_budget(height - 2 * MARGIN_Y - 8)

    def title(self) -> str:
        return self._title.text()

    def warm_up(self) -> None:
        """Render the measuring page once while it is hidden: pyqtgraph's first layout and
        paint (~90 ms) then happen at Run, not in the middle of the first results."""
        page = self._stack.widget(MEASURING)
        if page is not None and page.width() > 0 and page.height() > 0:
            page.grab()

    def median_text(self) -> str:
        return self.median_label.text()

    def page(self) -> int:
        return self._stack.currentIndex()

    def show_record(self, record: BackendRecord, progress: Progress | None = None,
                    running: bool = False, series: LiveSeries | None = None,
                    name: str | None = None, picture: Image.Image | None = None,
                    picture_size: tuple[int, int] = (0, 0)) -> None:
        """Show ``record`` as it is now; cheap enough to call ~30 times a second. ``series``
        holds its latencies as the run state keeps them per batch (made here if not given);
        ``name`` tells it from the other backends of the run ("CPU (tflite-runtime)");
        ``picture`` (upright) and its size are what a detector's boxes are drawn on."""
        self._title.setText(name or backend_name(record))
        subtitle = "  ·  ".join(backend_details(record))
        if subtitle != self._subtitle.text():
            self._subtitle.setText(subtitle)
            self._subtitle.setToolTip(tips_for(subtitle))
        self._set_chip(record, progress, running)
        self._show_insight(record)
        if record.status == "error" or (record.error and not record.latencies_ms):
            if record.error is not None:
                self.error_panel.set_error(record.error)
            self._stack.setCurrentIndex(FAILED)
            return
        if not record.latencies_ms and record.stats is None:
            self._waiting.setText(self._waiting_text(record, running))
            answered = bool(record.results) or record.task_result is not None
            self._stack.setCurrentIndex(MEASURING if answered else WAITING)
            if not answered:
                return
        self._stack.setCurrentIndex(MEASURING)
        # A stopped backend's strip spans the inferences it ran, not the count it was given.
        planned = progress.total if progress is not None and record.status != "cancelled" \
            else None
        self._show_numbers(record, series if series is not None
                           else LiveSeries(record.latency_values()), planned)
        self._show_answer(record, picture, picture_size)

    def _show_answer(self, record: BackendRecord, picture: Image.Image | None,
                     picture_size: tuple[int, int]) -> None:
        """The top-k of a classifier, or a detector's boxes on the picture and their list."""
        result = record.task_result
        detector = result is not None
        if self.detections.isVisibleTo(self) != detector:
            # the picture with its boxes takes the top-k's place and some of the plot's room;
            # the strip stays: a measurement is its whole distribution, over time too
            self.detections.setVisible(detector)
            self.topk.setVisible(not detector)
            self._page_layout.setStretchFactor(self.histogram, 0 if detector else 1)
            self.histogram.setMaximumHeight(DETECTOR_PLOT_HEIGHT if detector else MAX_HEIGHT)
            self._page_layout.setStretchFactor(self.detections, 1 if detector else 0)
        if isinstance(result, Detections):
            result = result.above(self.shown_threshold)
            self._topk_caption.setText(self.tr("%n OBJECT(S) FOUND", "", len(result.items)))
        elif isinstance(result, RawResult):
            self._topk_caption.setText(self.tr("OUTPUTS"))
        elif isinstance(result, PoseResult):
            self._topk_caption.setText(self.tr("KEYPOINTS SCORED ABOVE 0.4"))
        elif result is not None:
            self._topk_caption.setText(self.tr("CLASSES AND THEIR SHARE OF THE PICTURE"))
        if result is not None:
            self.detections.show_result(result, picture, picture_size)

    def _show_insight(self, record: BackendRecord) -> None:
        self._model_path = str(record.model.get("path") or "")
        line, tip = panel_line(record.model.get("insight")) if self._explains else ("", "")
        if line != self.insight_label.text():
            self.insight_label.setText(line)
            self.insight_label.setToolTip(tip)
        self.insight_label.setVisible(bool(line))

    def show_published(self, report: PublishedReport | None) -> None:
        """Coral's figure for an Edge TPU panel: on its failure card, what it means against the
        CPU just measured; beside its median, measured against published and, when more than
        30 % slower, the likely causes with their remedies. Nothing on a CPU panel (the
        comparison line says it) or for a run without the check (an older file)."""
        if self.kind != "edgetpu" or report is None:
            self.error_panel.set_published("")
            self._set_published_lines([])
            return
        self.error_panel.set_published(without_device(report))
        self._set_published_lines(edgetpu_lines(report, self.backend_id))

    def _set_published_lines(self, lines: list[tuple[str, str]]) -> None:
        theme = self._theme
        styles = {"verdict": f"color:{theme.text}; font-weight:700;",
                  "cause": f"color:{theme.warn};", "remedy": f"color:{theme.muted};"}
        prefix = {"verdict": "", "cause": "• ", "remedy": "&nbsp;&nbsp;&nbsp;→ "}
        rich = "<br>".join(f'<span style="{styles[kind]}">{prefix[kind]}{html.escape(text)}'
                           '</span>' for kind, text in lines)
        self._published_plain = "\n".join(text for _, text in lines)
        if rich != self.published_label.text():
            self.published_label.setText(rich)
        self.published_label.setVisible(bool(lines))

    def published_text(self) -> str:
        """The panel's lines about Coral's figure, as plain text (tests, accessibility)."""
        return self._published_plain if self.published_label.isVisibleTo(self) else ""

    def insight_text(self) -> str:
        return self.insight_label.text() if self.insight_label.isVisibleTo(self) else ""

    def set_readiness(self, found: Readiness | None) -> None:
        """What an Edge TPU panel is missing before a run (found off the GUI thread), shown
        instead of "Ready" until a run tells more."""
        self._missing = readiness_texts(found) if found is not None and self.kind == "edgetpu" \
            else None

    def _waiting_text(self, record: BackendRecord, running: bool) -> str:
        if record.status == "running":
            return self.tr("Loading the model and warming up…")
        if running:
            return self.tr("Waiting for its turn…")
        if self._missing is not None:
            return self._missing[1]
        return self.tr("Press Run to measure")

    def _set_chip(self, record: BackendRecord, progress: Progress | None, running: bool) -> None:
        state, text = "idle", self.tr("Ready")
        if self._missing is not None and record.status == "pending" and not running:
            state, text = "error", self._missing[0]
        if record.status == "ok":
            state, text = "ok", self.tr("Done")
        elif record.status == "error":
            state, text = "error", self.tr("Failed")
        elif record.status == "cancelled":
            state, text = "idle", self.tr("Stopped")
        elif record.status == "running" and progress is not None:
            state = "running"
            text = self.tr("{done} of {total}").format(done=progress.done, total=progress.total)
        elif record.status == "running":
            state, text = "running", self.tr("Loading")
        elif running:
            state, text = "idle", self.tr("Waiting")
        self._chip.setText(text)
        if self._chip.property("state") != state:
            self._chip.setProperty("state", state)
            self._chip.style().unpolish(self._chip)
            self._chip.style().polish(self._chip)

    def _show_numbers(self, record: BackendRecord, series: LiveSeries,
                      total: int | None = None) -> None:
        stats = record.stats or series.stats()
        median = stats.median if stats else None
        colour = self._colour.name()
        unit = self.tr("ms")  # outside the f-string, where lupdate can see it
        text = (f'<span style="font-size:40pt; font-weight:700; color:{colour}">'
                f'{fmt_ms(median)}</span>'
                f'<span style="font-size:17pt; color:{self._theme.muted}">&nbsp;{unit}'
                '</span>')
        if text != self.median_label.text():
            self.median_label.setText(text)
        rate = inferences_per_second(stats.mean) if stats else None
        caption = self.tr("MEDIAN OF {n} INFERENCES").format(n=stats.count) if stats \
            else self.tr("MEDIAN")
        if rate:
            caption += "  ·  " + self.tr("{rate} INFERENCES/S").format(rate=fmt_rate(rate))
        self._median_caption.setText(caption)
        self._load.setText(fmt_ms_unit(record.load_ms))
        self._first.setText(fmt_ms_unit(record.first_inference_ms))
        for key, label in self._stat_labels.items():
            label.setText(fmt_ms_unit(getattr(stats, key)) if stats else "–")
        self.numbers_row.refresh()  # longer numbers may no longer fit side by side
        self.histogram.set_series(series, median)
        self.strip.set_series(series, total)
        if record.task_result is None:
            n = len(record.results)
            self._topk_caption.setText(self.tr("TOP {n} RESULTS").format(n=n) if n
                                       else self.tr("RESULTS"))
            self.topk.set_predictions(record.results)
