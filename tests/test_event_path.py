"""The path every number takes, worker -> session -> reducer -> window or booth: typed from end
to end, and compact (8 bytes a latency) from the worker's round to the result file."""

from __future__ import annotations

import io
import json
import tokenize
import tracemalloc
from array import array
from pathlib import Path

import numpy as np
import pytest

from core.measure.backends import BackendSpec
from core.measure.booth import BoothLoop
from core.measure.events import BackendPlan, LatencyBatch, RunPlanned
from core.measure.reducer import RunReducer
from core.measure.session import RunRequest, Session
from core.results.records import BackendRecord, RunRecord, latency_array
from core.results.result_files import LATENCY_SLICE, to_json
from core.results.stats import LEAN_ABOVE, compute_stats
from core.results.summary import comparison_sentence

REPO = Path(__file__).resolve().parents[1]
EVENT_PATH = (
    "core/measure/worker.py", "core/measure/messages.py", "core/measure/events.py",
    "core/measure/session.py", "core/measure/turns.py", "core/measure/probe.py",
    "core/measure/reducer.py", "core/measure/booth.py", "gui/run/session_runner.py",
    "gui/run/turn_taking.py", "gui/window/main_window.py", "gui/window/main_view_widget.py",
    "gui/booth/window.py",
)


@pytest.mark.parametrize("module", EVENT_PATH)
def test_no_module_on_the_event_path_uses_any(module: str) -> None:
    source = (REPO / module).read_text(encoding="utf-8")
    names = [t for t in tokenize.generate_tokens(io.StringIO(source).readline)
             if t.type == tokenize.NAME and t.string == "Any"]
    assert names == [], f"{module} line {names[0].start[0] if names else 0} uses Any"


def test_an_event_the_reducer_does_not_know_is_refused_not_ignored() -> None:
    with pytest.raises(AssertionError):
        RunReducer().apply_one(object())  # type: ignore[arg-type]
    with pytest.raises(AssertionError):
        BoothLoop([Path("a.jpg")]).apply([object()])  # type: ignore[list-item]


def test_a_run_keeps_its_latencies_as_8_byte_doubles_from_batch_to_record(
        small_model: Path, parrot: Path) -> None:
    batches: list[LatencyBatch] = []
    record = Session(RunRequest(small_model, parrot, count=300, warmup=1,
                                backends=(BackendSpec("cpu", threads=1),))).run(
        lambda e: batches.append(e) if isinstance(e, LatencyBatch) else None)
    kept = record.backends[0].latencies_ms
    assert isinstance(kept, array) and kept.typecode == "d" and kept.itemsize == 8
    assert len(kept) == 300 and all(v > 0 for v in kept)
    assert all(isinstance(b.latencies_ms, np.ndarray) and b.latencies_ms.dtype == np.float64
               for b in batches)
    assert np.array_equal(np.concatenate([b.latencies_ms for b in batches]), np.asarray(kept))


def test_a_window_reading_keeps_the_same_compact_record() -> None:
    reducer = RunReducer()
    reducer.apply([RunPlanned((BackendPlan("cpu", "cpu", "CPU", "m.tflite", "cpu"),), 4),
                   LatencyBatch("cpu", (1.0, 2.0), 2, 4), LatencyBatch("cpu", (3.0, 4.0), 4, 4)])
    cpu = reducer.backend("cpu")
    assert cpu is not None and cpu.latencies_ms == array("d", [1.0, 2.0, 3.0, 4.0])
    assert reducer.series("cpu").count == 4


def _record(latencies: np.ndarray, model: dict[str, object] | None = None) -> RunRecord:
    backend = BackendRecord("cpu", "cpu", 'CPU "latencies_ms": []', model=dict(model or {}))
    backend.add_latencies(latencies)
    return RunRecord("2025-01-01T00:00:00+00:00", {}, {}, {}, {},
                     backends=[backend, BackendRecord("edgetpu", "edgetpu", "Edge TPU")])


def test_the_result_file_written_in_slices_reads_back_as_the_whole_record() -> None:
    values = np.random.default_rng(3).lognormal(0.0, 0.2, 2 * LATENCY_SLICE + 17)
    record = _record(values, {"latencies_ms": [], "path": "m.tflite"})
    written = json.loads(to_json(record))
    assert written.pop("summary") == comparison_sentence(record)  # for people, never read
    assert written == json.loads(json.dumps(record.to_dict())), "the same document"
    assert written["backends"][0]["latencies_ms"] == [round(float(v), 6) for v in values]
    assert written["backends"][0]["model"] == {"latencies_ms": [], "path": "m.tflite"}
    assert written["backends"][1]["latencies_ms"] == []
    assert RunRecord.from_dict(written).backends[0].latencies_ms == \
        array("d", (round(float(v), 6) for v in values))


def test_a_file_record_given_lists_keeps_a_typed_array() -> None:
    record = BackendRecord("cpu", "cpu", "CPU", latencies_ms=[1.5, 2.5])  # type: ignore[arg-type]
    assert isinstance(record.latencies_ms, array) and list(record.latencies_ms) == [1.5, 2.5]


@pytest.mark.parametrize("shape", ["spread", "rounded", "constant", "few values"])
def test_long_runs_statistics_are_numpys_to_the_last_bit(shape: str) -> None:
    rng = np.random.default_rng(11)
    n = LEAN_ABOVE * 3 + 5
    data = {"spread": rng.lognormal(0.0, 0.3, n), "rounded": np.round(rng.lognormal(0, 0.1, n), 2),
            "constant": np.full(n, 0.25), "few values": rng.integers(1, 4, n) * 0.5}[shape]
    stats = compute_stats(latency_array(data))
    assert stats is not None
    assert [stats.median, stats.p90, stats.p99] == [float(v) for v in
                                                    np.percentile(data, [50, 90, 99])]
    assert (stats.min, stats.max, stats.count) == (data.min(), data.max(), n)
    assert stats.mean == pytest.approx(data.mean(), rel=1e-12)
    assert stats.std == pytest.approx(data.std(ddof=1), rel=1e-9, abs=1e-12)


def test_a_long_runs_statistics_make_no_copy_of_its_latencies() -> None:
    kept = latency_array(np.random.default_rng(2).lognormal(0.0, 0.2, 1_000_000))
    tracemalloc.start()
    try:
        compute_stats(kept)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < len(kept) * 8 // 2, f"{peak} bytes for {len(kept) * 8} bytes of latencies"
