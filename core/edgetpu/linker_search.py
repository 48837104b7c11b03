"""Where the system's dynamic linker would find a shared library, without loading it.

``doctor`` must report the libedgetpu that ``run`` loads: a library found only on
``LD_LIBRARY_PATH`` was reported "not found" while the run loaded it. The order follows each
linker: Linux ``LD_LIBRARY_PATH``, the linker cache (``ldconfig -p``), the standard folders;
macOS ``DYLD_LIBRARY_PATH``, ``DYLD_FALLBACK_LIBRARY_PATH`` (or its default folders); Windows the
program's folder, the system folders and ``PATH``. ``root`` is prepended to every folder so that
tests can use a fake file system; the linker cache is only asked about the real root.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

LINUX_DIRS = ("/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu",
              "/usr/lib/aarch64-linux-gnu", "/lib/arm-linux-gnueabihf",
              "/usr/lib/arm-linux-gnueabihf", "/usr/local/lib", "/lib", "/usr/lib", "/lib64",
              "/usr/lib64")
MAC_FALLBACK_DIRS = ("~/lib", "/usr/local/lib", "/usr/lib", "/opt/homebrew/lib")
LDCONFIG_TIMEOUT_S = 5.0
LDCONFIG_LIMIT = 2_000_000


def search(name: str, system: str, root: Path = Path("/"),
           env: Mapping[str, str] | None = None) -> tuple[str, str]:
    """(full path, how it was found) of the first ``name`` the linker would load; ("", "")."""
    env = os.environ if env is None else env
    for folder, source in _folders(system, env):
        if source == "linker cache":
            cached = linker_cache(name) if root == Path("/") else ""
            if cached:
                return cached, source
            continue
        if not folder:
            continue
        candidate = str(Path(folder) / name) if system != "Windows" else f"{folder}\\{name}"
        if os.path.exists(_under(root, candidate)):  # a folder too: the linker stops at it
            return candidate, source
    return "", ""


def _folders(system: str, env: Mapping[str, str]) -> list[tuple[str, str]]:
    if system == "Windows":
        program = str(Path(sys.executable).parent)
        windir = env.get("SYSTEMROOT", r"C:\Windows")
        return [(program, "program folder"), (f"{windir}\\System32", "system folder"),
                (windir, "system folder"),
                *((d, "PATH") for d in env.get("PATH", "").split(";"))]
    if system == "Darwin":
        fallback = env.get("DYLD_FALLBACK_LIBRARY_PATH", "")
        fallback_dirs = fallback.split(":") if fallback else [
            os.path.expanduser(d) for d in MAC_FALLBACK_DIRS]
        return [*((d, "DYLD_LIBRARY_PATH") for d in env.get("DYLD_LIBRARY_PATH", "").split(":")),
                *((d, "standard folder") for d in fallback_dirs)]
    env_dirs = [(d, "LD_LIBRARY_PATH") for d in env.get("LD_LIBRARY_PATH", "").split(":")]
    return [*env_dirs, ("", "linker cache"), *((d, "standard folder") for d in LINUX_DIRS)]


def linker_cache(name: str) -> str:
    """The path ``ldconfig -p`` lists for ``name`` (the cache ld.so reads), or ""."""
    ldconfig = shutil.which("ldconfig") or next(
        (p for p in ("/sbin/ldconfig", "/usr/sbin/ldconfig") if os.path.exists(p)), None)
    if ldconfig is None:
        return ""
    try:
        listing = subprocess.run([ldconfig, "-p"], capture_output=True, text=True,
                                 timeout=LDCONFIG_TIMEOUT_S, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return ""
    match = re.search(rf"^\s*{re.escape(name)} .*=> (\S+)$", listing[:LDCONFIG_LIMIT],
                      re.MULTILINE)
    return match.group(1) if match else ""


def _under(root: Path, path: str) -> Path:
    if root == Path("/"):
        return Path(path)
    return root / Path(path).relative_to(Path(path).anchor)
