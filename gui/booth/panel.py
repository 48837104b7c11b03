"""One backend's tile in booth mode: its live median in huge type, its rate and its answer.

Made once per backend and refreshed with ``show_backend`` at the paint rate; the latency strip
is the same plot item for the whole day, fed the backend's bounded window. A failing backend
shows its error's headline, message and remedy in type a visitor can read, with no button and no
dialog, while the other tiles go on.
"""

from __future__ import annotations

import html
from dataclasses import replace

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from core.errors import ErrorInfo, catalogue_entry
from core.measure.booth import BackendLive, is_sure
from core.measure.watchdog import failure_kind
from core.results.records import BackendRecord
from core.tasks.detection import Detections
from core.tasks.pose import PoseResult
from core.tasks.raw_result import RawResult
from gui.booth import style
from gui.look.error_texts import localized, texts
from gui.look.formatting import backend_details, backend_name, fmt_ms, fmt_score, label_text
from gui.look.palette import Theme, current
from gui.widgets.error_panel import headline
from gui.widgets.iteration_strip_widget import IterationStripWidget

MEASURING, FAILED = 0, 1
REMEDY_CHARS = 140  # longer remedies are cut to their first sentence


def fmt_rate(per_second: float) -> str:
    """``7.5``, ``75``, ``1,890``: inferences per second without false precision."""
    if per_second < 10:
        return f"{per_second:.1f}"
    return f"{per_second:,.0f}"


def short_label(label: str, limit: int = 44) -> str:
    """The first name of a label (ImageNet lists synonyms: "tabby, tabby cat"), kept short
    enough to read from across the room: an iNaturalist label keeps its common name ("Blue
    Jay", not "Cyanocitta cristata"), and a long one is cut at a word, never mid-word."""
    head = label.split(",")[0].strip() or label
    common = head.rpartition(" (")[2].removesuffix(")") if head.endswith(")") else ""
    head = common.strip() or head
    if len(head) <= limit:
        return head
    cut = head[:limit - 1].rsplit(" ", 1)[0] if " " in head[:limit - 1] else head[:limit - 1]
    return cut.rstrip(" -,") + "…"


def booth_error(info: ErrorInfo, name: str, kind: str = "") -> ErrorInfo:
    """``info`` as a booth visitor reads it on the tile of the backend ``name`` (of ``kind``),
    in the booth's language: what the window says (``localized``); the watchdog's "stopped
    answering" in words for a booth; and where a message or remedy would stay in English
    (core's specific texts, naming a file or a signal), the error's general words in this
    language instead. The English booth keeps the specific text; the log keeps it in every
    language."""
    translate = QCoreApplication.translate
    if failure_kind(info) == "not_answering":
        return replace(info, message=translate(
            "BoothPanel", "{name} stopped answering. It starts again with the next "
                          "picture.").format(name=name),
            remedy=translate("BoothPanel", "If it happens again, unplug the Edge TPU and plug "
                                           "it back in.")
            if kind == "edgetpu"
            else translate("BoothPanel", "If it happens again, close other programs on this "
                                         "computer."))
    shown = localized(info)
    default = catalogue_entry(info.code)
    if default is None:
        return shown
    message, remedy = texts()[info.code]
    if (message, remedy) == default:
        return shown  # an English booth: the specific text says more
    return replace(shown,
                   message=message if shown.message == info.message != default[0]
                   else shown.message,
                   remedy=remedy if shown.remedy == info.remedy != default[1] else shown.remedy)


def first_sentence(text: str, limit: int = REMEDY_CHARS) -> str:
    """``text``, or its first sentence when it is longer than ``limit``: a tile that grows
    to hold the whole install advice squeezes the picture (and what was found on it) to a
    stamp, and a visitor reads one sentence; the window's Diagnostics and the log say the rest."""
    if len(text) <= limit:
        return text
    ends = [i for i in (text.find(mark) for mark in (". ", "。", ": ", "：")) if i > 0]
    if not ends:
        return text
    end = min(ends)
    return text[:end].rstrip() + ("。" if text[end] in "。：" else ".")


def _label(wrap: bool = False) -> QLabel:
    label = QLabel()
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class BoothPanel(QFrame):
    def __init__(self, backend: BackendLive, parent: QWidget | None = None,
                 theme: Theme | None = None, colour: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.backend_id = backend.id
        self._theme = theme or current()
        self._colour = colour or self._theme.backend_colour(backend.kind).name()
        self.display_name: str | None = None  # set by the booth when two backends share a name
        self._unit = 1.0
        self._median_ms: float | None = None

        outer = QVBoxLayout(self)
        self._outer = outer
        header = QHBoxLayout()
        self._header = header
        self._dot = _label()
        self._dot.setText("●")
        style.colour(self._dot, self._colour)
        header.addWidget(self._dot)
        self._name = _label()
        header.addWidget(self._name, 1)
        outer.addLayout(header)
        self._details = _label(wrap=True)  # wraps rather than widen the tile past the screen
        style.colour(self._details, self._theme.muted)
        outer.addWidget(self._details)

        self._stack = QStackedWidget()
        self._stack.addWidget(self._build_numbers())
        self._stack.addWidget(self._build_error())
        outer.addWidget(self._stack, 1)
        self.set_unit(1.0)
        self.show_backend(backend)

    def _build_numbers(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addStretch(1)
        self.median_label = QLabel()
        self.median_label.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.median_label)
        self._median_caption = _label(wrap=True)
        style.colour(self._median_caption, self._theme.muted)
        layout.addWidget(self._median_caption)
        layout.addSpacing(10)
        self.rate_label = QLabel()
        self.rate_label.setTextFormat(Qt.TextFormat.RichText)
        self.rate_label.setWordWrap(True)  # three or four tiles on a small screen
        layout.addWidget(self.rate_label)
        layout.addStretch(1)
        self.strip = IterationStripWidget(QColor(self._colour), theme=self._theme)
        plot = self.strip.getPlotItem()
        plot.hideAxis("bottom")
        plot.hideAxis("left")
        plot.showGrid(x=False, y=False)
        layout.addWidget(self.strip)
        layout.addSpacing(8)
        self.answer_label = QLabel()
        self.answer_label.setTextFormat(Qt.TextFormat.RichText)
        self.answer_label.setWordWrap(True)  # a long label takes two lines, not a cut word
        layout.addWidget(self.answer_label)
        return page

    def _build_error(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addStretch(1)
        self._error_title = _label(wrap=True)
        style.colour(self._error_title, self._theme.bad)
        layout.addWidget(self._error_title)
        self._error_message = _label(wrap=True)
        style.colour(self._error_message, self._theme.text)
        layout.addWidget(self._error_message)
        self._error_remedy = _label(wrap=True)
        style.colour(self._error_remedy, self._theme.muted)
        layout.addWidget(self._error_remedy)
        layout.addStretch(2)
        return page

    # Sizes ----------------------------------------------------------------------------------

    def set_unit(self, unit: float) -> None:
        """Scale every font and margin to the screen (see ``booth_style``)."""
        self._unit = unit
        pad = round(30 * unit)
        self._outer.setContentsMargins(pad, round(24 * unit), pad, round(24 * unit))
        self._outer.setSpacing(round(4 * unit))
        self._header.setSpacing(round(14 * unit))
        self._dot.setFont(style.font(style.HEADLINE_PX * 0.8 * unit))
        self._name.setFont(style.font(style.HEADLINE_PX * unit, bold=True))
        self._details.setFont(style.font(style.SMALL_PX * unit))
        self._median_caption.setFont(style.caption_font(style.SMALL_PX * unit))
        self.strip.setFixedHeight(round(96 * unit))
        self._error_title.setFont(style.font(style.HEADLINE_PX * unit, bold=True))
        self._error_message.setFont(style.font(style.TEXT_PX * 1.15 * unit))
        self._error_remedy.setFont(style.font(style.TEXT_PX * unit))

    # Content --------------------------------------------------------------------------------

    def page(self) -> int:
        return self._stack.currentIndex()

    def title(self) -> str:
        return self._name.text()

    def median_ms(self) -> float | None:
        return self._median_ms

    def error_text(self) -> str:
        return "\n".join(w.text() for w in (self._error_title, self._error_message,
                                             self._error_remedy))

    def show_backend(self, backend: BackendLive) -> None:
        """Show ``backend`` as it is now; cheap enough for the paint rate."""
        record = BackendRecord(backend.id, backend.kind, backend.label)
        self._name.setText(self.display_name or backend_name(record))
        self._details.setText("  ·  ".join(backend_details(record)))
        if backend.error is not None:
            self._error_title.setText(headline(backend.error.code))
            shown = booth_error(backend.error, self._name.text(), backend.kind)
            self._error_message.setText(shown.message)
            self._error_remedy.setText(first_sentence(shown.remedy))
            self._stack.setCurrentIndex(FAILED)
            self._median_ms = None
            return
        self._stack.setCurrentIndex(MEASURING)
        self._show_numbers(backend)

    def _show_numbers(self, backend: BackendLive) -> None:
        unit, theme = self._unit, self._theme
        median = backend.median_ms()
        self._median_ms = median
        big, small = round(style.MEDIAN_PX * unit), round(style.MEDIAN_PX * 0.4 * unit)
        value_colour = self._colour if median is not None else theme.muted
        ms, per_second = self.tr("ms"), self.tr("inferences per second")  # seen by lupdate
        self.median_label.setText(
            f'<span style="font-size:{big}px; font-weight:700; color:{value_colour}">'
            f'{fmt_ms(median)}</span>'
            f'<span style="font-size:{small}px; color:{theme.muted}">&nbsp;'
            f'{html.escape(ms)}</span>')
        self._median_caption.setText(self.tr("MEDIAN OF THE LAST {n} INFERENCES").format(
            n=len(backend.latencies_ms)) if backend.latencies_ms else self.tr("MEDIAN"))
        rate = backend.per_second()
        body = round(style.BODY_PX * unit)
        rate_text = fmt_rate(rate) if rate is not None else "–"
        self.rate_label.setText(
            f'<span style="font-size:{body}px; font-weight:700; color:{theme.text}">'
            f'{html.escape(rate_text)}</span>'
            f'<span style="font-size:{body}px; color:{theme.muted}">&nbsp;'
            f'{html.escape(per_second)}</span>')
        if backend.latencies_ms:
            self.strip.set_latencies(np.fromiter(backend.latencies_ms, dtype=np.float64,
                                                 count=len(backend.latencies_ms)))
        else:
            self.strip.set_latencies(np.empty(0))
        self._show_answer(backend)

    def _show_answer(self, backend: BackendLive) -> None:
        body = round(style.BODY_PX * self._unit)
        theme = self._theme
        result = backend.result
        if result is not None:  # objects (how many, the best named), or a mask's classes
            if isinstance(result, Detections):
                found = self.tr("%n object(s)", "", len(result.items))
                names = " · ".join(f"{short_label(label_text(d.label), 16)} {fmt_score(d.score)}"
                                   for d in result.items[:3])
            elif isinstance(result, RawResult):
                found = self.tr("%n output(s)", "", len(result.summaries))
                names = ""
            elif isinstance(result, PoseResult):
                found = self.tr("%n keypoint(s) found", "", len(result.sure()))
                names = ""
            else:
                shown = [c for c in result.legend if c.class_id != 0][:3]
                found = " · ".join(f"{short_label(label_text(c.label), 16)}" for c in shown) or "–"
                names = " · ".join(f"{c.share:.0%}" for c in shown)
            self.answer_label.setText(
                f'<span style="font-size:{body}px; font-weight:700; color:{theme.text}">'
                f'{html.escape(found)}</span>'
                f'<span style="font-size:{body}px; color:{theme.muted}">&nbsp;&nbsp;'
                f'{html.escape(names)}</span>')
            return
        if backend.top1 is None:
            looking = self.tr("Looking at the picture…")  # outside the f-string, for lupdate
            self.answer_label.setText(
                f'<span style="font-size:{body}px; color:{theme.muted}">'
                f'{html.escape(looking)}</span>')
            return
        if not is_sure(backend.top1):
            unsure = self.tr("Not sure what this is")
            self.answer_label.setText(
                f'<span style="font-size:{body}px; color:{theme.muted}">'
                f'{html.escape(unsure)}</span>'
                f'<span style="font-size:{body}px; color:{theme.muted}">&nbsp;&nbsp;'
                f'{fmt_score(backend.top1.score)}</span>')
            return
        label = short_label(label_text(backend.top1.label))
        self.answer_label.setText(
            f'<span style="font-size:{body}px; font-weight:700; color:{theme.text}">'
            f'{html.escape(label)}</span>'
            f'<span style="font-size:{body}px; color:{theme.muted}">&nbsp;&nbsp;'
            f'{fmt_score(backend.top1.score)}</span>')

    def answer_text(self) -> str:
        return self.answer_label.text()
