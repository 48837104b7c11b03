"""Which backend is the baseline and which one is compared with it: one rule for everything.

The command line's summary, the saved record, the window's comparison line and booth mode all
ask this one function, so that they never disagree about who is compared with whom.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar


class _Backend(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def kind(self) -> str: ...


B = TypeVar("B", bound=_Backend)


def baseline_pair(backends: Sequence[B], usable: Callable[[B], bool] = lambda _b: True,
                  preferred: str | None = None) -> tuple[B | None, B | None]:
    """``(baseline, candidate)`` among the ``usable`` backends, in their order.

    The baseline is the ``preferred`` backend (by id) when it is usable, else the first CPU
    backend, else (no CPU among them) the first usable backend; the candidate is the first
    other usable backend. Either is None when there is no such backend.
    """
    measured = [b for b in backends if usable(b)]
    baseline = next((b for b in measured if preferred is not None and b.id == preferred), None)
    if baseline is None:
        baseline = next((b for b in measured if b.kind == "cpu"), None)
    if baseline is None and measured:
        baseline = measured[0]
    candidate = next((b for b in measured if b is not baseline), None)
    return baseline, candidate
