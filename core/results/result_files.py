"""Result files: the ``edgetpu-compare/1`` JSON and a CSV of every inference.

Files are written by ``core.io.outputs.write_atomic`` (a temporary file in the same folder, then a
rename) and read back by ``core.results.result_reader``, which checks every field before anything is
shown.
"""

from __future__ import annotations

import csv
import io
import json
import secrets
from pathlib import Path

from core.io.outputs import write_atomic
from core.results.records import RunRecord
from core.results.result_reader import read_result_file

__all__ = ["read_json", "to_csv", "to_json", "write_csv", "write_json"]


def to_json(record: RunRecord) -> str:
    """The result file: indented for people, but each backend's latencies on one line.

    One latency per indented line took 18 to 26 bytes; on one line it takes at most
    ``LATENCY_BYTES`` (about 9 for a typical one), so that every file the largest run writes
    stays within the size ``core.results.result_reader`` reads back."""
    data = record.to_dict()
    token = secrets.token_hex(8)
    lines: dict[str, str] = {}
    for index, backend in enumerate(data["backends"]):
        key = f"latencies {token} {index}"
        lines[key] = json.dumps(backend["latencies_ms"], separators=(",", ":"))
        backend["latencies_ms"] = key
    text = json.dumps(data, indent=2, ensure_ascii=False)
    for key, line in lines.items():
        text = text.replace(f'"latencies_ms": "{key}"', f'"latencies_ms": {line}', 1)
    return text + "\n"


def write_json(record: RunRecord, path: Path) -> None:
    write_atomic(Path(path), to_json(record))


def to_csv(record: RunRecord) -> str:
    """One row per inference: the first one, then every timed one (warm-ups are not timed)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["backend", "label", "phase", "iteration", "latency_ms"])
    for b in record.backends:
        if b.first_inference_ms is not None:
            writer.writerow([b.id, b.label, "first", 0, f"{b.first_inference_ms:.6f}"])
        for i, value in enumerate(b.latencies_ms, start=1):
            writer.writerow([b.id, b.label, "timed", i, f"{value:.6f}"])
    return out.getvalue()


def write_csv(record: RunRecord, path: Path) -> None:
    write_atomic(Path(path), to_csv(record))


def read_json(path: Path) -> RunRecord:
    """Load a saved result; a file that is not one is a clear error, never a traceback."""
    return read_result_file(path)
