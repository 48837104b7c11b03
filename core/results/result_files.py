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
from core.results.records import RunRecord, rounded
from core.results.result_reader import read_result_file
from core.results.summary import comparison_sentence

# The latencies are written in slices of this many: a slice's Python floats are the only
# per-value objects alive at once, so 10 million latencies need no 320 MB list.
LATENCY_SLICE = 65536

__all__ = ["read_json", "to_csv", "to_json", "write_csv", "write_json"]


def to_json(record: RunRecord) -> str:
    """The result file's text; each backend's latencies on one line, rendered slice by slice
    where the rest of the document holds a marker no saved text can contain (a random one)."""
    document = record.to_dict(latencies=False)
    document["summary"] = comparison_sentence(record)  # for people; never read back
    marker = f"latencies-{secrets.token_hex(16)}"
    for backend in document["backends"]:
        backend["latencies_ms"] = marker
    parts = json.dumps(document, indent=2, ensure_ascii=False).split(f'"{marker}"')
    out = io.StringIO()
    out.write(parts[0])
    for backend, rest in zip(record.backends, parts[1:], strict=True):
        out.write("[")
        values = backend.latencies_ms
        for start in range(0, len(values), LATENCY_SLICE):
            if start:
                out.write(",")
            out.write(json.dumps(rounded(values[start:start + LATENCY_SLICE]),
                                 separators=(",", ":"))[1:-1])
        out.write("]")
        out.write(rest)
    out.write("\n")
    return out.getvalue()


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
