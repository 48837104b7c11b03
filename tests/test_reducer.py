"""One reading of the events: the session's saved record and the window's live one agree, and
one rule picks the baseline for the command line, the window and booth mode."""

from __future__ import annotations

from pathlib import Path

from core.errors import error
from core.measure.backends import BackendSpec
from core.measure.booth import BoothLoop
from core.measure.events import (
    BackendFailed,
    BackendPlan,
    Event,
    LatencyBatch,
    RunPlanned,
    RunRejected,
    SessionFinished,
)
from core.measure.reducer import RunReducer
from core.measure.session import RunRequest, Session
from core.results.baseline import baseline_pair
from core.results.records import BackendRecord
from tests.doubles.fake_runtimes import double

CPU1 = BackendSpec("cpu", threads=1)


def _record(backend_id: str, kind: str, status: str = "ok") -> BackendRecord:
    return BackendRecord(backend_id, kind, backend_id.upper(), status=status)


def test_cpu_is_the_baseline_and_the_first_other_backend_the_candidate() -> None:
    tpu, cpu, tpu2 = _record("edgetpu", "edgetpu"), _record("cpu", "cpu"), \
        _record("edgetpu-2", "edgetpu")
    assert baseline_pair([tpu, cpu, tpu2]) == (cpu, tpu)


def test_without_a_cpu_the_first_usable_backend_is_the_baseline() -> None:
    tpu, tpu2 = _record("edgetpu", "edgetpu"), _record("edgetpu-2", "edgetpu")
    assert baseline_pair([tpu, tpu2]) == (tpu, tpu2)
    failed_cpu = _record("cpu", "cpu", status="error")
    usable = [failed_cpu, tpu]
    assert baseline_pair(usable, lambda b: b.status == "ok") == (tpu, None)
    assert baseline_pair([], lambda b: True) == (None, None)


def test_a_preferred_baseline_wins_when_it_is_usable() -> None:
    cpu, tpu, tpu2 = _record("cpu", "cpu"), _record("edgetpu", "edgetpu"), \
        _record("edgetpu-2", "edgetpu", status="error")
    assert baseline_pair([cpu, tpu], preferred="edgetpu") == (tpu, cpu)
    ok = lambda b: b.status == "ok"  # noqa: E731
    assert baseline_pair([cpu, tpu, tpu2], ok, preferred="edgetpu-2") == (cpu, tpu)


def test_the_window_reading_the_session_events_builds_the_record_the_session_saves(
        small_model: Path, parrot: Path) -> None:
    events: list[Event] = []
    record = Session(RunRequest(small_model, parrot, count=300, warmup=1, backends=(
        CPU1, double("edgetpu", "fake_edgetpu_ok")))).run(events.append)
    assert isinstance(events[0], RunPlanned)
    window = RunReducer()
    window.apply(e for e in events if not isinstance(e, SessionFinished))
    assert [b.id for b in window.backends] == [b.id for b in record.backends]
    for live, saved in zip(window.backends, record.backends, strict=True):
        assert (live.kind, live.label, live.status, live.device) == \
            (saved.kind, saved.label, saved.status, saved.device)
        assert live.latencies_ms == saved.latencies_ms and len(live.latencies_ms) == 300
        assert live.results == saved.results and live.stats == saved.stats
        assert live.runtime == saved.runtime and live.warnings == saved.warnings
        assert window.series(live.id).count == 300
        assert window.progress[live.id].done == 300
    batches = [e for e in events if isinstance(e, LatencyBatch)]
    assert all(0 < b.started_ns <= b.ended_ns for b in batches)
    assert record.comparison is not None and record.comparison.baseline == "cpu"
    assert record.comparison.candidate == "edgetpu"


def test_a_rejected_run_ends_the_reading_with_its_error() -> None:
    reducer = RunReducer()
    reducer.apply([RunPlanned((BackendPlan("cpu", "cpu", "CPU", "m.tflite", "cpu"),), 10)])
    changed = reducer.apply([RunRejected(error("invalid_image"))])
    assert changed == {"cpu"} and reducer.finished
    assert reducer.rejected is not None and reducer.rejected.code == "invalid_image"


def test_booth_mode_reads_the_same_events_through_the_reducer(tmp_path: Path) -> None:
    (tmp_path / "1.jpg").write_bytes(b"")
    loop = BoothLoop([tmp_path / "1.jpg"])
    plan = RunPlanned((BackendPlan("cpu", "cpu", "CPU", "m", "cpu"),
                       BackendPlan("edgetpu", "edgetpu", "Edge TPU", "m", "edgetpu")), 3)
    loop.apply([plan, LatencyBatch("cpu", (6.0, 6.0), 2, 3), LatencyBatch("cpu", (6.0,), 3, 3),
                LatencyBatch("edgetpu", (2.0, 2.0, 2.0), 3, 3)])
    assert list(loop.backends["cpu"].latencies_ms) == [6.0, 6.0, 6.0]
    speedup = loop.speedup()
    assert speedup is not None and speedup.factor == 3.0
    loop.apply([BackendFailed("edgetpu", error("edgetpu_not_found"))])
    assert loop.backends["edgetpu"].error is not None and loop.speedup() is None
    loop.apply([RunRejected(error("invalid_model"))])
    assert loop.rejected is not None and loop.comparisons == 0 and loop.rounds == 1
