"""The one plain sentence that sums up a run, for the command line and reports.

It stays honest when something did not run: it says which backend ran and why the other did not,
and it says "slower" when the accelerator is slower.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from core.io.numbers_text import delta_text, factor_text, ms_text, score_text
from core.results.comparison import candidates, choose_baseline, has_numbers, median_ms
from core.results.records import BackendRecord, RunRecord
from core.results.stats import speed_verdict, topk_score_delta
from core.tasks.detection_agreement import agreement_sentence, english

SEPARATOR = " · "


def short_name(backend: BackendRecord) -> str:
    return "Edge TPU" if backend.kind == "edgetpu" else "CPU"


def label_details(backend: BackendRecord) -> list[str]:
    """``CPU (LiteRT 2.3.0, XNNPACK, 2 threads)`` -> ``["LiteRT", "XNNPACK", "2 threads"]``:
    the parts of a label after its name, runtimes without their version."""
    _, _, rest = backend.label.partition(" (")
    rest = rest[:-1] if rest.endswith(")") else rest
    return [re.sub(r" \d+(\.\d+)+\S*$", "", p.strip()) for p in rest.split(",") if p.strip()]


def distinguishing_details(backends: Sequence[BackendRecord]) -> dict[str, list[str]]:
    """For backends of the same kind, the label parts that tell them apart (two CPUs:
    ``LiteRT`` and ``tflite-runtime``; three: ``XNNPACK, 2 threads``, ``XNNPACK, 1 thread``,
    ``reference kernels, 2 threads``): the parts that differ, in label order, as many as it
    takes; backends alone of their kind get none."""
    found: dict[str, list[str]] = {}
    for kind in {b.kind for b in backends}:
        group = [b for b in backends if b.kind == kind]
        if len(group) < 2:
            continue
        details = [label_details(b) for b in group]
        width = max(len(d) for d in details)
        columns = [[d[index] if index < len(d) else "" for d in details] for index in range(width)]
        chosen: list[list[str]] = []
        for values in columns:
            if len(set(values)) > 1:
                chosen.append(values)
                if len(set(zip(*chosen, strict=True))) == len(group):
                    break
        for position, backend in enumerate(group):
            parts = [values[position] for values in chosen if values[position]]
            if parts:
                found[backend.id] = parts
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
    names = [f"{short_name(b)} ({', '.join(details[b.id])})" if b.id in details else short_name(b)
             for b in backends]
    return dict(zip([b.id for b in backends], number_apart(names), strict=True))


def speed_phrase(speedup: float) -> str:
    verdict, factor = speed_verdict(speedup)
    if verdict == "same":
        return "as fast as"
    return f"{factor_text(factor)} {verdict} than"


def speed_clause(base: BackendRecord, cand: BackendRecord, names: dict[str, str]) -> str:
    """``Edge TPU is 11.7× faster than CPU (median 3.10 ms vs 36.4 ms)``, from the medians."""
    base_ms, cand_ms = median_ms(base), median_ms(cand)
    assert base_ms is not None and cand_ms is not None
    speedup = base_ms / cand_ms if cand_ms > 0 else float("inf")
    return (f"{names[cand.id]} is {speed_phrase(speedup)} {names[base.id]} "
            f"(median {ms_text(cand_ms)} ms vs {ms_text(base_ms)} ms)")


def _versus(record: RunRecord, base: BackendRecord, cand: BackendRecord,
            names: dict[str, str]) -> list[str]:
    """One comparison: the speed, then the agreement, as the window words it."""
    parts = [speed_clause(base, cand, names)]
    c = next((x for x in record.comparisons or ([record.comparison] if record.comparison else [])
              if x.candidate == cand.id), None)
    if c is not None and c.agreement is not None:
        parts.append(english(agreement_sentence(c.agreement, names[cand.id], names[base.id])))
    elif c is not None and c.raw_agreement is not None:
        parts.append(c.raw_agreement.sentence().english())
    elif c is not None and c.pose_agreement is not None:
        parts.append(c.pose_agreement.sentence().english())
    elif c is not None and c.pixel_agreement is not None:
        parts.append(f"pixel agreement {c.pixel_agreement:.3f}")
    elif base.results[:1] and cand.results[:1]:
        first, second = cand.results[0], base.results[0]
        parts.append("same top-1" if first.id == second.id else
                     f"different top-1 ({first.label} vs {second.label})")
        delta = c.max_score_delta if c is not None else topk_score_delta(base.results,
                                                                          cand.results)
        if delta is not None:
            parts.append(f"largest score difference {delta_text(delta)}")
    return parts


def stopped_after(backends: Sequence[BackendRecord]) -> int | None:
    """The fewest inferences of a backend stopped part-way (its figures are provisional), or
    None when no backend was."""
    counts = [len(b.latencies_ms) for b in backends if b.status == "cancelled" and b.latencies_ms]
    return min(counts) if counts else None


def comparison_sentence(record: RunRecord) -> str:
    """The window's comparison line in English, word for word: each backend compared with the
    baseline, or what was measured and what did not run; a run that was stopped says so first,
    since its ratio is provisional. (The window adds Coral's figure where no Edge TPU ran; the
    command line and the report print it apart.)"""
    sentence = _sentence(record)
    stopped = provisional_note(record.backends)
    if not stopped or not sentence:
        return sentence
    return SEPARATOR.join([stopped, sentence])


def provisional_note(backends: Sequence[BackendRecord]) -> str:
    """``Stopped after 14 inferences, so this is provisional``, or ``""`` for a whole run."""
    count = stopped_after(backends)
    if count is None:
        return ""
    return "Stopped after 1 inference, so this is provisional" if count == 1 else \
        f"Stopped after {count} inferences, so this is provisional"


def _sentence(record: RunRecord) -> str:
    backends = record.backends
    preferred = record.comparison.baseline if record.comparison else None
    base = choose_baseline(backends, preferred or str(record.settings.get("baseline") or ""))
    others = candidates(backends, base)
    failed = [b for b in backends if b.status == "error"]
    stopped = [b for b in backends if b.status == "cancelled" and not b.latencies_ms]
    # Where no Edge TPU ran, Coral's figure stands in for the comparison (the window puts it on
    # this line; the command line and the report print it apart): no "so there is none".
    instead = record.published is not None and not any(
        b.kind == "edgetpu" and has_numbers(b) for b in backends)
    did_not_run = " did not run" if instead else " did not run, so there is no comparison"
    names = names_apart(backends) if len(backends) > 2 else \
        names_apart([b for b in (base, *others[:1]) if b is not None])
    if base is not None and others:
        parts = [part for cand in (others if len(backends) > 2 else others[:1])
                 for part in _versus(record, base, cand, names)]
        if len(backends) > 2:
            parts += [names[b.id] + did_not_run for b in failed]
        return SEPARATOR.join(parts)
    if base is None:
        if failed and len(failed) == len(backends):
            return "Nothing was measured: no backend could run."
        return "Stopped before anything was measured." if stopped else ""
    names = names_apart(backends)
    base_ms = median_ms(base)
    parts = [f"{names[base.id]}: median {ms_text(base_ms)} ms"]
    if base.results:
        parts.append(f"top-1 {base.results[0].label} ({score_text(base.results[0].score)})")
    parts += [names[b.id] + did_not_run for b in failed]
    parts += [f"{names[b.id]} was stopped before it was measured" for b in stopped]
    if len(backends) == 1:
        parts.append("only one backend was run")
    return SEPARATOR.join(parts)
