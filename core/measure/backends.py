"""Backend specifications: what the user asked to measure, parsed from ``cpu:threads=1`` style.

A spec is plain data handed to a worker process; the worker turns it into an interpreter (see
``core.measure.runtimes``). The CPU default is the fastest honest setting: LiteRT with XNNPACK and
one thread per core, so that the Edge TPU is never compared against a needlessly slow CPU path.
"""

from __future__ import annotations

import os
import platform
from dataclasses import dataclass, field, replace
from importlib import metadata
from pathlib import Path

from core.edgetpu.devices import edgetpu_backend_specs, find_devices
from core.errors import AppError, fail
from core.io.numbers import NumberError, is_digits, parse_whole

KINDS = ("cpu", "edgetpu")
RUNTIMES = {"ai-edge-litert": "LiteRT", "tflite-runtime": "tflite-runtime"}
PERFORMANCE = ("low", "medium", "high", "max")
DEFAULT_FACTORY = "core.measure.runtimes:open_interpreter"

_OPTIONS = {
    "cpu": {"runtime", "threads", "xnnpack", "pin"},
    "edgetpu": {"runtime", "device", "performance", "usb.always_dfu",
                "usb.max_bulk_in_queue_length"},
}


@dataclass(frozen=True)
class BackendSpec:
    """One backend to measure. ``factory`` names the function that opens its interpreter."""

    kind: str
    runtime: str = "ai-edge-litert"
    threads: int = 0  # 0: one per core
    xnnpack: bool = True
    device: str = ""  # Edge TPU: "", "usb", "usb:0", "pci:0", ...
    performance: str = ""  # Edge TPU: "" (runtime default) or one of PERFORMANCE
    usb_always_dfu: bool = False  # Edge TPU on USB: load the firmware at every open
    usb_queue: int = 0  # Edge TPU on USB: libedgetpu's Usb.MaxBulkInQueueLength (0: default)
    pin: bool = True  # CPU: each runtime thread on a core of its own (core.measure.affinity)
    factory: str = DEFAULT_FACTORY
    extra: tuple[tuple[str, str], ...] = field(default=())  # options only a factory reads

    @property
    def effective_threads(self) -> int:
        return self.threads or (os.cpu_count() or 1)

    @property
    def pins_threads(self) -> bool:
        """Whether the worker puts the runtime's threads on a core each (the CPU, unless
        ``pin=off``; an Edge TPU's host threads only feed the USB and are left alone)."""
        return self.kind == "cpu" and self.pin

    @property
    def base_id(self) -> str:
        if self.kind == "edgetpu" and self.device:
            return "edgetpu-" + self.device.replace(":", "")
        return self.kind

    def label(self) -> str:
        """What the panel title and the command line call this backend."""
        runtime = runtime_title(self.runtime)
        if self.kind == "cpu":
            kernels = "XNNPACK" if self.xnnpack else "reference kernels"
            n = self.effective_threads
            return f"CPU ({runtime}, {kernels}, {n} thread{'s' if n != 1 else ''})"
        parts = [self.device or "first found"]
        if self.performance:
            parts.append(f"performance {self.performance}")
        if self.usb_always_dfu:
            parts.append("always DFU")
        if self.usb_queue:
            parts.append(f"bulk-in queue {self.usb_queue}")
        return f"Edge TPU ({', '.join(parts)})"

    def to_text(self) -> str:
        """The spec back as command-line text (for result files and the CSV)."""
        defaults = BackendSpec(self.kind)
        opts = []
        if self.runtime != defaults.runtime:
            opts.append(f"runtime={self.runtime}")
        if self.threads:
            opts.append(f"threads={self.threads}")
        if not self.xnnpack:
            opts.append("xnnpack=off")
        if self.kind == "cpu" and not self.pin:
            opts.append("pin=off")
        if self.device:
            opts.append(f"device={self.device}")
        if self.performance:
            opts.append(f"performance={self.performance}")
        if self.usb_always_dfu:
            opts.append("usb.always_dfu=on")
        if self.usb_queue:
            opts.append(f"usb.max_bulk_in_queue_length={self.usb_queue}")
        return self.kind + (":" + ",".join(opts) if opts else "")


def runtime_title(runtime: str) -> str:
    """``LiteRT 2.3.0``: the runtime's short name and installed version, without importing it."""
    name = RUNTIMES.get(runtime, runtime)
    try:
        return f"{name} {metadata.version(runtime)}"
    except metadata.PackageNotFoundError:
        return name


def parse_backend_spec(text: str) -> BackendSpec:
    """Parse ``cpu``, ``cpu:threads=1,xnnpack=off``, ``edgetpu:device=usb:1,performance=max``
    (and libedgetpu's USB options ``usb.always_dfu=on``, ``usb.max_bulk_in_queue_length=N``)."""
    kind, _, rest = text.strip().partition(":")
    kind = kind.lower()
    if kind not in KINDS:
        raise _bad(text, f"unknown backend '{kind}'; use cpu or edgetpu")
    spec = BackendSpec(kind)
    seen: set[str] = set()
    for key, value in _split_options(text, rest):
        if key not in _OPTIONS[kind]:
            allowed = ", ".join(sorted(_OPTIONS[kind]))
            raise _bad(text, f"'{key}' is not an option of {kind} (options: {allowed})")
        if key in seen:
            raise _bad(text, f"'{key}' is given twice; give each option once")
        seen.add(key)
        spec = _apply(spec, key, value, text)
    return spec


def _split_options(text: str, rest: str) -> list[tuple[str, str]]:
    """Split ``a=1,device=usb:1`` (values may contain ':')."""
    if not rest:
        return []
    pairs = []
    for item in rest.split(","):
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise _bad(text, f"'{item}' should look like name=value")
        pairs.append((key.strip().lower(), value.strip()))
    return pairs


def _apply(spec: BackendSpec, key: str, value: str, text: str) -> BackendSpec:
    if key == "runtime":
        if value not in RUNTIMES:
            raise _bad(text, f"runtime must be one of {', '.join(RUNTIMES)}")
        return replace(spec, runtime=value)
    if key == "threads":
        return replace(spec, threads=_whole(value, 1, 256, text, key))
    if key == "xnnpack":
        return replace(spec, xnnpack=_on_off(value, text, key))
    if key == "pin":
        return replace(spec, pin=_on_off(value, text, key))
    if key == "usb.always_dfu":
        return replace(spec, usb_always_dfu=_on_off(value, text, key))
    if key == "usb.max_bulk_in_queue_length":
        return replace(spec, usb_queue=_whole(value, 1, 255, text, key))
    if key == "device":
        if not _valid_device(value):
            raise _bad(text, "device must look like usb, usb:0, pci or pci:0")
        return replace(spec, device=value.lower())
    if value.lower() not in PERFORMANCE:
        raise _bad(text, f"performance must be one of {', '.join(PERFORMANCE)}")
    return replace(spec, performance=value.lower())


def _whole(value: str, low: int, high: int, text: str, key: str) -> int:
    try:
        return parse_whole(value, low, high)
    except NumberError as exc:
        raise _bad(text, f"{key} must be a whole number from {low} to {high} ({exc})") from None


def _on_off(value: str, text: str, key: str) -> bool:
    if value.lower() not in ("on", "off", "true", "false", "1", "0"):
        raise _bad(text, f"{key} must be on or off")
    return value.lower() in ("on", "true", "1")


def _valid_device(value: str) -> bool:
    bus, _, index = value.lower().partition(":")
    return bus in ("usb", "pci") and (index == "" or is_digits(index))


def _bad(text: str, why: str) -> AppError:
    shown = text if len(text) <= 60 else text[:56] + "…"
    return fail("usage", f"The backend '{shown}' is not understood: {why}.",
                "Write it like cpu, cpu:threads=1 or edgetpu:device=usb:0.")


def assign_ids(specs: list[BackendSpec]) -> list[str]:
    """Stable, unique ids: ``cpu``, ``edgetpu``, then ``cpu-2`` for a second CPU backend."""
    ids: list[str] = []
    for spec in specs:
        base = spec.base_id
        candidate, n = base, 2
        while candidate in ids:
            candidate, n = f"{base}-{n}", n + 1
        ids.append(candidate)
    return ids


def default_specs(root: Path = Path("/")) -> list[BackendSpec]:
    """The CPU, and one Edge TPU backend per attached device (or one that finds the first)."""
    texts = edgetpu_backend_specs(find_devices(root))
    return [BackendSpec("cpu"), *(parse_backend_spec(text) for text in texts)]


def delegate_library() -> str:
    """The Edge TPU runtime's file name on this operating system."""
    system = platform.system()
    if system == "Windows":
        return "edgetpu.dll"
    if system == "Darwin":
        return "libedgetpu.1.dylib"
    return "libedgetpu.so.1"
