"""Live statistics kept per batch: right (exact where few, within 0.01 % where many) and read at
a paint without touching the whole history."""

from __future__ import annotations

import numpy as np
import pytest

from core.results import live
from core.results.live import EXACT_BELOW, STRIP_BUCKETS, LiveSeries
from core.results.stats import compute_stats


def _batches(series: LiveSeries, data: np.ndarray, size: int = 317) -> None:
    for start in range(0, data.size, size):
        series.extend(data[start:start + size])


def _latencies(n: int, seed: int = 7) -> np.ndarray:
    rng = np.random.default_rng(seed)
    body = rng.lognormal(np.log(17.6), 0.03, n)
    tail = rng.random(n) < 0.02
    return np.where(tail, body * rng.uniform(1.5, 4.0, n), body)


def test_few_values_give_exactly_what_the_saved_statistics_give() -> None:
    data = _latencies(1000)
    series = LiveSeries()
    _batches(series, data)
    assert series.count == 1000
    assert np.array_equal(series.values(), data)
    got, want = series.stats(), compute_stats(data)
    assert got is not None and want is not None
    assert got.count == want.count and got.min == want.min and got.max == want.max
    for key in ("median", "mean", "p90", "p99", "std"):
        assert getattr(got, key) == pytest.approx(getattr(want, key), rel=1e-12), key


@pytest.mark.parametrize("n", [EXACT_BELOW + 1, 200_000])
def test_many_values_stay_within_the_fine_bins_resolution(n: int) -> None:
    data = _latencies(n, seed=n)
    series = LiveSeries()
    _batches(series, data, size=1000)
    got, want = series.stats(), compute_stats(data)
    assert got is not None and want is not None
    assert (got.count, got.min, got.max) == (want.count, want.min, want.max)
    assert got.mean == pytest.approx(want.mean, rel=1e-9)
    assert got.std == pytest.approx(want.std, rel=1e-9)
    for key in ("median", "p90", "p99"):
        assert getattr(got, key) == pytest.approx(getattr(want, key), rel=2e-4), key


def test_a_paint_never_reads_the_whole_history(monkeypatch: pytest.MonkeyPatch) -> None:
    data = _latencies(300_000)
    series = LiveSeries()
    _batches(series, data, size=3000)

    def whole_history(self: LiveSeries) -> np.ndarray:
        raise AssertionError("a paint read every value")

    monkeypatch.setattr(LiveSeries, "values", whole_history)
    stats = series.stats()
    _edges, counts, hidden = series.histogram()
    x, _y = series.strip()
    assert stats is not None and stats.count == 300_000
    assert counts.sum() + hidden == 300_000
    assert x.size <= 2 * (STRIP_BUCKETS + 1)


def test_the_histogram_matches_the_values_and_counts_the_slow_ones() -> None:
    data = np.concatenate((_latencies(50_000), [400.0, 900.0]))
    series = LiveSeries(data)
    edges, counts, hidden = series.histogram()
    assert 5 <= counts.size <= live.MAX_BINS
    assert hidden >= 2 and edges[-1] < 400.0
    exact, _ = np.histogram(data[data <= edges[-1]], bins=edges)
    assert counts.sum() + hidden == data.size
    assert np.abs(counts - exact).max() <= 0.002 * data.size


def test_the_strip_keeps_every_spike_however_long_the_run() -> None:
    data = _latencies(1_000_000)
    data[123_457] = 250.0  # one hiccup among a million
    series = LiveSeries()
    _batches(series, data, size=5000)
    x, y = series.strip()
    assert x.size <= 2 * (STRIP_BUCKETS + 1) and series.bucket > 1
    assert y.max() == 250.0 and y.min() == data.min()
    assert x[0] >= 1 and x[-1] <= data.size
    hiccup = x[np.argmax(y)]
    assert abs(hiccup - 123_458) <= series.bucket


def test_few_values_are_drawn_one_by_one() -> None:
    series = LiveSeries([3.0, 1.0, 2.0])
    x, y = series.strip()
    assert x.tolist() == [1.0, 2.0, 3.0] and y.tolist() == [3.0, 1.0, 2.0]
    assert LiveSeries().stats() is None
