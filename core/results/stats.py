"""Numbers from measurements: latency statistics, top-k, agreement between backends, speedup.

Pure functions of plain data, so that the command line, the window and a saved result file all
agree to the last digit.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence

import numpy as np

from core.results.records import BackendRecord, Comparison, Prediction, Stats

SAME_SPEED = 1.03  # within 3% either way, two backends are "as fast as" each other
LEAN_ABOVE = 65536  # more values than this: statistics without a copy of them
SLICE = 65536  # values read at a time by the lean statistics
EXTRACT = 65536  # candidates few enough to copy and sort


def speed_verdict(speedup: float) -> tuple[str, float]:
    """``("same" | "faster" | "slower", factor)`` for a baseline/candidate median ratio; the
    factor to print is always at least 1. One rule for the command line, window and booth."""
    if 1 / SAME_SPEED <= speedup <= SAME_SPEED:
        return "same", 1.0
    return ("faster", speedup) if speedup > 1 else ("slower", 1 / speedup)


def inferences_per_second(mean_ms: float | None) -> float | None:
    """Inferences per second one after another: 1000 / the mean latency (the mean, not the
    median, because every slow inference costs its full time in a loop); None when unknown."""
    if mean_ms is None or not mean_ms > 0:
        return None
    return 1000.0 / mean_ms


def topk_score_delta(a: Sequence[Prediction], b: Sequence[Prediction]) -> float | None:
    """The largest score difference over the classes both top-k lists hold; None if none."""
    scores_b = {p.id: p.score for p in b}
    deltas = [abs(p.score - scores_b[p.id]) for p in a if p.id in scores_b]
    return max(deltas) if deltas else None


def compute_stats(latencies_ms: Sequence[float] | np.ndarray) -> Stats | None:
    """min / median / mean / p90 / p99 / max / std (sample std; 0 for a single value).

    Percentiles are numpy's (linear), to the last bit. Above ``LEAN_ABOVE`` values nothing the
    size of the data is made (the record's typed array is read in place): numpy's percentile
    sorts a copy and its std makes another, which doubled what a long run keeps."""
    if len(latencies_ms) == 0:
        return None
    data = np.asarray(latencies_ms, dtype=np.float64)
    lean = data.size > LEAN_ABOVE and int(data.view(np.int64).min()) >= 0 \
        and math.isfinite(float(data.max()))
    if lean:
        p50, p90, p99 = _lean_percentiles(data, (50.0, 90.0, 99.0))
        mean = float(data.mean())
        squares = math.fsum(float(np.dot(d, d)) for d in (c - mean for c in _slices(data)))
        std = math.sqrt(squares / (data.size - 1))
    else:
        p50, p90, p99 = (float(v) for v in np.percentile(data, [50, 90, 99]))
        mean = float(data.mean())
        std = float(data.std(ddof=1)) if data.size > 1 else 0.0
    return Stats(count=int(data.size), min=float(data.min()), median=p50, mean=mean,
                 p90=p90, p99=p99, max=float(data.max()), std=std)


def _slices(data: np.ndarray) -> Iterator[np.ndarray]:
    for start in range(0, data.size, SLICE):
        yield data[start:start + SLICE]


def _lean_percentiles(data: np.ndarray, percents: Sequence[float]) -> list[float]:
    """numpy's linear percentiles of non-negative finite values, found without a copy: the
    order statistics they need are selected on the values' bit patterns (which order
    non-negative doubles as the values), 16 bits a pass."""
    n = data.size
    q = np.true_divide(np.asarray(percents, dtype=np.float64), 100)
    virtual = q * (n - 1)
    below = np.floor(virtual)
    gamma = virtual - below
    lower = below.astype(np.int64)
    upper = np.minimum(lower + 1, n - 1)
    keys = data.view(np.int64)
    found = _order_statistics(keys, sorted({*lower.tolist(), *upper.tolist()}))
    a = np.array([found[k] for k in lower.tolist()], dtype=np.int64).view(np.float64)
    b = np.array([found[k] for k in upper.tolist()], dtype=np.int64).view(np.float64)
    diff = b - a
    result = a + diff * gamma  # numpy's _lerp: from the nearer end
    result = np.where(gamma >= 0.5, b - diff * (1 - gamma), result)
    return [float(v) for v in result]


def _order_statistics(keys: np.ndarray, ranks: Sequence[int]) -> dict[int, int]:
    """The k-th smallest of ``keys`` (non-negative int64) for each k in ``ranks``."""
    found: dict[int, int] = {}
    # (prefix, bits decided, how many keys have that prefix) -> the ranks sought among them
    todo: dict[tuple[int, int, int], list[tuple[int, int]]] = {(0, 0, keys.size): [
        (k, k) for k in ranks]}
    while todo:
        (prefix, decided, size), wanted = todo.popitem()
        if size <= EXTRACT or decided == 64:
            chosen = np.sort(np.concatenate([c[(c >> (64 - decided)) == prefix] if decided
                                             else c for c in _slices(keys)]))
            for k, r in wanted:
                found[k] = int(chosen[r])
            continue
        shift = 64 - decided - 16
        counts = np.zeros(1 << 16, dtype=np.int64)
        for c in _slices(keys):
            matching = c[(c >> (64 - decided)) == prefix] if decided else c
            counts += np.bincount((matching >> shift) & 0xFFFF, minlength=1 << 16)
        cumulative = np.cumsum(counts)
        for k, r in wanted:
            bucket = int(np.searchsorted(cumulative, r, side="right"))
            before = int(cumulative[bucket - 1]) if bucket else 0
            key = ((prefix << 16) | bucket, decided + 16, int(counts[bucket]))
            todo.setdefault(key, []).append((k, r - before))
    return found


def top_k(scores: np.ndarray, k: int, label_of: Callable[[int], str],
          threshold: float = 0.0) -> tuple[Prediction, ...]:
    """The k best classes, highest score first, ties by lower id; capped at the class count.

    Only a ``threshold`` above 0 hides anything: a float model's scores may be logits, all
    negative, and the default of 0 once hid every one of them without a word."""
    order = _ranked(scores, k)
    flat = np.asarray(scores, dtype=np.float64).reshape(-1)
    return tuple(Prediction(int(i), label_of(int(i)), float(flat[i]))
                 for i in order if threshold <= 0 or flat[i] >= threshold)


def _ranked(scores: np.ndarray, k: int) -> np.ndarray:
    """Indexes of the ``k`` best scores, best first, ties by lower index."""
    flat = np.asarray(scores, dtype=np.float64).reshape(-1)
    return np.argsort(-flat, kind="stable")[:max(0, min(k, flat.size))]


def dequantize(raw: np.ndarray, scale: float, zero_point: int) -> np.ndarray:
    """score = scale x (q - zero_point); float outputs pass through."""
    if scale and np.issubdtype(raw.dtype, np.integer):
        return (scale * (raw.astype(np.float64) - zero_point)).reshape(-1)
    return raw.astype(np.float64).reshape(-1)


def compare(baseline: BackendRecord | None, candidate: BackendRecord | None,
            scores: dict[str, np.ndarray], top: int) -> Comparison | None:
    """Speedup of medians and agreement of answers between two backends that both ran."""
    if baseline is None:
        return None
    if candidate is None:
        return Comparison(baseline.id, None, None, None, None, None)
    speedup = None
    if baseline.stats and candidate.stats and candidate.stats.median > 0:
        speedup = baseline.stats.median / candidate.stats.median
    top1 = overlap = delta = None
    ranked = _ranked_ids(baseline, candidate, scores, top)
    if ranked is not None:
        ids_a, ids_b = ranked
        top1 = ids_a[0] == ids_b[0]
        overlap = len(set(ids_a) & set(ids_b)) / max(len(ids_a), len(ids_b), 1)
        delta = _max_score_delta(baseline, candidate, scores)
    return Comparison(baseline.id, candidate.id, speedup, top1, overlap, delta)


def _ranked_ids(a: BackendRecord, b: BackendRecord, scores: dict[str, np.ndarray],
                top: int) -> tuple[list[int], list[int]] | None:
    """Both backends' top classes: from every score when both vectors are known (what a
    threshold hides still agrees or not), else from the reported results (a saved file)."""
    sa, sb = scores.get(a.id), scores.get(b.id)
    if sa is not None and sb is not None and sa.shape == sb.shape and sa.size and top > 0:
        return [int(i) for i in _ranked(sa, top)], [int(i) for i in _ranked(sb, top)]
    if a.results and b.results:
        return [p.id for p in a.results[:top]], [p.id for p in b.results[:top]]
    return None


def _max_score_delta(a: BackendRecord, b: BackendRecord,
                     scores: dict[str, np.ndarray]) -> float:
    """Over every class when both score vectors are known, else over the reported top-k."""
    sa, sb = scores.get(a.id), scores.get(b.id)
    if sa is not None and sb is not None and sa.shape == sb.shape:
        return float(np.max(np.abs(sa - sb)))
    delta = topk_score_delta(a.results, b.results)
    return delta if delta is not None else 0.0


def histogram_bins(latencies_ms: Sequence[float], max_bins: int = 40) -> np.ndarray:
    """Bin edges for a latency histogram: Freedman-Diaconis, clamped to a readable count."""
    data = np.asarray(latencies_ms, dtype=np.float64)
    if data.size == 0:
        return np.array([0.0, 1.0])
    lo, hi = float(data.min()), float(data.max())
    if hi - lo < 1e-9:
        pad = max(abs(lo) * 0.01, 1e-3)
        return np.linspace(lo - pad, hi + pad, 3)
    edges = np.histogram_bin_edges(data, bins="fd")
    if edges.size - 1 > max_bins:
        edges = np.linspace(lo, hi, max_bins + 1)
    elif edges.size - 1 < 5:
        edges = np.linspace(lo, hi, 6)
    return edges
