"""A CPU backend's threads each on a core of their own (core.measure.affinity), and the
``pin`` option that leaves placement to the kernel."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.errors import AppError
from core.measure import affinity
from core.measure.affinity import pin_threads, thread_ids
from core.measure.backends import BackendSpec, parse_backend_spec
from core.measure.session import RunRequest, Session

AFFINITY = hasattr(os, "sched_setaffinity") and len(os.sched_getaffinity(0)) >= 2
needs_two_cores = pytest.mark.skipif(not AFFINITY, reason="needs per-thread affinity, 2 cores")


class _Parked:
    """A thread that waits until the test lets it go, with its native id."""

    def __init__(self) -> None:
        self.ready = threading.Event()
        self.go = threading.Event()
        self.tid = 0
        self.thread = threading.Thread(target=self._run)

    def _run(self) -> None:
        self.tid = threading.get_native_id()
        self.ready.set()
        self.go.wait(60)

    def __enter__(self) -> _Parked:
        self.thread.start()
        assert self.ready.wait(60)
        return self

    def __exit__(self, *_: object) -> None:
        self.go.set()
        self.thread.join(60)


@pytest.fixture
def restored() -> Iterator[None]:
    """Give the test's own thread its cores back afterwards."""
    everything = os.sched_getaffinity(0) if AFFINITY else set()
    yield
    if AFFINITY:
        os.sched_setaffinity(threading.get_native_id(), everything)


@needs_two_cores
def test_the_calling_thread_and_each_runtime_thread_get_a_core_of_their_own(
        restored: None) -> None:
    allowed = sorted(os.sched_getaffinity(0))
    with contextlib.ExitStack() as stack:
        others = [stack.enter_context(_Parked()) for _ in allowed[1:]]
        tids = [p.tid for p in others]
        assert set(tids) <= thread_ids()
        cores = pin_threads(tids)
        assert cores == tuple(allowed)
        assert os.sched_getaffinity(threading.get_native_id()) == {cores[0]}
        assert [os.sched_getaffinity(t) for t in tids] == [{c} for c in cores[1:]]


@needs_two_cores
def test_nothing_is_pinned_without_threads_to_keep_apart_or_with_more_than_cores(
        restored: None) -> None:
    before = os.sched_getaffinity(0)
    assert pin_threads([]) == ()
    with _Parked() as a:
        too_many = [a.tid] * len(before)  # with the caller: one thread more than cores
        assert pin_threads(too_many) == ()
        assert os.sched_getaffinity(a.tid) == before
    assert os.sched_getaffinity(threading.get_native_id()) == before


@needs_two_cores
def test_nothing_is_pinned_while_a_core_stays_free(
        restored: None, monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.sched_getaffinity(0)
    more = set(range(max(real) + 1, max(real) + 3)) | real  # two cores more than threads
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: set(more))
    with _Parked() as a:
        assert pin_threads([a.tid] * (len(real) - 1)) == ()  # one per real core, not per core
    monkeypatch.undo()
    assert os.sched_getaffinity(threading.get_native_id()) == real


@needs_two_cores
def test_a_thread_that_ended_undoes_the_pinning(
        restored: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """A thread that was alive when the threads were listed and ended before it was pinned:
    an id above the system's largest never exists (a real ended thread's id can be reused at
    once, even by a thread of this process)."""
    gone = int(Path("/proc/sys/kernel/pid_max").read_text()) + 1
    monkeypatch.setattr(affinity, "thread_ids", lambda: {threading.get_native_id(), gone})
    before = os.sched_getaffinity(0)
    assert pin_threads([gone]) == ()
    assert os.sched_getaffinity(threading.get_native_id()) == before


@needs_two_cores
def test_a_thread_id_of_another_process_is_never_pinned(restored: None) -> None:
    """An ended thread's id may be reused at once by any process on the host."""
    other = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"],
                             stdin=subprocess.PIPE)
    try:
        before = os.sched_getaffinity(other.pid)
        assert pin_threads([other.pid]) == ()
        assert os.sched_getaffinity(other.pid) == before
        assert os.sched_getaffinity(threading.get_native_id()) == os.sched_getaffinity(0)
    finally:
        other.communicate(b"")


@needs_two_cores
@pytest.mark.parametrize(("spec", "pinned"), [("cpu", True),  # one thread per core
                                              ("cpu:pin=off", False),
                                              ("cpu:threads=1", False)])
def test_a_real_run_says_in_its_record_whether_its_threads_were_pinned(
        spec: str, pinned: bool, small_model: Path, parrot: Path) -> None:
    backend = parse_backend_spec(spec)
    record = Session(RunRequest(small_model, parrot, count=5, warmup=1,
                                backends=(backend,))).run()
    cpu = record.backend("cpu")
    assert cpu.status == "ok", cpu.error
    threads = backend.effective_threads
    assert cpu.runtime["threads"] == threads and cpu.runtime["pinned"] is pinned
    if pinned:  # the interpreter's thread and XNNPACK's pool threads: a core each
        assert cpu.runtime["cores"] == sorted(os.sched_getaffinity(0))[:threads]
    else:
        assert cpu.runtime["cores"] == []
    saved = json.loads(json.dumps(record.to_dict()))  # numbers stay numbers in the file
    assert [b["runtime"]["threads"] for b in saved["backends"]] == [threads]
    assert cpu.runtime["spec"] == backend.to_text()


def test_pin_is_a_cpu_option_that_round_trips() -> None:
    spec = parse_backend_spec("cpu:pin=off")
    assert not spec.pin and not spec.pins_threads and spec.to_text() == "cpu:pin=off"
    assert parse_backend_spec(spec.to_text()) == spec
    assert parse_backend_spec("cpu").pins_threads and BackendSpec("cpu").to_text() == "cpu"
    assert not BackendSpec("edgetpu").pins_threads
    with pytest.raises(AppError, match="'pin' is not an option of edgetpu"):
        parse_backend_spec("edgetpu:pin=off")
    with pytest.raises(AppError, match="pin must be on or off"):
        parse_backend_spec("cpu:pin=maybe")


@needs_two_cores
def test_importing_core_keeps_numpy_from_starting_threads_that_spin() -> None:
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    code = "import core, numpy, os; print(len(os.listdir('/proc/self/task')))"
    done = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parents[1],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.stdout.split() == ["1"], done.stderr  # without it: one more thread per core
