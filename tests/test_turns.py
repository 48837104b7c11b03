"""The turn gate between measuring and painting, without Qt: who waits for whom, and how long."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from core.measure.backends import BackendSpec
from core.measure.events import Event, LatencyBatch
from core.measure.probe import RunProbe
from core.measure.session import RunRequest, Session
from core.measure.turns import TurnGate


def _measuring(gate: TurnGate, results: list[bool]) -> threading.Thread:
    thread = threading.Thread(target=lambda: results.append(gate.give_turn()))
    thread.start()
    return thread


def test_the_measuring_side_waits_until_the_painter_has_served_its_turn() -> None:
    asked = threading.Event()
    probe = RunProbe()
    gate = TurnGate(notify=asked.set, timeout_s=60, probe=probe)
    results: list[bool] = []
    thread = _measuring(gate, results)
    assert asked.wait(60)
    assert gate.idle(), "while it waits, nothing is timed: painting is safe"
    ticket = gate.take()
    assert ticket == 1 and thread.is_alive() and results == []
    gate.served(ticket)
    thread.join(60)
    assert results == [True] and probe.timeouts == 0
    assert not gate.idle(), "served: the measuring side has the turn at once"


def test_an_older_ticket_does_not_release_a_newer_turn() -> None:
    asked = threading.Semaphore(0)
    probe = RunProbe()
    gate = TurnGate(notify=asked.release, timeout_s=60, probe=probe)
    first: list[bool] = []
    thread = _measuring(gate, first)
    assert asked.acquire(timeout=60)
    gate.served(gate.take())
    thread.join(60)
    second: list[bool] = []
    thread = _measuring(gate, second)
    assert asked.acquire(timeout=60)
    gate.served(1)  # what the painter took before the second turn was asked
    assert gate.idle() and thread.is_alive()
    gate.served(gate.take())
    thread.join(60)
    assert first == second == [True]


def test_the_wait_is_bounded_and_counted() -> None:
    probe = RunProbe()
    gate = TurnGate(timeout_s=0.01, probe=probe)
    assert gate.give_turn() is False
    assert probe.timeouts == 1 and probe.turns == 1


def test_open_ends_every_wait_for_good() -> None:
    asked = threading.Event()
    probe = RunProbe()
    gate = TurnGate(notify=asked.set, timeout_s=60, probe=probe)
    results: list[bool] = []
    thread = _measuring(gate, results)
    assert asked.wait(60)
    gate.open()
    thread.join(60)
    assert results == [True]
    assert gate.give_turn() is True and probe.turns == 1, "an open gate asks nobody"
    assert gate.idle()


def test_serving_with_nobody_waiting_keeps_the_painter_free() -> None:
    probe = RunProbe()
    gate = TurnGate(timeout_s=60, probe=probe)
    gate.served(gate.take())
    assert gate.idle(), "between turns (workers importing) the timer may still paint"


def test_a_session_with_a_gate_measures_only_between_the_painters_turns(
        small_model: Path, parrot: Path) -> None:
    turn = threading.Semaphore(0)
    probe = RunProbe()
    gate = TurnGate(notify=turn.release, timeout_s=60, probe=probe)
    painted: list[tuple[int, int]] = []
    stop = threading.Event()

    def painter() -> None:  # stands in for the window: some work on every turn
        while not stop.is_set():
            if not turn.acquire(timeout=0.05):
                continue
            ticket = gate.take()
            started = time.monotonic_ns()
            sum(i * i for i in range(20_000))
            painted.append((started, time.monotonic_ns()))
            gate.served(ticket)

    thread = threading.Thread(target=painter)
    thread.start()
    events: list[Event] = []
    try:
        record = Session(RunRequest(small_model, parrot, count=800, warmup=1, backends=(
            BackendSpec("cpu", threads=1), BackendSpec("cpu", threads=2)))).run(
                events.append, gate=gate)
    finally:
        stop.set()
        thread.join(60)
    rounds = [(e.started_ns, e.ended_ns) for e in events if isinstance(e, LatencyBatch)]
    assert all(b.status == "ok" for b in record.backends)
    assert probe.turns == len(rounds) + 2, "a turn before each load and each round"
    assert probe.timeouts == 0 and len(painted) == probe.turns
    assert [(p, r) for p in painted for r in rounds if p[0] < r[1] and r[0] < p[1]] == []


def test_a_round_after_a_paint_gap_starts_with_one_untimed_inference(
        small_model: Path, parrot: Path, tmp_path: Path) -> None:
    from core.measure.worker import REWARM_AFTER_NS
    from tests.doubles.fake_runtimes import double

    def invokes(gate: TurnGate | None, name: str) -> tuple[int, int, int]:
        counted = tmp_path / name
        spec = double("cpu", "counting_cpu", count_file=str(counted))
        events: list[Event] = []
        record = Session(RunRequest(small_model, parrot, count=600, warmup=2,
                                    backends=(spec,))).run(events.append, gate=gate)
        assert record.backends[0].status == "ok" and len(record.backends[0].latencies_ms) == 600
        batches = [e for e in events if isinstance(e, LatencyBatch)]
        return counted.stat().st_size, len(batches), sum(b.rewarmed for b in batches)

    # The command line: rounds back to back, so every invoke is the first, a warm-up, timed, or
    # the one untimed inference of a round the host's scheduler delayed past the threshold (a
    # loaded machine does; the worker says which rounds, and no others, had one).
    alone, _, rewarmed = invokes(None, "cli")
    assert alone == 1 + 2 + 600 + rewarmed
    # With a painter that takes longer than the re-warm threshold, each round begins with one
    # untimed inference (the first round too: the load's turn came before it).
    turn = threading.Semaphore(0)
    probe = RunProbe()
    gate = TurnGate(notify=turn.release, timeout_s=60, round_ns=2_000_000, probe=probe)
    stop = threading.Event()

    def painter() -> None:
        while not stop.is_set():
            if turn.acquire(timeout=0.05):
                ticket = gate.take()
                time.sleep(2 * REWARM_AFTER_NS / 1e9)  # the paint: the pause being modelled
                gate.served(ticket)

    thread = threading.Thread(target=painter)
    thread.start()
    try:
        gated, rounds, rewarmed = invokes(gate, "window")
    finally:
        stop.set()
        thread.join(60)
    assert rounds > 3 and rewarmed == rounds and gated == 1 + 2 + 600 + rounds
