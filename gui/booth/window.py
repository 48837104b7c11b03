"""Booth mode: full screen, no dialogs, an endless loop over a folder of pictures.

Each picture is one ordinary session (the same ``SessionRunner`` and worker processes as the
window); when it ends the next picture starts, after the picture has been on screen for at
least the configured dwell time. What is shown comes from a ``core.measure.booth.BoothLoop``, whose
buffers are bounded, and from widgets made once: a day of comparisons holds no more memory than
the first few. A backend that fails shows why on its tile and the loop goes on; a picture that
cannot be read leaves the loop after one notice.

A watchdog (``core.measure.watchdog``) gives up on a backend that says nothing for
``BoothConfig.stall_s``: the session is cancelled, its workers reaped, and the next picture starts
new ones, which re-opens an Edge TPU that was unplugged and plugged back. What happened is shown
for a moment in the footer and written to the booth's log file.

Esc (or F11) leaves: the loop stops, every worker is reaped and ``left`` is emitted. Locked
(``--kiosk --lock``), Esc, F11 and the window manager's close do nothing; Ctrl+Alt+Q, which the
screen never mentions, always leaves.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLayout,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from core.errors import error
from core.measure.booth import BoothConfig, BoothLoop
from core.measure.events import Event, SessionFinished
from core.measure.limits import stalled_error
from core.measure.memory import release_free_memory
from core.measure.session import RunRequest
from core.measure.watchdog import Notice, Watchdog, close_log, log_file, open_log
from core.results.baseline import baseline_pair
from core.results.records import BackendRecord
from core.tasks.detection import Detections
from core.tasks.pose import PoseResult
from core.tasks.segmentation import SegmentationResult
from gui.booth import style
from gui.booth.image_widget import BoothImageWidget
from gui.booth.panel import BoothPanel, booth_error
from gui.booth.speedup_widget import BoothSpeedupWidget
from gui.look.formatting import display_name
from gui.look.palette import Theme, backend_colours, current
from gui.run.session_runner import SessionFactory, SessionRunner

BOOTH_PAGE, MESSAGE_PAGE = 0, 1
LEAVE_KEYS = (Qt.Key.Key_Escape, Qt.Key.Key_F11)
# The operator's way out, locked or not; never shown on screen.
OPERATOR_KEY = Qt.Key.Key_Q
OPERATOR_MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
NOTICE_S = 20.0  # how long a notice stays in the footer


class BoothWindow(QWidget):
    left = Signal()
    comparisonFinished = Signal(int)  # comparisons so far; every worker is reaped by then

    def __init__(self, template: RunRequest | None, images: Sequence[Path],
                 config: BoothConfig | None = None, start: Path | None = None,
                 session_factory: SessionFactory | None = None,
                 parent: QWidget | None = None, theme: Theme | None = None,
                 lock: bool = False, log_path: Path | None = None) -> None:
        super().__init__(parent)
        self.locked = lock
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
        self._stall = QTimer(self)
        self._stall.setSingleShot(True)
        self._stall.timeout.connect(self._on_stall)
        self._notice_clear = QTimer(self)
        self._notice_clear.setSingleShot(True)
        self._notice_clear.timeout.connect(self._request_paint)
        self._log = open_log(log_path) if self.loop is not None else None
        self.watchdog = Watchdog(self._log)
        self._skipped_seen = 0
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
        # The screen sets the size, never the contents: a picture's fixed width (set for the
        # last size) must not hold the window wider when the screen gets smaller.
        root.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
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
        self._notice = QLabel()  # what the watchdog saw, for a moment
        for label in (self._where, self._count):
            style.colour(label, self._theme.muted)
        style.colour(self._notice, self._theme.warn)
        footer.addWidget(self._where, 1)
        footer.addWidget(self._notice, 0)
        footer.addSpacing(40)
        footer.addWidget(self._count, 0)
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
        self.image.set_unit(unit)
        for panel in self.panels.values():
            panel.set_unit(unit)
        self._message_title.setFont(style.font(style.HEADLINE_PX * 1.6 * unit, bold=True))
        self._message_body.setFont(style.font(style.TEXT_PX * 1.2 * unit))
        for label in (self._where, self._count, self._notice):
            label.setFont(style.font(style.SMALL_PX * unit))
        self._dirty = True

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_unit()
        self._fit_image()
        self._paint_if_visible()

    def _fit_image(self) -> None:
        """As wide as the picture at the row's height (or its labels), so the speedup sits
        right beside it."""
        margins = self._root.contentsMargins()
        inner = self.width() - margins.left() - margins.right()
        width = max(round(self.image.height() * self.image.aspect()), self.image.chips_width())
        self.image.setFixedWidth(max(120, min(width, round(inner * 0.55))))

    # The loop -------------------------------------------------------------------------------

    def start(self) -> bool:
        """Begin (or resume) the loop; False when there is nothing to run."""
        if self.loop is None or self._active:
            return False
        self._active = True
        self._left = False
        self.watchdog.say("started", f"{self._model_name()}, {len(self.loop.images)} pictures")
        if not self.runner.is_running():
            self._run_next()
        return True

    def stop(self) -> None:
        """Stop the loop and the current session; returns when every worker is reaped."""
        if self._active:
            self.watchdog.say("stopped", f"{self.loop.comparisons if self.loop else 0} "
                                         "comparisons")
        self._active = False
        self._next.stop()
        self._stall.stop()
        self.runner.stop()

    def log_path(self) -> Path | None:
        """Where the day's events are written (None when nothing can be)."""
        return log_file(self._log) if self._log is not None else None

    def is_looping(self) -> bool:
        return self._active

    def leave(self) -> None:
        """Esc: stop, hide and tell the owner (which shows the normal window again)."""
        self.stop()
        if self._log is not None:
            close_log(self._log)
        self.hide()
        if not self._left:
            self._left = True
            self.left.emit()

    def _run_next(self) -> None:
        loop = self.loop
        if not self._active or loop is None or self.template is None:
            return
        while loop.images:
            image = loop.next_image()
            if self.image.set_image(image):
                break
            loop.skip_current(error("invalid_image", f"'{image.name}' cannot be read as a "
                                                     "picture."))
            self._note_skipped()
        if not loop.images:  # every picture is broken: say so instead of looping on nothing
            self._show_message([])
            return
        self._fit_image()
        self._image_started = time.monotonic()
        self.runner.start(loop.request(self.template, image))
        self._stall.stop()  # armed once a backend has loaded (see _on_events)
        self._request_paint()

    def _on_events(self, events: list[Event]) -> None:
        if self.loop is None:
            return
        self.loop.apply(events)
        if self.runner.is_running() and self.loop.loaded():
            # Something came back: the backends are alive. Before the first has loaded, the
            # session's own limits cover importing runtimes, which may take long on a board.
            self._stall.start(round(self.loop.config.stall_s * 1000))
        self._note_skipped()
        for event in events:
            if isinstance(event, SessionFinished):
                names = self._names()
                self.watchdog.session_ended(event.result.backends, names)
        self._request_paint()

    def _on_stall(self) -> None:
        """Nothing came back for ``stall_s``: give up on the busy backend; the next picture
        starts it again in a new worker."""
        loop = self.loop
        if loop is None or not self.runner.is_running():
            return
        backend_id = loop.running()
        seconds = loop.config.stall_s
        if backend_id is not None and backend_id in loop.backends:
            live = loop.backends[backend_id]
            name = self._names().get(backend_id, live.label)
            loop.stalled(backend_id, stalled_error(name, live.kind, seconds))
            self.watchdog.stalled(backend_id, name, seconds)
        else:
            self.watchdog.say("not_answering", self._model_name(),
                              f"nothing came back for {seconds:.0f} s")
        self.runner.cancel()  # runEnded follows once its workers are reaped
        self._request_paint()

    def _note_skipped(self) -> None:
        loop = self.loop
        if loop is None:
            return
        for image, info in loop.skipped[self._skipped_seen:]:
            self.watchdog.picture_skipped(image.name, info)
        self._skipped_seen = len(loop.skipped)

    def _on_run_ended(self) -> None:
        if self.loop is None:
            return
        self._stall.stop()
        release_free_memory()  # the finished run's thread and data are gone: give memory back
        self._request_paint()
        self.comparisonFinished.emit(self.loop.comparisons)
        if not self._active:
            return
        if not self.loop.images:
            self._show_message([])
            return
        wait = self.loop.config.dwell_s - (time.monotonic() - self._image_started)
        if self.loop.rejected is not None:
            wait = max(wait, self.loop.config.rejected_pause_s)
        if self.loop.current is None or (self.loop.skipped and \
                self.loop.skipped[-1][0] == self.image.path):
            wait = 0  # the picture left the loop: nothing on screen is worth the dwell
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
        names = self._names()
        colours = dict(zip(loop.backends, backend_colours(
            [b.kind for b in loop.backends.values()], self._theme), strict=True))
        for backend_id, backend in loop.backends.items():
            panel = self.panels.get(backend_id)
            if panel is None:
                panel = BoothPanel(backend, theme=self._theme, colour=colours[backend_id])
                panel.set_unit(self._unit)
                panel.strip.setFocusPolicy(Qt.FocusPolicy.NoFocus)
                self._tiles.addWidget(panel, 1)
                self.panels[backend_id] = panel
            panel.display_name = names[backend_id]
            panel.show_backend(backend)
        self._show_found(loop, names, colours)
        self._fit_image()
        self._paint_speedup(loop, names, colours)
        image = loop.current
        where = [self._model_name(),
                 self.tr("picture {i} of {n}").format(i=loop.position, n=len(loop.images))]
        if image is not None:
            where.append(image.name)
        self._where.setText("   ·   ".join(where))
        self._count.setText(self.tr("{n} comparisons").format(n=f"{loop.comparisons:,}")
                            if loop.comparisons != 1 else self.tr("1 comparison"))
        self._show_notice(self.watchdog.last)

    def _show_found(self, loop: BoothLoop, names: dict[str, str],
                    colours: dict[str, str]) -> None:
        """What a backend found, drawn large on the picture: the candidate's (the backend the
        headline's speedup is about, usually the Edge TPU), else the baseline's; the tiles
        say what each found and the headline whether they agree."""
        baseline, candidate = baseline_pair(
            list(loop.backends.values()),
            lambda b: isinstance(b.result, (Detections, SegmentationResult, PoseResult)),
            loop.baseline)
        shown = candidate or baseline
        if shown is None or not isinstance(
                shown.result, (Detections, SegmentationResult, PoseResult)):
            self.image.show_result(None)
            return
        self.image.show_result(shown.result, names[shown.id], colours[shown.id])

    def _show_notice(self, notice: Notice | None) -> None:
        age = time.time() - notice.at if notice is not None else NOTICE_S
        if notice is None or age >= NOTICE_S or notice.kind in ("started", "stopped"):
            self._notice.setText("")
            return
        texts = {
            "picture_skipped": self.tr("{subject} cannot be read: left out"),
            "not_answering": self.tr("{subject} stopped answering: restarting it"),
            "worker_died": self.tr("{subject} stopped: restarting it"),
            "device_gone": self.tr("{subject} not found: trying again"),
            "failing": self.tr("{subject} cannot run"),
            "back": self.tr("{subject} is back"),
        }
        self._notice.setText(texts[notice.kind].format(subject=notice.subject))
        self._notice_clear.start(round((NOTICE_S - age) * 1000) + 50)

    def _names(self) -> dict[str, str]:
        """Each backend's name on screen: "CPU (tflite-runtime)" beside "CPU (LiteRT)"."""
        if self.loop is None:
            return {}
        records = [BackendRecord(b.id, b.kind, b.label) for b in self.loop.backends.values()]
        return {r.id: display_name(r, records) for r in records}

    def _paint_speedup(self, loop: BoothLoop, shown: dict[str, str],
                       colours: dict[str, str]) -> None:
        """The headline, from the names and colours the tiles were just given."""
        speedup = loop.speedup()
        if speedup is not None:
            self.speedup.show_speedup(speedup, (shown[speedup.baseline.id],
                                                shown[speedup.candidate.id]),
                                      colours.get(speedup.candidate.id))
            return
        backends = list(loop.backends.values())
        names = [shown[b.id] for b in backends]
        caption = self.tr("{candidate} VS {baseline}").format(
            candidate=names[1], baseline=names[0]).upper() if len(names) >= 2 else ""
        failed = [n for b, n in zip(backends, names, strict=True) if b.error is not None]
        published = loop.published()
        if failed and loop.rejected is None and published is not None:
            self.speedup.show_published(published)  # would an Edge TPU help? Coral's figure
            return
        if loop.rejected is not None:
            why = self.tr("This picture could not be used: {message}").format(
                message=booth_error(loop.rejected, "").message)
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
        operator = event.key() == OPERATOR_KEY \
            and event.modifiers() & OPERATOR_MODIFIERS == OPERATOR_MODIFIERS
        if operator or (event.key() in LEAVE_KEYS and not self.locked):
            event.accept()
            self.leave()
            return
        if event.key() in LEAVE_KEYS:
            event.accept()  # locked: a visitor's Esc does nothing
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.locked and event.spontaneous() and not self._left:
            event.ignore()  # the window manager's close (Alt+F4) of a locked booth
            return
        self.stop()
        if self._log is not None:
            close_log(self._log)
        if not self._left:
            self._left = True
            self.left.emit()
        super().closeEvent(event)

    def message(self) -> str:
        """The full-screen message shown instead of the loop, if any."""
        if self.pages.currentIndex() != MESSAGE_PAGE:
            return ""
        return f"{self._message_title.text()}\n{self._message_body.text()}"
