"""What the session and a worker process say to each other over their pipe.

Every message is a frozen dataclass, pickled by ``multiprocessing``; a reader matches on the
class, so a field is read by name and a new message is a type error where it is not handled.
The conversation (docs/worker-protocol.md tells it in full):

    worker  -> Imported                       (runtime imported, idle until told to load)
    session -> Load                 worker -> Loaded, First, Ready   (or Failed)
    session -> Run(max_count, budget_ns)      worker -> Batch        (repeated: the rounds)
    session -> SendOutput           worker -> Output
    session -> Stop                 (the worker returns and exits)

A worker also sends ``Stage`` whenever it enters a step that could crash, so that a crash can be
told apart by where it happened; ``WorkerHandle.receive`` keeps it and never returns it.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from core.errors import ErrorInfo

# -- session -> worker --------------------------------------------------------------------


@dataclass(frozen=True)
class Load:
    """Load the model now (the session loads one backend at a time: fair load times)."""


@dataclass(frozen=True)
class Run:
    """One round: up to ``max_count`` timed inferences, ending once ``budget_ns`` has passed."""

    max_count: int
    budget_ns: int


@dataclass(frozen=True)
class SendOutput:
    """Send the output tensors of the last inference (for the result shown at the end)."""


@dataclass(frozen=True)
class Stop:
    """Leave the loop and exit."""


Command = Load | Run | SendOutput | Stop


# -- worker -> session --------------------------------------------------------------------


@dataclass(frozen=True)
class Stage:
    """The worker entered ``name`` (import, delegate, allocate, invoke): where a crash happened."""

    name: str


@dataclass(frozen=True)
class Imported:
    """The runtime is imported; the worker waits for ``Load``."""


@dataclass(frozen=True)
class Loaded:
    """The interpreter is ready, and what it really runs on."""

    label: str
    runtime_name: str
    runtime_version: str
    device: str
    load_ms: float
    warnings: tuple[ErrorInfo, ...] = ()
    details: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, eq=False)
class First:
    """The first inference: its time and every output tensor (a detector's result is four)."""

    ms: float
    outputs: tuple[npt.NDArray[np.generic], ...]


@dataclass(frozen=True)
class Ready:
    """The warm-ups are done; the worker waits for ``Run``."""


@dataclass(frozen=True, eq=False)
class Batch:
    """One round's latencies in ns, 8 bytes each (a typed array: a list of ints took 36), and
    when the round ran on ``time.monotonic_ns()``, the clock every process of the host shares."""

    latencies_ns: array[int] = field(default_factory=lambda: array("q"))
    started_ns: int = 0
    ended_ns: int = 0
    rewarmed: bool = False  # the round began with one untimed inference (after a pause)


@dataclass(frozen=True, eq=False)
class Output:
    """Every output tensor of the last inference, in the graph's order."""

    outputs: tuple[npt.NDArray[np.generic], ...]


@dataclass(frozen=True)
class Failed:
    """The worker could not go on; ``error`` says why in the user's terms."""

    error: ErrorInfo


Reply = Imported | Loaded | First | Ready | Batch | Output | Failed
