"""The booth's answer to "how much faster?": the speedup of medians in very large type.

Under it, in words, whether it is faster or slower and whether both backends gave the same
answer for the picture on screen. Without two measured backends it says why, calmly, in the
same place, so that the screen never looks broken from across the hall.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from core.edgetpu.verdict import CpuVerdict
from core.measure.booth import BackendLive, Speedup
from core.results.records import BackendRecord
from core.results.stats import speed_verdict
from core.results.summary import number_apart
from gui.booth import style
from gui.look.formatting import backend_name, fmt_factor
from gui.look.palette import Theme, current
from gui.look.published_text import cpu_sentence


def _name(backend: BackendLive) -> str:
    return backend_name(BackendRecord(backend.id, backend.kind, backend.label))


class _FittingLabel(QLabel):
    """A one-line label whose type grows to ``max_px`` but never past the height or the width
    it is given, so that the speedup is as large as the screen allows and never pushes the
    tiles (or the window's edge) away."""

    def __init__(self) -> None:
        super().__init__()
        self.max_px = float(style.SPEEDUP_PX)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

    def fit(self) -> None:
        metrics = QFontMetrics(style.font(100, bold=True))  # the line height the fonts give
        px = min(self.max_px, 100 * self.height() / max(metrics.height(), 1))
        advance = metrics.horizontalAdvance(self.text())
        if advance > 0 and self.width() > 0:
            px = min(px, 100 * self.width() / advance * 0.97)
        px = max(12.0, px)
        if self.font().pixelSize() != round(px):
            self.setFont(style.font(px, bold=True))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()


class BoothSpeedupWidget(QWidget):
    def __init__(self, parent: QWidget | None = None, theme: Theme | None = None) -> None:
        super().__init__(parent)
        self._theme = theme or current()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addStretch(1)
        self._caption = QLabel()
        style.colour(self._caption, self._theme.muted)
        layout.addWidget(self._caption)
        self._factor = _FittingLabel()
        layout.addWidget(self._factor, 8)
        self._verdict = QLabel()
        self._verdict.setTextFormat(Qt.TextFormat.RichText)
        self._verdict.setWordWrap(True)
        layout.addWidget(self._verdict)
        layout.addStretch(1)
        self._unit = 1.0
        self._plain_verdict = ""
        self._published = False  # showing Coral's figure, not a measured speedup
        self.set_unit(1.0)
        self.show_waiting(self.tr("Starting…"))

    def set_unit(self, unit: float) -> None:
        self._unit = unit
        self._caption.setFont(style.caption_font(style.SMALL_PX * 1.1 * unit))
        self._factor.max_px = style.SPEEDUP_PX * unit
        self._factor.fit()
        self._verdict.setFont(style.font(style.HEADLINE_PX * unit))
        self._verdict.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._caption.setFixedHeight(round(1.4 * style.SMALL_PX * 1.1 * unit))
        self._size_verdict(waiting=not self._factor.isVisible())
        self._fit_published()

    def _size_verdict(self, waiting: bool) -> None:
        """A fixed height, so that the headline never jumps between one line and two as the
        pictures change: two lines of the larger type while waiting (no factor is shown then),
        one line under the factor."""
        lines, px = (2, style.HEADLINE_PX * 1.25) if waiting else (1, style.HEADLINE_PX)
        if self._published:  # Coral's figure said in a sentence: four lines of smaller type
            lines, px = 4, style.HEADLINE_PX * 0.8
        self._verdict.setFixedHeight(round(lines * 1.3 * px * self._unit))

    def text(self) -> str:
        """What the block says, as plain text, for tests and the screenshot command."""
        return " ".join(t for t in (self._caption.text(), self._factor.text(),
                                    self._plain_verdict) if t)

    def factor_text(self) -> str:
        return self._factor.text()

    def show_speedup(self, speedup: Speedup, names: tuple[str, str] | None = None,
                     colour: str | None = None) -> None:
        """``names``: (baseline, candidate) as the tiles call them, when the booth knows;
        ``colour``: the candidate's, as its tile shows it (two CPUs have two colours)."""
        theme = self._theme
        baseline, candidate = names or number_apart([_name(speedup.baseline),
                                                     _name(speedup.candidate)])
        self._caption.setText(self.tr("{candidate} VS {baseline}").format(
            candidate=candidate, baseline=baseline).upper())
        verdict, factor = speed_verdict(speedup.factor)
        self._published = False
        self._factor.setText(fmt_factor(factor) if verdict != "same" else "=")
        self._factor.setVisible(True)
        self._size_verdict(waiting=False)
        self._factor.fit()
        self._verdict.setFont(style.font(style.HEADLINE_PX * self._unit))
        style.colour(self._factor, (colour or theme.backend_colour(speedup.candidate.kind).name())
                     if verdict == "faster" else theme.text)
        words = {"faster": self.tr("faster"), "slower": self.tr("slower"),
                 "same": self.tr("as fast")}[verdict]
        parts = [(words, theme.text, True)]
        if speedup.same_top1 is True:
            parts.append((self.tr("same answer"), theme.good, False))
        elif speedup.same_top1 is False:
            parts.append((self.tr("different answers"), theme.warn, False))
        self._set_verdict(parts)

    def show_published(self, verdict: CpuVerdict) -> None:
        """No Edge TPU here: what Coral's published figure means against the CPU on screen,
        with the factor in a muted colour and the caption saying it was not measured here."""
        self._caption.setText(self.tr("CORAL'S PUBLISHED FIGURE · NOT MEASURED HERE"))
        self._factor.setText(fmt_factor(verdict.speedup))
        self._factor.setVisible(True)
        style.colour(self._factor, self._theme.muted)
        self._published = True
        self._size_verdict(waiting=False)
        self._set_verdict([(cpu_sentence(verdict), self._theme.text, False)])
        self._fit_published()
        self._factor.fit()

    def _fit_published(self) -> None:
        """The published sentence is long (longer in Japanese): as large as it fits in its
        fixed lines, never under the booth's least size, so that nothing is cut."""
        if not self._published:
            return
        width = self._verdict.width() or self.width()
        least, px = style.SMALL_PX * self._unit, style.HEADLINE_PX * 0.8 * self._unit
        while px > least:
            fits = QFontMetrics(style.font(px)).boundingRect(
                0, 0, max(width, 1), 100_000, int(Qt.TextFlag.TextWordWrap),
                self._plain_verdict).height() <= self._verdict.height()
            if fits:
                break
            px -= 1
        self._verdict.setFont(style.font(max(px, least)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_published()

    def show_waiting(self, why: str, caption: str = "") -> None:
        """No speedup yet (or none possible): a dash and the reason in words."""
        self._caption.setText(caption)
        self._published = False
        self._factor.setText("")
        self._factor.setVisible(False)
        self._size_verdict(waiting=True)
        self._verdict.setFont(style.font(style.HEADLINE_PX * 1.25 * self._unit))
        self._set_verdict([(why, self._theme.muted, False)])

    def _set_verdict(self, parts: list[tuple[str, str, bool]]) -> None:
        separator = f'<span style="color:{self._theme.muted}">&nbsp;·&nbsp;</span>'
        self._verdict.setText(separator.join(
            f'<span style="color:{colour};{" font-weight:700;" if bold else ""}">'
            f'{html.escape(text)}</span>' for text, colour, bold in parts))
        self._plain_verdict = " · ".join(text for text, _, _ in parts)
