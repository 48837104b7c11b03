"""Names of the files a run saves per backend: ``DIR/<backend id>-<what>.<ext>``.

A backend id is made by the program (``cpu``, ``edgetpu-usb0``, ``cpu-2``), but it lands in a
file name, so one that could leave the folder or hide the file is refused here, whatever made it.
"""

from __future__ import annotations

import re
from pathlib import Path

from core.io.outputs import Output, write_atomic

_SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")


def output_path(folder: Path | str, backend_id: str, what: str) -> Path:
    """``folder/<backend_id>-<what>``; ValueError for an id that is not a plain name."""
    if not _SAFE_ID.fullmatch(backend_id):
        raise ValueError(f"backend id {backend_id!r} cannot be part of a file name")
    return Path(folder) / f"{backend_id}-{what}"


def save(output: Output) -> Path:
    """Write one output atomically (``io_error`` when it cannot be); its path."""
    write_atomic(output.path, output.data())
    return output.path
