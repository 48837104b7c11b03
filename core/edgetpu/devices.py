"""Edge TPU devices attached to this machine, found without loading libedgetpu.

Reading sysfs and /dev cannot crash, needs no runtime and takes microseconds, so the doctor and the
backend choices use it even where libedgetpu is missing or broken. It is Linux-only: on macOS and
Windows nothing is found here (the doctor says so).

Naming: USB Accelerators are numbered ``usb:0``, ``usb:1``... in natural sort order of their sysfs
directory names (``1-1`` < ``1-2`` < ``1-10`` < ``2-1``), PCIe/M.2 cards ``pci:0``, ``pci:1``... in
order of their ``/dev/apex_N`` number. libedgetpu numbers devices in the order libusb and its own
PCI scan enumerate them, which is usually but not always the same; when it matters, Google's pycoral
``list_edge_tpus()`` (run in a worker) gives libedgetpu's own order.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from core.io.numbers import is_digits

USB_UNINITIALISED = "1a6e:089a"  # Global Unichip: before libedgetpu has loaded the firmware
USB_READY = "18d1:9302"  # Google: firmware loaded, ready for inference
PCI_ID = "1ac1:089a"  # the Apex chip on PCIe and M.2 cards
USB_STATES = {USB_UNINITIALISED: "uninitialised", USB_READY: "ready"}
USB2_MBPS = 480


@dataclass(frozen=True)
class EdgeTpuDevice:
    """One Edge TPU. ``state`` is "ready", "uninitialised" (USB, firmware not yet loaded: normal
    before first use) or "no_permission" (present, but this user may not open it)."""

    kind: str  # "usb" | "pci"
    name: str  # "usb:0", "pci:0": the value of libedgetpu's "device" option
    path: str  # sysfs directory (USB) or /dev/apex_N node (PCIe)
    state: str
    usb_speed_mbps: int | None
    vendor_product: str
    node: str = ""  # USB: /dev/bus/usb/BBB/DDD, the file libusb opens (empty when not found)

    @property
    def title(self) -> str:
        """What a person calls it: ``Coral USB Accelerator`` or ``Coral PCIe/M.2 card``."""
        return "Coral USB Accelerator" if self.kind == "usb" else "Coral PCIe/M.2 card"

    def to_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "name": self.name, "path": self.path, "state": self.state,
                "usb_speed_mbps": self.usb_speed_mbps, "vendor_product": self.vendor_product,
                "node": self.node}


def find_devices(root: Path = Path("/")) -> list[EdgeTpuDevice]:
    """USB Accelerators, then PCIe/M.2 cards. ``root`` is prepended to /sys and /dev (tests)."""
    return [*_usb_devices(root), *_pci_devices(root)]


def edgetpu_backend_specs(devices: Iterable[EdgeTpuDevice]) -> list[str]:
    """Backend specs to offer: ``edgetpu`` for zero or one device, else one per device."""
    names = [d.name for d in devices]
    if len(names) <= 1:
        return ["edgetpu"]
    return [f"edgetpu:device={name}" for name in names]


def pci_cards_without_node(root: Path = Path("/")) -> list[str]:
    """Coral cards on the PCI bus that have no /dev/apex_N node: their driver is not loaded."""
    cards = []
    for directory in _sorted_dirs(root / "sys" / "bus" / "pci" / "devices"):
        vendor = _read(directory / "vendor").lower().removeprefix("0x")
        device = _read(directory / "device").lower().removeprefix("0x")
        if f"{vendor}:{device}" == PCI_ID:
            cards.append(str(directory))
    nodes = len(list((root / "dev").glob("apex_*")))
    return cards[nodes:] if nodes < len(cards) else []


def _usb_devices(root: Path) -> list[EdgeTpuDevice]:
    found: list[EdgeTpuDevice] = []
    for directory in _sorted_dirs(root / "sys" / "bus" / "usb" / "devices"):
        vendor_product = f"{_read(directory / 'idVendor')}:{_read(directory / 'idProduct')}"
        vendor_product = vendor_product.lower()
        if vendor_product not in USB_STATES:
            continue
        node = _usb_node(root, directory)
        state = USB_STATES[vendor_product]
        if node and not can_open(node):
            state = "no_permission"
        found.append(EdgeTpuDevice("usb", f"usb:{len(found)}", str(directory), state,
                                   _speed(directory), vendor_product, str(node or "")))
    return found


def _pci_devices(root: Path) -> list[EdgeTpuDevice]:
    nodes = sorted((root / "dev").glob("apex_*"), key=lambda p: _natural_key(p.name))
    found: list[EdgeTpuDevice] = []
    for node in nodes:
        if not re.fullmatch(r"apex_[0-9]+", node.name):
            continue
        state = "ready" if can_open(node) else "no_permission"
        found.append(EdgeTpuDevice("pci", f"pci:{len(found)}", str(node), state, None, PCI_ID))
    return found


def _usb_node(root: Path, directory: Path) -> Path | None:
    """The /dev/bus/usb/BBB/DDD file of a USB device, from its sysfs busnum and devnum."""
    bus, dev = _read(directory / "busnum"), _read(directory / "devnum")
    if not (is_digits(bus) and is_digits(dev)):
        return None
    node = root / "dev" / "bus" / "usb" / f"{int(bus):03d}" / f"{int(dev):03d}"
    return node if node.exists() else None


def can_open(node: Path) -> bool:
    """Whether this process may read and write a device node (always true for root)."""
    return os.access(node, os.R_OK | os.W_OK)


def _speed(directory: Path) -> int | None:
    """sysfs ``speed`` in Mbit/s: 1.5, 12, 480 (USB 2), 5000 (USB 3), 10000, 20000."""
    match = re.fullmatch(r"([0-9]{1,9})(?:\.[0-9]{1,9})?", _read(directory / "speed").strip())
    return int(match.group(1)) if match else None  # "inf", "nan" or "٥٠٠٠": not a speed


def _sorted_dirs(parent: Path) -> list[Path]:
    try:
        return sorted(parent.iterdir(), key=lambda p: _natural_key(p.name))
    except OSError:
        return []


def _natural_key(name: str) -> list[tuple[int, int | str]]:
    return [(0, int(part)) if is_digits(part) else (1, part)
            for part in re.split(r"([0-9]+)", name) if part]


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="ascii", errors="replace").strip()
    except OSError:
        return ""
