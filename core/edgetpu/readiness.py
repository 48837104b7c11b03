"""What the Edge TPU backend is missing before anything runs: no libedgetpu, a file that is not
one, no device, a device this user may not open.

The window's Edge TPU panel used to say "Ready" and fail only after Run. These checks find the
library the way the dynamic linker would and look at the file and the device list, without
loading anything, so they take milliseconds and cannot crash; the window still runs them off its
GUI thread (``ldconfig -p`` is a process). The delegate itself is only tried by a run or by the
Diagnostics view.
"""

from __future__ import annotations

import platform
from dataclasses import dataclass
from pathlib import Path

from core.edgetpu.devices import find_devices
from core.edgetpu.library import library_file, locate_library
from core.edgetpu.library_check import library_problem

READY = "ready"
NO_RUNTIME = "edgetpu_runtime_missing"
BAD_RUNTIME = "bad_runtime"
NO_DEVICE = "edgetpu_not_found"
NO_PERMISSION = "edgetpu_permission_denied"


@dataclass(frozen=True)
class Readiness:
    """``code`` says what is missing (``READY`` when nothing this check can see); ``detail``
    names the library file and what is wrong with it, for ``BAD_RUNTIME``."""

    code: str
    detail: str = ""

    @property
    def ready(self) -> bool:
        return self.code == READY


def edgetpu_readiness(root: Path = Path("/"), system: str | None = None) -> Readiness:
    """What stands between this computer and an Edge TPU run, as far as can be seen cheaply."""
    system = system or platform.system()
    library = locate_library(root, system)
    if not library.found:
        return Readiness(NO_RUNTIME)
    path = library_file(root, library.path)
    if Path(path).is_absolute():
        problem = library_problem(path, system)
        if problem:
            return Readiness(BAD_RUNTIME, f"{library.path} {problem}")
    if system != "Linux":  # devices are listed on Linux only; a run will tell
        return Readiness(READY)
    devices = find_devices(root)
    if not devices:
        return Readiness(NO_DEVICE)
    if all(d.state == "no_permission" for d in devices):
        return Readiness(NO_PERMISSION)
    return Readiness(READY)
