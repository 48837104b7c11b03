"""The one plain sentence that sums up a run, for the command line and reports.

It stays honest when something did not run: it says which backend ran and why the other did not,
and it says "slower" when the accelerator is slower.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from core.results.numbers_text import delta_text, factor_text, ms_text
from core.results.records import BackendRecord, Comparison, RunRecord
from core.results.stats import speed_verdict
from core.tasks.detection_agreement import agreement_sentence, english


def short_name(backend: BackendRecord) -> str:
    return "Edge TPU" if backend.kind == "edgetpu" else "CPU"


def label_details(backend: BackendRecord) -> list[str]:
    """``CPU (LiteRT 2.3.0, XNNPACK, 2 threads)`` -> ``["LiteRT", "XNNPACK", "2 threads"]``:
    the parts of a label after its name, runtimes without their version."""
    _, _, rest = backend.label.partition(" (")
    rest = rest[:-1] if rest.endswith(")") else rest
    return [re.sub(r" \d+(\.\d+)+\S*$", "", p.strip()) for p in rest.split(",") if p.strip()]


def distinguishing_details(backends: Sequence[BackendRecord]) -> dict[str, str]:
    """For backends of the same kind, the first label part that tells them apart (two CPUs:
    ``LiteRT`` and ``tflite-runtime``); backends alone of their kind get none."""
    found: dict[str, str] = {}
    for kind in {b.kind for b in backends}:
        group = [b for b in backends if b.kind == kind]
        if len(group) < 2:
            continue
        details = [label_details(b) for b in group]
        width = max(len(d) for d in details)
        for index in range(width):
            values = [d[index] if index < len(d) else "" for d in details]
            if len(set(values)) > 1:
                found.update({b.id: v for b, v in zip(group, values, strict=True) if v})
                break
    return found


def display_name(backend: BackendRecord, backends: Sequence[BackendRecord]) -> str:
    """``CPU``, or ``CPU (tflite-runtime)`` when another CPU is in the same run, or ``CPU #2``
    when nothing in their labels tells them apart."""
    return names_apart(backends)[backend.id]


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
    """Each backend's short name by id, with the detail that tells it from another backend of
    its kind, and numbered where even that is shared."""
    details = distinguishing_details(backends)
    names = [f"{short_name(b)} ({details[b.id]})" if b.id in details else short_name(b)
             for b in backends]
    return dict(zip([b.id for b in backends], number_apart(names), strict=True))


def speed_phrase(speedup: float) -> str:
    verdict, factor = speed_verdict(speedup)
    if verdict == "same":
        return "as fast as"
    return f"{factor_text(factor)} {verdict} than"


def _versus(record: RunRecord, c: Comparison) -> str:
    base, cand = record.backend(c.baseline), record.backend(str(c.candidate))
    assert base.stats is not None and cand.stats is not None and c.speedup_median is not None
    name = names_apart(record.backends)
    parts = [f"{name[cand.id]} is {speed_phrase(c.speedup_median)} {name[base.id]} "
             f"(median {ms_text(cand.stats.median)} ms vs {ms_text(base.stats.median)} ms)"]
    if c.raw_agreement is not None:
        parts.append(c.raw_agreement.sentence().english())
    elif c.pose_agreement is not None:
        parts.append(c.pose_agreement.sentence().english())
    elif c.pixel_agreement is not None:
        parts.append(f"pixel agreement {c.pixel_agreement:.3f}")
    elif c.agreement is not None:
        parts.append(english(agreement_sentence(c.agreement, name[cand.id], name[base.id])))
    elif c.top1_agree is not None:
        parts.append("same top-1" if c.top1_agree else "different top-1")
    if c.max_score_delta is not None:
        parts.append(f"largest score difference {delta_text(c.max_score_delta)}")
    return " · ".join(parts)


def stopped_after(backends: Sequence[BackendRecord]) -> int | None:
    """The fewest inferences of a backend stopped part-way (its figures are provisional), or
    None when no backend was."""
    counts = [len(b.latencies_ms) for b in backends if b.status == "cancelled" and b.latencies_ms]
    return min(counts) if counts else None


def comparison_sentence(record: RunRecord) -> str:
    """One clause per backend compared with the baseline, then what did not run; a run that
    was stopped says so first: its ratio is provisional."""
    sentence = _sentence(record)
    count = stopped_after(record.backends)
    if count is None:
        return sentence
    return (f"Stopped after {count} inference{'' if count == 1 else 's'}, so this is "
            f"provisional: {sentence}")


def _sentence(record: RunRecord) -> str:
    c = record.comparison
    ran = [b for b in record.backends if b.stats is not None and b.status == "ok"]
    failed = [b for b in record.backends if b.status in ("error", "cancelled")]
    compared = [x for x in (record.comparisons or ([c] if c else []))
                if x.candidate is not None and x.speedup_median is not None]
    if compared:
        clauses = [_versus(record, x) for x in compared]
        if len(record.backends) > 2:
            clauses += [f"{names_apart(record.backends)[b.id]} did not run"
                        + (f" ({b.error.code})" if b.error else "") for b in failed]
        return "; ".join(clauses)
    if not ran:
        return "No backend completed, so there is nothing to compare."
    only = ran[0]
    assert only.stats is not None
    text = f"Only {only.label} ran (median {ms_text(only.stats.median)} ms)"
    if failed:
        reasons = "; ".join(f"{b.label}: {b.error.message if b.error else b.status}"
                            for b in failed)
        text += f"; nothing to compare it with. {reasons}"
    return text
