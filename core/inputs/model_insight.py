"""Model insight: what runs where, read from the model files alone (no runtime, no device).

For one file or a ``NAME`` / ``NAME_edgetpu`` pair: input and output as the program uses them,
file size, constant parameter bytes, operators by type, and for a compiled model the operators
outside ``edgetpu-custom-op`` (they run on the CPU, and every hand-over between the two costs a
round trip over USB).

Only what the files prove is stated. The compiled file does not record how many of the original
operations its Edge TPU operation replaced, so that figure is given only for a pair, as the
operations of the CPU model minus those the compiled model keeps outside its Edge TPU operation,
and only when every operation kept outside is one the CPU model has (otherwise the two files are
not one model compiled and the difference would be a guess). Likewise the parameters of a
compiled model sit inside the Edge TPU program, mixed with its instructions, in a layout the
compiler chooses. What a pair proves is a lower bound: the parameters of the operations the Edge
TPU runs, as the CPU model stores them (its parameters minus those the compiled model keeps
outside); the compiled copy is no smaller (8-bit weights stay 8-bit; padding only adds). When that
bound exceeds the Edge TPU's 8 MiB of on-chip memory, some parameters cannot be cached and are
streamed over USB at every inference. Below it, nothing is claimed: whether they all fit depends
on the compiled layout, which the file does not state in a form this program reads.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.inputs.model_info import ModelInfo, read_model, resolve_pair
from core.inputs.pair_check import check_pair
from core.inputs.preprocess import PixelMapping, pixel_mapping

EDGETPU_MEMORY_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True)
class FileInsight:
    """One model file: its ``ModelInfo`` and the pixel mapping the program will apply.

    A model whose input is not a picture (a text model, a pipeline segment) has no mapping: its
    normalisation is given as ``source`` ``not_image``, with no mean or std.
    """

    info: ModelInfo
    mapping: PixelMapping | None

    @classmethod
    def of(cls, info: ModelInfo) -> FileInsight:
        return cls(info, pixel_mapping(info) if info.is_image_model else None)

    def to_dict(self) -> dict[str, Any]:
        i = self.info
        inp = i.input.to_dict()
        inp["normalisation"] = self.mapping.to_dict() if self.mapping else {
            "mean": [], "std": [], "source": "not_image", "raw_pixels": False}
        out = i.output.to_dict()
        out["classes"] = i.num_classes or None
        return {"path": str(i.path), "file_bytes": i.size, "sha256": i.sha256,
                "edgetpu_compiled": i.edgetpu_compiled, "input": inp, "output": out,
                "inputs": [t.to_dict() for t in i.inputs],
                "outputs": [t.to_dict() for t in i.outputs], **i.graph.to_dict()}


@dataclass(frozen=True)
class ModelInsight:
    """A pair (either side may be missing) and what can be concluded from the two files."""

    name: str
    cpu: FileInsight | None
    edgetpu: FileInsight | None

    def on_edgetpu(self) -> int | None:
        """Operations of the CPU model that run inside the Edge TPU operation, when provable."""
        if self.cpu is None or self.edgetpu is None:
            return None
        twin = Counter(dict(self.cpu.info.graph.operator_types))
        kept = Counter(dict(self.edgetpu.info.graph.cpu_operator_types))
        if self.edgetpu.info.graph.edgetpu_custom_ops == 0 or kept - twin:
            return None
        return self.cpu.info.graph.operators - kept.total()

    def edgetpu_parameter_bytes(self) -> int | None:
        """A lower bound of the parameters the Edge TPU holds: the CPU model's, minus those the
        compiled model keeps outside its Edge TPU operation; None when not provable."""
        if self.on_edgetpu() is None:
            return None
        assert self.cpu is not None and self.edgetpu is not None
        return max(self.cpu.info.graph.parameter_bytes
                   - self.edgetpu.info.graph.parameter_bytes, 0)

    def summary(self, info: ModelInfo) -> dict[str, Any]:
        """The ``insight`` object stored with the backend that runs ``info``'s file."""
        g = info.graph
        data: dict[str, Any] = {
            "edgetpu_compiled": info.edgetpu_compiled, "operators": g.operators,
            "edgetpu_custom_ops": g.edgetpu_custom_ops, "cpu_operators": g.cpu_operators,
            "cpu_operator_types": dict(g.cpu_operator_types),
            "parameter_bytes": g.parameter_bytes,
            "float_parameter_bytes": g.float_parameter_bytes,
            "edgetpu_program_bytes": g.edgetpu_program_bytes,
            "cpu_model_operators": None, "on_edgetpu": None, "edgetpu_parameter_bytes": None,
        }
        if info.edgetpu_compiled and self.edgetpu is not None \
                and self.edgetpu.info.path == info.path:
            data["cpu_model_operators"] = self.cpu.info.graph.operators if self.cpu else None
            data["on_edgetpu"] = self.on_edgetpu()
            data["edgetpu_parameter_bytes"] = self.edgetpu_parameter_bytes()
        return data

    def to_dict(self) -> dict[str, Any]:
        """The ``inspect --json`` document."""
        target = self.edgetpu or self.cpu
        assert target is not None
        summary = self.summary(target.info)
        return {"name": self.name,
                "cpu_model": self.cpu.to_dict() if self.cpu else None,
                "edgetpu_model": self.edgetpu.to_dict() if self.edgetpu else None,
                "on_edgetpu": summary["on_edgetpu"],
                "edgetpu_parameter_bytes": summary["edgetpu_parameter_bytes"],
                "edgetpu_memory_bytes": EDGETPU_MEMORY_BYTES,
                "notes": [note_text(n) for n in notes(summary)]}


def inspect_pair(path: Path | str, edgetpu_model: Path | str | None = None) -> ModelInsight:
    """Validate and describe ``path`` and its twin, whatever their task; raises ``AppError``
    like ``read_model``."""
    pair = resolve_pair(path)
    cpu = FileInsight.of(read_model(pair.cpu)) if pair.cpu else None
    tpu_path = edgetpu_model if edgetpu_model is not None else pair.edgetpu
    tpu = FileInsight.of(read_model(tpu_path)) if tpu_path is not None else None
    if tpu is not None and not tpu.info.edgetpu_compiled:
        tpu = None
    if cpu is not None and tpu is not None:
        check_pair(cpu.info, tpu.info)
    return ModelInsight(pair.name, cpu, tpu)


def insight_of(info: ModelInfo, cpu_twin: ModelInfo | None) -> dict[str, Any]:
    """The ``insight`` of a result file's backend model, for the file that backend runs."""
    twin = cpu_twin if cpu_twin is not None and not cpu_twin.edgetpu_compiled else None
    if info.edgetpu_compiled:
        insight = ModelInsight("", FileInsight.of(twin) if twin else None, FileInsight.of(info))
    else:
        insight = ModelInsight("", FileInsight.of(info), None)
    return insight.summary(info)


def model_entry(model: ModelInfo | None, cpu_twin: ModelInfo | None) -> dict[str, Any]:
    """A result file's backend ``model`` object: the file, and what runs where (``insight``)."""
    if model is None:
        return {}
    return {**model.to_dict(), "insight": insight_of(model, cpu_twin)}


# -- Notes: plain sentences, from an ``insight`` dict (which may come from an old file) --------

@dataclass(frozen=True)
class Note:
    """One conclusion. ``kind``: on_edgetpu, cpu_ops, streamed, not_compiled, too_big."""

    kind: str
    count: int = 0
    total: int = 0
    names: tuple[str, ...] = ()
    bytes: int = 0


def notes(insight: Any) -> list[Note]:
    """What a backend's ``insight`` concludes; nothing for a dict this version did not write."""
    if not isinstance(insight, dict):
        return []
    found: list[Note] = []
    on, total = _int(insight.get("on_edgetpu")), _int(insight.get("cpu_model_operators"))
    kept = insight.get("cpu_operator_types")
    kept = {str(k): v for k, v in kept.items() if _int(v)} if isinstance(kept, dict) else {}
    compiled = insight.get("edgetpu_compiled")
    if compiled is True:
        if on is not None and total is not None:
            found.append(Note("on_edgetpu", count=on, total=total))
        if kept:
            found.append(Note("cpu_ops", count=sum(int(v) for v in kept.values()),
                              names=tuple(_op_list(kept))))
        streamed = _int(insight.get("edgetpu_parameter_bytes"))
        if streamed is not None and streamed > EDGETPU_MEMORY_BYTES:
            found.append(Note("streamed", bytes=streamed))
    elif compiled is False:
        operators = _int(insight.get("operators"))
        found.append(Note("not_compiled", total=operators or 0))
        # Float parameters shrink when the model is quantised for the compiler; the rest not.
        params = _int(insight.get("parameter_bytes"))
        fixed = None if params is None else params - (_int(
            insight.get("float_parameter_bytes")) or 0)
        if fixed is not None and fixed > EDGETPU_MEMORY_BYTES:
            found.append(Note("too_big", bytes=fixed))
    return found


MAX_LISTED = 8  # operator types named in a note; the rest is "…"


def _op_list(kept: dict[str, Any]) -> list[str]:
    ordered = sorted(kept.items(), key=lambda item: (-int(item[1]), item[0]))
    names = [name[:64] if int(n) == 1 else f"{name[:64]} ×{int(n)}" for name, n in ordered]
    return names if len(names) <= MAX_LISTED else [*names[:MAX_LISTED], "…"]


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 \
        else None


def mib(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MiB"


def note_text(note: Note) -> str:
    """The English sentence (command line, HTML report); the window has its own, translated."""
    if note.kind == "on_edgetpu":
        return f"{note.count} of {note.total} operations on the Edge TPU."
    if note.kind == "cpu_ops":
        word = "operation" if note.count == 1 else "operations"
        return f"{note.count} {word} on the CPU: {', '.join(note.names)}."
    if note.kind == "streamed":
        return (f"Parameters ({mib(note.bytes)}) exceed the Edge TPU's 8 MiB on-chip memory: "
                "some are streamed over USB at every inference.")
    if note.kind == "not_compiled":
        return (f"Not compiled for the Edge TPU: all {note.total} operations run on the CPU.")
    if note.kind == "too_big":
        return (f"Parameters ({mib(note.bytes)}) exceed the Edge TPU's 8 MiB on-chip memory: "
                "once compiled, some will be streamed over USB at every inference.")
    return ""
