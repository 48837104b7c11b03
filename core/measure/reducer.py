"""The one place that knows what each session event means for the run's record.

The session applies its own events here to build the ``RunRecord`` it saves; the window applies
the same events (as they arrive in batches) to show the run live; booth mode applies them to
follow each comparison. ``live=True`` also keeps a ``LiveSeries`` per backend, so that painting
reads per-batch statistics instead of recomputing them from the whole history.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from core.errors import ErrorInfo, error
from core.measure.events import (
    BackendFailed,
    BackendFinished,
    BackendLoaded,
    BackendStarted,
    FirstInference,
    LatencyBatch,
    RunPlanned,
    RunRejected,
    SessionFinished,
)
from core.results.live import LiveSeries
from core.results.records import BackendRecord, RunRecord
from core.results.stats import compute_stats

UNFINISHED = ("pending", "running")


@dataclass
class Progress:
    backend_id: str
    done: int
    total: int


class RunReducer:
    def __init__(self, record: RunRecord | None = None, live: bool = True) -> None:
        self.record = record if record is not None else RunRecord("", {}, {}, {}, {})
        self.live = live
        self._series: dict[str, LiveSeries] = {}
        self.progress: dict[str, Progress] = {}
        self.current: str | None = None  # the backend that reported last
        self.rejected: ErrorInfo | None = None
        self.finished = False

    @property
    def backends(self) -> list[BackendRecord]:
        return self.record.backends

    def backend(self, backend_id: str) -> BackendRecord | None:
        return next((b for b in self.record.backends if b.id == backend_id), None)

    def series(self, backend_id: str) -> LiveSeries:
        """The backend's latencies for painting (made from the record once if need be)."""
        series = self._series.get(backend_id)
        record = self.backend(backend_id)
        wanted = len(record.latencies_ms) if record is not None else 0
        if series is None or series.count != wanted:
            series = LiveSeries(record.latencies_ms if record is not None else ())
            self._series[backend_id] = series
        return series

    def apply(self, events: Iterable[Any]) -> set[str]:
        """Apply events in order; returns the ids of the backends that changed."""
        changed: set[str] = set()
        for event in events:
            changed |= self.apply_one(event)
        return changed

    def apply_one(self, event: Any) -> set[str]:
        if isinstance(event, RunPlanned):
            self._plan(event)
            return {b.id for b in self.record.backends}
        if isinstance(event, SessionFinished):
            self._finished(event.result)
            return {b.id for b in self.record.backends}
        if isinstance(event, RunRejected):
            self.rejected = event.error
            self.finished = True
            self.current = None
            return {b.id for b in self.record.backends}
        backend_id = getattr(event, "backend_id", None)
        if backend_id is None:
            return set()
        record = self.backend(backend_id)
        if record is None:  # a session always plans first; an unplanned id is still shown
            record = BackendRecord(backend_id, getattr(event, "kind", ""),
                                   getattr(event, "label", backend_id))
            self.record.backends.append(record)
        self._apply_to(record, event)
        self.current = record.id
        return {record.id}

    def close(self) -> None:
        """The session's end: whatever did not finish was cancelled; statistics are exact."""
        for record in self.record.backends:
            if record.status in UNFINISHED:
                record.status = "cancelled"
                record.error = error("cancelled")
            record.stats = compute_stats(record.latencies_ms)

    def _plan(self, event: RunPlanned) -> None:
        known = {b.id: b for b in self.record.backends}
        backends = []
        for plan in event.backends:
            record = known.get(plan.backend_id) or BackendRecord(plan.backend_id, plan.kind,
                                                                 plan.label)
            record.kind, record.label = plan.kind, plan.label
            if not record.model:
                record.model = {"path": plan.model_path}
            if not record.runtime:
                record.runtime = {"spec": plan.spec}
            backends.append(record)
        self.record.backends = backends

    def _apply_to(self, record: BackendRecord, event: Any) -> None:
        if isinstance(event, BackendStarted):
            record.kind, record.label, record.status = event.kind, event.label, "running"
            if record.model.get("path") != event.model_path:
                record.model = {"path": event.model_path}
        elif isinstance(event, BackendLoaded):
            record.label = event.label
            spec = record.runtime.get("spec")
            record.runtime = {"name": event.runtime_name, "version": event.runtime_version,
                              **({"spec": spec} if spec else {}), **dict(event.details)}
            record.device = event.device
            record.load_ms = event.load_ms
            record.warnings = list(event.warnings)
        elif isinstance(event, FirstInference):
            record.first_inference_ms = event.ms
            record.results = list(event.predictions)
        elif isinstance(event, LatencyBatch):
            series = self.series(record.id) if self.live else None  # before the extend
            record.latencies_ms.extend(event.latencies_ms)
            record.stats = None  # live statistics come from the series
            if series is not None:
                series.extend(event.latencies_ms)
            self.progress[record.id] = Progress(record.id, event.done, event.total)
        elif isinstance(event, BackendFinished):
            record.status = "ok"
            record.results = list(event.predictions)
            values = self._series[record.id].values() if record.id in self._series \
                and self._series[record.id].count == len(record.latencies_ms) \
                else record.latencies_ms
            record.stats = compute_stats(values)
        elif isinstance(event, BackendFailed):
            record.status = "cancelled" if event.error.code == "cancelled" else "error"
            record.error = event.error

    def _finished(self, result: RunRecord) -> None:
        self.record = result
        self.finished = True
        self.current = None
