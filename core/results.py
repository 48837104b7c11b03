"""Result files: the ``edgetpu-compare/1`` JSON and a CSV of every inference.

Files are written atomically (a temporary file in the same folder, then a rename), so that an
interrupted or failed write never leaves a half-written file under the name the user chose.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from core.errors import fail
from core.records import SCHEMA, RunRecord


def check_writable(path: Path) -> None:
    """Fail before a run starts when its output could not be written afterwards."""
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise fail("io_error", f"{path} is a folder, not a file name.",
                   "Give a file name such as results.json.")
    if not folder.is_dir():
        raise fail("io_error", f"The folder {folder} does not exist.",
                   "Create the folder first, or choose another place to save.")
    if not os.access(folder, os.W_OK):
        raise fail("io_error", f"You may not write to the folder {folder}.",
                   "Choose a folder of your own, such as your home folder.")


def write_atomic(path: Path, text: str) -> None:
    check_writable(path)
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a shared report must be readable
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise fail("io_error", f"{path} could not be written ({exc.strerror}).",
                   "Check the free space and that you may write there.") from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def to_json(record: RunRecord) -> str:
    return json.dumps(record.to_dict(), indent=2, ensure_ascii=False) + "\n"


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
    path = Path(path)
    remedy = "Choose a .json file saved by Edge TPU Compare (File > Export JSON or run --json)."
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise fail("file_not_found", f"{path} does not exist.", remedy) from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise fail("invalid_results", f"{path.name} is not a result file.", remedy) from exc
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise fail("invalid_results", f"{path.name} is not an {SCHEMA} result file.", remedy)
    try:
        return RunRecord.from_dict(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise fail("invalid_results", f"{path.name} is damaged ({exc}).", remedy) from exc

