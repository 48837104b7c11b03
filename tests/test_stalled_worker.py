"""A worker that stops answering is said to have stopped, not to have been given too much work.

A timed round lasts about 100 ms whatever ``--count`` is, so a silent round is never a matter of
fewer inferences; a process paused with SIGSTOP is named as paused. The limits are shortened
here so that each case ends in about a second.
"""

from __future__ import annotations

import contextlib
import os
import signal
from pathlib import Path

import pytest

from core.measure import session as session_module
from core.measure.events import Event, LatencyBatch
from core.measure.limits import process_paused, stalled_error
from core.measure.session import RunRequest, Session
from tests.doubles.fake_runtimes import double


def test_a_silent_round_says_the_backend_stopped_responding() -> None:
    info = stalled_error("CPU (LiteRT)", "cpu", 60)
    assert "stopped responding" in info.message
    assert "fewer inferences" not in info.remedy and "--count" not in info.remedy
    paused = stalled_error("Edge TPU", "edgetpu", 60, paused=True)
    assert "paused" in paused.message and "kill -CONT" in paused.remedy


def test_a_hung_round_is_not_blamed_on_the_count(
        small_model: Path, parrot: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(session_module, "ROUND_TIMEOUT_S", 0.5)
    spec = double("cpu", "misbehaving_cpu", action="hang", after="5")  # first + 2 warm-ups + 2
    record = Session(RunRequest(small_model, parrot, count=50, warmup=2,
                                backends=(spec,))).run()
    error = record.backends[0].error
    assert error is not None and error.code == "worker_crashed"
    assert "stopped responding" in error.message and "fewer" not in error.remedy


def test_a_worker_paused_with_sigstop_is_named_as_paused(
        small_model: Path, parrot: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(session_module, "ROUND_TIMEOUT_S", 0.5)
    session = Session(RunRequest(small_model, parrot, count=100_000, warmup=1,
                                 backends=(double("cpu", "misbehaving_cpu", after="999999"),)))
    paused: list[int] = []

    def on_event(event: Event) -> None:
        if isinstance(event, LatencyBatch) and not paused:
            pid = session.worker_pids()[0]
            os.kill(pid, signal.SIGSTOP)
            paused.append(pid)

    try:
        record = session.run(on_event)
    finally:
        for pid in paused:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGCONT)
    error = record.backends[0].error
    assert paused and error is not None and error.code == "worker_crashed"
    assert "paused" in error.message and "fewer" not in error.remedy


def test_a_running_process_is_not_paused() -> None:
    assert not process_paused(os.getpid()) and not process_paused(None)
