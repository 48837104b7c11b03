"""Which backend is the baseline, and every other backend against it.

The baseline is the one rule of ``core.results.baseline`` applied to the backends with numbers: the
backend the person chose, when it produced numbers; else the first CPU that did; else the first
backend that did. Every other backend with numbers is then compared with it
(``core.results.stats.compare``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from core.results.baseline import baseline_pair
from core.results.records import BackendRecord, Comparison
from core.results.stats import compare, compute_stats


def has_numbers(record: BackendRecord) -> bool:
    """It did not fail and has a median (finished, or measured so far in a live run)."""
    if record.status == "error":
        return False
    return record.stats is not None or bool(record.latencies_ms)


def median_ms(record: BackendRecord) -> float | None:
    stats = record.stats or compute_stats(record.latencies_ms)
    return stats.median if stats else None


def choose_baseline(backends: Sequence[BackendRecord],
                    preferred: str | None = None) -> BackendRecord | None:
    """The preferred backend if it has numbers, else the first CPU with numbers, else the first
    backend with numbers; None when nothing was measured."""
    return baseline_pair(backends, has_numbers, preferred or None)[0]


def candidates(backends: Sequence[BackendRecord],
               baseline: BackendRecord | None) -> list[BackendRecord]:
    """The backends compared against ``baseline``, in their order."""
    if baseline is None:
        return []
    return [b for b in backends if b is not baseline and has_numbers(b)]


def compare_all(backends: Sequence[BackendRecord], scores: dict[str, np.ndarray], top: int,
                preferred: str | None = None) -> list[Comparison]:
    """Each other backend against the baseline; empty when there is nothing to compare."""
    baseline = choose_baseline(backends, preferred)
    found = (compare(baseline, other, scores, top) for other in candidates(backends, baseline))
    return [c for c in found if c is not None]
