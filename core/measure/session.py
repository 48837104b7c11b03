"""A session: one comparison run, driven by the command line or by the window's QThread.

``Session(request).prepare()`` validates every input before any worker starts and raises
``AppError`` for a user mistake (the command line's exit 2). ``run(on_event)`` then blocks,
spawning one worker process per backend, and reports progress as plain-data events; ``cancel()``
may be called from any thread and ends every worker promptly. Backends load one after another
and then measure in alternating rounds, so that they never compete for the CPU and both
histograms fill at the same pace. The session's record is what ``core.measure.reducer`` reads from
its own events, the same reading the window makes; with the window's ``TurnGate`` every load and
timed round waits until the window has painted, so that the two never run at the same time.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from core.edgetpu.failures import match_failure
from core.errors import ErrorInfo, error, fail
from core.inputs.model_insight import model_entry
from core.measure.backends import BackendSpec, default_specs
from core.measure.events import (
    BackendFailed,
    BackendFinished,
    BackendLoaded,
    BackendPlan,
    BackendStarted,
    Event,
    FirstInference,
    LatencyBatch,
    RunPlanned,
    SessionFinished,
)
from core.measure.limits import (
    process_paused,
    round_timeout,
    spawn_error,
    stalled_error,
    warmup_timeout,
)
from core.measure.messages import (
    Batch,
    Failed,
    First,
    Imported,
    Load,
    Loaded,
    Output,
    Ready,
    Reply,
    Run,
    SendOutput,
)
from core.measure.planning import Plan, PlannedBackend, host_info, make_plan
from core.measure.reducer import UNFINISHED, RunReducer
from core.measure.turns import TurnGate
from core.measure.worker import Alarm, Died, WorkerHandle, WorkerJob, new_cancel_event
from core.results.comparison import choose_baseline, compare_all
from core.results.records import BackendRecord, Comparison, Prediction, RunRecord
from core.results.stats import compare, dequantize, top_k
from core.tasks.detection import (
    DEFAULT_MAX_RESULTS,
    DEFAULT_THRESHOLD,
    Detections,
    decode_detections,
)
from core.tasks.detection_agreement import compare_detections
from core.tasks.pose import PoseResult, compare_poses, decode_pose
from core.tasks.raw_outputs import RawOutput, compare_outputs
from core.tasks.raw_result import RawResult
from core.tasks.segmentation import (
    SegmentationResult,
    compare_class_maps,
    decode_segmentation,
)
from core.tasks.task_result import TaskResult

SCHEDULES = ("alternate", "sequential")
ROUND_BUDGET_NS = 33_000_000  # a batch at most every ~33 ms: a bounded delivery rate
IMPORT_TIMEOUT_S = 300.0  # importing a runtime on a slow board, many workers at once
LOAD_TIMEOUT_S = 120.0  # loading a model, the first inference (Edge TPU: upload) and warm-ups
ROUND_TIMEOUT_S = 60.0  # one round; longer means the device stopped answering
CANCEL_GRACE_S = 0.5  # after cancel, how long a worker may take to hand over its last batch


@dataclass(frozen=True)
class RunRequest:
    """What to run. ``model`` may be either file of a pair; each backend picks its own."""

    model: Path
    image: Path
    labels: Path | None = None
    edgetpu_model: Path | None = None
    count: int = 50
    warmup: int = 5
    top_k: int = 5
    threshold: float | None = None  # None: the task's default (0 for classes, 0.5 for objects)
    max_detections: int = DEFAULT_MAX_RESULTS
    backends: tuple[BackendSpec, ...] = field(default_factory=lambda: tuple(default_specs()))
    schedule: str = "alternate"
    baseline: str = ""  # the id of the backend the others are compared with ("": the CPU)


EventCallback = Callable[[Event], None]


@dataclass
class _Live:
    """A running backend: its plan, its worker and what it still has to do."""

    planned: PlannedBackend
    record: BackendRecord
    worker: WorkerHandle
    remaining: int


class Session:
    def __init__(self, request: RunRequest) -> None:
        self.request = request
        self._plan: Plan | None = None
        self._cancelled = threading.Event()
        self._worker_cancel = new_cancel_event()
        self._alarm = Alarm()  # rung by cancel(): waits end at once, so nothing polls
        self._workers: list[WorkerHandle] = []
        self._scores: dict[str, np.ndarray] = {}
        self._emit: EventCallback = lambda _event: None
        self._gate: TurnGate | None = None

    @property
    def plan(self) -> Plan:
        if self._plan is None:
            self.prepare()
        assert self._plan is not None
        return self._plan

    def prepare(self) -> Plan:
        """Validate every input; raises AppError for a user mistake. Idempotent."""
        if self._plan is None:
            r = self.request
            if r.schedule not in SCHEDULES:
                raise fail("usage", f"The schedule '{r.schedule}' is not known.",
                           f"Use one of: {', '.join(SCHEDULES)}.")
            self._plan = make_plan(r.model, r.image, r.labels, r.edgetpu_model, r.backends)
        return self._plan

    def cancel(self) -> None:
        """Stop the run from any thread; workers stop within one inference."""
        self._cancelled.set()
        self._worker_cancel.set()
        self._alarm.ring()
        gate = self._gate
        if gate is not None:
            gate.open()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def worker_pids(self) -> list[int]:
        return [w.pid for w in self._workers if w.pid is not None]

    def run(self, on_event: EventCallback | None = None,
            gate: TurnGate | None = None) -> RunRecord:
        """Measure every backend; blocks until done or cancelled. Always reaps its workers.

        With a ``gate`` (the window's), every load and timed round waits for the painter's
        turn first, so that painting and measuring never overlap; rounds are then longer."""
        plan = self.prepare()
        record = self._new_record(plan)
        reducer = RunReducer(record, live=False)  # the one reading of the events, as the window's
        forward = on_event or (lambda _event: None)

        def emit(event: Event) -> None:
            reducer.apply_one(event)
            forward(event)

        self._emit = emit
        self._gate = gate
        if self.cancelled and gate is not None:
            gate.open()
        emit(RunPlanned(tuple(BackendPlan(r.id, r.kind, r.label, str(r.model.get("path", "")),
                                          str(r.runtime.get("spec", "")))
                              for r in record.backends), self.request.count,
                         str(plan.image.path), plan.image.sha256,
                         (plan.image.width, plan.image.height)))
        live: list[_Live] = []
        try:
            for planned, rec in zip(plan.backends, record.backends, strict=True):
                if planned.preflight_error is not None:
                    self._fail(rec, planned.preflight_error)
                    continue
                try:
                    live.append(self._start(planned, rec))
                except OSError as exc:  # no file or process left to start a worker with
                    self._fail(rec, spawn_error(rec.label, exc))
            live = self._keep(live, self._await_import)
            live = self._keep(live, self._load)
            self._measure(live)
        finally:
            for handle in self._workers:
                handle.stop()
            self._alarm.close()
        reducer.close()
        record.comparison = self._comparison(record)
        self._emit(SessionFinished(record))
        return record

    # -- phases ---------------------------------------------------------------------------

    def _start(self, planned: PlannedBackend, rec: BackendRecord) -> _Live:
        assert planned.model is not None and planned.tensor is not None
        job = WorkerJob(planned.id, planned.spec, str(planned.model.path), planned.tensor,
                        self.request.warmup, more_inputs=planned.more_inputs)
        handle = WorkerHandle(job, self._worker_cancel)
        self._workers.append(handle)
        handle.start()
        self._emit(BackendStarted(planned.id, planned.spec.kind, rec.label,
                                  str(planned.model.path)))
        return _Live(planned, rec, handle, self.request.count)

    @staticmethod
    def _keep(live: list[_Live], phase: Callable[[_Live], bool]) -> list[_Live]:
        """The backends that got through ``phase``; the others' workers are reaped at once.

        A worker that failed exits by itself, and its exit (a runtime unloading) is CPU work:
        left alone, it overlapped the first timed round of the backends that did load, whose
        first inferences were then up to twice as slow, in the window and on the command line."""
        kept = []
        for b in live:
            if phase(b):
                kept.append(b)
            else:
                b.worker.stop()
        return kept

    def _await_import(self, b: _Live) -> bool:
        return isinstance(self._receive(b, IMPORT_TIMEOUT_S), Imported)

    def _load(self, b: _Live) -> bool:
        """Load one backend while the others wait, so that load times are not contended."""
        self._turn()
        if self.cancelled or not b.worker.send(Load()):
            return False
        loaded = self._receive(b, LOAD_TIMEOUT_S)
        if not isinstance(loaded, Loaded):
            return False
        rec = b.record
        self._emit(BackendLoaded(rec.id, loaded.label, loaded.runtime_name,
                                 loaded.runtime_version, loaded.device, loaded.load_ms,
                                 (*rec.warnings, *loaded.warnings), loaded.details))
        first = self._receive(b, LOAD_TIMEOUT_S)
        if not isinstance(first, First):
            return False
        self._emit(FirstInference(rec.id, first.ms, *self._decode(b, first.outputs)))
        ready = self._receive(b, warmup_timeout(self.request.warmup, first.ms, LOAD_TIMEOUT_S),
                              work=True)
        return isinstance(ready, Ready)

    def _measure(self, live: list[_Live]) -> None:
        active = [b for b in live if b.remaining > 0]
        for b in live:
            if b.remaining <= 0:
                self._finish(b)
        if self.request.schedule == "sequential":
            for b in active:
                while b.remaining > 0 and not self.cancelled and self._round(b):
                    pass
            return
        while active and not self.cancelled:
            active = [b for b in active if self._round(b) and b.remaining > 0]

    def _round(self, b: _Live) -> bool:
        """One batch of timed inferences; False when the backend is done or failed."""
        self._turn()
        budget = self._gate.round_ns if self._gate is not None else ROUND_BUDGET_NS
        if self.cancelled:
            return False
        if not b.worker.send(Run(b.remaining, budget)):
            self._fail(b.record, error("worker_crashed"))
            return False
        reply = self._receive(b, round_timeout(b.record.first_inference_ms, ROUND_TIMEOUT_S))
        if not isinstance(reply, Batch):
            return False
        batch = np.frombuffer(reply.latencies_ns, dtype=np.int64) / 1e6  # ms, 8 bytes each
        b.remaining -= len(batch)
        if len(batch):
            self._emit(LatencyBatch(b.record.id, batch, len(b.record.latencies_ms) + len(batch),
                                    self.request.count, reply.started_ns, reply.ended_ns,
                                    reply.rewarmed))
        if b.remaining <= 0:
            self._finish(b)
            return False
        return True

    def _finish(self, b: _Live) -> None:
        if not b.worker.send(SendOutput()):
            self._fail(b.record, error("worker_crashed"))
            return
        reply = self._receive(b, ROUND_TIMEOUT_S)
        if not isinstance(reply, Output):
            return
        self._emit(BackendFinished(b.record.id, *self._decode(b, reply.outputs)))

    # -- helpers --------------------------------------------------------------------------

    def _receive(self, b: _Live, timeout: float, work: bool = False) -> Reply | None:
        """Wait for the worker's next message while watching the cancel flag.

        Returns None (after recording the failure) when the worker erred, died or hung, and
        None without a failure when the run was cancelled and the worker had nothing more.
        """
        deadline = time.monotonic() + timeout
        grace_started = False
        while True:
            if self.cancelled and not grace_started:
                # Workers stop within one inference; a pending batch still has time to arrive.
                deadline = min(deadline, time.monotonic() + CANCEL_GRACE_S)
                grace_started = True
            alarm = None if grace_started else self._alarm.reader
            reply = b.worker.receive(deadline - time.monotonic(), alarm)
            if isinstance(reply, Died):
                if not self.cancelled:
                    self._fail(b.record, self._crash_error(b, reply))
                return None
            if isinstance(reply, Failed):
                self._fail(b.record, reply.error)
                return None
            if reply is not None:
                return reply
            if time.monotonic() >= deadline:
                if not self.cancelled:
                    self._fail(b.record, stalled_error(
                        b.record.label, b.planned.spec.kind, timeout, work,
                        process_paused(b.worker.pid)))
                return None

    def _crash_error(self, b: _Live, died: Died) -> ErrorInfo:
        log = b.worker.log_tail()
        detail = f"worker died with {died.signal_name()} during {died.stage}\n{log}".strip()
        known = match_failure(log, exit_code=died.exitcode, stage=died.stage,
                              backend=b.planned.spec.kind, runtime=b.planned.spec.runtime)
        if known is not None:
            return known
        return error("worker_crashed",
                     f"The process measuring {b.record.label} stopped unexpectedly "
                     f"({died.signal_name()} during {died.stage}).", detail=detail)

    def _turn(self) -> None:
        """Before timed work: the window paints what it has been handed, then it is our turn."""
        if self._gate is not None and not self.cancelled:
            self._gate.give_turn()

    def _fail(self, rec: BackendRecord, info: ErrorInfo) -> None:
        if rec.status not in UNFINISHED:
            return
        self._emit(BackendFailed(rec.id, info))

    @property
    def threshold(self) -> float:
        """The score a result must reach: as asked, else the task's default."""
        if self.request.threshold is not None:
            return self.request.threshold
        return DEFAULT_THRESHOLD if self.plan.task.detection is not None else 0.0

    def _decode(self, b: _Live, outputs: tuple[np.ndarray, ...],
                ) -> tuple[tuple[Prediction, ...], TaskResult | None]:
        """The top-k of a classifier, or a detector's objects; once per result, never per
        round."""
        model, plan = b.planned.model, self.plan
        assert model is not None
        layout = plan.task.detection
        if layout is not None and plan.placement is not None:
            names = plan.labels.names if plan.labels is not None else {}
            return (), decode_detections(outputs, layout, plan.placement, names,
                                         self.threshold, self.request.max_detections)
        if plan.task.pose is not None and plan.mask_placement is not None:
            spec = model.outputs[plan.task.pose.output]
            return (), decode_pose(outputs[plan.task.pose.output], plan.mask_placement,
                                   spec.scale, spec.zero_point)
        if plan.task.task == "other":  # kept raw, compared output by output at the end
            return (), RawResult.of([RawOutput(spec.name, values, spec.scale, spec.zero_point)
                                     for spec, values in zip(model.outputs, outputs,
                                                             strict=False)], plan.fed)
        if plan.task.segmentation is not None and plan.mask_placement is not None:
            return (), decode_segmentation(outputs[plan.task.segmentation.output],
                                           plan.mask_placement, plan.labels)
        scores = dequantize(outputs[0], model.output.scale, model.output.zero_point)
        self._scores[b.planned.id] = scores
        return top_k(scores, self.request.top_k, plan.label_of, self.threshold), None

    def _comparison(self, record: RunRecord) -> Comparison | None:
        ok = [r for r in record.backends if r.status == "ok"]
        preferred = self.request.baseline or None
        record.comparisons = [_with_agreement(record, c) for c in
                              compare_all(ok, self._scores, self.request.top_k, preferred)]
        record.attach_differences()
        if record.comparisons:
            return record.comparisons[0]
        baseline = choose_baseline(ok, preferred) or next(
            (r for r in record.backends if r.kind == "cpu"), None)
        return compare(baseline, None, self._scores, self.request.top_k)

    def _new_record(self, plan: Plan) -> RunRecord:
        r = self.request
        backends = []
        for p in plan.backends:
            rec = BackendRecord(p.id, p.spec.kind, p.spec.label(),
                                model=model_entry(p.model, plan.cpu_model),
                                runtime={"name": p.spec.runtime, "spec": p.spec.to_text()})
            rec.warnings.extend(p.warnings)
            backends.append(rec)
        return RunRecord(
            task=plan.task.task,
            created=datetime.now(timezone.utc).isoformat(timespec="seconds"),
            image=plan.image.to_dict(),
            labels=plan.labels.to_dict() if plan.labels else {"path": None, "count": 0},
            settings={"count": r.count, "warmup": r.warmup, "top_k": r.top_k,
                      "threshold": self.threshold, "schedule": r.schedule,
                      "baseline": r.baseline or None,
                      **({"max_detections": r.max_detections}
                         if plan.task.detection is not None else {})},
            host=host_info(),
            backends=backends,
        )


def _with_agreement(record: RunRecord, comparison: Comparison) -> Comparison:
    """A detector's comparison gains which objects both backends found (class and IoU), a
    segmenter's the share of pixels of the same class (Coral's pixel agreement), a pose model's
    how far apart the keypoints both backends are sure of lie."""
    base = record.backend(comparison.baseline).task_result
    other = record.backend(comparison.candidate).task_result \
        if comparison.candidate is not None else None
    if isinstance(base, Detections) and isinstance(other, Detections):
        return replace(comparison, agreement=compare_detections(base.items, other.items))
    if isinstance(base, SegmentationResult) and isinstance(other, SegmentationResult) \
            and base.classes.shape == other.classes.shape:
        return replace(comparison, pixel_agreement=compare_class_maps(
            base.classes, other.classes).pixel_agreement)
    if isinstance(base, PoseResult) and isinstance(other, PoseResult):
        return replace(comparison, pose_agreement=compare_poses(base, other))
    if isinstance(base, RawResult) and isinstance(other, RawResult) and base.outputs \
            and other.outputs:
        return replace(comparison, raw_agreement=compare_outputs(base.outputs, other.outputs))
    return comparison
