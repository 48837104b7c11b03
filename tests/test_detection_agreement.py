"""Agreement of a backend's detections with the baseline's, and its sentence."""

from __future__ import annotations

import pytest

from core.tasks.detection import Box, Detection
from core.tasks.detection_agreement import agreement_sentence, compare_detections, english


def det(class_id: int, score: float, x: float, y: float, w: float = 100,
        h: float = 100) -> Detection:
    return Detection(class_id, f"class {class_id}", score, Box(x, y, x + w, y + h))


CPU = [det(0, 0.9, 0, 0), det(1, 0.8, 200, 0), det(2, 0.7, 400, 0)]


def test_the_same_objects_slightly_moved() -> None:
    tpu = [det(2, 0.69, 405, 0), det(0, 0.88, 0, 5), det(1, 0.8, 200, 0)]
    agreement = compare_detections(CPU, tpu)
    assert (agreement.matched, agreement.baseline_only, agreement.other_only) == (3, 0, 0)
    assert agreement.same
    ious = sorted(iou for _, _, iou in agreement.pairs)
    assert ious[-1] == 1.0 and ious[0] == pytest.approx(95 * 100 / (2 * 10_000 - 9_500))
    assert agreement.mean_iou == pytest.approx(sum(ious) / 3)
    assert agreement.max_score_delta == pytest.approx(0.02)
    assert [(i, j) for i, j, _ in agreement.pairs] == [(0, 1), (1, 2), (2, 0)]
    sentence = agreement_sentence(agreement, "Edge TPU", "CPU")
    assert sentence.kind == "same" and sentence.matched == 3
    assert english(sentence) == (f"Edge TPU found the same 3 objects as CPU, mean IoU "
                                 f"{agreement.mean_iou:.2f}, largest score difference 0.020")


def test_class_and_overlap_both_decide() -> None:
    tpu = [det(1, 0.9, 0, 0),  # the right place, the wrong class
           det(1, 0.8, 260, 0),  # the right class, IoU 40/160 = 0.25: another object
           det(2, 0.7, 420, 0)]  # IoU 80/120 = 0.67: the same object
    agreement = compare_detections(CPU, tpu)
    assert (agreement.matched, agreement.baseline_only, agreement.other_only) == (1, 2, 2)
    assert agreement.pairs == ((2, 2, pytest.approx(80 / 120)),)
    text = english(agreement_sentence(agreement, "Edge TPU", "CPU"))
    assert text == ("Edge TPU and CPU agree on 1 object, mean IoU 0.67; 2 objects found "
                    "only by CPU, 2 objects found only by Edge TPU")


def test_an_iou_of_exactly_one_half_matches() -> None:
    half = compare_detections([det(0, 0.9, 0, 0, 100, 100)], [det(0, 0.9, 0, 0, 50, 100)])
    assert half.matched == 1 and half.mean_iou == 0.5


def test_greedy_by_score_the_best_baseline_object_chooses_first() -> None:
    baseline = [det(0, 0.6, 0, 0), det(0, 0.9, 30, 0)]
    # Overlaps both, the 0.6 one more (IoU 0.82 against 0.67); the 0.9 one still takes it.
    other = [det(0, 0.9, 10, 0)]
    agreement = compare_detections(baseline, other)
    assert [(i, j) for i, j, _ in agreement.pairs] == [(1, 0)]
    assert (agreement.baseline_only, agreement.other_only) == (1, 0)


def test_nothing_found_and_nothing_in_common() -> None:
    empty = compare_detections([], [])
    assert empty.mean_iou is None and empty.max_score_delta is None
    assert english(agreement_sentence(empty, "Edge TPU", "CPU")) == (
        "neither Edge TPU nor CPU found an object above the threshold")
    apart = compare_detections(CPU[:1], [det(0, 0.9, 500, 500)])
    sentence = agreement_sentence(apart, "Edge TPU", "CPU")
    assert sentence.kind == "different"
    assert english(sentence) == ("Edge TPU and CPU agree on no object: 1 object found only "
                                 "by CPU, 1 object found only by Edge TPU")
    one_sided = agreement_sentence(compare_detections(CPU[:2], []), "Edge TPU", "CPU")
    assert one_sided.kind == "different" and one_sided.baseline_only == 2


def test_agreement_as_data() -> None:
    data = compare_detections(CPU[:1], CPU[:1]).to_dict()
    assert data == {"matched": 1, "baseline_only": 0, "other_only": 0, "mean_iou": 1.0,
                    "max_score_delta": 0.0, "pairs": [[0, 0, 1.0]]}
