"""Numbers from measurements: latency statistics, top-k, agreement between backends, speedup.

Pure functions of plain data, so that the command line, the window and a saved result file all
agree to the last digit.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from core.results.records import BackendRecord, Comparison, Prediction, Stats

SAME_SPEED = 1.03  # within 3% either way, two backends are "as fast as" each other


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
    """min / median / mean / p90 / p99 / max / std (sample std; 0 for a single value)."""
    if len(latencies_ms) == 0:
        return None
    data = np.asarray(latencies_ms, dtype=np.float64)
    p50, p90, p99 = np.percentile(data, [50, 90, 99])
    return Stats(
        count=int(data.size),
        min=float(data.min()),
        median=float(p50),
        mean=float(data.mean()),
        p90=float(p90),
        p99=float(p99),
        max=float(data.max()),
        std=float(data.std(ddof=1)) if data.size > 1 else 0.0,
    )


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
