"""``doctor``: why the Edge TPU does or does not run here, and what to do about it.

A report is a list of checks, each with a status and, where it is not ok, a remedy a person who does
not program can follow. The same report feeds ``edgetpu-compare doctor``, its ``--json`` (for a
support request) and the window's Diagnostics dialog. Nothing here loads libedgetpu in this
process: what could crash runs in a spawned probe (``core.edgetpu.doctor_probe``).
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import platform
import re
import sys
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import Any

from core.edgetpu.advice import edgetpu_advice
from core.edgetpu.devices import (
    USB2_MBPS,
    EdgeTpuDevice,
    edgetpu_backend_specs,
    find_devices,
    pci_cards_without_node,
)
from core.edgetpu.doctor_probe import (
    PROBE_TIMEOUT_S,
    ProbeResult,
    install_instructions,
    load_delegate_probe,
    permission_remedy,
    run_isolated,
)
from core.edgetpu.failures import broken_runtime, match_failure
from core.edgetpu.library import (
    LibraryInfo,
    library_file,
    library_name,
    locate_library,
    read_version,
)
from core.edgetpu.library_check import library_problem
from core.edgetpu.slow_causes import MAX_BUILD_REMEDY, USB2_REMEDY
from core.errors import ErrorInfo, error

SCHEMA = "edgetpu-compare-doctor/1"
STATUSES = ("ok", "warning", "problem", "info")
_ARCHITECTURES = {"x86_64", "amd64", "aarch64", "arm64", "armv7l"}
MAX_PROBED_DEVICES = 4

__all__ = ["SCHEMA", "STATUSES", "Check", "Report", "install_instructions", "run_doctor"]


@dataclass(frozen=True)
class Check:
    """One line of the report. ``remedy`` is empty when there is nothing to do."""

    section: str
    name: str
    status: str  # "ok" | "warning" | "problem" | "info"
    value: str
    remedy: str = ""
    detail: str = ""  # the runtime's own words, for a support request


@dataclass
class Report:
    checks: list[Check]
    devices: list[EdgeTpuDevice]
    created: str = field(default_factory=lambda: datetime.now(timezone.utc)
                         .isoformat(timespec="seconds"))

    def count(self, status: str) -> int:
        return sum(1 for c in self.checks if c.status == status)

    def find(self, name: str) -> Check | None:
        return next((c for c in self.checks if c.name == name), None)

    def summary(self) -> str:
        """``2 problems, 1 warning`` or ``no problems``."""
        parts = []
        for status, word in (("problem", "problem"), ("warning", "warning")):
            n = self.count(status)
            if n:
                parts.append(f"{n} {word}{'s' if n != 1 else ''}")
        return ", ".join(parts) or "no problems"

    def backend_specs(self) -> list[str]:
        return edgetpu_backend_specs(self.devices)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "created": self.created,
            "app": {"name": "edgetpu-compare", "version": _version("edgetpu-compare")},
            "host": {"os": f"{platform.system()} {platform.release()}",
                     "machine": platform.machine(), "python": platform.python_version()},
            "summary": {s: self.count(s) for s in STATUSES},
            "checks": [asdict(c) for c in self.checks],
            "devices": [d.to_dict() for d in self.devices],
            "backend_specs": self.backend_specs(),
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2)

    def to_text(self) -> str:
        """Grouped by section, a status marker per check, remedies and details indented."""
        lines = [f"Edge TPU Compare diagnostics ({self.created})", f"Summary: {self.summary()}"]
        width = max(len(f"[{s}]") for s in STATUSES)
        pad = " " * (2 + width + 1)
        for section in _sections(self.checks):
            lines += ["", section]
            for check in (c for c in self.checks if c.section == section):
                marker = f"[{check.status}]".ljust(width)
                lines.append(f"  {marker} {check.name}: {check.value}")
                if check.remedy:
                    lines += _indent("Fix: " + check.remedy, pad)
                if check.detail:
                    lines += _indent("Detail: " + check.detail, pad)
        return "\n".join(lines) + "\n"


def run_doctor(root: Path = Path("/"), probe: bool = True) -> Report:
    """Check everything; ``root`` stands in for ``/`` (tests), ``probe`` allows loading the library.

    With ``probe`` the library's version is read and the delegate is created in spawned processes
    (up to 15 s each when a device does not answer); without it nothing loads libedgetpu.
    """
    devices = find_devices(root)
    library = locate_library(root)
    listable = root != Path("/") or platform.system() == "Linux"
    checks = [*_system_checks(), *_runtime_checks(), *_library_checks(library, probe, root),
              *_device_checks(devices, root, listable),
              *_delegate_checks(library, probe, devices, root), *_pycoral_checks()]
    return Report(checks, devices)


def _library_checks(library: LibraryInfo, probe: bool, root: Path) -> list[Check]:
    section = "Edge TPU runtime"
    if not library.found:
        return [Check(section, "libedgetpu", "problem", "not found",
                      install_instructions(platform.system()))]
    where = f" (on {library.source})" if library.source in ("LD_LIBRARY_PATH", "PATH",
                                                            "DYLD_LIBRARY_PATH") else ""
    problem = library_problem(library_file(root, library.path)) \
        if os.path.isabs(library.path) else ""
    if problem:
        info = broken_runtime(library.path + where, problem)
        return [Check(section, "libedgetpu", "problem", info.message, info.remedy)]
    checks = [Check(section, "libedgetpu", "ok", library.path + where)]
    if not probe:
        checks.append(Check(section, "version", "info", "not read (probing is off)"))
    else:
        version = read_version(library_file(root, library.path))
        result = version.probe
        if result.status == "ok":
            checks.append(Check(section, "version", "ok", version.text or "(empty)"))
            if version.runtime_version is not None:
                checks.append(Check(section, "runtime version", "info",
                                    str(version.runtime_version)))
        elif result.status in ("crashed", "timeout"):
            checks.append(Check(section, "version", "problem",
                                f"loading libedgetpu failed: {result.describe()}",
                                "Reinstall libedgetpu, choosing the build made for your "
                                "TensorFlow Lite version.", detail=result.log))
        else:
            checks.append(Check(section, "version", "warning",
                                "this libedgetpu does not report its version", detail=result.text))
    source = f" (told by {library.flavour_source}: {library.package or library.path})"
    if library.flavour == "std":
        checks.append(Check(section, "build", "info", "std: reduced clock" + source,
                            MAX_BUILD_REMEDY))
    elif library.flavour == "max":
        checks.append(Check(section, "build", "info",
                            "max: full clock, the device gets hot to the touch" + source))
    else:
        checks.append(Check(section, "build", "info", "cannot tell whether it is std or max"))
    stock = library.package.split(" ")[-1]
    if re.fullmatch(r"1[0-6]\.\d+(-\d+)?", stock) and _version("ai-edge-litert"):
        checks.append(Check(section, "compatibility", "warning",
                            f"Coral's libedgetpu {stock} was built for TensorFlow Lite 2.11 or "
                            f"older and may crash with ai-edge-litert {_version('ai-edge-litert')}",
                            edgetpu_advice()))
    return checks


def _device_checks(devices: list[EdgeTpuDevice], root: Path, listable: bool) -> list[Check]:
    section = "Edge TPU devices"
    if not listable:
        return [Check(section, "devices", "info",
                      "cannot be listed on this operating system; the delegate check below "
                      "shows whether one answers")]
    checks = [Check(section, "PCIe card", "problem", f"found at {card}, but its driver is not "
                    "loaded (no /dev/apex_N)", "Install Coral's PCIe driver (sudo apt-get install "
                    "gasket-dkms libedgetpu1-std), then restart the computer.")
              for card in pci_cards_without_node(root)]
    if not devices:
        checks.insert(0, Check(section, "devices", "problem", "none found",
                               "Plug the Coral USB Accelerator into a USB 3 port (or check that "
                               "the PCIe/M.2 card is seated), then run the check again."))
    return checks + [_device_check(device, root) for device in devices]


def _device_check(device: EdgeTpuDevice, root: Path) -> Check:
    state = {"ready": "ready",
             "uninitialised": "present, firmware not loaded yet (normal before first use)",
             "no_permission": "present, but this user may not open it"}[device.state]
    parts = [device.title, f"{state} ({device.vendor_product})"]
    speed = device.usb_speed_mbps
    if speed is not None:
        generation = "USB 3" if speed >= 5000 else "USB 2" if speed >= USB2_MBPS else "USB 1"
        parts.append(f"{generation} ({speed} Mbit/s)")
    parts.append(device.path)
    remedies = []
    status = "ok"
    if speed is not None and speed <= USB2_MBPS:
        status = "warning"
        remedies.append(USB2_REMEDY)
    if device.state == "no_permission":
        status = "problem"
        remedies.insert(0, permission_remedy(device.kind, root))
    return Check("Edge TPU devices", device.name, status, ", ".join(parts), " ".join(remedies))


def _delegate_checks(library: LibraryInfo, probe: bool, devices: list[EdgeTpuDevice],
                     root: Path = Path("/")) -> list[Check]:
    section = "Edge TPU delegate"
    unusable = library.found and os.path.isabs(library.path) and library_problem(
        library_file(root, library.path))
    skipped = ("libedgetpu was not found" if not library.found
               else "the libedgetpu found is not usable (see above)" if unusable
               else "ai-edge-litert is not installed" if not _version("ai-edge-litert")
               else "probing is off" if not probe else "")
    if skipped:
        return [Check(section, "delegate", "info", f"not tried: {skipped}")]
    checks = []
    for target in [d.name for d in devices][:MAX_PROBED_DEVICES] or [""]:
        name = f"delegate ({target or 'any device'})"
        result = run_isolated(load_delegate_probe, (library_name(), target))
        if result.status == "ok":
            checks.append(Check(section, name, "ok", "created: the Edge TPU is ready to run"))
            continue
        info = _probe_error(result, devices)
        checks.append(Check(section, name, "problem", info.message, info.remedy, info.detail))
    return checks


def _probe_error(result: ProbeResult, devices: list[EdgeTpuDevice]) -> ErrorInfo:
    """The coded error for a failed delegate probe; libedgetpu's log often names the cause."""
    text = "\n".join(part for part in (result.text, result.log) if part)
    if result.status == "timeout":
        return error("edgetpu_usb_error", "The Edge TPU did not answer within "
                     f"{PROBE_TIMEOUT_S:.0f} seconds.", detail=text)
    crashed = result.exit_code if result.status == "crashed" else None
    info = match_failure(result.text, exit_code=crashed, stage="delegate", backend="edgetpu")
    if info is None or info.code == "edgetpu_not_found":
        info = match_failure(result.log, stage="delegate") or info
    if info is None:
        info = error("worker_crashed" if crashed is not None else "edgetpu_not_found")
    if info.code == "edgetpu_not_found" and any(d.state == "no_permission" for d in devices):
        info = error("edgetpu_permission_denied")
    return replace(info, detail=text)


def _system_checks() -> list[Check]:
    section = "System"
    os_name = f"{platform.system()} {platform.release()}"
    if platform.system() == "Linux":
        with contextlib.suppress(OSError, KeyError):
            os_name += f" ({platform.freedesktop_os_release()['PRETTY_NAME']})"
    machine = platform.machine()
    checks = [Check(section, "OS", "ok", os_name)]
    if machine.lower() in _ARCHITECTURES:
        checks.append(Check(section, "Architecture", "ok", machine))
    else:
        checks.append(Check(section, "Architecture", "warning", machine,
                            "Coral publishes the Edge TPU runtime for x86-64, ARM64 and ARMv7 "
                            "only, so use one of those computers."))
    version = platform.python_version()
    if (3, 10) <= sys.version_info[:2] <= (3, 13):
        checks.append(Check(section, "Python", "ok", version))
    else:
        checks.append(Check(section, "Python", "warning", version,
                            "Use Python 3.10 to 3.13, the versions ai-edge-litert is built for."))
    return checks


def _runtime_checks() -> list[Check]:
    section = "TensorFlow Lite runtimes"
    litert = _version("ai-edge-litert")
    tflite = _version("tflite-runtime")
    numpy = _version("numpy")
    checks = []
    if litert:
        checks.append(Check(section, "ai-edge-litert", "ok", litert))
    else:
        checks.append(Check(section, "ai-edge-litert", "problem", "not installed",
                            "Install it with: pip install ai-edge-litert"))
    if not tflite:
        checks.append(Check(section, "tflite-runtime", "info",
                            "not installed (optional, for comparison only)"))
    elif numpy and int(numpy.split(".")[0]) >= 2:
        checks.append(Check(section, "tflite-runtime", "warning",
                            f"{tflite}, but it cannot work with numpy {numpy} (it needs numpy < 2)",
                            "Install numpy 1.x (pip install 'numpy<2') to use tflite-runtime, "
                            "or simply use ai-edge-litert."))
    else:
        checks.append(Check(section, "tflite-runtime", "ok", f"{tflite} (numpy {numpy} is fine)"))
    checks.append(Check(section, "numpy", "ok" if numpy else "problem", numpy or "not installed",
                        "" if numpy else "Install it with: pip install numpy"))
    return checks


def _pycoral_checks() -> list[Check]:
    """Google's pycoral has ``pycoral.utils.edgetpu``; PyPI's ``pycoral`` is a reef-atlas tool."""
    section = "Google pycoral"
    try:
        spec = importlib.util.find_spec("pycoral")  # finds without importing it
    except (ImportError, ValueError):
        spec = None
    if spec is None:
        return [Check(section, "pycoral", "info",
                      "not installed (optional: not needed to run the Edge TPU here)")]
    version = _version("pycoral") or "unknown version"
    locations = list(spec.submodule_search_locations or [])
    google = any(list(Path(loc, "utils").glob("edgetpu*")) for loc in locations)
    if google:
        return [Check(section, "pycoral", "ok", f"Google's pycoral {version} "
                      "(pycoral.utils.edgetpu is present)")]
    return [Check(section, "pycoral", "warning",
                  f"the installed 'pycoral' {version} is an unrelated project from PyPI "
                  "(a command line for the Allen Coral Atlas of coral reefs), not Google's "
                  "Coral library",
                  "Nothing here needs it; remove it with 'pip uninstall pycoral' before "
                  "installing Google's pycoral.")]


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return ""


def _sections(checks: list[Check]) -> list[str]:
    seen: list[str] = []
    for check in checks:
        if check.section not in seen:
            seen.append(check.section)
    return seen


def _indent(text: str, pad: str) -> list[str]:
    return [pad + line for line in text.splitlines()]
