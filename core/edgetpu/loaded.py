"""Which libedgetpu a worker really loaded, and the version it reports.

Asked inside the Edge TPU worker after the delegate loaded: the dynamic linker has then chosen
the file, and calling ``edgetpu_version()`` costs nothing more (the library is already mapped, so
whatever could crash has already run). On Linux the file is read from ``/proc/self/maps``;
elsewhere the library is located the way the linker would (``core.edgetpu.library``).
"""

from __future__ import annotations

import ctypes
from pathlib import Path

from core.edgetpu.library import library_name, locate_library

MAPS_LIMIT = 4_000_000  # /proc/self/maps of a worker is a few tens of kilobytes


def loaded_library(maps: Path = Path("/proc/self/maps")) -> str:
    """The full path of the mapped libedgetpu, or "" when none is mapped (or not on Linux)."""
    try:
        with open(maps, encoding="utf-8", errors="replace") as handle:
            text = handle.read(MAPS_LIMIT)
    except OSError:
        return ""
    for line in text.splitlines():
        parts = line.split(None, 5)
        if len(parts) == 6 and _is_libedgetpu(Path(parts[5].strip()).name):
            return parts[5].strip()
    return ""


def _is_libedgetpu(name: str) -> bool:
    return name.startswith("libedgetpu.") or name.lower() == "edgetpu.dll"


def library_in_use() -> str:
    """The loaded file where the system tells it, else the one the linker would choose."""
    found = loaded_library()
    if found:
        return found
    located = locate_library()
    return located.path if located.found else library_name()


def library_version(path: str) -> str:
    """``edgetpu_version()`` of an already loaded libedgetpu; "" when it has none."""
    try:
        function = ctypes.CDLL(path).edgetpu_version
    except (OSError, AttributeError):
        return ""
    function.restype = ctypes.c_char_p
    function.argtypes = []
    raw = function()
    return raw.decode("utf-8", errors="replace") if raw else ""
