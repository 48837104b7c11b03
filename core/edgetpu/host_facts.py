"""What this computer is, as far as it slows an Edge TPU: a virtual machine, or a small board.

Coral measured its figures on a desktop computer with the accelerator plugged straight in. A
virtual machine reaches a USB Accelerator through the hypervisor's USB passthrough, which adds
latency to every transfer; an ARM board (a Raspberry Pi) does the work around each inference
(copying the input and output, the USB driver) more slowly. Both are read from files Linux
provides, so they cost microseconds and need no privileges. ``root`` stands in for ``/`` (tests).
"""

from __future__ import annotations

import os
import platform
from pathlib import Path

# Values of /sys/class/dmi/id/sys_vendor or product_name that only a hypervisor reports.
_HYPERVISORS = (("QEMU", "QEMU"), ("KVM", "KVM"), ("VMware", "VMware"),
                ("VirtualBox", "VirtualBox"), ("innotek", "VirtualBox"), ("Xen", "Xen"),
                ("Parallels", "Parallels"), ("Bochs", "Bochs"),
                ("Virtual Machine", "Hyper-V"), ("Google Compute Engine", "Google Compute Engine"),
                ("Amazon EC2", "Amazon EC2"))
_BOARD_MACHINES = {"aarch64", "arm64", "armv7l", "armv6l"}
_READ_LIMIT = 1 << 20  # /proc/cpuinfo of a large server is well under this


def virtual_machine(root: Path = Path("/")) -> str:
    """The hypervisor's name when this is a virtual machine (``KVM``, ``VMware``, or
    ``a hypervisor`` when only the CPU's hypervisor flag tells), else ``""``."""
    dmi = root / "sys" / "class" / "dmi" / "id"
    for name in ("sys_vendor", "product_name"):
        value = _read(dmi / name)
        for needle, hypervisor in _HYPERVISORS:
            if needle.lower() in value.lower():
                return hypervisor
    for line in _read(root / "proc" / "cpuinfo").splitlines():
        key, _, value = line.partition(":")
        if key.strip() == "flags" and "hypervisor" in value.split():
            return "a hypervisor"
    return ""


def small_board(root: Path = Path("/"), machine: str | None = None,
                system: str | None = None) -> str:
    """What to call this computer when it is an ARM board running Linux (``Raspberry Pi 4
    Model B Rev 1.4`` from the device tree, else ``an ARM board (aarch64)``), else ``""``.

    A Mac with Apple silicon is ARM too, but no slower than Coral's desktop: only Linux counts.
    """
    machine = (machine if machine is not None else platform.machine()).lower()
    system = system if system is not None else platform.system()
    if system != "Linux" or machine not in _BOARD_MACHINES:
        return ""
    for path in (root / "proc" / "device-tree" / "model",
                 root / "sys" / "firmware" / "devicetree" / "base" / "model"):
        model = _read(path).replace("\x00", "").strip()
        if model:
            return model[:120]
    return f"an ARM board ({machine})"


def _read(path: Path) -> str:
    """The text of a small system file, or ``""``; never blocks, never raises."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except (OSError, ValueError):
        return ""
    try:
        return os.read(fd, _READ_LIMIT).decode("utf-8", errors="replace")
    except OSError:
        return ""
    finally:
        os.close(fd)
