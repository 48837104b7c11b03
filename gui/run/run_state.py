"""The run the window shows: built up from live session events, or loaded whole from a file.

Plain Python, no widgets: the window applies batches of events here and then tells the panels
which backends changed. What each event means is ``core.measure.reducer``'s business, the same
reading
the session makes for the record it saves; a finished session replaces everything with its
``RunRecord``, so that the final picture is exactly the one a saved result file reproduces.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from core.errors import ErrorInfo
from core.measure.events import SessionFinished
from core.measure.reducer import Progress, RunReducer
from core.results.live import LiveSeries
from core.results.records import BackendRecord, RunRecord

__all__ = ["Progress", "RunState"]


class RunState:
    def __init__(self) -> None:
        self._reducer = RunReducer()
        self.record: RunRecord | None = None  # set when the run is finished or loaded
        self.live = False

    @property
    def backends(self) -> list[BackendRecord]:
        return self._reducer.backends

    @property
    def progress(self) -> dict[str, Progress]:
        return self._reducer.progress

    @property
    def current(self) -> str | None:
        """The backend that reported last."""
        return self._reducer.current

    @property
    def rejected(self) -> ErrorInfo | None:
        return self._reducer.rejected

    @classmethod
    def planned(cls, backends: Iterable[BackendRecord]) -> RunState:
        """Panels before anything ran: names only, status ``pending``."""
        state = cls()
        state._reducer.record.backends = list(backends)
        return state

    @classmethod
    def from_record(cls, record: RunRecord) -> RunState:
        state = cls()
        state._reducer.apply_one(SessionFinished(record))
        state.record = record
        return state

    def backend(self, backend_id: str) -> BackendRecord | None:
        return self._reducer.backend(backend_id)

    def series(self, backend_id: str) -> LiveSeries:
        """The backend's latencies as painting reads them (per-batch, not per-paint, work)."""
        return self._reducer.series(backend_id)

    def refresh_stats(self) -> None:
        """Live statistics once for the coming paint (batches clear them), from the series:
        the panels and the comparison line read them instead of each recomputing."""
        for record in self.backends:
            if record.stats is None and record.latencies_ms:
                record.stats = self.series(record.id).stats()

    def start_live(self) -> None:
        self.live = True

    def apply(self, events: Iterable[Any]) -> set[str]:
        """Apply a batch; returns the ids of the backends whose numbers or status changed."""
        changed = self._reducer.apply(events)
        if self._reducer.finished:
            self.live = False
            if self._reducer.rejected is None:
                self.record = self._reducer.record
        return changed

