"""Booth mode: full screen, no dialogs, an endless loop over a folder of pictures.

Each picture is one ordinary session (the same ``SessionRunner`` and worker processes as the
window); when it ends the next picture starts, after the picture has been on screen for at
least the configured dwell time. What is shown comes from a ``core.measure.booth.BoothLoop``, whose
buffers are bounded, and from widgets made once: a day of comparisons holds no more memory than
the first few. A backend that fails shows why on its tile and the loop goes on; a picture that
cannot be read is skipped. Esc (or F11) leaves: the loop stops, every worker is reaped and
``left`` is emitted.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from core.measure.booth import BoothConfig, BoothLoop
from core.measure.events import Event
from core.measure.memory import release_free_memory
from core.measure.session import RunRequest
from core.results.records import BackendRecord
from core.results.summary import number_apart
from gui.booth import style
from gui.booth.image_widget import BoothImageWidget
from gui.booth.panel import BoothPanel
from gui.booth.speedup_widget import BoothSpeedupWidget
from gui.look.error_texts import localized
from gui.look.formatting import backend_name
from gui.look.palette import Theme, current
from gui.run.session_runner import SessionFactory, SessionRunner

BOOTH_PAGE, MESSAGE_PAGE = 0, 1
LEAVE_KEYS = (Qt.Key.Key_Escape, Qt.Key.Key_F11)


class BoothWindow(QWidget):
    left = Signal()
    comparisonFinished = Signal(int)  # comparisons so far; every worker is reaped by then

    def __init__(self, template: RunRequest | None, images: Sequence[Path],
                 config: BoothConfig | None = None, start: Path | None = None,
                 session_factory: SessionFactory | None = None,
                 parent: QWidget | None = None, theme: Theme | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edge TPU Compare · Booth"))
        self._theme = theme or current()
        self.template = template
        self.loop = BoothLoop(images, config, start) if template is not None and images \
            else None
        self.runner = SessionRunner(session_factory, self)
        self.runner.eventsDelivered.connect(self._on_events)
        self.runner.runEnded.connect(self._on_run_ended)
        self.runner.serve(self)
        self._next = QTimer(self)
        self._next.setSingleShot(True)
        self._next.timeout.connect(self._run_next)
        self._active = False
        self._left = False
        self._dirty = True
        self._image_started = 0.0
        self._unit = 1.0
        self.panels: dict[str, BoothPanel] = {}
        self._build()
        if self.loop is not None and self.template is not None:
            self.loop.expect(self.template)
        else:
            self._show_message(images)
        self.setCursor(Qt.CursorShape.BlankCursor)  # nobody uses a mouse at a booth
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._apply_unit()

    # Layout ---------------------------------------------------------------------------------

    def _build(self) -> None:
        root = QVBoxLayout(self)
        self._root = root
        self.pages = QStackedWidget()
        root.addWidget(self.pages, 1)

        booth = QWidget()
        column = QVBoxLayout(booth)
        column.setContentsMargins(0, 0, 0, 0)
        self._column = column
        top = QHBoxLayout()
        self._top = top
        self.image = BoothImageWidget(theme=self._theme)
        top.addWidget(self.image, 0)
        self.speedup = BoothSpeedupWidget(theme=self._theme)
        top.addWidget(self.speedup, 1)
        column.addLayout(top, 11)
        self._tiles = QHBoxLayout()
        column.addLayout(self._tiles, 9)
        self.pages.addWidget(booth)

        message = QWidget()
        column = QVBoxLayout(message)
        column.addStretch(2)
        self._message_title = QLabel()
        self._message_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._message_title.setWordWrap(True)
        column.addWidget(self._message_title)
        self._message_body = QLabel()
        self._message_body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._message_body.setWordWrap(True)
        style.colour(self._message_body, self._theme.muted)
        column.addWidget(self._message_body)
        column.addStretch(3)
        self.pages.addWidget(message)

        footer = QHBoxLayout()
        self._where = QLabel()
        self._count = QLabel()
        self._hint = QLabel(self.tr("Esc to leave"))
        for label in (self._where, self._count, self._hint):
            style.colour(label, self._theme.muted)
        footer.addWidget(self._where, 1)
        footer.addWidget(self._count, 0)
        footer.addSpacing(40)
        footer.addWidget(self._hint, 0)
        root.addLayout(footer)

    def _show_message(self, images: Sequence[Path]) -> None:
        if self.template is None:
            self._message_title.setText(self.tr("Get the sample models first"))
            self._message_body.setText(self.tr(
                "Run “edgetpu-compare models fetch”, or choose a model in the window, "
                "then start booth mode again."))
        else:
            self._message_title.setText(self.tr("No pictures to show"))
            self._message_body.setText(self.tr(
                "Put a few pictures in a folder and start with "
                "“edgetpu-compare --kiosk --image-folder FOLDER”."))
        self.pages.setCurrentIndex(MESSAGE_PAGE)

    def _apply_unit(self) -> None:
        unit = self._unit = style.unit_for(max(1, self.width()), max(1, self.height()))
        margin = round(44 * unit)
        self._root.setContentsMargins(margin, round(36 * unit), margin, round(22 * unit))
        self._root.setSpacing(round(20 * unit))
        self._column.setSpacing(round(30 * unit))
        self._top.setSpacing(round(56 * unit))
        self._tiles.setSpacing(round(30 * unit))
        self.speedup.set_unit(unit)
        for panel in self.panels.values():
            panel.set_unit(unit)
        self._message_title.setFont(style.font(style.HEADLINE_PX * 1.6 * unit, bold=True))
        self._message_body.setFont(style.font(style.TEXT_PX * 1.2 * unit))
        for label in (self._where, self._count, self._hint):
            label.setFont(style.font(style.SMALL_PX * unit))
        self._dirty = True

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_unit()
        self._fit_image()
        self._paint_if_visible()

    def _fit_image(self) -> None:
        """As wide as the picture at the row's height, so the speedup sits right beside it."""
        margins = self._root.contentsMargins()
        inner = self.width() - margins.left() - margins.right()
        width = round(self.image.height() * self.image.aspect())
        self.image.setFixedWidth(max(120, min(width, round(inner * 0.55))))

    # The loop -------------------------------------------------------------------------------

    def start(self) -> bool:
        """Begin (or resume) the loop; False when there is nothing to run."""
        if self.loop is None or self._active:
            return False
        self._active = True
        self._left = False
        if not self.runner.is_running():
            self._run_next()
        return True

    def stop(self) -> None:
        """Stop the loop and the current session; returns when every worker is reaped."""
        self._active = False
        self._next.stop()
        self.runner.stop()

    def is_looping(self) -> bool:
        return self._active

    def leave(self) -> None:
        """Esc: stop, hide and tell the owner (which shows the normal window again)."""
        self.stop()
        self.hide()
        if not self._left:
            self._left = True
            self.left.emit()

    def _run_next(self) -> None:
        if not self._active or self.loop is None or self.template is None:
            return
        image = self.loop.next_image()
        self.image.set_image(image)
        self._fit_image()
        self._image_started = time.monotonic()
        self.runner.start(self.loop.request(self.template, image))
        self._request_paint()

    def _on_events(self, events: list[Event]) -> None:
        if self.loop is None:
            return
        self.loop.apply(events)
        self._request_paint()

    def _on_run_ended(self) -> None:
        if self.loop is None:
            return
        release_free_memory()  # the finished run's thread and data are gone: give memory back
        self._request_paint()
        self.comparisonFinished.emit(self.loop.comparisons)
        if not self._active:
            return
        wait = self.loop.config.dwell_s - (time.monotonic() - self._image_started)
        if self.loop.rejected is not None:
            wait = max(wait, self.loop.config.rejected_pause_s)
        self._next.start(max(0, round(wait * 1000)))

    # Painting -------------------------------------------------------------------------------

    def _request_paint(self) -> None:
        self._dirty = True
        self._paint_if_visible()

    def _paint_if_visible(self) -> None:
        if self.isVisible() and self._dirty:
            self._paint()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._apply_unit()
        self._paint_if_visible()

    def _paint(self) -> None:
        with self.runner.turns.refreshing():
            self._show_loop()

    def _show_loop(self) -> None:
        self._dirty = False
        loop = self.loop
        if loop is None:
            return
        self._fit_image()
        for backend_id, backend in loop.backends.items():
            panel = self.panels.get(backend_id)
            if panel is None:
                panel = BoothPanel(backend, theme=self._theme)
                panel.set_unit(self._unit)
                panel.strip.setFocusPolicy(Qt.FocusPolicy.NoFocus)
                self._tiles.addWidget(panel, 1)
                self.panels[backend_id] = panel
            panel.show_backend(backend)
        self._paint_speedup(loop)
        image = loop.current
        where = [self._model_name(),
                 self.tr("picture {i} of {n}").format(i=loop.position, n=len(loop.images))]
        if image is not None:
            where.append(image.name)
        self._where.setText("   ·   ".join(where))
        self._count.setText(self.tr("{n} comparisons").format(n=f"{loop.comparisons:,}")
                            if loop.comparisons != 1 else self.tr("1 comparison"))

    def _paint_speedup(self, loop: BoothLoop) -> None:
        speedup = loop.speedup()
        if speedup is not None:
            self.speedup.show_speedup(speedup)
            return
        backends = list(loop.backends.values())
        names = number_apart([backend_name(BackendRecord(b.id, b.kind, b.label))
                              for b in backends])
        caption = self.tr("{candidate} VS {baseline}").format(
            candidate=names[1], baseline=names[0]).upper() if len(names) >= 2 else ""
        failed = [n for b, n in zip(backends, names, strict=True) if b.error is not None]
        published = loop.published()
        if failed and loop.rejected is None and published is not None:
            self.speedup.show_published(published)  # would an Edge TPU help? Coral's figure
            return
        if loop.rejected is not None:
            why = self.tr("This picture could not be used: {message}").format(
                message=localized(loop.rejected).message)
        elif failed and len(failed) == len(backends):
            why = self.tr("No backend could run: see why below.")
        elif failed:
            why = self.tr("{name} could not run: see why below.").format(name=failed[0])
        elif len(backends) < 2:
            why = self.tr("Only one backend: nothing to compare it with.")
        else:
            why = self.tr("Measuring…")
        self.speedup.show_waiting(why, caption)

    def _model_name(self) -> str:
        if self.template is None:
            return ""
        return self.template.model.stem.removesuffix("_edgetpu")

    # Keys and closing -----------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in LEAVE_KEYS:
            event.accept()
            self.leave()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.stop()
        if not self._left:
            self._left = True
            self.left.emit()
        super().closeEvent(event)

    def message(self) -> str:
        """The full-screen message shown instead of the loop, if any."""
        if self.pages.currentIndex() != MESSAGE_PAGE:
            return ""
        return f"{self._message_title.text()}\n{self._message_body.text()}"
