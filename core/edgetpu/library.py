"""Where libedgetpu is, which build it is (std or max), and which version it reports.

Finding the file (where the dynamic linker would, ``core.edgetpu.linker_search``) and reading dpkg's
status never load the library, so they cannot crash. Reading ``edgetpu_version()`` does load it,
so that runs in a spawned process (``core.edgetpu.doctor_probe``). ``root`` is prepended to every
absolute
path so that tests can use a fake file system; with a root other than ``/`` the linker cache and
ctypes.util.find_library are not consulted.
"""

from __future__ import annotations

import ctypes.util
import os
import platform
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from core.edgetpu.doctor_probe import PROBE_TIMEOUT_S, ProbeResult, read_version_probe, run_isolated
from core.edgetpu.linker_search import search

_PACKAGES = {"libedgetpu1-std": "std", "libedgetpu1-max": "max",
             "libedgetpu1-legacy-std": "std", "libedgetpu1-legacy-max": "max"}


@dataclass(frozen=True)
class LibraryInfo:
    """The located libedgetpu. ``path`` is a full path, or the bare name the linker resolves."""

    found: bool
    path: str = ""
    flavour: str = ""  # "std" (throttled clock), "max" (full clock), "" (cannot tell)
    flavour_source: str = ""  # how the flavour was told, e.g. "Debian package libedgetpu1-std"
    package: str = ""  # "libedgetpu1-std 16.0" when dpkg knows it
    source: str = ""  # how the linker finds it: "LD_LIBRARY_PATH", "linker cache", ...


@dataclass(frozen=True)
class VersionInfo:
    """What ``edgetpu_version()`` said, or how reading it failed."""

    text: str
    runtime_version: int | None
    probe: ProbeResult


def library_name(system: str | None = None) -> str:
    system = system or platform.system()
    if system == "Windows":
        return "edgetpu.dll"
    if system == "Darwin":
        return "libedgetpu.1.dylib"
    return "libedgetpu.so.1"


def locate_library(root: Path = Path("/"), system: str | None = None,
                   env: Mapping[str, str] | None = None) -> LibraryInfo:
    """Find libedgetpu where the dynamic linker would, without loading it."""
    system = system or platform.system()
    path, source = search(library_name(system), system, root, env)
    if not path and root == Path("/"):
        path, source = _linker_path(system), "linker"
    if not path:
        return LibraryInfo(False)
    flavour, how, package = _flavour(root, path)
    return LibraryInfo(True, path, flavour, how, package, source)


def read_version(library: str, timeout: float = PROBE_TIMEOUT_S) -> VersionInfo:
    """Call ``edgetpu_version()`` in a spawned process (loading the library may crash)."""
    result = run_isolated(read_version_probe, (library,), timeout)
    text = result.value if result.status == "ok" else ""
    return VersionInfo(text, parse_runtime_version(text), result)


def parse_runtime_version(text: str) -> int | None:
    """``RuntimeVersion(13)`` -> 13."""
    match = re.search(r"RuntimeVersion\(([0-9]{1,9})\)", text)
    return int(match.group(1)) if match else None


def installed_packages(root: Path = Path("/")) -> dict[str, str]:
    """Installed Debian packages of libedgetpu: name -> version (empty where dpkg is absent)."""
    try:
        status = (root / "var" / "lib" / "dpkg" / "status").read_text(errors="replace")
    except OSError:
        return {}
    found = {}
    for stanza in status.split("\n\n"):
        fields = dict(re.findall(r"^([A-Za-z-]+): ?(.*)$", stanza, re.MULTILINE))
        name = fields.get("Package", "")
        if name in _PACKAGES and fields.get("Status", "").endswith(" installed"):
            found[name] = fields.get("Version", "")
    return found


def flavour_from_path(path: str) -> str:
    """``max`` for Coral's ``direct`` folder or a ``-max`` name, ``std`` for ``throttled``."""
    for part in reversed(Path(path).parts):
        lower = part.lower()
        if lower in ("direct", "max") or lower.endswith(("-max", "_max")):
            return "max"
        if lower in ("throttled", "std") or lower.endswith(("-std", "_std")):
            return "std"
    return ""


def _flavour(root: Path, path: str) -> tuple[str, str, str]:
    packages = installed_packages(root)
    for name, version in packages.items():
        return _PACKAGES[name], f"Debian package {name}", f"{name} {version}".strip()
    real = _under(root, path)
    candidates = [path]
    if real.exists():
        candidates.append(str(real.resolve()))
    for candidate in candidates:
        flavour = flavour_from_path(candidate)
        if flavour:
            return flavour, "file location", ""
    return "", "", ""


def _linker_path(system: str) -> str:
    """What ctypes' own search finds, for the systems the folders above miss."""
    found = ctypes.util.find_library("edgetpu") or ""
    return found if os.path.isabs(found) or system != "Linux" else ""


def library_file(root: Path, path: str) -> str:
    """The file to load for a located library: under ``root`` when a fake root is in use."""
    return str(_under(root, path)) if os.path.isabs(path) else path


def _under(root: Path, path: str) -> Path:
    if root == Path("/"):
        return Path(path)
    return root / Path(path).relative_to(Path(path).anchor)
