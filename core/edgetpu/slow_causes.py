"""Why an Edge TPU is slower than Coral's figure: the causes this program can see, most likely
first, each with what to do about it.

Owners most often ask why theirs is "slower than advertised", and the answers are few and known:
a USB 2 port (one public benchmark: MobileNet v2 in 58 ms over USB 2 against 18 ms over USB 3),
the throttled std build of libedgetpu, part of the model left on the CPU or its parameters
streamed over USB, a virtual machine's USB passthrough, and a small host doing the work around
each inference. Each is decided from one observation, gathered elsewhere (the device scan, the
library, model insight, ``core.edgetpu.host_facts``) and handed in as plain values, so that
every cause can be tested alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from core.edgetpu.devices import USB2_MBPS

USB2_REMEDY = ("Plug it into a USB 3 port (often blue) with the supplied cable: over USB 2 every "
               "inference waits for the slow data transfer.")
MAX_BUILD_REMEDY = ("For full speed install the max build instead (libedgetpu1-max, or the "
                    "'direct' library of Coral's download); the device then gets hot.")
_REDUCED_LEVELS = {"low": "Low", "medium": "Medium", "high": "High"}
_LISTED = 5
_MAX_VALUES = 8  # a cause read from a file keeps no more particulars than it can have


@dataclass(frozen=True)
class Observations:
    """What was seen of the run's Edge TPU and its computer; empty values mean "not seen"."""

    device_kind: str = ""  # "usb" | "pci" | "" (unknown)
    usb_speed_mbps: int | None = None  # the link the USB Accelerator is on
    build: str = ""  # libedgetpu build: "std" (throttled) | "max" | ""
    performance: str = ""  # the level that ran: "max", "high", "High (throttled build)", ...
    compiled: bool = True  # the model the Edge TPU backend ran is compiled for it
    cpu_operations: int = 0  # operations of that model outside its Edge TPU operation
    cpu_operation_names: tuple[str, ...] = ()
    streamed_bytes: int = 0  # parameters beyond the on-chip memory (0: none proven)
    virtual_machine: str = ""  # the hypervisor's name, when this is a virtual machine
    small_board: str = ""  # what this computer is, when it is an ARM board


@dataclass(frozen=True)
class Cause:
    """One likely cause: a stable ``code``, what was seen, and what to do about it.

    ``values`` are the particulars in ``text`` (the link's speed, the hypervisor's name...), so
    that the window can say the same in its own language."""

    code: str  # usb2 | throttled_build | reduced_performance | not_compiled | cpu_operations
    #            | parameters_streamed | virtual_machine | small_host
    text: str
    remedy: str
    values: dict[str, str] = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "text": self.text, "remedy": self.remedy,
                "values": dict(self.values)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Cause:
        values = data.get("values")
        kept = {str(k)[:40]: str(v)[:200] for k, v in list(values.items())[:_MAX_VALUES]} \
            if isinstance(values, dict) else {}
        return cls(str(data.get("code", "")), str(data.get("text", "")),
                   str(data.get("remedy", "")), kept)


def likely_causes(seen: Observations) -> list[Cause]:
    """Every cause the observations show, the most common first."""
    return [*_link(seen), *_clock(seen), *_model(seen), *_host(seen)]


def _link(seen: Observations) -> list[Cause]:
    speed = seen.usb_speed_mbps
    if seen.device_kind == "pci" or speed is None or speed > USB2_MBPS:
        return []
    generation = "USB 2" if speed == USB2_MBPS else "USB 1"
    return [Cause("usb2", f"The USB Accelerator is on a {generation} port ({speed} Mbit/s); "
                  "Coral measured over USB 3 (5000 Mbit/s).", USB2_REMEDY,
                  {"generation": generation, "speed": str(speed)})]


def _clock(seen: Observations) -> list[Cause]:
    level = seen.performance.strip()
    throttled = seen.build == "std" and seen.device_kind != "pci"  # it slows USB devices only
    if throttled or "throttled" in level.lower():
        return [Cause("throttled_build", "The throttled build of libedgetpu (libedgetpu1-std) "
                      "runs the Edge TPU at a reduced clock.",
                      MAX_BUILD_REMEDY + " Then choose performance max "
                      "(--backend edgetpu:performance=max).")]
    if level.lower() in _REDUCED_LEVELS:
        return [Cause("reduced_performance", f"The Edge TPU ran at performance level "
                      f"{_REDUCED_LEVELS[level.lower()]}, below Max.",
                      "Choose performance max (--backend edgetpu:performance=max).",
                      {"level": _REDUCED_LEVELS[level.lower()]})]
    return []


def _model(seen: Observations) -> list[Cause]:
    if not seen.compiled:
        return [Cause("not_compiled", "The model is not compiled for the Edge TPU, so every "
                      "operation ran on the CPU.",
                      "Use the _edgetpu.tflite file that came with it, or compile it with the "
                      "Edge TPU Compiler.")]
    causes = []
    if seen.cpu_operations > 0:
        names = list(seen.cpu_operation_names[:_LISTED])
        if len(seen.cpu_operation_names) > _LISTED:
            names.append("…")
        listed = f" ({', '.join(names)})" if names else ""
        word = "operation runs" if seen.cpu_operations == 1 else "operations run"
        causes.append(Cause("cpu_operations", f"{seen.cpu_operations} {word} on the CPU"
                            f"{listed}: every hand-over between the CPU and the Edge TPU "
                            "crosses the link.",
                            "Compile the model with a newer Edge TPU Compiler, or replace those "
                            "operations with ones the Edge TPU supports.",
                            {"count": str(seen.cpu_operations), "names": ", ".join(names)}))
    if seen.streamed_bytes > 0:
        mib = seen.streamed_bytes / 1024 / 1024
        causes.append(Cause("parameters_streamed", f"The parameters ({mib:.1f} MiB) exceed the "
                            "Edge TPU's 8 MiB of on-chip memory: some are streamed over the link "
                            "at every inference.",
                            "Use a smaller model, or split it across several Edge TPUs "
                            "(edgetpu_compiler --num_segments).", {"mib": f"{mib:.1f}"}))
    return causes


def _host(seen: Observations) -> list[Cause]:
    causes = []
    if seen.virtual_machine:
        causes.append(Cause("virtual_machine", f"This computer is a virtual machine "
                            f"({seen.virtual_machine}): passing USB through to it adds latency "
                            "to every transfer.",
                            "Run on the host computer itself, or pass the whole USB controller "
                            "through to the virtual machine (PCI passthrough).",
                            {"name": seen.virtual_machine}))
    if seen.small_board:
        causes.append(Cause("small_host", f"This computer ({seen.small_board}) does the work "
                            "around each inference (copying the input and output, the USB "
                            "driver) more slowly than the desktop Coral measured on.",
                            "Part of the gap is to be expected here; a desktop computer, or a "
                            "PCIe/M.2 Edge TPU, comes closer to Coral's figure.",
                            {"name": seen.small_board}))
    return causes
