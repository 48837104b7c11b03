"""The result model: what one run measured, in the shape of the ``edgetpu-compare/1`` file.

The session fills these records; the command line prints them; the result file is their
``to_dict``; the window draws them, live or loaded back from a file with ``from_dict``.
Latencies are kept in a typed array of doubles, 8 bytes each: a list of Python floats took 32,
and the largest count the command line accepts (10 million) must fit on a 2 GB Raspberry Pi.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any, Literal, get_args

import numpy as np
import numpy.typing as npt

from core.errors import ErrorInfo
from core.results.runtime_fields import upgraded
from core.tasks.detection_agreement import DetectionAgreement
from core.tasks.model_task import TASKS
from core.tasks.pose import PoseAgreement
from core.tasks.raw_outputs import RawAgreement
from core.tasks.raw_result import RawResult, agreement_from_dict
from core.tasks.task_result import TaskResult, result_from_dict, result_to_dict

BackendStatus = Literal["pending", "running", "ok", "error", "cancelled"]
STATUSES: tuple[BackendStatus, ...] = get_args(BackendStatus)

SCHEMA = "edgetpu-compare/2"  # 2 added the task, task results and their agreement
READABLE_SCHEMAS = ("edgetpu-compare/1", SCHEMA)


@dataclass(frozen=True)
class Prediction:
    """One of the top-k results: class id, its label and its dequantised score."""

    id: int
    label: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "score": round(self.score, 6)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Prediction:
        return cls(int(data["id"]), str(data["label"]), float(data["score"]))


@dataclass(frozen=True)
class Stats:
    count: int
    min: float
    median: float
    mean: float
    p90: float
    p99: float
    max: float
    std: float

    def to_dict(self) -> dict[str, float | int]:
        return {k: (v if k == "count" else round(v, 6)) for k, v in self.__dict__.items()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Stats:
        return cls(int(data["count"]), *(float(data[k]) for k in
                                         ("min", "median", "mean", "p90", "p99", "max", "std")))


@dataclass
class BackendRecord:
    """Everything about one backend in one run; mutable while the run fills it."""

    id: str
    kind: str
    label: str
    model: dict[str, Any] = field(default_factory=dict)
    runtime: dict[str, Any] = field(default_factory=dict)
    device: str = ""
    status: BackendStatus = "pending"
    error: ErrorInfo | None = None
    warnings: list[ErrorInfo] = field(default_factory=list)
    load_ms: float | None = None
    first_inference_ms: float | None = None
    latencies_ms: array[float] = field(default_factory=lambda: array("d"))
    stats: Stats | None = None
    results: list[Prediction] = field(default_factory=list)
    task_result: TaskResult | None = None  # what a non-classifier found (a classifier: results)

    def __post_init__(self) -> None:
        if not isinstance(self.latencies_ms, array) or self.latencies_ms.typecode != "d":
            self.latencies_ms = latency_array(self.latencies_ms)

    def add_latencies(self, values: Iterable[float] | npt.NDArray[np.float64]) -> None:
        """Append a batch at the cost of a copy of its bytes, not a Python float each."""
        self.latencies_ms.frombytes(np.asarray(values, dtype=np.float64).tobytes())

    def latency_values(self) -> npt.NDArray[np.float64]:
        """A copy of the latencies as numpy: a view would pin the array (it could not grow)."""
        return np.array(self.latencies_ms, dtype=np.float64)

    def to_dict(self, latencies: bool = True) -> dict[str, Any]:
        """As the result file has it; without ``latencies`` their list is left empty (the
        result file's writer fills it in slices)."""
        return {
            "id": self.id,
            "kind": self.kind,
            "label": self.label,
            "model": self.model,
            "runtime": self.runtime,
            "device": self.device,
            "status": self.status,
            "error": self.error.to_dict() if self.error else None,
            "warnings": [w.to_dict() for w in self.warnings],
            "load_ms": _round(self.load_ms),
            "first_inference_ms": _round(self.first_inference_ms),
            "latencies_ms": rounded(self.latencies_ms) if latencies else [],
            "stats": self.stats.to_dict() if self.stats else None,
            "results": [p.to_dict() for p in self.results],
            **({"task_result": result_to_dict(self.task_result)}
               if self.task_result is not None else {}),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BackendRecord:
        return cls(
            id=str(data["id"]),
            kind=str(data["kind"]),
            label=str(data.get("label", data["id"])),
            model=dict(data.get("model") or {}),
            runtime=upgraded(dict(data.get("runtime") or {})),
            device=str(data.get("device") or ""),
            status=as_status(data.get("status", "error")),
            error=ErrorInfo.from_dict(data["error"]) if data.get("error") else None,
            warnings=[ErrorInfo.from_dict(w) for w in data.get("warnings") or []],
            load_ms=_opt_float(data.get("load_ms")),
            first_inference_ms=_opt_float(data.get("first_inference_ms")),
            latencies_ms=latency_array(float(x) for x in data.get("latencies_ms") or []),
            stats=Stats.from_dict(data["stats"]) if data.get("stats") else None,
            results=[Prediction.from_dict(p) for p in data.get("results") or []],
            task_result=result_from_dict(data["task_result"]) if data.get("task_result")
            else None,
        )


@dataclass(frozen=True)
class Comparison:
    """The baseline (the chosen backend, else the CPU) against another backend."""

    baseline: str
    candidate: str | None
    speedup_median: float | None
    top1_agree: bool | None
    topk_overlap: float | None
    max_score_delta: float | None
    agreement: DetectionAgreement | None = None  # a detector's: objects matched by class, IoU
    pixel_agreement: float | None = None  # a segmenter's: same / (2N - same) of the class maps
    pose_agreement: PoseAgreement | None = None  # a pose model's: keypoint distances
    raw_agreement: RawAgreement | None = None  # any other model's: each output's difference

    def to_dict(self) -> dict[str, Any]:
        return {
            "baseline": self.baseline,
            "candidate": self.candidate,
            "speedup_median": _round(self.speedup_median),
            "top1_agree": self.top1_agree,
            "topk_overlap": _round(self.topk_overlap),
            "max_score_delta": _round(self.max_score_delta),
            **({"agreement": self.agreement.to_dict()} if self.agreement is not None else {}),
            **({"pixel_agreement": _round(self.pixel_agreement)}
               if self.pixel_agreement is not None else {}),
            **({"pose_agreement": self.pose_agreement.to_dict()}
               if self.pose_agreement is not None else {}),
            **({"raw_agreement": self.raw_agreement.to_dict()}
               if self.raw_agreement is not None else {}),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Comparison:
        return cls(
            baseline=str(data.get("baseline", "")),
            candidate=data.get("candidate"),
            speedup_median=_opt_float(data.get("speedup_median")),
            top1_agree=data.get("top1_agree"),
            topk_overlap=_opt_float(data.get("topk_overlap")),
            max_score_delta=_opt_float(data.get("max_score_delta")),
            agreement=DetectionAgreement.from_dict(data["agreement"])
            if data.get("agreement") is not None else None,
            pixel_agreement=_fraction(data.get("pixel_agreement")),
            pose_agreement=PoseAgreement.from_dict(data["pose_agreement"])
            if data.get("pose_agreement") is not None else None,
            raw_agreement=agreement_from_dict(data["raw_agreement"])
            if data.get("raw_agreement") is not None else None,
        )


@dataclass
class RunRecord:
    """One whole run. ``to_dict`` is the result file."""

    created: str
    image: dict[str, Any]
    labels: dict[str, Any]
    settings: dict[str, Any]
    host: dict[str, Any]
    backends: list[BackendRecord] = field(default_factory=list)
    comparison: Comparison | None = None  # the baseline against the first other backend
    comparisons: list[Comparison] = field(default_factory=list)  # against every other one
    published: dict[str, Any] | None = None  # Coral's figure and verdicts (core.edgetpu.verdict)
    task: str = "classification"  # the model's task (core.tasks.model_task), read from it

    def backend(self, backend_id: str) -> BackendRecord:
        for record in self.backends:
            if record.id == backend_id:
                return record
        raise KeyError(backend_id)

    def to_dict(self, latencies: bool = True) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "created": self.created,
            "task": self.task,
            "image": self.image,
            "labels": self.labels,
            "settings": self.settings,
            "host": self.host,
            "backends": [b.to_dict(latencies) for b in self.backends],
            "comparison": self.comparison.to_dict() if self.comparison else None,
            "comparisons": [c.to_dict() for c in self.comparisons],
            **({"published": self.published} if self.published is not None else {}),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RunRecord:
        comparison = Comparison.from_dict(data["comparison"]) if data.get("comparison") \
            else None
        if "comparisons" in data:
            comparisons = [Comparison.from_dict(c) for c in data.get("comparisons") or []]
        else:  # a file from before there were several: its one comparison
            comparisons = [comparison] if comparison and comparison.candidate else []
        record = cls(
            created=str(data.get("created", "")),
            image=dict(data.get("image") or {}),
            labels=dict(data.get("labels") or {}),
            settings=dict(data.get("settings") or {}),
            host=dict(data.get("host") or {}),
            backends=[BackendRecord.from_dict(b) for b in data.get("backends") or []],
            comparison=comparison,
            comparisons=comparisons,
            published=dict(data["published"]) if data.get("published") else None,
            task=_task(data.get("task")),
        )
        record.attach_differences()
        return record

    def attach_differences(self) -> None:
        """Each compared raw result carries its outputs' differences from the baseline's, so
        that its panel lists them beside its outputs."""
        for c in self.comparisons:
            found = next((b for b in self.backends if b.id == c.candidate), None)
            if c.raw_agreement is not None and found is not None \
                    and isinstance(found.task_result, RawResult):
                found.task_result = replace(found.task_result, against=c.raw_agreement)


def latency_array(values: Iterable[float] | npt.NDArray[np.float64] = ()) -> array[float]:
    """Latencies as the record keeps them: a typed array of doubles."""
    kept = array("d")
    data = values if isinstance(values, (np.ndarray, array)) \
        else np.fromiter(values, dtype=np.float64)
    kept.frombytes(np.asarray(data, dtype=np.float64).tobytes())
    return kept


def rounded(values: array[float] | npt.NDArray[np.float64]) -> list[float]:
    """Latencies as the result file writes them: to the nanosecond (6 decimals of a ms)."""
    rounded_values: list[float] = np.round(np.asarray(values, dtype=np.float64), 6).tolist()
    return rounded_values


def as_status(value: object) -> BackendStatus:
    """A status read from a file; anything unknown is an error (the reader checks it first)."""
    return next((s for s in STATUSES if s == value), "error")


def _fraction(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) \
            or not 0.0 <= value <= 1.0:
        raise ValueError("pixel_agreement is not a number from 0 to 1")
    return float(value)


def _task(value: Any) -> str:
    """The task a file names; a version-1 file (no task) held a classifier's result."""
    if value is None:
        return "classification"
    if value not in TASKS:
        raise ValueError(f"task {str(value)[:40]!r} is not one of {', '.join(TASKS)}")
    return str(value)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def _opt_float(value: Any) -> float | None:
    return None if value is None else float(value)
