"""Measuring and painting take turns: the one mechanism that keeps the window out of the rounds.

A window that paints while a backend measures bends the distribution even though the backend
runs in its own process: on 2 cores, each paint takes a core from the runtime's threads
(docs/turn-taking.md has the numbers). ``TurnTaking`` is the window's side of the session's
``core.measure.turns.TurnGate``; the ``SessionRunner`` makes one and installs it as an event
filter on the window it serves (``serve``). Five parts, each in one place:

- **Gate** (``core.measure.turns``): before each load and each timed round the session thread
  gives the window a turn (``turn``, a queued call on the window's thread) and waits, at most
  ``TURN_TIMEOUT_S``, until the turn is served.
- **Turn**: the window is handed what arrived since the last delivery (``deliver``; at most
  ``MAX_DELIVERIES_PER_SECOND``: a turn that comes sooner is served without painting, and the
  next one paints it all), paints it at once (**flush**), then the turn is served and the next
  round starts.
- **Hold**: while a round or a load runs (the gate is not idle and it is not the window's
  turn), Qt's repaint of the window (its ``UpdateRequest``: a plot's deferred update, a status
  message that expires, a folder scan that finished) is held back, at most ``MAX_HOLD_S``, and
  painted in the next gap.
- **Flush**: what was held is painted, then Qt's posted events are sent, pass after pass, until
  two passes in a row painted nothing: a plot's new data reaches the screen through a few
  posted hops (data, scene, view, paint, axes). ``MAX_FLUSH_PASSES`` bounds it against
  something that repaints for ever (an animation). Then the window system is synced.
- **Quiet timer**: between runs' turns (workers importing: the gate is idle) a timer delivers
  every ``DELIVERY_INTERVAL_MS``; while turns come it is pushed back as each turn ends, by
  ``QUIET_MS`` or three times the time from the previous turn's end, whichever is longer (a slow
  model's round, or a loaded host's, lasts longer than ``QUIET_MS``), so that it never wakes
  the window's thread during a round.
- **Rewarm** (``core.measure.worker``): after a gap this long the runtime's threads have gone
  to sleep; the worker runs one untimed inference before a round's first timed one.

States: *idle* (no run: nothing held, no timer), *gap* (a run, gate idle: paints pass, the
timer delivers), *timed* (a round or load runs: paints are held), *turn* (deliver and flush,
then *timed*). A run that ends during a flush (its thread's ``finished`` is among the posted
events) ends right after the flush.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication

from core.measure.probe import RunProbe
from core.measure.turns import TurnGate

# At most 10 deliveries, and so paints, a second: live plots still look fluid, and on a 2-core
# machine the window then leaves the CPU backend's median as the command line measures it
# (measured by bench/window.py: painting at 30 Hz slowed a 2-thread CPU backend 1.9x).
MAX_DELIVERIES_PER_SECOND = 10
DELIVERY_INTERVAL_MS = 1000 // MAX_DELIVERIES_PER_SECOND + 1  # never more than 10 a second
# Each wake-up of the window's thread during a round took a core from the runtime's threads
# (bench/window.py, p99 of the smallest model): while turns come, the timer waits this long.
QUIET_MS = 3 * DELIVERY_INTERVAL_MS
# A round of one slow inference can take twice the last one's time (the worker's untimed
# rewarm inference comes first), so the timer waits three times the time between turns.
QUIET_FACTOR = 3
MAX_QUIET_MS = 10_000  # a run whose turns stop coming (it ended, it hangs) is still delivered
# A load (an Edge TPU's firmware upload takes seconds) must not leave a window unpainted for
# long; timed rounds are about 0.1 s, so they never reach this bound.
MAX_HOLD_S = 0.5
QUIET_PASSES = 2  # a flush ends after this many passes in a row that painted nothing
MAX_FLUSH_PASSES = 16  # against something that repaints on every pass


class TurnTaking(QObject):
    """``deliver`` hands the window what arrived (True if there was something)."""

    def __init__(self, deliver: Callable[[], bool], parent: QObject | None = None,
                 news: Callable[[], bool] = lambda: False) -> None:
        super().__init__(parent)
        self._deliver = deliver
        self._news = news  # something besides latencies waits: deliver it at this turn
        self.probe: RunProbe | None = None
        self._window: QObject | None = None
        self._gate: TurnGate | None = None
        self._in_turn = False
        self._held_since: float | None = None
        self._painted = 0  # Qt's paints of the window: has a flush pass painted anything?
        self._delivered_at = 0.0
        self._after_turn: Callable[[], None] | None = None
        self._turn_ended: float | None = None  # time.monotonic() when the last turn ended
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(DELIVERY_INTERVAL_MS)
        self._timer.timeout.connect(self._gap)

    def serve(self, window: QObject) -> None:
        """Hold ``window``'s paints while a backend measures (one window per runner)."""
        if self._window is not None:
            self._window.removeEventFilter(self)
        self._window = window
        window.installEventFilter(self)

    # -- the run's life ------------------------------------------------------------------

    def begin(self, gate: TurnGate) -> None:
        self._gate = gate
        self._turn_ended = None
        self._timer.start(DELIVERY_INTERVAL_MS)

    def end(self, then: Callable[[], None]) -> None:
        """The run's thread has ended: paint what was held, deliver the rest, then ``then``;
        during a turn's flush, right after it."""
        if self._in_turn:
            self._after_turn = then
            return
        self._gate = None
        self._timer.stop()
        self._release()
        self._deliver_counted()
        then()

    def turn(self, gate: TurnGate) -> None:
        """The session waits: deliver, paint now, then let it measure again."""
        if gate is not self._gate or self._in_turn:
            return
        ticket = gate.take()
        self._timer.stop()  # turns come: no timer wakes the window in the rounds
        self._in_turn = True
        try:
            # A turn before a load must hand over what the last load said: the next turn may
            # come only after a long load, or never (a device that hangs while it loads).
            due = time.monotonic() - self._delivered_at >= DELIVERY_INTERVAL_MS / 1000 \
                or self._news()
            if due and self._deliver_counted():  # else short rounds: the next turn paints all
                self._flush()
        finally:
            self._in_turn = False
            self._timer.start(self._quiet_ms())
            gate.served(ticket)
        then, self._after_turn = self._after_turn, None
        if then is not None:
            self.end(then)

    def _quiet_ms(self) -> int:
        """How long the timer waits after a turn: longer than the round that follows it."""
        now = time.monotonic()
        last, self._turn_ended = self._turn_ended, now
        if last is None:
            return QUIET_MS
        return max(QUIET_MS, min(MAX_QUIET_MS, round(QUIET_FACTOR * 1000 * (now - last))))

    def _gap(self) -> None:
        if self._timer.interval() != DELIVERY_INTERVAL_MS:  # turns stopped coming
            self._timer.setInterval(DELIVERY_INTERVAL_MS)
        if self._gate is not None and self._gate.idle() and not self._in_turn:
            self._release()
            self._deliver_counted()

    def _deliver_counted(self) -> bool:
        if not self._deliver():
            return False
        self._delivered_at = time.monotonic()
        return True

    # -- painting ------------------------------------------------------------------------

    def measuring(self) -> bool:
        """True while a round or a load runs and it is not the window's turn."""
        gate = self._gate
        return gate is not None and not self._in_turn and not gate.idle()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self._window or event.type() != QEvent.Type.UpdateRequest:
            return False
        if self.measuring():
            now = time.monotonic()
            if self._held_since is None:
                self._held_since = now
                if self.probe is not None:
                    self.probe.held += 1
            if now - self._held_since < MAX_HOLD_S:
                return True  # Qt keeps the dirty region; _release() paints it
        self._held_since = None
        self._painted += 1
        probe = self.probe
        if probe is None:
            return False
        probe.paints += 1
        if not probe.record_paints:
            return False
        with probe.painting():
            watched.event(event)
        return True

    @contextmanager
    def refreshing(self) -> Iterator[None]:
        """The window refreshes its widgets in the body: counted and timed for a probe."""
        probe = self.probe
        if probe is None:
            yield
            return
        probe.refreshes += 1
        with probe.painting():
            yield

    def held(self) -> bool:
        return self._held_since is not None

    def _release(self) -> None:
        """Paint what was held back (the window's dirty parts), now that nothing is timed."""
        if self._held_since is not None and self._window is not None:
            self._held_since = None
            QCoreApplication.sendEvent(self._window, QEvent(QEvent.Type.UpdateRequest))

    def _flush(self) -> None:
        """Paint what was delivered (and what was held back) now, not during the next round."""
        self._release()
        quiet = 0
        for _ in range(MAX_FLUSH_PASSES):
            before = self._painted
            QCoreApplication.sendPostedEvents()
            quiet = quiet + 1 if self._painted == before else 0
            if quiet >= QUIET_PASSES:
                break
        QGuiApplication.sync()  # and let the window system (an X server) show it
