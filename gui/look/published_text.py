"""Coral's published figure and what it means, in the window's language.

``core.edgetpu.verdict`` holds the numbers and the English wording for the command line; the
window, booth mode and the failure card say the same here through ``translate``, from the same
fields (a result file's ``published`` object read back gives the same sentences). Every sentence
names the figure as Coral's, not measured here, so nobody takes it for a measurement.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from core.edgetpu.slow_causes import Cause
from core.edgetpu.verdict import CpuVerdict, EdgeTpuVerdict, PublishedReport
from gui.look.formatting import fmt_factor, fmt_ms, joined

translate = QCoreApplication.translate


def read_report(published: dict[str, Any] | None) -> PublishedReport | None:
    """A run's ``published`` object as a report, or None when the run has none (older files)."""
    if not published:
        return None
    try:
        return PublishedReport.from_dict(published)
    except (KeyError, TypeError, ValueError):
        return None


def no_figure() -> str:
    return translate("Published", "Coral publishes no figure for this model.")


def device_name(device: str) -> str:
    """Where Coral measured, in the window's language."""
    if device == "Coral USB Accelerator":
        return translate("Published", "USB Accelerator")
    return device


def figure_line(report: PublishedReport) -> str:
    """``Coral publishes 2.6 ms for this model on a USB Accelerator (Coral's figure, not
    measured here).`` or that Coral publishes none."""
    if report.figure is None:
        return no_figure()
    return translate("Published", "Coral publishes {ms} ms for this model on a {device} "
                                  "(Coral's figure, not measured here).").format(
        ms=f"{report.figure.ms:g}", device=device_name(report.figure.conditions.device))


def cpu_sentence(verdict: CpuVerdict) -> str:
    """``Your CPU 3.6 ms; Coral publishes 2.6 ms ...: about 1.4× faster`` and how to read it."""
    values = {"cpu": fmt_ms(verdict.cpu_ms), "ms": f"{verdict.published_ms:g}",
              "device": device_name(verdict.device), "factor": fmt_factor(verdict.speedup),
              "inverse": fmt_factor(1 / verdict.speedup)}
    head = translate("Published", "Your CPU {cpu} ms; Coral publishes {ms} ms for this model on "
                                  "a {device} (not measured here)").format(**values)
    tail = {
        "much_faster": translate("Published", "an Edge TPU would be about {factor} faster."),
        "faster": translate("Published", "an Edge TPU would be only about {factor} faster: a "
                                         "close comparison, this CPU is already quick with "
                                         "this model."),
        "same": translate("Published", "about as fast as this CPU: an Edge TPU would not speed "
                                       "this model up here."),
        "slower": translate("Published", "this CPU is already about {inverse} faster than that "
                                         "figure."),
    }[verdict.judgement]
    return translate("Published", "{head}: {tail}").format(head=head, tail=tail.format(**values))


def edgetpu_sentence(verdict: EdgeTpuVerdict) -> str:
    """Measured against published: as fast as it should be, or how many times slower."""
    values = {"measured": fmt_ms(verdict.measured_ms),
              "ms": f"{verdict.published_ms:g}", "device": device_name(verdict.device),
              "factor": fmt_factor(verdict.ratio)}
    if not verdict.slower:
        return translate("Published", "Measured {measured} ms; Coral publishes {ms} ms for this "
                                      "model on a {device}: as fast as it should be.").format(
            **values)
    text = translate("Published", "Measured {measured} ms; Coral publishes {ms} ms for this model "
                                  "on a {device}: {factor} slower than Coral's figure.").format(
        **values)
    if not verdict.causes:
        text += " " + translate("Published", "None of the causes this program can check "
                                             "applies.")
    return text


def cause_texts(cause: Cause) -> tuple[str, str]:
    """What was seen and what to do, translated; a cause this window does not know (a newer
    file) keeps the English it was saved with."""
    values = dict(cause.values)
    if values.get("names"):
        values["names"] = translate("Published", " ({names})").format(
            names=joined(values["names"].split(", ")))
    found = _causes().get(cause.code)
    if found is None:
        return cause.text, cause.remedy
    text, remedy, needed = found
    if any(key not in values for key in needed):
        return cause.text, cause.remedy
    return text.format(**values), remedy


def _causes() -> dict[str, tuple[str, str, tuple[str, ...]]]:
    max_build = translate("Published", "For full speed install the max build instead "
                                       "(libedgetpu1-max, or the 'direct' library of Coral's "
                                       "download); the device then gets hot.")
    choose_max = translate("Published", "Choose performance max in the backend's options.")
    return {
        "usb2": (
            translate("Published", "The USB Accelerator is on a {generation} port ({speed} "
                                   "Mbit/s); Coral measured over USB 3 (5000 Mbit/s)."),
            translate("Published", "Plug it into a USB 3 port (often blue) with the supplied "
                                   "cable: over USB 2 every inference waits for the slow data "
                                   "transfer."), ("generation", "speed")),
        "throttled_build": (
            translate("Published", "The throttled build of libedgetpu (libedgetpu1-std) runs "
                                   "the Edge TPU at a reduced clock."),
            translate("Published", "{first} {second}").format(first=max_build,
                                                              second=choose_max), ()),
        "reduced_performance": (
            translate("Published", "The Edge TPU ran at performance level {level}, below Max."),
            choose_max, ("level",)),
        "not_compiled": (
            translate("Published", "The model is not compiled for the Edge TPU, so every "
                                   "operation ran on the CPU."),
            translate("Published", "Use the _edgetpu.tflite file that came with it, or compile "
                                   "it with the Edge TPU Compiler."), ()),
        "cpu_operations": (
            translate("Published", "Operations left on the CPU: {count}{names}; every "
                                   "hand-over between the CPU and the Edge TPU crosses the "
                                   "link."),
            translate("Published", "Compile the model with a newer Edge TPU Compiler, or "
                                   "replace those operations with ones the Edge TPU supports."),
            ("count", "names")),
        "parameters_streamed": (
            translate("Published", "The parameters ({mib} MiB) exceed the Edge TPU's 8 MiB of "
                                   "on-chip memory: some are streamed over the link at every "
                                   "inference."),
            translate("Published", "Use a smaller model, or split it across several Edge TPUs "
                                   "(edgetpu_compiler --num_segments)."), ("mib",)),
        "virtual_machine": (
            translate("Published", "This computer is a virtual machine ({name}): passing USB "
                                   "through to it adds latency to every transfer."),
            translate("Published", "Run on the host computer itself, or pass the whole USB "
                                   "controller through to the virtual machine (PCI "
                                   "passthrough)."), ("name",)),
        "small_host": (
            translate("Published", "This computer ({name}) does the work around each inference "
                                   "(copying the input and output, the USB driver) more slowly "
                                   "than the desktop Coral measured on."),
            translate("Published", "Part of the gap is to be expected here; a desktop computer, "
                                   "or a PCIe/M.2 Edge TPU, comes closer to Coral's figure."),
            ("name",)),
    }


def edgetpu_lines(report: PublishedReport, backend_id: str) -> list[tuple[str, str]]:
    """For one Edge TPU backend's panel: the verdict, then each likely cause with its remedy
    (as ``("cause", text)`` / ``("remedy", text)``); empty when the run has no verdict for it."""
    verdict = next((v for v in report.edgetpu if v.backend == backend_id), None)
    if verdict is None:
        return []
    lines = [("verdict", edgetpu_sentence(verdict))]
    if verdict.slower:
        for cause in verdict.causes:
            text, remedy = cause_texts(cause)
            lines += [("cause", text), ("remedy", remedy)]
    return lines


def without_device(report: PublishedReport) -> str:
    """For a run in which no Edge TPU ran: the CPU's verdict, or the figure alone, or none."""
    if report.cpu is not None:
        return cpu_sentence(report.cpu)
    return figure_line(report)
