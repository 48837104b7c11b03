"""What tests and benchmarks count about a run; nothing in the app reads it.

One optional object, off (``None``) unless a test or a benchmark sets it on a
``SessionRunner`` before a run: the turn gate, the runner, the turn-taking and the window then
count into it. With ``record_paints`` it also keeps every paint of the window (the window's own
refresh of its widgets, and Qt's painting of them) as a ``(started_ns, ended_ns)`` pair of
``time.monotonic_ns()``, which every process on one host shares, so that it can be set against
the workers' timed rounds.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class RunProbe:
    record_paints: bool = False
    turns: int = 0  # turns the measuring side gave the painter
    timeouts: int = 0  # waits for the painter that ended by the bound, not by the painter
    deliveries: int = 0  # batches of events handed to the window
    events: int = 0
    inferences: int = 0  # timed inferences delivered
    refreshes: int = 0  # the window's refreshes of its widgets
    panel_refreshes: Counter[str] = field(default_factory=Counter)  # per backend id
    paints: int = 0  # Qt's paints of the window
    held: int = 0  # paints asked for while a backend measured, held back for the gap
    intervals: list[tuple[int, int]] = field(default_factory=list)

    @contextmanager
    def painting(self) -> Iterator[None]:
        """Time what the body paints, when paints are recorded."""
        if not self.record_paints:
            yield
            return
        started = time.monotonic_ns()
        try:
            yield
        finally:
            self.intervals.append((started, time.monotonic_ns()))
