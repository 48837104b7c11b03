"""The run the window shows: built up from live session events, or loaded whole from a file.

Plain Python, no widgets: the window applies batches of events here and then tells the panels
which backends changed. A finished session replaces everything with its ``RunRecord``, so that the
final picture is exactly the one a saved result file reproduces.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from core.errors import ErrorInfo
from core.events import (
    BackendFailed,
    BackendFinished,
    BackendLoaded,
    BackendStarted,
    FirstInference,
    LatencyBatch,
    SessionFinished,
)
from core.records import BackendRecord, RunRecord
from core.stats import compute_stats
from gui.session_runner import RunRejected


@dataclass
class Progress:
    backend_id: str
    done: int
    total: int


class RunState:
    def __init__(self) -> None:
        self.backends: list[BackendRecord] = []
        self.progress: dict[str, Progress] = {}
        self.current: str | None = None  # the backend that reported last
        self.record: RunRecord | None = None  # set when the run is finished or loaded
        self.rejected: ErrorInfo | None = None
        self.live = False

    @classmethod
    def planned(cls, backends: Iterable[BackendRecord]) -> RunState:
        """Panels before anything ran: names only, status ``pending``."""
        state = cls()
        state.backends = list(backends)
        return state

    @classmethod
    def from_record(cls, record: RunRecord) -> RunState:
        state = cls()
        state._finish(record)
        return state

    def backend(self, backend_id: str) -> BackendRecord | None:
        return next((b for b in self.backends if b.id == backend_id), None)

    def refresh_stats(self) -> None:
        """Compute each backend's statistics once for the coming paint (batches clear them),
        so that the panels and the comparison line read them instead of each recomputing."""
        for record in self.backends:
            if record.stats is None and record.latencies_ms:
                record.stats = compute_stats(record.latencies_ms)

    def start_live(self) -> None:
        self.live = True

    def apply(self, events: Iterable[Any]) -> set[str]:
        """Apply a batch; returns the ids of the backends whose numbers or status changed."""
        changed: set[str] = set()
        for event in events:
            backend_id = getattr(event, "backend_id", None)
            if isinstance(event, BackendStarted):
                self._started(event)
            elif isinstance(event, SessionFinished):
                self._finish(event.result)
                changed.update(b.id for b in self.backends)
                continue
            elif isinstance(event, RunRejected):
                self.rejected = event.error
                self.live = False
                changed.update(b.id for b in self.backends)
                continue
            record = self.backend(backend_id) if backend_id else None
            if record is None and backend_id:
                kind = "edgetpu" if backend_id.startswith("edgetpu") else backend_id.split("-")[0]
                record = BackendRecord(backend_id, kind, backend_id)
                self.backends.append(record)
            if record is None:
                continue
            _apply_to(record, event)
            if isinstance(event, LatencyBatch):
                self.progress[record.id] = Progress(record.id, event.done, event.total)
            self.current = record.id
            changed.add(record.id)
        return changed

    def _started(self, event: BackendStarted) -> None:
        record = self.backend(event.backend_id)
        if record is None:
            record = BackendRecord(event.backend_id, event.kind, event.label)
            self.backends.append(record)
        record.kind, record.label, record.status = event.kind, event.label, "running"
        record.model = {"path": event.model_path}
        self.current = record.id

    def _finish(self, record: RunRecord) -> None:
        self.record = record
        self.backends = list(record.backends)
        self.live = False
        self.current = None


def _apply_to(record: BackendRecord, event: Any) -> None:
    if isinstance(event, BackendLoaded):
        record.label = event.label
        record.runtime = {"name": event.runtime_name, "version": event.runtime_version}
        record.device = event.device
        record.load_ms = event.load_ms
        record.warnings = list(event.warnings)
    elif isinstance(event, FirstInference):
        record.first_inference_ms = event.ms
        record.results = list(event.predictions)
    elif isinstance(event, LatencyBatch):
        record.latencies_ms.extend(event.latencies_ms)
        record.stats = None  # refresh_stats computes it once per paint
    elif isinstance(event, BackendFinished):
        record.status = "ok"
        record.results = list(event.predictions)
        record.stats = compute_stats(record.latencies_ms)
    elif isinstance(event, BackendFailed):
        record.status = "cancelled" if event.error.code == "cancelled" else "error"
        record.error = event.error
