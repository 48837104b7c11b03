"""The one plain sentence that sums up a run, for the command line and reports.

It stays honest when something did not run: it says which backend ran and why the other did not,
and it says "slower" when the accelerator is slower.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from core.records import BackendRecord, RunRecord
from core.stats import speed_verdict


def short_name(backend: BackendRecord) -> str:
    return "Edge TPU" if backend.kind == "edgetpu" else "CPU"


def number_apart(names: Sequence[str]) -> list[str]:
    """``["CPU", "CPU", "Edge TPU"]`` -> ``["CPU #1", "CPU #2", "Edge TPU"]``: a name shared by
    several backends gets its number, so that no sentence says "CPU is slower than CPU"."""
    counts = Counter(names)
    seen: Counter[str] = Counter()
    result = []
    for name in names:
        seen[name] += 1
        result.append(f"{name} #{seen[name]}" if counts[name] > 1 else name)
    return result


def names_apart(backends: Sequence[BackendRecord]) -> dict[str, str]:
    """Each backend's short name by id, numbered where two share one."""
    return dict(zip([b.id for b in backends], number_apart([short_name(b) for b in backends]),
                    strict=True))


def speed_phrase(speedup: float) -> str:
    verdict, factor = speed_verdict(speedup)
    if verdict == "same":
        return "as fast as"
    digits = 2 if factor < 2 else 1  # "1.05× slower", never a confusing "1.0× slower"
    return f"{factor:.{digits}f}× {verdict} than"


def comparison_sentence(record: RunRecord) -> str:
    c = record.comparison
    ran = [b for b in record.backends if b.stats is not None and b.status == "ok"]
    failed = [b for b in record.backends if b.status in ("error", "cancelled")]
    if c is not None and c.candidate is not None and c.speedup_median is not None:
        base, cand = record.backend(c.baseline), record.backend(c.candidate)
        assert base.stats is not None and cand.stats is not None
        names = names_apart(record.backends)
        parts = [f"{names[cand.id]} is {speed_phrase(c.speedup_median)} {names[base.id]} "
                 f"(median {cand.stats.median:.2f} ms vs {base.stats.median:.2f} ms)"]
        if c.top1_agree is not None:
            parts.append("same top-1" if c.top1_agree else "different top-1")
        if c.max_score_delta is not None:
            parts.append(f"largest score difference {c.max_score_delta:.3f}")
        return " · ".join(parts)
    if not ran:
        return "No backend completed, so there is nothing to compare."
    only = ran[0]
    assert only.stats is not None
    text = f"Only {only.label} ran (median {only.stats.median:.2f} ms)"
    if failed:
        reasons = "; ".join(f"{b.label}: {b.error.message if b.error else b.status}"
                            for b in failed)
        text += f"; nothing to compare it with. {reasons}"
    return text
