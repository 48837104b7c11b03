"""A backend's latencies while a run fills them: what a paint needs, at a cost that stays flat.

``LiveSeries.extend`` takes each batch once (O(batch)): it appends to a growing numpy buffer,
counts the values into a fine logarithmic histogram (bins 0.01 % wide from 1 µs to 100 s),
keeps count, min, max, mean and variance running, and folds the values into at most
``STRIP_BUCKETS`` min/max buckets for the latency-per-iteration strip. What a paint reads
(``stats``, ``histogram``, ``strip``) then costs the same at inference 100 and at inference
1,000,000. Up to ``EXACT_BELOW`` values the percentiles and the histogram are computed from the
values themselves; above, from the fine histogram (within 0.01 %). Only the live view uses the
estimates: a finished backend's statistics are computed exactly from all its values.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import numpy.ma  # np.quantile imports it on first use: 18 ms of the first live frame

from core.results.records import Stats

LOWEST_MS = 1e-3  # 1 µs; anything faster counts in the first bin (min and max stay exact)
HIGHEST_MS = 1e5  # 100 s
RESOLUTION = 1e-4  # each fine bin is 0.01 % wider than the one before
_STEP = math.log1p(RESOLUTION)
FINE_BINS = math.ceil(math.log(HIGHEST_MS / LOWEST_MS) / _STEP) + 1
EXACT_BELOW = 4096  # up to this many values, percentiles and histogram are exact
STRIP_BUCKETS = 2048  # the strip shows at most this many min/max pairs
MAX_BINS = 40  # histogram bars on screen
OUTLIER_FACTOR = 1.6  # values beyond p99.5 x this are cut off the histogram and counted


def _fine_index(values: np.ndarray) -> np.ndarray:
    clipped = np.clip(values, LOWEST_MS, HIGHEST_MS)
    index = np.floor(np.log(clipped / LOWEST_MS) / _STEP).astype(np.int64)
    return np.clip(index, 0, FINE_BINS - 1)


def _fine_edge(index: np.ndarray | float) -> np.ndarray:
    return LOWEST_MS * np.exp(np.asarray(index, dtype=np.float64) * _STEP)


class LiveSeries:
    """The latencies of one backend, in ms, growing by batches."""

    def __init__(self, values: Sequence[float] | np.ndarray = ()) -> None:
        self._buffer = np.empty(1024, dtype=np.float64)
        self.count = 0
        self._fine = np.zeros(FINE_BINS, dtype=np.int64)
        self._fine_lo = FINE_BINS  # occupied fine bins: [lo, hi]
        self._fine_hi = -1
        self._cumulative: np.ndarray | None = None  # of the occupied fine bins, per version
        self.min = math.inf
        self.max = -math.inf
        self._mean = 0.0
        self._m2 = 0.0
        self.bucket = 1  # values per strip bucket, a power of two
        self._mins = np.empty(0, dtype=np.float64)
        self._maxs = np.empty(0, dtype=np.float64)
        if len(values):
            self.extend(values)

    def values(self) -> np.ndarray:
        """Every value so far (a view: do not keep it across ``extend``)."""
        return self._buffer[:self.count]

    def extend(self, batch: Sequence[float] | np.ndarray) -> None:
        new = np.asarray(batch, dtype=np.float64).reshape(-1)
        if new.size == 0:
            return
        n = self.count
        if n + new.size > self._buffer.size:
            grown = np.empty(max(2 * self._buffer.size, n + new.size), dtype=np.float64)
            grown[:n] = self._buffer[:n]
            self._buffer = grown
        self._buffer[n:n + new.size] = new
        self.count = n + new.size
        index = _fine_index(new)
        np.add.at(self._fine, index, 1)
        self._fine_lo = min(self._fine_lo, int(index.min()))
        self._fine_hi = max(self._fine_hi, int(index.max()))
        self._cumulative = None
        self.min = min(self.min, float(new.min()))
        self.max = max(self.max, float(new.max()))
        mean_b = float(new.mean())
        m2_b = float(np.sum((new - mean_b) ** 2))
        delta = mean_b - self._mean
        self._m2 += m2_b + delta * delta * n * new.size / self.count
        self._mean += delta * new.size / self.count
        self._fold_strip(n)

    # -- statistics -----------------------------------------------------------------------

    def stats(self) -> Stats | None:
        """Count, min, max, mean and std exact; median, p90, p99 within 0.01 % (exact when
        there are few values)."""
        if self.count == 0:
            return None
        p50, p90, p99 = self.quantiles([0.5, 0.9, 0.99])
        std = math.sqrt(max(self._m2, 0.0) / (self.count - 1)) if self.count > 1 else 0.0
        return Stats(self.count, self.min, p50, self._mean, p90, p99, self.max, std)

    def quantiles(self, qs: Sequence[float]) -> list[float]:
        """numpy's default (linear) percentiles, from the values or the fine histogram."""
        if self.count == 0:
            return [math.nan for _ in qs]
        if self.count <= EXACT_BELOW:
            return [float(v) for v in np.quantile(self.values(), list(qs))]
        return [self._quantile(q) for q in qs]

    def _quantile(self, q: float) -> float:
        rank = q * (self.count - 1)
        low = math.floor(rank)
        a = self._order_statistic(low)
        b = self._order_statistic(min(low + 1, self.count - 1))
        return a + (rank - low) * (b - a)

    def _order_statistic(self, k: int) -> float:
        """The k-th smallest value (0-based), spread evenly in its fine bin."""
        cumulative = self._cumulative_counts()
        position = int(np.searchsorted(cumulative, k, side="right"))
        before = int(cumulative[position - 1]) if position else 0
        in_bin = int(cumulative[position]) - before
        fine = self._fine_lo + position
        share = (k - before + 0.5) / in_bin
        value = float(_fine_edge(fine + share))
        return min(max(value, self.min), self.max)

    def _cumulative_counts(self) -> np.ndarray:
        if self._cumulative is None:
            self._cumulative = np.cumsum(self._fine[self._fine_lo:self._fine_hi + 1])
        return self._cumulative

    def count_below(self, edges: np.ndarray) -> np.ndarray:
        """How many values lie below each edge (to the fine bins' resolution)."""
        index = _fine_index(np.asarray(edges, dtype=np.float64)) - self._fine_lo
        cumulative = np.concatenate(([0], self._cumulative_counts()))
        return cumulative[np.clip(index, 0, cumulative.size - 1)]

    # -- the strip ------------------------------------------------------------------------

    def _fold_strip(self, before: int) -> None:
        b = self.bucket
        done_before, done_now = before // b, self.count // b
        if done_now > done_before:
            chunk = self._buffer[done_before * b:done_now * b].reshape(-1, b)
            self._mins = np.concatenate((self._mins, chunk.min(axis=1)))
            self._maxs = np.concatenate((self._maxs, chunk.max(axis=1)))
        while self._mins.size > STRIP_BUCKETS:
            pairs = self._mins.size // 2
            self._mins = self._mins[:2 * pairs].reshape(-1, 2).min(axis=1)
            self._maxs = self._maxs[:2 * pairs].reshape(-1, 2).max(axis=1)
            self.bucket *= 2

    def strip(self) -> tuple[np.ndarray, np.ndarray]:
        """Points for the strip: every value while there are few, else each bucket's lowest
        and highest value at its middle (what a peak-preserving downsample draws)."""
        b = self.bucket
        if b == 1:
            return np.arange(1, self.count + 1, dtype=np.float64), self.values().copy()
        done = self._mins.size
        mins, maxs = self._mins, self._maxs
        rest = self._buffer[done * b:self.count]
        centres = np.arange(done, dtype=np.float64) * b + (b + 1) / 2
        if rest.size:
            mins = np.append(mins, rest.min())
            maxs = np.append(maxs, rest.max())
            centres = np.append(centres, done * b + (rest.size + 1) / 2)
        x = np.repeat(centres, 2)
        y = np.empty(x.size, dtype=np.float64)
        y[0::2], y[1::2] = mins, maxs
        return x, y

    # -- the histogram --------------------------------------------------------------------

    def histogram(self, max_bins: int = MAX_BINS) -> tuple[np.ndarray, np.ndarray, int]:
        """``(edges, counts, hidden)`` for the histogram on screen: bins as
        ``core.results.stats.histogram_bins`` would choose them (Freedman-Diaconis, at least sqrt(n)
        of them, at most ``max_bins``), with values beyond p99.5 x 1.6 left out and counted."""
        if self.count == 0:
            return np.array([0.0, 1.0]), np.zeros(1), 0
        cutoff = self.quantiles([0.995])[0] * OUTLIER_FACTOR
        exact = self.count <= EXACT_BELOW
        hidden = 0
        if self.count >= 20 and self.max > cutoff:
            hidden = int(np.count_nonzero(self.values() > cutoff)) if exact \
                else self.count - int(self.count_below(np.array([cutoff]))[0])
        shown = self.count - hidden
        lo = self.min
        if hidden == 0:
            hi = self.max
        elif exact:
            hi = float(self.values()[self.values() <= cutoff].max())
        else:
            hi = min(self._order_statistic(shown - 1), cutoff)
        if hi - lo < 1e-9:
            pad = max(abs(lo) * 0.01, 1e-3)
            edges = np.linspace(lo - pad, hi + pad, 3)
        else:
            q25, q75 = self.quantiles([0.25, 0.75])
            width = 2 * (q75 - q25) / shown ** (1 / 3)
            bins = math.ceil((hi - lo) / width) if width > 0 else 1
            bins = min(max_bins, max(5, bins, min(max_bins, int(math.sqrt(shown)))))
            edges = np.linspace(lo, hi, bins + 1)
        if exact:
            data = self.values()
            counts, _ = np.histogram(data[data <= cutoff] if hidden else data, bins=edges)
            return edges, counts.astype(np.float64), hidden
        below = self.count_below(edges)
        below[0], below[-1] = 0, shown
        counts = np.maximum(np.diff(below), 0)
        return edges, counts.astype(np.float64), hidden
