"""The comparison line, in words someone who never opened a terminal understands, translatable.

A pure function of the backends' records, so it works the same live (stats so far), for a
finished run and for a result file loaded back. It stays honest: "slower" when the accelerator is
slower, and a plain statement instead of a ratio when a backend failed or only one ran.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

from core.baseline import baseline_pair
from core.records import BackendRecord, Comparison
from core.stats import compute_stats, speed_verdict, topk_score_delta
from gui.formatting import backend_name, fmt_factor, fmt_ms, fmt_score

translate = QCoreApplication.translate
SEPARATOR = " · "


def _median(record: BackendRecord) -> float | None:
    stats = record.stats or compute_stats(record.latencies_ms)
    return stats.median if stats else None


def _has_numbers(record: BackendRecord) -> bool:
    return record.status not in ("error",) and _median(record) is not None


def _pick_pair(backends: Sequence[BackendRecord], comparison: Comparison | None
               ) -> tuple[BackendRecord | None, BackendRecord | None]:
    by_id = {b.id: b for b in backends}
    if comparison and comparison.candidate and comparison.baseline in by_id \
            and comparison.candidate in by_id:
        pair = by_id[comparison.baseline], by_id[comparison.candidate]
        if all(_has_numbers(b) for b in pair):
            return pair
    return baseline_pair(backends, _has_numbers, comparison.baseline if comparison else None)


def comparison_sentence(backends: Sequence[BackendRecord],
                        comparison: Comparison | None = None) -> str:
    """``Edge TPU is 11.7× faster (median 3.1 ms vs 36.4 ms) · same top-1 · ...`` or the
    honest equivalent. Empty when nothing has happened yet."""
    if not backends:
        return ""
    base, cand = _pick_pair(backends, comparison)
    if base is not None and cand is not None:
        return SEPARATOR.join(_versus(base, cand, comparison))
    failed = [b for b in backends if b.status == "error"]
    stopped = [b for b in backends if b.status == "cancelled" and not b.latencies_ms]
    if base is None:
        if failed and len(failed) == len(backends):
            return translate("Comparison", "Nothing was measured: no backend could run.")
        if stopped:
            return translate("Comparison", "Stopped before anything was measured.")
        return ""
    parts = [translate("Comparison", "{name}: median {median} ms").format(
        name=backend_name(base), median=fmt_ms(_median(base)))]
    if base.results:
        parts.append(translate("Comparison", "top-1 {label} ({score})").format(
            label=base.results[0].label, score=fmt_score(base.results[0].score)))
    for other in failed:
        parts.append(translate("Comparison", "{name} did not run, so there is no comparison")
                     .format(name=backend_name(other)))
    for other in stopped:
        parts.append(translate("Comparison", "{name} was stopped before it was measured")
                     .format(name=backend_name(other)))
    if len(backends) == 1:
        parts.append(translate("Comparison", "only one backend was run"))
    return SEPARATOR.join(parts)


def _versus(base: BackendRecord, cand: BackendRecord,
            comparison: Comparison | None) -> list[str]:
    base_ms, cand_ms = _median(base), _median(cand)
    assert base_ms is not None and cand_ms is not None
    speedup = base_ms / cand_ms if cand_ms > 0 else float("inf")
    values = {"candidate": backend_name(cand), "baseline": backend_name(base),
              "fast": fmt_ms(cand_ms), "slow": fmt_ms(base_ms)}
    verdict, factor = speed_verdict(speedup)
    values["factor"] = fmt_factor(factor)
    if verdict == "same":
        head = translate("Comparison",
                         "{candidate} is as fast as {baseline} (median {fast} ms vs {slow} ms)")
    elif verdict == "faster":
        head = translate("Comparison",
                         "{candidate} is {factor} faster (median {fast} ms vs {slow} ms)")
    else:
        head = translate("Comparison",
                         "{candidate} is {factor} slower (median {fast} ms vs {slow} ms)")
    parts = [head.format(**values)]
    a, b = base.results[:1], cand.results[:1]
    if a and b:
        if a[0].id == b[0].id:
            parts.append(translate("Comparison", "same top-1"))
        else:
            parts.append(translate("Comparison", "different top-1 ({first} vs {second})")
                         .format(first=b[0].label, second=a[0].label))
        delta = comparison.max_score_delta if comparison and comparison.candidate == cand.id \
            else topk_score_delta(base.results, cand.results)
        if delta is not None:
            parts.append(translate("Comparison", "largest score difference {delta}")
                         .format(delta=fmt_score(delta)))
    return parts

