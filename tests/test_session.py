"""The session with real worker processes, real LiteRT and real Coral models.

The Edge TPU is the one thing absent: its paths run through the doubles in tests/doubles.
"""

from __future__ import annotations

import itertools
import shutil
import threading
from pathlib import Path
from typing import Any

import psutil
import pytest

from core.measure.backends import BackendSpec
from core.measure.events import (
    BackendFailed,
    BackendFinished,
    BackendLoaded,
    BackendStarted,
    Event,
    FirstInference,
    LatencyBatch,
    RunPlanned,
    SessionFinished,
)
from core.measure.messages import Run
from core.measure.session import RunRequest, Session
from core.results.records import RunRecord
from tests.doubles.fake_runtimes import double

CPU1 = BackendSpec("cpu", threads=1)
BIRD_TOP1 = (923, "Ara macao (Scarlet Macaw)")


def _run(request: RunRequest) -> tuple[RunRecord, list[Event], Session]:
    events: list[Event] = []
    session = Session(request)
    record = session.run(events.append)
    return record, events, session


def _assert_reaped(session: Session) -> None:
    pids = session.worker_pids()
    assert pids, "the session started no worker"
    for pid in pids:
        assert not psutil.pid_exists(pid) or \
            psutil.Process(pid).status() == psutil.STATUS_ZOMBIE, f"worker {pid} outlived"


def test_cpu_classifies_the_parrot_and_edgetpu_explains_its_absence(
        bird_model: Path, bird_labels: Path, parrot: Path) -> None:
    record, events, session = _run(RunRequest(bird_model, parrot, bird_labels, count=20,
                                              warmup=2, backends=(CPU1, BackendSpec("edgetpu"))))
    cpu, tpu = record.backend("cpu"), record.backend("edgetpu")
    assert cpu.status == "ok"
    assert len(cpu.latencies_ms) == 20 and all(x > 0 for x in cpu.latencies_ms)
    assert (cpu.results[0].id, cpu.results[0].label) == BIRD_TOP1
    assert 0.74 <= cpu.results[0].score <= 0.82
    assert cpu.stats is not None and cpu.stats.count == 20
    assert cpu.first_inference_ms is not None and cpu.load_ms is not None
    assert tpu.status == "error" and tpu.error is not None
    assert tpu.error.code == "edgetpu_runtime_missing"
    assert "libedgetpu" in tpu.error.message and tpu.error.remedy
    planned = events[0]
    assert isinstance(planned, RunPlanned) and planned.count == 20
    assert [(p.backend_id, p.kind) for p in planned.backends] == [("cpu", "cpu"),
                                                                   ("edgetpu", "edgetpu")]
    kinds = [type(e) for e in events[1:] if getattr(e, "backend_id", "cpu") == "cpu"]
    assert kinds[:3] == [BackendStarted, BackendLoaded, FirstInference]
    assert kinds[-1] is SessionFinished and BackendFinished in kinds
    batches = [e for e in events if isinstance(e, LatencyBatch)]
    assert sum(len(b.latencies_ms) for b in batches) == 20
    assert batches[-1].done == 20 == batches[-1].total
    assert any(isinstance(e, BackendFailed) and e.backend_id == "edgetpu" for e in events)
    _assert_reaped(session)


def test_compiled_model_given_cpu_runs_its_twin(bird_model: Path, parrot: Path) -> None:
    compiled = bird_model.with_name(bird_model.stem + "_edgetpu.tflite")
    record, _, _ = _run(RunRequest(compiled, parrot, count=3, warmup=0, backends=(CPU1,)))
    cpu = record.backend("cpu")
    assert cpu.status == "ok"
    assert Path(cpu.model["path"]).name == bird_model.name
    assert cpu.model["edgetpu_compiled"] is False
    assert cpu.results[0].label == "class 923"  # no labels given


def test_compiled_model_without_twin_names_the_missing_file(
        tmp_path: Path, bird_model: Path, parrot: Path) -> None:
    compiled = tmp_path / (bird_model.stem + "_edgetpu.tflite")
    shutil.copy(bird_model.with_name(compiled.name), compiled)
    record, _, _ = _run(RunRequest(compiled, parrot, count=3, backends=(CPU1,)))
    cpu = record.backend("cpu")
    assert cpu.status == "error" and cpu.error is not None
    assert cpu.error.code == "model_compiled_for_edgetpu"
    assert bird_model.name in cpu.error.remedy


def test_plain_model_on_the_edgetpu_runs_with_a_warning(
        tmp_path: Path, small_model: Path, parrot: Path) -> None:
    lonely = tmp_path / small_model.name
    shutil.copy(small_model, lonely)
    record, _, _ = _run(RunRequest(lonely, parrot, count=3,
                                   backends=(double("edgetpu", "fake_edgetpu_ok"),)))
    tpu = record.backend("edgetpu")
    assert tpu.status == "ok"
    assert [w.code for w in tpu.warnings] == ["model_not_compiled"]


def test_two_working_backends_alternate_and_agree(
        small_model: Path, coral: Path) -> None:
    image = coral / "images" / "cat.bmp"
    request = RunRequest(small_model, image, coral / "labels" / "imagenet_labels.txt",
                         count=400, warmup=2,
                         backends=(CPU1, double("edgetpu", "fake_edgetpu_ok")))
    record, events, session = _run(request)
    assert [b.status for b in record.backends] == ["ok", "ok"]
    c = record.comparison
    assert c is not None and c.baseline == "cpu" and c.candidate == "edgetpu"
    assert c.top1_agree is True and c.topk_overlap == 1.0
    assert c.max_score_delta is not None and c.max_score_delta < 0.05
    assert c.speedup_median is not None and c.speedup_median > 0
    order = [e.backend_id for e in events if isinstance(e, LatencyBatch)]
    assert len(order) >= 4, "400 fast inferences should take several rounds"
    # Alternating rounds: no backend gets two rounds in a row while the other still has work;
    # once one has finished, the other may run its remaining rounds back to back.
    first_done = next(i for i, e in enumerate(events) if isinstance(e, BackendFinished))
    both_busy = [e.backend_id for e in events[:first_done] if isinstance(e, LatencyBatch)]
    assert len(both_busy) >= 2
    assert all(a != b for a, b in itertools.pairwise(both_busy))
    _assert_reaped(session)


def test_sequential_schedule_runs_one_backend_after_the_other(
        small_model: Path, parrot: Path) -> None:
    request = RunRequest(small_model, parrot, count=300, warmup=0, schedule="sequential",
                         backends=(CPU1, double("edgetpu", "fake_edgetpu_ok")))
    _, events, _ = _run(request)
    order = [e.backend_id for e in events if isinstance(e, LatencyBatch)]
    switches = sum(1 for a, b in itertools.pairwise(order) if a != b)
    assert switches == 1 and order[0] == "cpu"


@pytest.mark.parametrize(("action", "signal_name"), [("segfault", "SIGSEGV"),
                                                     ("abort", "SIGABRT")])
def test_a_crashing_worker_fails_its_backend_only(
        small_model: Path, parrot: Path, action: str, signal_name: str) -> None:
    crashing = double("cpu", "misbehaving_cpu", action=action, after="600")
    record, _, session = _run(RunRequest(small_model, parrot, count=3000, warmup=0,
                                         backends=(CPU1, crashing)))
    assert record.backend("cpu").status == "ok"
    bad = record.backend("cpu-2")
    assert bad.status == "error" and bad.error is not None
    assert bad.error.code == "worker_crashed"
    assert signal_name in bad.error.message
    # Rounds finished before the crash are kept; only the round in flight is lost.
    assert 0 < len(bad.latencies_ms) < 600
    _assert_reaped(session)


def test_invoke_failure_is_a_backend_error(small_model: Path, parrot: Path) -> None:
    failing = double("cpu", "misbehaving_cpu", action="raise", after="0")
    record, _, _ = _run(RunRequest(small_model, parrot, count=5, backends=(failing,)))
    rec = record.backend("cpu")
    assert rec.status == "error" and rec.error is not None
    assert rec.error.code == "invoke_failed"
    assert "FAKE_OP" in rec.error.detail


def test_segfault_while_loading_is_worker_crashed(small_model: Path, parrot: Path) -> None:
    record, _, _ = _run(RunRequest(small_model, parrot, count=5,
                                   backends=(double("cpu", "segfault_while_loading"),)))
    err = record.backend("cpu").error
    assert err is not None and err.code == "worker_crashed" and "allocate" in err.message


@pytest.mark.parametrize(("loader", "code"), [
    ("missing", "edgetpu_runtime_missing"),
    ("nodevice", "edgetpu_not_found"),
    ("mismatch", "runtime_mismatch"),
    ("segfault", "runtime_mismatch"),
])
def test_edgetpu_delegate_failures_have_their_codes(
        bird_model: Path, parrot: Path, loader: str, code: str) -> None:
    spec = double("edgetpu", "edgetpu_with_fake_loader", loader=loader)
    record, _, session = _run(RunRequest(bird_model, parrot, count=5, backends=(CPU1, spec)))
    assert record.backend("cpu").status == "ok"
    err = record.backend("edgetpu").error
    assert err is not None and err.code == code
    assert err.message and err.remedy
    _assert_reaped(session)


def test_cancel_ends_a_long_run_and_reaps_every_worker(small_model: Path,
                                                       parrot: Path) -> None:
    session = Session(RunRequest(small_model, parrot, count=100_000, warmup=0,
                                 backends=(CPU1, double("edgetpu", "fake_edgetpu_ok"))))
    events: list[Event] = []

    def on_event(event: Event) -> None:
        events.append(event)
        if isinstance(event, LatencyBatch) and event.done >= 50:
            session.cancel()

    record = session.run(on_event)
    assert session.cancelled
    assert {b.status for b in record.backends} == {"cancelled"}
    measured = sum(len(b.latencies_ms) for b in record.backends)
    assert 0 < measured < 20_000  # ended long before 200,000 inferences
    assert isinstance(events[-1], SessionFinished)
    _assert_reaped(session)


def test_cancel_from_another_thread_stops_a_hung_backend(small_model: Path,
                                                         parrot: Path) -> None:
    hung = double("cpu", "misbehaving_cpu", action="hang", after="3")
    session = Session(RunRequest(small_model, parrot, count=100, warmup=0, backends=(hung,)))
    started = threading.Event()

    def on_event(event: Event) -> None:
        if isinstance(event, FirstInference):
            started.set()

    done: list[RunRecord] = []
    runner = threading.Thread(target=lambda: done.append(session.run(on_event)))
    runner.start()
    assert started.wait(60)
    session.cancel()
    runner.join(60)
    assert not runner.is_alive() and done
    assert done[0].backend("cpu").status == "cancelled"
    _assert_reaped(session)


def test_a_crash_is_explained_by_what_the_runtime_printed(bird_model: Path,
                                                           parrot: Path) -> None:
    spec = double("edgetpu", "prints_then_segfaults")
    record, _, session = _run(RunRequest(bird_model, parrot, count=5, backends=(spec,)))
    err = record.backend("edgetpu").error
    assert err is not None and err.code == "runtime_mismatch"
    assert "Unsupported data type in custom op handler" in err.detail
    _assert_reaped(session)
    assert not any(Path(w.job.log_path).exists() for w in session._workers)


def test_a_runtime_that_is_not_installed_is_runtime_missing(small_model: Path,
                                                            parrot: Path) -> None:
    import importlib.util

    if importlib.util.find_spec("tflite_runtime") is not None:
        pytest.skip("tflite-runtime is installed here; this checks its absence")
    old = BackendSpec("cpu", runtime="tflite-runtime", threads=1)
    record, _, session = _run(RunRequest(small_model, parrot, count=3, backends=(CPU1, old)))
    assert record.backend("cpu").status == "ok"
    err = record.backend("cpu-2").error
    assert err is not None and err.code == "runtime_missing"
    assert "pip install tflite-runtime" in err.remedy
    _assert_reaped(session)


def test_a_failed_backends_worker_is_gone_before_the_first_timed_round(
        small_model: Path, parrot: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from core.measure import worker as worker_module

    failing = double("edgetpu", "fails_then_exits_slowly", exit_s="30")
    session = Session(RunRequest(small_model, parrot, count=20, warmup=0,
                                 backends=(CPU1, failing)))
    alive_at_rounds: list[list[bool]] = []
    original = worker_module.WorkerHandle.send

    def send(self: Any, message: Any) -> bool:
        if isinstance(message, Run):  # a timed round starts: who else is still there?
            alive_at_rounds.append([w.is_alive() for w in session._workers if w is not self])
        return original(self, message)

    monkeypatch.setattr(worker_module.WorkerHandle, "send", send)
    record = session.run()
    assert record.backend("cpu").status == "ok"
    assert record.backend("edgetpu").error is not None
    assert record.backend("edgetpu").error.code == "edgetpu_not_found"
    assert alive_at_rounds and all(alive == [False] for alive in alive_at_rounds)
    _assert_reaped(session)
