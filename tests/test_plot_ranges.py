"""Plot ranges move rarely during a run, so the axes are not redrawn every frame."""

from __future__ import annotations

import numpy as np

from gui.widgets.plot_ranges import StickyRange, nice_ceil


def test_nice_ceil() -> None:
    assert [nice_ceil(v) for v in (0.7, 1.0, 1.2, 2.2, 3.0, 7.0, 13.0)] == \
        [1.0, 1.0, 2.0, 2.5, 5.0, 10.0, 20.0]
    assert nice_ceil(0.0) == 1.0


def test_growing_data_moves_the_range_only_now_and_then() -> None:
    sticky = StickyRange(floor=0.0)
    moves = 0
    for n in range(1, 2001):  # counts of a histogram's tallest bar as a run fills it
        moves += sticky.fit(0.0, n * 0.2)
        assert sticky.low == 0.0 and sticky.high is not None and sticky.high >= n * 0.2
    assert moves < 40  # far fewer than the 2,000 frames


def test_a_steady_latency_spread_keeps_its_range() -> None:
    rng = np.random.default_rng(3)
    sticky = StickyRange(floor=0.0)
    moves = 0
    data: list[float] = []
    for _ in range(300):
        data.extend(rng.normal(4.0, 0.1, 20))
        moves += sticky.fit(min(data), max(data))
    assert moves <= 10
    assert sticky.low is not None and sticky.low <= min(data)
    assert sticky.high is not None and sticky.high >= max(data)


def test_range_refits_when_the_data_shrinks_inside_it() -> None:
    sticky = StickyRange()
    sticky.fit(0.0, 100.0)
    assert not sticky.fit(10.0, 90.0)
    assert sticky.fit(40.0, 41.0)  # a new run with a narrow spread: zoom in
    assert sticky.high is not None and sticky.low is not None
    assert sticky.high - sticky.low < 5
