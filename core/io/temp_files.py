"""Temporary files of a run (worker logs, the screenshot's settings folder), named by process.

Each name carries the id of the process that made it (``edgetpu-compare-PID-cpu-XXXX.log``), so
that files left behind by a run that was killed (SIGKILL, a power cut) can be recognised and
removed at the next start: ``sweep_stale`` deletes those of this user whose process is gone.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

PREFIX = "edgetpu-compare-"
_NAME = re.compile(rf"^{PREFIX}(\d+)-")
_swept = False


def prefix(kind: str) -> str:
    """The start of a temporary name for ``kind`` (``cpu``, ``shot``) made by this process."""
    return f"{PREFIX}{os.getpid()}-{kind}-"


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's process: assume it is alive
    return True


def sweep_stale(folder: Path | None = None) -> list[Path]:
    """Remove this user's temporary files and folders of runs whose process has ended."""
    root = Path(folder or tempfile.gettempdir())
    removed: list[Path] = []
    try:
        entries = list(os.scandir(root))
    except OSError:
        return removed
    uid = os.getuid() if hasattr(os, "getuid") else None
    for entry in entries:
        match = _NAME.match(entry.name)
        if match is None or _alive(int(match.group(1))):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if uid is not None and info.st_uid != uid:
                continue
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                os.unlink(entry.path)
            removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def sweep_once() -> None:
    """``sweep_stale`` the first time a process needs a temporary file."""
    global _swept
    if not _swept:
        _swept = True
        sweep_stale()
