"""The window's words for model insight (``core.inputs.model_insight``), in the current language.

The engine decides what the files prove; this module only says it, for the Edge TPU panels'
line and the model details view. Strings are translated in the ``ModelInsight`` context.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from core.inputs.model_insight import Note, mib, notes
from gui.look.formatting import joined

translate = QCoreApplication.translate
WARNING_KINDS = ("cpu_ops", "streamed", "too_big")  # what makes an Edge TPU slower than hoped


def note_line(note: Note) -> str:
    if note.kind == "on_edgetpu":
        return translate("ModelInsight", "{count} of {total} operations on the Edge TPU.").format(
            count=note.count, total=note.total)
    if note.kind == "cpu_ops":
        names = joined(list(note.names))
        if note.count == 1:  # lupdate marks no plural in translate(): two sentences
            return translate("ModelInsight", "1 operation on the CPU: {names}.").format(
                names=names)
        return translate("ModelInsight", "{count} operations on the CPU: {names}.").format(
            count=note.count, names=names)
    if note.kind == "streamed":
        return translate("ModelInsight", "Parameters ({size}) exceed the Edge TPU's 8 MiB "
                         "on-chip memory: some are streamed over USB at every inference."
                         ).format(size=mib(note.bytes))
    if note.kind == "not_compiled":
        return translate("ModelInsight", "Not compiled for the Edge TPU: all {total} operations "
                         "run on the CPU.").format(total=note.total)
    if note.kind == "too_big":
        return translate("ModelInsight", "Parameters ({size}) exceed the Edge TPU's 8 MiB "
                         "on-chip memory: once compiled, some will be streamed over USB at "
                         "every inference.").format(size=mib(note.bytes))
    return ""


def panel_line(insight: Any) -> tuple[str, str]:
    """The Edge TPU panel's short line and its tooltip, when operations stay on the CPU or
    parameters are streamed (what makes the Edge TPU wait); else two empty strings."""
    found = [n for n in notes(insight) if n.kind in ("cpu_ops", "streamed")]
    short = [note_line(n) if n.kind == "cpu_ops" else translate(
        "ModelInsight", "Parameters streamed over USB ({size} > 8 MiB).").format(size=mib(n.bytes))
        for n in found]
    return "  ·  ".join(short), "\n".join(note_line(n) for n in found)


def _bytes(size: int) -> str:
    if size < 100_000:
        return translate("ModelInsight", "{n} bytes").format(n=f"{size:,}")
    return translate("ModelInsight", "{size} ({n} bytes)").format(size=mib(size), n=f"{size:,}")


def _tensor(tensor: dict[str, Any]) -> str:
    return "×".join(str(d) for d in tensor["shape"]) + " " + tensor["dtype"]


def _quant(tensor: dict[str, Any]) -> str:
    q = tensor["quantization"]
    if not q["scale"]:
        return translate("ModelInsight", "none")
    return translate("ModelInsight", "scale {scale}, zero point {zero}").format(
        scale=f"{q['scale']:.6g}", zero=q["zero_point"])


def normalisation(norm: dict[str, Any]) -> str:
    if norm["source"] == "none":
        return translate("ModelInsight", "the pixels as they are")
    mean, std = (joined([f"{v:g}" for v in norm[k]]) for k in ("mean", "std"))
    source = (translate("ModelInsight", "from the model's metadata") if norm["source"] ==
              "metadata" else translate("ModelInsight", "the default"))
    text = joined([f"(pixel − {mean}) / {std}", source])
    if norm["raw_pixels"]:
        text += translate("ModelInsight", "; fed as the raw pixels (the same within one step)")
    return text


def task_name(task: str) -> str:
    names = {"classification": translate("ModelInsight", "Classification"),
             "detection": translate("ModelInsight", "Object detection"),
             "segmentation": translate("ModelInsight", "Segmentation"),
             "pose": translate("ModelInsight", "Pose (keypoints)")}
    return names.get(task, translate("ModelInsight", "Other (no task this program reads)"))


def _outputs(f: dict[str, Any]) -> str:
    """A classifier's classes and its scores' tensor; else every output, with what it holds."""
    if f["task"]["task"] == "classification":
        return translate("ModelInsight", "{n} classes, {tensor}").format(
            n=f["output"]["classes"], tensor=_tensor(f["output"]))
    return "; ".join(f"{_role(o.get('role', ''))} {_tensor(o)}".strip() for o in f["outputs"])


def _role(role: str) -> str:
    names = {"boxes": translate("ModelInsight", "boxes"),
             "classes": translate("ModelInsight", "classes"),
             "scores": translate("ModelInsight", "scores"),
             "count": translate("ModelInsight", "count"),
             "class map": translate("ModelInsight", "class map"),
             "class scores per pixel": translate("ModelInsight", "class scores per pixel"),
             "keypoints": translate("ModelInsight", "keypoints")}
    return names.get(role, role)


def _classes(task: dict[str, Any]) -> str:
    n = task.get("classes")
    if task["task"] == "pose":
        return translate("ModelInsight", "– (keypoints, not classes)")
    if task["task"] == "segmentation" and not n:
        return translate("ModelInsight", "the ids in its class map (the file does not say "
                         "how many)")
    if not n:
        return "–"
    return str(n)


def rows(f: dict[str, Any]) -> list[tuple[str, str]]:
    """(caption, value) for one file of ``inspect --json``'s document (with its ``task``, as
    ``core.tasks.task_insight.describe`` adds it)."""
    compiled = bool(f["edgetpu_compiled"])
    types = joined([f"{name} ×{n}" for name, n in f["operator_types"].items()])
    on_cpu = (str(f["cpu_operators"]) if compiled
              else translate("ModelInsight", "all {n}").format(n=f["operators"]))
    params = _bytes(f["parameter_bytes"])
    if compiled:
        params = translate("ModelInsight", "{size} outside the Edge TPU operation").format(
            size=params)
    program = (translate("ModelInsight", "{size} of instructions and parameters").format(
        size=_bytes(f["edgetpu_program_bytes"])) if compiled else "–")
    return [
        (translate("ModelInsight", "File"), Path(f["path"]).name),
        (translate("ModelInsight", "Task"), task_name(f["task"]["task"])),
        (translate("ModelInsight", "File size"), _bytes(f["file_bytes"])),
        (translate("ModelInsight", "Input"), _tensor(f["input"])),
        (translate("ModelInsight", "Input quantisation"), _quant(f["input"])),
        (translate("ModelInsight", "Normalisation"), normalisation(f["input"]["normalisation"])),
        (translate("ModelInsight", "Output"), _outputs(f)),
        (translate("ModelInsight", "Classes"), _classes(f["task"])),
        (translate("ModelInsight", "Output quantisation"), _quant(f["output"])),
        (translate("ModelInsight", "Operations"), str(f["operators"])),
        (translate("ModelInsight", "Edge TPU custom operations"), str(f["edgetpu_custom_ops"])),
        (translate("ModelInsight", "Operations on the CPU"), on_cpu),
        (translate("ModelInsight", "Operation types"), types or "–"),
        (translate("ModelInsight", "Parameters"), params),
        (translate("ModelInsight", "Edge TPU program"), program),
    ]
