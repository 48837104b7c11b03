"""The comparison line, in words someone who never opened a terminal understands, translatable.

A pure function of the backends' records, so it works the same live (stats so far), for a
finished run and for a result file loaded back. It stays honest: "slower" when the accelerator is
slower, and a plain statement instead of a ratio when a backend failed or only one ran.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

from core.edgetpu.verdict import PublishedReport
from core.results.comparison import candidates, choose_baseline, has_numbers
from core.results.records import BackendRecord, Comparison
from core.results.stats import compute_stats, speed_verdict, topk_score_delta
from core.results.summary import stopped_after
from core.tasks.detection import Detections
from core.tasks.pose import PoseResult, compare_poses
from gui.look.agreement_text import agreement_of, agreement_text
from gui.look.formatting import (
    display_name,
    fmt_delta,
    fmt_factor,
    fmt_ms,
    fmt_score,
    label_text,
    tidy,
)
from gui.look.pose_text import pose_agreement_text
from gui.look.published_text import without_device
from gui.look.raw_text import raw_agreement_text

translate = QCoreApplication.translate
SEPARATOR = " · "


def _median(record: BackendRecord) -> float | None:
    stats = record.stats or compute_stats(record.latencies_ms)
    return stats.median if stats else None


def comparison_sentence(backends: Sequence[BackendRecord],
                        comparison: Comparison | None = None, baseline: str | None = None,
                        published: PublishedReport | None = None,
                        figure_apart: bool = False) -> str:
    """``Edge TPU is 11.7× faster (median 3.10 ms vs 36.4 ms) · same top-1 · ...`` or the
    honest equivalent; with more than two backends, each other one against the baseline.
    Where no Edge TPU ran, ``published`` (Coral's figure) says what one would do instead.
    A stopped run says so first: its ratio is provisional. Empty when nothing has happened.
    ``figure_apart``: the sentence as the command line and the report say it, which print
    Coral's figure in a section of its own."""
    sentence = _with_published(backends, comparison, baseline, published, figure_apart)
    stopped = _stopped_note(backends)
    if not stopped or not sentence:
        return tidy(sentence)
    return tidy(SEPARATOR.join([stopped, sentence]))


def speed_row(backends: Sequence[BackendRecord], base: BackendRecord,
              cand: BackendRecord) -> str:
    """The comparison line's speed clause for one pair (the report's Speed row), marked
    provisional when the run was stopped."""
    if _median(base) is None or _median(cand) is None:
        return "–"
    clause = _versus(base, cand, None, backends if len(backends) > 2 else None)[0]
    stopped = _stopped_note(backends)
    return tidy(translate("Comparison", "{stopped}: {speed}").format(
        stopped=stopped, speed=clause) if stopped else clause)


def _stopped_note(backends: Sequence[BackendRecord]) -> str:
    count = stopped_after(backends)
    if count is None:
        return ""
    return translate("Comparison", "Stopped after 1 inference, so this is provisional") \
        if count == 1 else translate(
            "Comparison", "Stopped after {n} inferences, so this is provisional").format(n=count)


def is_provisional(backends: Sequence[BackendRecord]) -> bool:
    return stopped_after(backends) is not None


def _with_published(backends: Sequence[BackendRecord], comparison: Comparison | None,
                    baseline: str | None, published: PublishedReport | None,
                    figure_apart: bool = False) -> str:
    if not backends:
        return ""
    ran = any(b.kind == "edgetpu" and has_numbers(b) for b in backends)  # stopped, it measured
    instead = published is not None and not ran  # Coral's figure stands in for the comparison
    sentence = _sentence(backends, comparison, baseline, instead)
    if published is None or not instead or not sentence or figure_apart:
        return sentence
    return SEPARATOR.join([sentence, without_device(published)])


def _did_not_run(name: str, instead: bool) -> str:
    if instead:
        return translate("Comparison", "{name} did not run").format(name=name)
    return translate("Comparison", "{name} did not run, so there is no comparison").format(
        name=name)


def _sentence(backends: Sequence[BackendRecord], comparison: Comparison | None,
              baseline: str | None, instead: bool) -> str:
    base = choose_baseline(backends, (comparison.baseline if comparison else None) or baseline)
    others = candidates(backends, base)
    failed = [b for b in backends if b.status == "error"]
    stopped = [b for b in backends if b.status == "cancelled" and not b.latencies_ms]
    if base is not None and len(backends) == 2 and others:
        return SEPARATOR.join(_versus(base, others[0], comparison))
    if base is not None and others:
        parts = [part for cand in others for part in _versus(base, cand, comparison, backends)]
        parts += [_did_not_run(display_name(b, backends), instead) for b in failed]
        return SEPARATOR.join(parts)
    if base is None:
        if failed and len(failed) == len(backends):
            return translate("Comparison", "Nothing was measured: no backend could run.")
        if stopped:
            return translate("Comparison", "Stopped before anything was measured.")
        return ""
    parts = [translate("Comparison", "{name}: median {median} ms").format(
        name=display_name(base, backends), median=fmt_ms(_median(base)))]
    if base.results:
        parts.append(translate("Comparison", "top-1 {label} ({score})").format(
            label=label_text(base.results[0].label), score=fmt_score(base.results[0].score)))
    for other in failed:
        parts.append(_did_not_run(display_name(other, backends), instead))
    for other in stopped:
        parts.append(translate("Comparison", "{name} was stopped before it was measured")
                     .format(name=display_name(other, backends)))
    if len(backends) == 1:
        parts.append(translate("Comparison", "only one backend was run"))
    return SEPARATOR.join(parts)


def _versus(base: BackendRecord, cand: BackendRecord, comparison: Comparison | None,
            among: Sequence[BackendRecord] | None = None) -> list[str]:
    """One comparison; ``among`` (more than two backends) names the baseline in each."""
    base_ms, cand_ms = _median(base), _median(cand)
    assert base_ms is not None and cand_ms is not None
    speedup = base_ms / cand_ms if cand_ms > 0 else float("inf")
    names = among or [base, cand]
    values = {"candidate": display_name(cand, names), "baseline": display_name(base, names),
              "fast": fmt_ms(cand_ms), "slow": fmt_ms(base_ms)}
    verdict, factor = speed_verdict(speedup)
    values["factor"] = fmt_factor(factor)
    if verdict != "same":  # the baseline named, as the command line and the report do
        head = translate("Comparison", "{candidate} is {factor} faster than {baseline} "
                                       "(median {fast} ms vs {slow} ms)") if verdict == "faster" \
            else translate("Comparison", "{candidate} is {factor} slower than {baseline} "
                                         "(median {fast} ms vs {slow} ms)")
    else:
        head = translate("Comparison",
                         "{candidate} is as fast as {baseline} (median {fast} ms vs {slow} ms)")
    parts = [head.format(**values)]
    a, b = base.results[:1], cand.results[:1]
    mine = comparison if comparison and comparison.candidate == cand.id else None
    if isinstance(base.task_result, Detections) and isinstance(cand.task_result, Detections):
        agreement = mine.agreement if mine is not None and mine.agreement is not None \
            else agreement_of(base.task_result, cand.task_result)
        parts.append(agreement_text(agreement, values["candidate"], values["baseline"]))
    elif mine is not None and mine.raw_agreement is not None:  # no known task, once finished
        parts.append(raw_agreement_text(mine.raw_agreement))
    elif isinstance(base.task_result, PoseResult) and isinstance(cand.task_result, PoseResult):
        parts.append(pose_agreement_text(
            mine.pose_agreement if mine is not None and mine.pose_agreement is not None
            else compare_poses(base.task_result, cand.task_result)))
    elif mine is not None and mine.pixel_agreement is not None:  # a segmenter, once finished
        parts.append(translate("Comparison", "pixel agreement {value}").format(
            value=f"{mine.pixel_agreement:.3f}"))
    elif a and b:
        if a[0].id == b[0].id:
            parts.append(translate("Comparison", "same top-1"))
        else:
            parts.append(translate("Comparison", "different top-1 ({first} vs {second})")
                         .format(first=label_text(b[0].label), second=label_text(a[0].label)))
        delta = comparison.max_score_delta if comparison and comparison.candidate == cand.id \
            else topk_score_delta(base.results, cand.results)
        if delta is not None:
            parts.append(translate("Comparison", "largest score difference {delta}")
                         .format(delta=fmt_delta(delta)))
    return parts

