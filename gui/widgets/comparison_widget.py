"""The one line that answers the booth visitor's question: how much faster, and the same answer?

It also carries run-level messages (a file that cannot be used, a stopped run), so that problems
appear in the window where the result would be, never as a dialog to dismiss.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from core.edgetpu.verdict import PublishedReport
from core.errors import ErrorInfo
from core.results.records import BackendRecord, Comparison
from gui.look.comparison_text import SEPARATOR, comparison_sentence, is_provisional
from gui.look.error_texts import localized
from gui.look.palette import Theme, current
from gui.look.term_tips import tips_for


class ComparisonWidget(QFrame):
    def __init__(self, parent: QWidget | None = None, theme: Theme | None = None) -> None:
        super().__init__(parent)
        self._theme = theme or current()
        self.setObjectName("card")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 10, 24, 10)
        column = QVBoxLayout()
        column.setSpacing(2)
        self._caption = QLabel()
        self._caption.setProperty("role", "caption")
        column.addWidget(self._caption)
        self._line = QLabel()
        self._line.setTextFormat(Qt.TextFormat.RichText)
        self._line.setWordWrap(True)
        self._line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self._line)
        layout.addLayout(column, 1)
        self._plain = ""
        self._shown: tuple[str, bool, bool] = ("", False, False)  # rich, muted, small
        self._compact = False
        self.show_hint(self.tr("Choose a model and an image, then press Run."))

    def text(self) -> str:
        """The sentence as plain text (what the export and the tests see)."""
        return self._plain

    def show_hint(self, text: str) -> None:
        self._caption.setText(self.tr("COMPARISON"))
        self._set(html.escape(text), text, muted=True)

    def show_backends(self, backends: Sequence[BackendRecord], comparison: Comparison | None,
                      live: bool, baseline: str | None = None,
                      published: PublishedReport | None = None) -> None:
        sentence = comparison_sentence(backends, comparison, baseline, published)
        if not sentence:
            self.show_hint(self.tr("Measuring…") if live else
                           self.tr("Press Run to compare the backends."))
            return
        self._caption.setText(self.tr("SO FAR") if live else self.tr("PROVISIONAL")
                              if is_provisional(backends) else self.tr("COMPARISON"))
        head, sep, rest = sentence.partition(SEPARATOR)
        rich = f"<b>{html.escape(head)}</b>"
        if sep:
            rich += f'<span style="color:{self._theme.muted}">{html.escape(sep)}</span>'
            rich += html.escape(rest).replace(
                html.escape(SEPARATOR),
                f'<span style="color:{self._theme.muted}">{html.escape(SEPARATOR)}</span>')
        # comparing three or four backends makes a long sentence: a smaller one keeps the
        # panels' room on a small screen
        self._set(rich, sentence, small=len(backends) > 2)

    def show_error(self, info: ErrorInfo) -> None:
        self._caption.setText(self.tr("CANNOT RUN"))
        info = localized(info, in_window=True)
        rich = (f'<b style="color:{self._theme.bad}">{html.escape(info.message)}</b> '
                f'{html.escape(info.remedy)}')
        self._set(rich, info.one_line())

    def set_compact(self, compact: bool) -> None:
        """On a short window (a 720 or 768 pixel screen) the sentence takes a smaller type: in
        the large one it took three lines there and left the panels little more than 200
        pixels."""
        if compact != self._compact:
            self._compact = compact
            rich, muted, small = self._shown
            self._set(rich, self._plain, muted, small)

    def point_size(self) -> int:
        """The sentence's type size, in points."""
        small = self._shown[2]
        if self._compact:
            return 12 if small else 14
        return 14 if small else 17

    def _set(self, rich: str, plain: str, muted: bool = False, small: bool = False) -> None:
        self._plain = plain
        self._shown = (rich, muted, small)
        colour = self._theme.muted if muted else self._theme.text
        size = self.point_size()
        self._line.setText(f'<span style="font-size:{size}pt; color:{colour}">{rich}</span>')
        self._line.setToolTip(tips_for(plain))
