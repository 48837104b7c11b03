"""A float model whose scores are all negative (logits) still shows its results and agreement.

The default threshold of 0 once hid every class of such a model: no results, a null top-1
agreement, and no word why. A threshold hides only when it is above 0, and agreement is read
from every score, so a threshold chosen by the user hides rows, not the verdict.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from core.cli.main import main
from core.measure import session as session_module
from core.measure.backends import BackendSpec
from core.measure.session import RunRequest, Session
from core.results.records import BackendRecord, Prediction
from core.results.stats import compare, top_k

LOGITS = np.array([-4.0, -0.5, -2.0, -9.0])


def test_negative_scores_are_results_under_the_default_threshold() -> None:
    got = top_k(LOGITS, 3, lambda i: f"c{i}")
    assert [p.id for p in got] == [1, 2, 0] and got[0].score == -0.5
    assert top_k(LOGITS, 3, lambda i: f"c{i}", threshold=0.5) == ()  # asked for: hidden


def test_agreement_is_computed_from_every_score_even_when_rows_are_hidden() -> None:
    a = BackendRecord("cpu", "cpu", "CPU", status="ok", results=[])
    b = BackendRecord("cpu-2", "cpu", "CPU", status="ok", results=[])
    other = LOGITS.copy()
    other[[1, 2]] = other[[2, 1]]
    same = compare(a, b, {"cpu": LOGITS, "cpu-2": LOGITS + 0.01}, 2)
    assert same is not None and same.top1_agree is True and same.topk_overlap == 1.0
    differ = compare(a, b, {"cpu": LOGITS, "cpu-2": other}, 1)
    assert differ is not None and differ.top1_agree is False
    saved = compare(BackendRecord("cpu", "cpu", "CPU", results=[Prediction(1, "x", -0.5)]),
                    BackendRecord("e", "edgetpu", "E", results=[Prediction(1, "x", -0.6)]),
                    {}, 5)
    assert saved is not None and saved.top1_agree is True  # a saved file: from its results


def _as_logits(raw: np.ndarray, scale: float, zero_point: int) -> np.ndarray:
    """The real model's scores shifted below 0, as a float model's logits would be."""
    return (scale * (raw.astype(np.float64) - zero_point)).reshape(-1) - 10.0


def test_a_run_of_a_model_with_negative_scores_shows_results_and_top1(
        small_model: Path, parrot: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(session_module, "dequantize", _as_logits)
    cpu1 = BackendSpec("cpu", threads=1)
    record = Session(RunRequest(small_model, parrot, count=2, warmup=0,
                                backends=(cpu1, BackendSpec("cpu", xnnpack=False)))).run()
    assert all(b.results and b.results[0].score < 0 for b in record.backends)
    assert record.comparison is not None and record.comparison.top1_agree is True
    code = main(["run", "--model", str(small_model), "--image", str(parrot), "--count", "2",
                 "--backend", "cpu:threads=1", "--top-k", "2", "--threshold", "0.5"])
    out = capsys.readouterr().out
    assert code == 0 and "no class scored 0.5 or more; lower --threshold" in out
