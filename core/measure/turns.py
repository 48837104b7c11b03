"""Timed inferences and painting take turns: the measuring side waits while the window paints.

A window that paints while a backend measures bends the distribution even though the backend
runs in its own process (docs/measuring.md: each paint takes a core from the runtime's
threads). A ``TurnGate`` lets the session, before each timed round or load, give the window a
turn: it counts a ``ticket``, tells the painter (``notify``, from the session's thread), and
waits until the painter says it has painted everything handed over up to that ticket. The wait
is bounded, so a window that stops answering cannot stall a measurement for ever; ``open()``
ends every wait for good (stop, cancel). The command line runs without a gate. The window's
side of the gate is ``gui.run.turn_taking``, where the whole mechanism is described.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from core.measure.probe import RunProbe

TURN_TIMEOUT_S = 5.0  # a painter that has not finished by then is not waited for
GATED_ROUND_NS = 100_000_000  # with a painter: one round, then one paint, about 10 a second


class TurnGate:
    def __init__(self, notify: Callable[[], None] = lambda: None,
                 timeout_s: float = TURN_TIMEOUT_S, round_ns: int = GATED_ROUND_NS,
                 probe: RunProbe | None = None) -> None:
        self._notify = notify
        self._cond = threading.Condition()
        self._asked = 0  # turns the measuring side gave
        self._served = 0  # turns the painter finished
        self._open = False
        self._idle = True  # the measuring side is not timing anything now
        self._waiting = 0  # the ticket the measuring side waits for, 0 when it does not wait
        self.timeout_s = timeout_s
        self.round_ns = round_ns
        self._probe = probe

    def give_turn(self) -> bool:
        """Measuring side: let the painter paint what was handed over; True if it did in time."""
        with self._cond:
            if self._open:
                return True
            self._asked += 1
            ticket = self._asked
            if self._probe is not None:
                self._probe.turns += 1
            self._idle = True
            self._waiting = ticket
        self._notify()
        with self._cond:
            done = self._cond.wait_for(lambda: self._open or self._served >= ticket,
                                       self.timeout_s)
            if not done and self._probe is not None:
                self._probe.timeouts += 1
            self._idle = self._open
            self._waiting = 0
            return done

    def idle(self) -> bool:
        """Painter: True while nothing is being timed, so painting now disturbs nothing."""
        with self._cond:
            return self._idle

    def take(self) -> int:
        """Painter: the turn it is about to serve (every turn asked so far)."""
        with self._cond:
            return self._asked

    def served(self, ticket: int) -> None:
        """Painter: everything handed over up to ``ticket`` is painted; measuring may go on."""
        with self._cond:
            self._served = max(self._served, ticket)
            if self._waiting and self._served >= self._waiting and not self._open:
                self._idle = False  # at once, so the painter cannot start again meanwhile
            self._cond.notify_all()

    def open(self) -> None:
        """No more waiting, for good: the run is stopping or nobody paints any more."""
        with self._cond:
            self._open = True
            self._idle = True
            self._cond.notify_all()
