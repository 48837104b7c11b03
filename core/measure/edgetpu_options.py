"""The options handed to libedgetpu, the way libedgetpu reads them, and what really runs.

libedgetpu (``tflite/edgetpu_delegate_for_custom_op_tflite_plugin.cc``) forwards
``Performance``, ``Usb.AlwaysDfu`` and ``Usb.MaxBulkInQueueLength`` to the device only when
``device`` names an index (``:0``, ``usb:0``, ``pci:0``); with no ``device``, or with ``usb`` or
``pci`` alone, they are silently ignored. So whenever such an option is given, the device is
resolved to an indexed name here. The throttled build (libedgetpu1-std) then turns ``Max`` into
``High`` on USB; ``effective_performance`` says so, so that labels and result files name what
ran, not what was asked for.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from core.edgetpu.devices import EdgeTpuDevice
from core.io.numbers import is_digits
from core.measure.backends import BackendSpec

DEVICE_OPTIONS = ("Performance", "Usb.AlwaysDfu", "Usb.MaxBulkInQueueLength")
THROTTLED_MESSAGE = ("Performance expectation level Max is not supported when USB connected "
                     "EdgeTpu is throttled")
THROTTLED = "High (throttled build)"


@dataclass(frozen=True)
class DelegateOptions:
    """What ``load_delegate`` receives, and the device it names (resolved when it had to be)."""

    options: dict[str, str]
    device: str  # "" (libedgetpu picks), ":0", "usb:0", "pci:1", ...
    bus: str  # "usb" | "pci" | "" (unknown): which kind of device the index points at


def is_indexed(device: str) -> bool:
    """``:0``, ``usb:0``, ``pci:0``: the forms libedgetpu forwards options with."""
    _, sep, index = device.partition(":")
    return bool(sep) and is_digits(index)


def resolve_device(device: str, devices: Sequence[EdgeTpuDevice]) -> tuple[str, str]:
    """(indexed device, its bus) for ``""`` (first found), ``usb``, ``pci`` or an indexed name.

    The device scan tells which kind of device comes first; with none found, ``:0`` (libedgetpu's
    first device of any kind) is what "first found" means."""
    if is_indexed(device):
        bus = device.partition(":")[0]
        if not bus:
            bus = devices[0].kind if devices else ""
        return device, bus
    if device in ("usb", "pci"):
        return f"{device}:0", device
    if devices:
        return ":0", devices[0].kind
    return ":0", ""


def delegate_options(spec: BackendSpec, devices: Sequence[EdgeTpuDevice]) -> DelegateOptions:
    """The ``load_delegate`` options of an Edge TPU spec, with an indexed device whenever an
    option that libedgetpu forwards to the device is given."""
    options: dict[str, str] = {}
    if spec.performance:
        options["Performance"] = spec.performance.capitalize()
    if spec.usb_always_dfu:
        options["Usb.AlwaysDfu"] = "True"
    if spec.usb_queue:
        options["Usb.MaxBulkInQueueLength"] = str(spec.usb_queue)
    device, bus = spec.device, spec.device.partition(":")[0]
    if any(key in options for key in DEVICE_OPTIONS):
        device, bus = resolve_device(spec.device, devices)
    if device:
        options = {"device": device, **options}
    return DelegateOptions(options, device, bus)


def effective_performance(requested: str, bus: str, flavour: str, log: str = "") -> str:
    """The performance level that really runs: ``max`` becomes ``High (throttled build)`` on a
    USB Accelerator with the std build (told by libedgetpu's message, or by the build)."""
    if requested != "max":
        return requested
    if THROTTLED_MESSAGE in log or (flavour == "std" and bus == "usb"):
        return THROTTLED
    return requested


def edgetpu_label(spec: BackendSpec, device: str, performance: str) -> str:
    """``Edge TPU (usb:0, performance High (throttled build))``: the spec's label with the
    device and performance level that really run; ``:0`` is "first found"."""
    return replace(spec, device="" if device == ":0" else device,
                   performance=performance).label()
