"""``edgetpu-compare inspect MODEL [--json]``: what runs where, from the model files alone.

MODEL is either file of a ``NAME`` / ``NAME_edgetpu`` pair, as for ``run``; the twin beside it is
described too. Any valid model is described, whatever its task (a compiled file alone, a pipeline
segment, a detector ...). Exit codes: 0 described; 2 the model is missing or invalid (one
``error:`` line, the same errors as ``run``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from core.cli.main import EXIT_OK
from core.inputs.model_insight import mib
from core.tasks.task_insight import inspect_document


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("model", type=Path, metavar="MODEL",
                        help="the .tflite model; either file of a NAME / NAME_edgetpu pair")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    document = inspect_document(args.model)
    if args.json:
        out.write(_json_text(document, out) + "\n")
    else:
        out.write(render_table(document))
    return EXIT_OK


def _json_text(document: dict[str, Any], out: TextIO) -> str:
    """Readable text where the output takes it; ``\\u`` escapes (still JSON) where it cannot
    encode a name, instead of the stream's own escapes, which JSON does not read."""
    text = json.dumps(document, indent=2, ensure_ascii=False)
    try:
        text.encode(getattr(out, "encoding", None) or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return json.dumps(document, indent=2)
    return text


def render_table(document: dict[str, Any]) -> str:
    """One block per file of the pair, then what the two files prove together."""
    lines = [f"Model: {document['name']}"]
    width = max(len(label) for label, _ in _ROWS)
    for key, title in (("cpu_model", "CPU model"), ("edgetpu_model", "Edge TPU model")):
        f = document[key]
        if f:
            lines += ["", f"{title}: {f['path']}"]
            lines += [f"  {label.ljust(width)}  {cell(f)}" for label, cell in _ROWS]
    lines.append("")
    lines += document["notes"]
    return "\n".join(lines) + "\n"


def _bytes(size: int) -> str:
    return f"{mib(size)} ({size:,} bytes)" if size >= 100_000 else f"{size:,} bytes"


def _quant(tensor: dict[str, Any]) -> str:
    q = tensor["quantization"]
    if not q["scale"]:
        return "none"
    return f"scale {q['scale']:.6g}, zero point {q['zero_point']}"


def _tensor(tensor: dict[str, Any]) -> str:
    shape = "×".join(str(d) for d in tensor["shape"]) or "scalar"
    return f"{shape} {tensor['dtype']}"


def normalisation_text(norm: dict[str, Any]) -> str:
    if norm["source"] == "not_image":
        return "– (the input is not a picture)"
    if norm["source"] == "none":
        return "the pixels as they are (no quantisation to map to)"
    mean, std = (", ".join(f"{v:g}" for v in norm[k]) for k in ("mean", "std"))
    text = f"(pixel - {mean}) / {std} ({norm['source']})"
    if norm["raw_pixels"]:
        text += ", fed as the raw pixels (the same within one step)"
    return text


_TASK_NAMES = {"classification": "classification", "detection": "object detection",
               "segmentation": "segmentation", "pose": "pose", "other": "other"}


def _task(f: dict[str, Any]) -> str:
    task = f["task"]
    return f"{_TASK_NAMES.get(task['task'], task['task'])}: {task['reason']}"


def _outputs(f: dict[str, Any]) -> str:
    """``1001 classes, 1×1001 uint8`` for a classifier; else each output with its role."""
    if f["output"]["classes"] and f["task"]["task"] == "classification":
        return f"{f['output']['classes']} classes, {_tensor(f['output'])}"
    return "; ".join(f"{o['role']} {_tensor(o)}" if o.get("role") else _tensor(o)
                     for o in f["outputs"])


def classes_text(f: dict[str, Any]) -> str:
    """How many classes the file says the model tells apart, and where that is read."""
    task = f["task"]
    n = task.get("classes")
    if task["task"] == "pose":
        return "– (keypoints, not classes)"
    if task["task"] == "segmentation" and not n:
        return "the ids in its class map (the file does not say how many)"
    if not n:
        return "– (the file does not say)" if task["task"] == "detection" else "–"
    where = {"detection": " (the post-processing's num_classes)",
             "segmentation": " (scores per pixel)"}.get(task["task"], "")
    return f"{n}{where}"


def _operators(f: dict[str, Any]) -> str:
    return ", ".join(f"{name} ×{n}" for name, n in f["operator_types"].items()) or "none"


def _on_cpu(f: dict[str, Any]) -> str:
    if not f["edgetpu_compiled"]:
        return f"all {f['operators']}"
    return str(f["cpu_operators"])


def _parameters(f: dict[str, Any]) -> str:
    if f["edgetpu_compiled"]:
        return _bytes(f["parameter_bytes"]) + " outside the Edge TPU operation"
    return _bytes(f["parameter_bytes"])


_ROWS = (
    ("Task", _task),
    ("File size", lambda f: _bytes(f["file_bytes"])),
    ("Input", lambda f: _tensor(f["input"])),
    ("Input quantisation", lambda f: _quant(f["input"])),
    ("Normalisation", lambda f: normalisation_text(f["input"]["normalisation"])),
    ("Output", _outputs),
    ("Classes", classes_text),
    ("Output quantisation", lambda f: _quant(f["output"])),
    ("Operations", lambda f: str(f["operators"])),
    ("Edge TPU custom operations", lambda f: str(f["edgetpu_custom_ops"])),
    ("Operations on the CPU", _on_cpu),
    ("Operation types", _operators),
    ("Parameters", _parameters),
    ("Edge TPU program", lambda f: _bytes(f["edgetpu_program_bytes"])
     + " of instructions and parameters" if f["edgetpu_compiled"] else "–"),
)
