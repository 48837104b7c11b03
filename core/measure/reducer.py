"""The one place that knows what each session event means for a run, and the one object that
holds a run's state for whoever shows it.

The session applies its own events here to build the ``RunRecord`` it saves; the window applies
the same events (as they arrive in batches) and its widgets read the run from here; booth mode
applies them to follow each comparison. ``live=True`` also keeps a ``LiveSeries`` per backend,
so that painting reads per-batch statistics instead of recomputing them from the whole history.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import assert_never

from core.errors import ErrorInfo, error
from core.measure.events import (
    BackendFailed,
    BackendFinished,
    BackendLoaded,
    BackendStarted,
    Event,
    FirstInference,
    LatencyBatch,
    RunPlanned,
    RunRejected,
    SessionFinished,
)
from core.results.live import LiveSeries
from core.results.records import BackendRecord, BackendStatus, RunRecord
from core.results.runtime_fields import typed_runtime
from core.results.stats import compute_stats

UNFINISHED: tuple[BackendStatus, ...] = ("pending", "running")


@dataclass
class Progress:
    backend_id: str
    done: int
    total: int


class RunReducer:
    """``run`` is the record as the events built it so far; ``record`` is the finished one (the
    session's own, exactly what a saved result file reproduces), None until then."""

    def __init__(self, run: RunRecord | None = None, live: bool = True) -> None:
        self.run = run if run is not None else RunRecord("", {}, {}, {}, {})
        self.record: RunRecord | None = None
        self.live = live
        self._series: dict[str, LiveSeries] = {}
        self.progress: dict[str, Progress] = {}
        self.current: str | None = None  # the backend that reported last
        self.rejected: ErrorInfo | None = None
        self.finished = False

    @classmethod
    def planned(cls, backends: Iterable[BackendRecord]) -> RunReducer:
        """Backends before anything ran: names only, status ``pending``."""
        reducer = cls()
        reducer.run.backends = list(backends)
        return reducer

    @classmethod
    def from_record(cls, record: RunRecord) -> RunReducer:
        """A finished run, loaded from a file."""
        reducer = cls()
        reducer.apply_one(SessionFinished(record))
        return reducer

    @property
    def backends(self) -> list[BackendRecord]:
        return self.run.backends

    def backend(self, backend_id: str) -> BackendRecord | None:
        return next((b for b in self.run.backends if b.id == backend_id), None)

    def series(self, backend_id: str) -> LiveSeries:
        """The backend's latencies for painting (made from the record once if need be)."""
        series = self._series.get(backend_id)
        record = self.backend(backend_id)
        wanted = len(record.latencies_ms) if record is not None else 0
        if series is None or series.count != wanted:
            series = LiveSeries(record.latency_values() if record is not None else ())
            self._series[backend_id] = series
        return series

    def refresh_stats(self) -> None:
        """Live statistics once for the coming paint (batches clear them), from the series:
        the panels and the comparison line read them instead of each recomputing."""
        for record in self.backends:
            if record.stats is None and record.latencies_ms:
                record.stats = self.series(record.id).stats()

    def apply(self, events: Iterable[Event]) -> set[str]:
        """Apply events in order; returns the ids of the backends that changed."""
        changed: set[str] = set()
        for event in events:
            changed |= self.apply_one(event)
        return changed

    def apply_one(self, event: Event) -> set[str]:
        match event:
            case RunPlanned():
                self._plan(event)
            case SessionFinished(result=result):
                self.run = self.record = result
                self.finished = True
                self.current = None
            case RunRejected(error=info):
                self.rejected = info
                self.finished = True
                self.current = None
            case BackendStarted() | BackendLoaded() | FirstInference() | LatencyBatch() \
                    | BackendFinished() | BackendFailed():
                record = self._record_for(event)
                self._apply_to(record, event)
                self.current = record.id
                return {record.id}
            case _:
                assert_never(event)
        return {b.id for b in self.run.backends}

    def close(self) -> None:
        """The session's end: whatever did not finish was cancelled; statistics are exact."""
        for record in self.run.backends:
            if record.status in UNFINISHED:
                record.status = "cancelled"
                record.error = error("cancelled")
            record.stats = compute_stats(record.latencies_ms)

    def abandon(self) -> None:
        """The session ended without a record (its thread broke): keep what came, unfinished
        backends shown as cancelled."""
        if self.record is None and self.rejected is None:
            for record in self.run.backends:
                if record.status in UNFINISHED:
                    record.status = "cancelled"

    def _record_for(self, event: BackendStarted | BackendLoaded | FirstInference | LatencyBatch
                    | BackendFinished | BackendFailed) -> BackendRecord:
        record = self.backend(event.backend_id)
        if record is None:  # a session always plans first; an unplanned id is still shown
            kind = event.kind if isinstance(event, BackendStarted) else ""
            label = event.label if isinstance(event, (BackendStarted, BackendLoaded)) \
                else event.backend_id
            record = BackendRecord(event.backend_id, kind, label)
            self.run.backends.append(record)
        return record

    def _plan(self, event: RunPlanned) -> None:
        known = {b.id: b for b in self.run.backends}
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
        self.run.backends = backends
        if event.image_path and not self.run.image:
            self.run.image = {"path": event.image_path, "sha256": event.image_sha256,
                              "width": event.image_size[0], "height": event.image_size[1]}

    def _apply_to(self, record: BackendRecord, event: BackendStarted | BackendLoaded
                  | FirstInference | LatencyBatch | BackendFinished | BackendFailed) -> None:
        match event:
            case BackendStarted():
                record.kind, record.label, record.status = event.kind, event.label, "running"
                if record.model.get("path") != event.model_path:
                    record.model = {"path": event.model_path}
            case BackendLoaded():
                record.label = event.label
                spec = record.runtime.get("spec")
                record.runtime = {"name": event.runtime_name, "version": event.runtime_version,
                                  **({"spec": spec} if spec else {}),
                                  **typed_runtime(dict(event.details))}
                record.device = event.device
                record.load_ms = event.load_ms
                record.warnings = list(event.warnings)
            case FirstInference():
                record.first_inference_ms = event.ms
                record.results = list(event.predictions)
                record.task_result = event.result
            case LatencyBatch():
                series = self.series(record.id) if self.live else None  # before the extend
                record.add_latencies(event.latencies_ms)
                record.stats = None  # live statistics come from the series
                if series is not None:
                    series.extend(event.latencies_ms)
                self.progress[record.id] = Progress(record.id, event.done, event.total)
            case BackendFinished():
                record.status = "ok"
                record.results = list(event.predictions)
                record.task_result = event.result
                series = self._series.get(record.id)
                exact = series is not None and series.count == len(record.latencies_ms)
                record.stats = compute_stats(series.values() if series is not None and exact
                                             else record.latencies_ms)
            case BackendFailed():
                record.status = "cancelled" if event.error.code == "cancelled" else "error"
                record.error = event.error
            case _:
                assert_never(event)
