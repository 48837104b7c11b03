"""What a session tells whoever drives it (the command line or the window's QThread).

Every event is a small frozen dataclass of numbers and strings (a batch's latencies: a numpy
array), safe to hand across threads and to queue. A driver receives them in order through the
``on_event`` callback of ``Session.run``; whoever reads them matches on ``Event`` and ends with
``assert_never``, so that a new event is a type error wherever it is not handled.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from core.errors import ErrorInfo
from core.results.records import Prediction, RunRecord
from core.tasks.task_result import TaskResult


@dataclass(frozen=True)
class BackendPlan:
    """One backend the run will measure, as the session named it: the window never guesses."""

    backend_id: str
    kind: str
    label: str
    model_path: str
    spec: str  # the backend's spec as text, e.g. ``cpu:threads=2``


@dataclass(frozen=True)
class RunPlanned:
    """The first event of every run: each backend in order, and the timed inferences each."""

    backends: tuple[BackendPlan, ...]
    count: int
    # The picture (its path, SHA-256 and upright size), on which a panel draws what was found.
    image_path: str = ""
    image_sha256: str = ""
    image_size: tuple[int, int] = (0, 0)


@dataclass(frozen=True)
class BackendStarted:
    """A worker process was spawned for this backend and is loading its runtime and model."""

    backend_id: str
    kind: str
    label: str
    model_path: str


@dataclass(frozen=True)
class BackendLoaded:
    """The interpreter is ready: its load time and what it really runs on."""

    backend_id: str
    label: str
    runtime_name: str
    runtime_version: str
    device: str
    load_ms: float
    warnings: tuple[ErrorInfo, ...] = ()
    # What else the runtime reported (Edge TPU: the library file loaded, its version, the
    # delegate options and the performance level that really applies), as (key, value) pairs.
    details: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class FirstInference:
    """The first invoke() of a backend: often far slower (Edge TPU: uploads the model)."""

    backend_id: str
    ms: float
    predictions: tuple[Prediction, ...]
    result: TaskResult | None = None  # what a non-classifier found (decoded once, here)


@dataclass(frozen=True, eq=False)
class LatencyBatch:
    """Timed inferences since the last batch (warm-ups excluded) and how far the backend is.

    The latencies are a float64 array, 8 bytes each; a sequence given is made one."""

    backend_id: str
    latencies_ms: npt.NDArray[np.float64]
    done: int
    total: int
    # When the round ran, in ``time.monotonic_ns()``: CLOCK_MONOTONIC on Linux, one clock for
    # every process on the host, so a test can check that the window never painted meanwhile.
    started_ns: int = 0
    ended_ns: int = 0
    rewarmed: bool = False  # one untimed inference ran before the round (docs/turn-taking.md)

    def __post_init__(self) -> None:
        values: Sequence[float] | npt.NDArray[np.float64] = self.latencies_ms
        object.__setattr__(self, "latencies_ms", np.asarray(values, dtype=np.float64))


@dataclass(frozen=True)
class BackendFinished:
    """A backend completed all its timed inferences; predictions are from the last one."""

    backend_id: str
    predictions: tuple[Prediction, ...]
    result: TaskResult | None = None


@dataclass(frozen=True)
class BackendFailed:
    """A backend could not start or stopped; the other backends go on."""

    backend_id: str
    error: ErrorInfo


@dataclass(frozen=True)
class SessionFinished:
    """The run ended (completed, failed or cancelled); ``result`` holds everything measured."""

    result: RunRecord


@dataclass(frozen=True)
class RunRejected:
    """The session refused to start (a user mistake found by ``prepare``) or broke unexpectedly."""

    error: ErrorInfo


FinalEvent = SessionFinished | RunRejected
"""The last event of every run."""

Event = (
    RunPlanned
    | BackendStarted
    | BackendLoaded
    | FirstInference
    | LatencyBatch
    | BackendFinished
    | BackendFailed
    | SessionFinished
    | RunRejected
)


def is_final(event: Event) -> bool:
    """True for the event that ends a run."""
    return isinstance(event, (SessionFinished, RunRejected))
