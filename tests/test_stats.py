"""Statistics, top-k, dequantisation and agreement are exact and honest."""

from __future__ import annotations

import numpy as np
import pytest

from core.results.records import BackendRecord, Prediction, Stats
from core.results.stats import compare, compute_stats, dequantize, histogram_bins, top_k


def test_stats_match_numpy_definitions() -> None:
    data = [5.0, 1.0, 3.0, 2.0, 4.0, 100.0]
    s = compute_stats(data)
    assert s is not None
    assert (s.count, s.min, s.max) == (6, 1.0, 100.0)
    assert s.median == pytest.approx(3.5)
    assert s.mean == pytest.approx(np.mean(data))
    assert s.p90 == pytest.approx(np.percentile(data, 90))
    assert s.p99 == pytest.approx(np.percentile(data, 99))
    assert s.std == pytest.approx(np.std(data, ddof=1))


def test_stats_of_nothing_and_of_one() -> None:
    assert compute_stats([]) is None
    one = compute_stats([2.5])
    assert one is not None and one.std == 0.0 and one.median == 2.5


def test_dequantize_uses_scale_and_zero_point() -> None:
    raw = np.array([[0, 128, 255]], dtype=np.uint8)
    assert dequantize(raw, 0.5, 128).tolist() == [-64.0, 0.0, 63.5]
    floats = np.array([0.25, 0.75], dtype=np.float32)
    assert dequantize(floats, 0.0, 0).tolist() == [0.25, 0.75]


def test_top_k_orders_by_score_then_id_and_caps_at_class_count() -> None:
    scores = np.array([0.1, 0.7, 0.1, 0.05])
    names = {1: "macaw"}
    got = top_k(scores, 10, lambda i: names.get(i, f"class {i}"))
    assert [p.id for p in got] == [1, 0, 2, 3]
    assert got[0] == Prediction(1, "macaw", 0.7)
    assert len(top_k(scores, 2, str)) == 2
    assert [p.id for p in top_k(scores, 4, str, threshold=0.1)] == [1, 0, 2]


def _rec(bid: str, kind: str, median: float, results: list[tuple[int, float]]) -> BackendRecord:
    rec = BackendRecord(bid, kind, bid, status="ok")
    rec.stats = Stats(10, median, median, median, median, median, median, 0.0)
    rec.results = [Prediction(i, str(i), s) for i, s in results]
    return rec


def test_compare_speedup_and_agreement() -> None:
    cpu = _rec("cpu", "cpu", 36.0, [(923, 0.79), (1, 0.1), (2, 0.05)])
    tpu = _rec("edgetpu", "edgetpu", 3.0, [(923, 0.77), (2, 0.12), (7, 0.01)])
    c = compare(cpu, tpu, {}, 3)
    assert c is not None
    assert c.speedup_median == pytest.approx(12.0)
    assert c.top1_agree is True
    assert c.topk_overlap == pytest.approx(2 / 3)
    assert c.max_score_delta == pytest.approx(0.07)


def test_compare_uses_full_score_vectors_when_known() -> None:
    cpu = _rec("cpu", "cpu", 2.0, [(0, 0.6)])
    tpu = _rec("edgetpu", "edgetpu", 4.0, [(1, 0.5)])
    scores = {"cpu": np.array([0.6, 0.3, 0.1]), "edgetpu": np.array([0.2, 0.5, 0.3])}
    c = compare(cpu, tpu, scores, 1)
    assert c is not None
    assert c.top1_agree is False
    assert c.speedup_median == pytest.approx(0.5)
    assert c.max_score_delta == pytest.approx(0.4)


def test_compare_with_one_backend_says_nothing_to_compare() -> None:
    c = compare(_rec("cpu", "cpu", 2.0, []), None, {}, 5)
    assert c is not None and c.candidate is None and c.speedup_median is None


def test_histogram_bins_cover_the_data_with_a_readable_count() -> None:
    rng = np.random.default_rng(1)
    data = rng.normal(4.0, 0.2, 5000)
    edges = histogram_bins(data)
    assert edges[0] <= data.min() and edges[-1] >= data.max()
    assert 5 <= edges.size - 1 <= 40
    flat = histogram_bins([3.0, 3.0, 3.0])
    assert flat[0] < 3.0 < flat[-1]


def test_speed_phrase_never_says_one_times() -> None:
    from core.results.summary import speed_phrase

    assert speed_phrase(1.0) == "as fast as"
    assert speed_phrase(0.953) == "1.05× slower than"
    assert speed_phrase(11.74) == "11.7× faster than"
    assert speed_phrase(1.5) == "1.50× faster than"


def test_one_speed_verdict_for_every_view() -> None:
    from core.results.stats import speed_verdict

    assert speed_verdict(1.0) == ("same", 1.0)
    assert speed_verdict(1.03)[0] == "same" and speed_verdict(1 / 1.03)[0] == "same"
    assert speed_verdict(0.970) == ("slower", pytest.approx(1 / 0.970))
    assert speed_verdict(11.7) == ("faster", 11.7)


def test_topk_score_delta_over_shared_classes() -> None:
    from core.results.stats import topk_score_delta

    a = [Prediction(1, "a", 0.8), Prediction(2, "b", 0.1)]
    b = [Prediction(2, "b", 0.25), Prediction(1, "a", 0.7)]
    assert topk_score_delta(a, b) == pytest.approx(0.15)
    assert topk_score_delta(a, [Prediction(9, "z", 0.9)]) is None


def test_terminal_and_window_agree_at_the_edge_of_as_fast() -> None:
    """0.970 read 'as fast as' on the command line and '1.03x slower' in the window."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from core.results.summary import speed_phrase
    from gui.look.comparison_text import comparison_sentence

    cpu = _rec("cpu", "cpu", 3.0, [(1, 0.9)])
    tpu = _rec("edgetpu", "edgetpu", 3.0 / 0.970, [(1, 0.9)])
    assert speed_phrase(0.970).endswith("slower than")
    assert "slower" in comparison_sentence([cpu, tpu])
