"""Booth mode's loop, without Qt: which image comes next and what the screen shows live.

A booth runs unattended for a whole day, so everything here is bounded: each backend keeps the
latencies of its last ``window`` inferences in a ``deque(maxlen=...)``, one top-1 answer and one
error; the loop keeps counters, never records. The window feeds it the session's events as they
arrive and reads medians, inferences per second and the speedup from it at the paint rate.
"""

from __future__ import annotations

import statistics
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import assert_never

from core.edgetpu.published import PublishedFigure
from core.edgetpu.verdict import CpuVerdict
from core.errors import ErrorInfo
from core.measure.backends import assign_ids
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
from core.measure.published_check import run_figure
from core.measure.reducer import RunReducer
from core.measure.session import RunRequest
from core.results.baseline import baseline_pair
from core.results.records import BackendRecord, Prediction
from core.results.stats import inferences_per_second, speed_verdict
from core.tasks.detection import Detections
from core.tasks.detection_agreement import compare_detections
from core.tasks.pose import PoseResult, compare_poses
from core.tasks.segmentation import SegmentationResult, compare_class_maps
from core.tasks.task_result import TaskResult

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".bmp", ".gif", ".webp"})
DEFAULT_WINDOW = 500  # latencies per backend behind the live median and the plot
DEFAULT_COUNT = 200  # timed inferences per backend and image
DEFAULT_WARMUP = 2
DEFAULT_DWELL_S = 5.0  # an image stays at least this long, so that a visitor can read it
DEFAULT_REJECTED_PAUSE_S = 2.0  # a model that cannot be used stays explained this long
# Silence after which the booth's watchdog gives up on a backend and restarts it with the next
# picture: far above a round (about 100 ms) and a model's loading, far below a session's own
# limits (a minute), which suit a person waiting at a desk, not a booth.
DEFAULT_STALL_S = 30.0
# A top-1 score below this is shown as "not sure": a visitor reads a wrong label at 0.06 as the
# answer, and a classifier's "background" is no answer at all.
SURE_SCORE = 0.25
NO_ANSWER_LABELS = frozenset({"background", "???", ""})


@dataclass(frozen=True)
class BoothConfig:
    """How the loop runs: inferences per image, how long an image stays, the rolling window.

    ``rejected_pause_s`` keeps a folder of unusable pictures (or a model that cannot run at all)
    from restarting sessions back to back all day."""

    count: int = DEFAULT_COUNT
    warmup: int = DEFAULT_WARMUP
    dwell_s: float = DEFAULT_DWELL_S
    window: int = DEFAULT_WINDOW
    rejected_pause_s: float = DEFAULT_REJECTED_PAUSE_S
    stall_s: float = DEFAULT_STALL_S

    def __post_init__(self) -> None:
        if self.count < 1 or self.warmup < 0 or self.dwell_s < 0 or self.window < 1 \
                or self.rejected_pause_s < 0 or self.stall_s <= 0:
            raise ValueError(f"invalid booth configuration: {self}")


def list_images(folder: Path) -> list[Path]:
    """The pictures in ``folder`` (not its subfolders), sorted by name for a stable loop."""
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    return sorted((p for p in entries if p.suffix.lower() in IMAGE_SUFFIXES and p.is_file()),
                  key=lambda p: p.name.lower())


def default_image_folder(dirs: Iterable[Path], current_image: Path | None = None) -> Path | None:
    """The ``images/`` folder of the first models folder with sample pictures (what ``models
    fetch`` brings), else the folder of the image in use, else None."""
    for folder in dirs:
        images = folder / "images"
        if list_images(images):
            return images
    if current_image is not None and list_images(current_image.parent):
        return current_image.parent
    return None


def is_sure(prediction: Prediction) -> bool:
    """Whether a top-1 answer is worth showing as the answer, not as "not sure"."""
    return prediction.score >= SURE_SCORE \
        and prediction.label.strip().lower() not in NO_ANSWER_LABELS


# Masks this alike (Coral's pixel agreement) are the same answer to a visitor: quantised models
# on two backends differ in a few edge pixels.
SAME_MASK = 0.95


def same_answer(baseline: BackendLive, candidate: BackendLive) -> bool | None:
    """Whether two backends gave the same answer for the picture on screen, as the window's
    comparison measures it: the top-1 class, the same objects (class and IoU), masks in pixel
    agreement, keypoints within Coral's tolerance. None while either has no answer."""
    if baseline.top1 is not None and candidate.top1 is not None:
        return baseline.top1.id == candidate.top1.id
    base, other = baseline.result, candidate.result
    if isinstance(base, Detections) and isinstance(other, Detections):
        return compare_detections(base.items, other.items).same
    if isinstance(base, SegmentationResult) and isinstance(other, SegmentationResult) \
            and base.classes.shape == other.classes.shape:
        return compare_class_maps(base.classes, other.classes).pixel_agreement >= SAME_MASK
    if isinstance(base, PoseResult) and isinstance(other, PoseResult):
        return compare_poses(base, other).agrees()
    return None


@dataclass
class BackendLive:
    """One backend as the booth shows it: recent latencies, this image's answer, last error."""

    id: str
    kind: str
    label: str
    window: int
    latencies_ms: deque[float] = field(init=False)
    top1: Prediction | None = None
    result: TaskResult | None = None  # a detector's objects for this image
    error: ErrorInfo | None = None
    inferences: int = 0  # all timed inferences since the booth started

    def __post_init__(self) -> None:
        self.latencies_ms = deque(maxlen=self.window)

    @property
    def measured(self) -> bool:
        return self.error is None and bool(self.latencies_ms)

    def median_ms(self) -> float | None:
        return statistics.median(self.latencies_ms) if self.latencies_ms else None

    def per_second(self) -> float | None:
        """Inferences per second one after another, over the window's latencies."""
        if not self.latencies_ms:
            return None
        return inferences_per_second(statistics.fmean(self.latencies_ms))


@dataclass(frozen=True)
class Speedup:
    """The baseline's median over the candidate's: above 1 the candidate is faster."""

    baseline: BackendLive
    candidate: BackendLive
    factor: float
    same_top1: bool | None

    @property
    def verdict(self) -> str:
        """``faster``, ``slower`` or ``same``: the words differ, so the GUI picks them."""
        return speed_verdict(self.factor)[0]


class BoothLoop:
    """Cycles through ``images`` forever and keeps the live numbers of every backend."""

    def __init__(self, images: Sequence[Path], config: BoothConfig | None = None,
                 start: Path | None = None) -> None:
        if not images:
            raise ValueError("the booth needs at least one image")
        self.images: tuple[Path, ...] = tuple(images)
        self.config = config or BoothConfig()
        self.index = -1  # no image yet; next_image() moves to the first
        if start is not None and start in self.images:
            self.index = self.images.index(start) - 1
        self.backends: dict[str, BackendLive] = {}
        self.comparisons = 0  # sessions that measured at least one backend
        self.rounds = 0  # sessions that ended, whatever their outcome
        self.rejected: ErrorInfo | None = None  # why the session refused the model, if it did
        self.skipped: list[tuple[Path, ErrorInfo]] = []  # pictures taken out of the loop
        self._run: RunReducer | None = None  # the running comparison, as its record says
        self._seen: dict[str, int] = {}  # latencies of that record already in the tiles
        self.baseline: str | None = None  # the backend chosen as baseline, by id
        # Coral's figure for the model, once a comparison has finished (None: it has none)
        self.figure: PublishedFigure | None = None
        self.figure_known = False
        self._last_round: str | None = None  # the backend whose round came back last
        # the answers last compared, by identity, and whether they were the same
        self._same_for: tuple[tuple[object, ...], bool | None] | None = None

    @property
    def current(self) -> Path | None:
        return self.images[self.index] if self.index >= 0 else None

    @property
    def position(self) -> int:
        """1-based number of the current image, for "image 2 of 8"."""
        return self.index + 1

    def next_image(self) -> Path:
        """Move to the next image (after the last comes the first) and forget the last one's
        numbers and answers: nothing measured on another picture may stand beside this one."""
        if not self.images:
            raise ValueError("every picture was taken out of the loop")
        self.index = (self.index + 1) % len(self.images)
        self.rejected = None
        self._same_for = None
        for backend in self.backends.values():
            backend.top1 = None
            backend.result = None
            backend.latencies_ms.clear()
        return self.images[self.index]

    def skip_current(self, info: ErrorInfo) -> Path | None:
        """Take the current picture out of the loop (it cannot be read); the next call of
        ``next_image`` moves to the one after it. Returns the picture taken out."""
        if self.index < 0 or not self.images:
            return None
        image = self.images[self.index]
        self.images = self.images[:self.index] + self.images[self.index + 1:]
        self.index -= 1
        self.skipped.append((image, info))
        return image

    def expect(self, request: RunRequest) -> None:
        """Know the backends of ``request`` before they report, so their tiles show at once."""
        specs = list(request.backends)
        self.baseline = request.baseline or None
        for backend_id, spec in zip(assign_ids(specs), specs, strict=True):
            self._backend(backend_id, spec.kind, spec.label())

    def request(self, template: RunRequest, image: Path) -> RunRequest:
        """The run for ``image``: ``template`` with the booth's count and warm-ups."""
        return replace(template, image=image, count=self.config.count,
                       warmup=self.config.warmup)

    def apply(self, events: Iterable[Event]) -> bool:
        """Take a batch of session events; True when anything shown changed."""
        changed = False
        for event in events:
            changed |= self._apply(event)
        return changed

    def _apply(self, event: Event) -> bool:
        """The session's record says what happened (``core.measure.reducer``, as for the
        window); the tiles follow the backends that changed."""
        match event:
            case RunRejected(error=info):
                self.reject(info)
                return True
            case SessionFinished(result=result):
                self._reducer(fresh=False).apply_one(event)
                self.rounds += 1
                if any(rec.status == "ok" for rec in result.backends):
                    self.comparisons += 1
                self.rejected = None
                self.figure, self.figure_known = run_figure(result), True
                for rec in result.backends:
                    live = self._backend(rec.id, rec.kind, rec.label)
                    live.label = rec.label
                    if rec.status == "ok" and rec.results:
                        live.top1 = rec.results[0]
                    if rec.status == "ok":
                        live.result = rec.task_result
                self._run = None
                return True
            case RunPlanned() | BackendStarted() | BackendLoaded() | FirstInference() \
                    | LatencyBatch() | BackendFinished() | BackendFailed():
                if isinstance(event, LatencyBatch):
                    self._last_round = event.backend_id
                run = self._reducer(fresh=isinstance(event, RunPlanned))
                changed = run.apply_one(event)
                for backend_id in changed:
                    record = run.backend(backend_id)
                    if record is not None:
                        self._follow(record)
                return bool(changed)
            case _:
                assert_never(event)

    def _reducer(self, fresh: bool) -> RunReducer:
        """The running comparison's reader: a new one for each plan (bounded by its count)."""
        if self._run is None or fresh:
            self._run = RunReducer(live=False)
            self._run.run.backends = [BackendRecord(b.id, b.kind, b.label)
                                      for b in self.backends.values()]
            self._seen = {}
        return self._run

    def _follow(self, rec: BackendRecord) -> None:
        live = self._backend(rec.id, rec.kind, rec.label)
        live.label = rec.label
        seen = self._seen.get(rec.id, 0)
        new = rec.latencies_ms[seen:]
        self._seen[rec.id] = len(rec.latencies_ms)
        if new:
            live.error = None
            live.latencies_ms.extend(new)
            live.inferences += len(new)
        if rec.results:
            live.top1 = rec.results[0]
        if rec.task_result is not None:
            live.result = rec.task_result
        if rec.status == "ok":
            live.error = None
        elif rec.status == "error" and rec.error is not None and rec.error is not live.error \
                and rec.error.code != "cancelled":  # the watchdog's reason stays on the tile
            live.error = rec.error
            live.latencies_ms.clear()  # stale numbers must not stand beside a failure
            live.top1 = None
            live.result = None

    def reject(self, info: ErrorInfo) -> None:
        """The session refused to start: a picture it cannot read leaves the loop; anything
        else (the model, the labels) is remembered and shown. Neither counts as a comparison."""
        self.rounds += 1
        current = self.current
        if info.code == "invalid_image" or (current is not None and not current.is_file()):
            self.skip_current(info)
            self.rejected = None
        else:
            self.rejected = info

    def loaded(self) -> bool:
        """Whether a backend of the running session has loaded: every runtime is imported by
        then, and from then on something comes back at least every round."""
        run = self._run
        return run is not None and any(rec.first_inference_ms is not None
                                       for rec in run.run.backends)

    def running(self) -> str | None:
        """The backend the running session is waiting for: backends load one after another in
        plan order, then take rounds in turn, so it is the first that has not loaded, else the
        one after the last to report a round."""
        run = self._run
        if run is None:
            return None
        active = [rec for rec in run.run.backends if rec.status == "running"]
        for rec in active:
            if rec.first_inference_ms is None:
                return rec.id
        ids = [rec.id for rec in active]
        if self._last_round in ids:
            return ids[(ids.index(self._last_round) + 1) % len(ids)]
        return ids[0] if ids else None

    def stalled(self, backend_id: str, info: ErrorInfo) -> None:
        """The watchdog gave up on ``backend_id``: its tile says so until it answers again."""
        live = self.backends.get(backend_id)
        if live is not None:
            live.error = info
            live.latencies_ms.clear()
            live.top1 = None

    def _backend(self, backend_id: str, kind: str, label: str) -> BackendLive:
        live = self.backends.get(backend_id)
        if live is None:
            live = BackendLive(backend_id, kind, label, self.config.window)
            self.backends[backend_id] = live
        elif kind:
            live.kind = kind
        return live

    def published(self) -> CpuVerdict | None:
        """No Edge TPU measured, a CPU did: its median against Coral's figure, else None."""
        measured = [b for b in self.backends.values() if b.measured]
        cpu = next((b for b in measured if b.kind == "cpu"), None)
        median = cpu.median_ms() if cpu is not None else None
        if self.figure is None or cpu is None or median is None or \
                any(b.kind == "edgetpu" for b in measured):
            return None
        return CpuVerdict(cpu.id, median, self.figure.ms, self.figure.conditions.device)

    def speedup(self) -> Speedup | None:
        """The baseline's median over the candidate's (``core.results.baseline``), both measured."""
        baseline, candidate = baseline_pair(list(self.backends.values()), lambda b: b.measured,
                                            self.baseline)
        if baseline is None or candidate is None:
            return None
        base_ms, cand_ms = baseline.median_ms(), candidate.median_ms()
        if base_ms is None or cand_ms is None or cand_ms <= 0:
            return None
        return Speedup(baseline, candidate, base_ms / cand_ms, self._same(baseline, candidate))

    def _same(self, baseline: BackendLive, candidate: BackendLive) -> bool | None:
        """``same_answer``, worked out once per pair of results (two masks are compared pixel
        by pixel; the screen asks at every paint)."""
        key = (baseline.top1, candidate.top1, baseline.result, candidate.result)
        if self._same_for is None or any(a is not b for a, b in zip(key, self._same_for[0],
                                                                     strict=True)):
            self._same_for = (key, same_answer(baseline, candidate))
        return self._same_for[1]
