"""Temporary files of a run (worker logs, the screenshot's settings folder), in a folder of its own.

Each process that needs one makes a folder ``edgetpu-compare-PID-XXXXXXXX`` (``XXXXXXXX`` random,
made by ``mkdtemp``, so only this user may enter it) and writes a marker file in it that repeats
the folder's name. Everything temporary goes inside; the folder is removed when the process ends.
A run that was killed (SIGKILL, a power cut) leaves its folder behind: ``sweep_stale`` removes,
at the next start, only folders that prove they were made this way (the name with its random
part, owned by this user, not a link, the marker with the folder's name inside) and whose process
is gone. A file or folder of the user's that merely looks alike (``edgetpu-compare-2025-06-01``)
is never touched.
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import stat
import tempfile
import threading
from pathlib import Path

PREFIX = "edgetpu-compare-"
MARKER = ".made-by-edgetpu-compare"
_NAME = re.compile(rf"^{PREFIX}([0-9]{{1,10}})-[a-z0-9_]{{8}}$", re.ASCII)
_MAX_MARKER = 200
_lock = threading.Lock()
_own: Path | None = None
_swept = False


def prefix(kind: str) -> str:
    """The start of a temporary name for ``kind`` (``cpu``, ``shot``), inside ``temp_dir()``."""
    return f"{kind}-"


def temp_dir() -> Path:
    """This process's own temporary folder, made (and marked) on first use."""
    global _own
    with _lock:
        if _own is None or not _own.is_dir():
            folder = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-"))
            (folder / MARKER).write_text(folder.name + "\n", encoding="ascii")
            if _own is None:
                atexit.register(_remove_own)
            _own = folder
        return _own


def _remove_own() -> None:
    if _own is not None:
        shutil.rmtree(_own, ignore_errors=True)


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


def made_by_us(entry: os.DirEntry[str]) -> bool:
    """True only for a folder this program made: its name, owner, kind and marker agree."""
    if _NAME.match(entry.name) is None:
        return False
    try:
        info = entry.stat(follow_symlinks=False)
        if not stat.S_ISDIR(info.st_mode):
            return False
        if hasattr(os, "getuid") and info.st_uid != os.getuid():
            return False
        marker = os.path.join(entry.path, MARKER)
        marker_info = os.lstat(marker)
        if not stat.S_ISREG(marker_info.st_mode) or marker_info.st_size > _MAX_MARKER:
            return False
        with open(marker, "rb") as handle:
            return handle.read(_MAX_MARKER) == (entry.name + "\n").encode("ascii")
    except (OSError, UnicodeEncodeError):
        return False


def sweep_stale(folder: Path | None = None) -> list[Path]:
    """Remove this user's temporary folders of runs whose process has ended."""
    root = Path(folder or tempfile.gettempdir())
    removed: list[Path] = []
    try:
        entries = list(os.scandir(root))
    except OSError:
        return removed
    for entry in entries:
        match = _NAME.match(entry.name)
        if match is None or _alive(int(match.group(1))) or not made_by_us(entry):
            continue
        shutil.rmtree(entry.path, ignore_errors=True)
        if not os.path.lexists(entry.path):
            removed.append(Path(entry.path))
    return removed


def sweep_once() -> None:
    """``sweep_stale`` the first time a process needs a temporary file."""
    global _swept
    if not _swept:
        _swept = True
        sweep_stale()
