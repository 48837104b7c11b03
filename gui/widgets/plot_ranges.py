"""View ranges that stay put while a run fills a plot.

Every change of a pyqtgraph view range regenerates its axis pictures, and during a live run that
was most of the window's paint time (measured: 42 ms a frame, enough to slow a 2-core CPU
backend by 1.9x). A sticky range moves only when the data leaves it or shrinks to a small part
of it, and then to round numbers with headroom, so most frames repaint with the axes cached.
"""

from __future__ import annotations

import math

GROW = 1.25  # headroom given when the range has to move
SHRINK_BELOW = 0.4  # re-fit when the data spans less than this share of the range


def nice_ceil(value: float) -> float:
    """The next 1, 2, 2.5 or 5 times a power of ten at or above ``value``."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1.0, 2.0, 2.5, 5.0, 10.0):
        if value <= step * power * (1 + 1e-12):
            return step * power
    return 10 * power


class StickyRange:
    """A range over [low, high] data that changes rarely; ``fit`` says whether it moved."""

    def __init__(self, floor: float | None = None) -> None:
        self.floor = floor  # never show below this (0 for counts and latencies)
        self.low: float | None = None
        self.high: float | None = None

    def reset(self) -> None:
        self.low = self.high = None

    def fit(self, low: float, high: float) -> bool:
        if high < low:
            low, high = high, low
        span = max(high - low, abs(high) * 0.02, 1e-6)
        if self.low is not None and self.high is not None:
            inside = self.low <= low and high <= self.high
            if inside and span >= SHRINK_BELOW * (self.high - self.low):
                return False
        pad = span * (GROW - 1) / 2
        new_low, new_high = low - pad, high + pad
        if self.floor is not None:
            new_low = max(self.floor, new_low)
        step = nice_ceil((new_high - new_low) / 10)
        self.low = math.floor(new_low / step) * step
        self.high = math.ceil(new_high / step) * step
        return True
