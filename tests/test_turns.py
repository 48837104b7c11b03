"""The turn gate between measuring and painting, without Qt: who waits for whom, and how long."""

from __future__ import annotations

import threading

from core.turns import TurnGate


def _measuring(gate: TurnGate, results: list[bool]) -> threading.Thread:
    thread = threading.Thread(target=lambda: results.append(gate.give_turn()))
    thread.start()
    return thread


def test_the_measuring_side_waits_until_the_painter_has_served_its_turn() -> None:
    asked = threading.Event()
    gate = TurnGate(notify=asked.set, timeout_s=60)
    results: list[bool] = []
    thread = _measuring(gate, results)
    assert asked.wait(60)
    assert gate.idle(), "while it waits, nothing is timed: painting is safe"
    ticket = gate.take()
    assert ticket == 1 and thread.is_alive() and results == []
    gate.served(ticket)
    thread.join(60)
    assert results == [True] and gate.timeouts == 0
    assert not gate.idle(), "served: the measuring side has the turn at once"


def test_an_older_ticket_does_not_release_a_newer_turn() -> None:
    asked = threading.Semaphore(0)
    gate = TurnGate(notify=asked.release, timeout_s=60)
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
    gate = TurnGate(timeout_s=0.01)
    assert gate.give_turn() is False
    assert gate.timeouts == 1 and gate.turns == 1


def test_open_ends_every_wait_for_good() -> None:
    asked = threading.Event()
    gate = TurnGate(notify=asked.set, timeout_s=60)
    results: list[bool] = []
    thread = _measuring(gate, results)
    assert asked.wait(60)
    gate.open()
    thread.join(60)
    assert results == [True]
    assert gate.give_turn() is True and gate.turns == 1, "an open gate asks nobody"
    assert gate.idle()


def test_serving_with_nobody_waiting_keeps_the_painter_free() -> None:
    gate = TurnGate(timeout_s=60)
    gate.served(gate.take())
    assert gate.idle(), "between turns (workers importing) the timer may still paint"
