"""The engine's standard error sentences in the window's language.

``core`` writes its messages in English and knows nothing of Qt. Most errors a person meets carry
the catalogue's default message and remedy (``core.errors.CATALOGUE``); those are repeated here
inside ``translate`` so that lupdate sees them, and swapped for their translation when an error
still says exactly the default. A more specific message (one naming a file) stays as it is. A
test keeps this table equal to the catalogue.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication

from core.errors import ErrorInfo, catalogue_entry
from gui.look.advice_texts import window_advice
from gui.look.engine_texts import engine_text

translate = QCoreApplication.translate


def texts() -> dict[str, tuple[str, str]]:
    """Code -> (message, remedy), translated into the current language."""
    return {
        "invalid_model": (
            translate("ErrorTexts", "The model file is not a valid TensorFlow Lite model."),
            translate("ErrorTexts",
                      "Choose a .tflite file exported by TensorFlow Lite or compiled by the "
                      "Edge TPU Compiler.")),
        "unsupported_model": (
            translate("ErrorTexts", "The model is valid, but this app cannot run it."),
            translate("ErrorTexts",
                      "Choose a model that takes one picture and uses TensorFlow Lite's built-in "
                      "operations (or one compiled for the Edge TPU).")),
        "invalid_image": (
            translate("ErrorTexts", "The image cannot be read."),
            translate("ErrorTexts",
                      "Choose a JPEG, PNG or BMP picture that opens in an image viewer.")),
        "invalid_labels": (
            translate("ErrorTexts", "The labels file is not UTF-8 text."),
            translate("ErrorTexts",
                      "Choose the plain-text labels file that came with the model, or leave "
                      "labels empty.")),
        "model_compiled_for_edgetpu": (
            translate("ErrorTexts",
                      "This model is compiled for the Edge TPU and cannot run on the CPU."),
            translate("ErrorTexts",
                      "Put the uncompiled model (the same name without _edgetpu) in the same "
                      "folder.")),
        "model_not_compiled": (
            translate("ErrorTexts",
                      "This model is not compiled for the Edge TPU, so it runs on the CPU even "
                      "here."),
            translate("ErrorTexts",
                      "Compile it with the Edge TPU Compiler, or use the _edgetpu.tflite file "
                      "that came with it.")),
        "edgetpu_runtime_missing": (
            translate("ErrorTexts", "No Edge TPU runtime (libedgetpu) is installed."),
            translate("ErrorTexts",
                      "Install the Edge TPU runtime (libedgetpu1-std) as Coral's Get Started "
                      "guide describes, then run 'edgetpu-compare doctor'.")),
        "edgetpu_not_found": (
            translate("ErrorTexts", "The Edge TPU runtime is installed, but no Edge TPU answered."),
            translate("ErrorTexts",
                      "Plug in the Coral USB Accelerator (or check the PCIe card), then run "
                      "'edgetpu-compare doctor'.")),
        "edgetpu_permission_denied": (
            translate("ErrorTexts", "An Edge TPU is attached, but this user may not open it."),
            translate("ErrorTexts",
                      "Install Coral's udev rule (or add yourself to the 'apex' or 'plugdev' "
                      "group), then unplug and replug the device.")),
        "edgetpu_usb_error": (
            translate("ErrorTexts", "The Edge TPU stopped answering over USB."),
            translate("ErrorTexts",
                      "Unplug and replug the USB Accelerator, use a USB 3 port and the supplied "
                      "cable, or connect it through a powered USB hub.")),
        "runtime_missing": (
            translate("ErrorTexts",
                      "The TensorFlow Lite runtime for this backend is not installed."),
            translate("ErrorTexts",
                      "Install it with: pip install ai-edge-litert (or pip install "
                      "'edgetpu-compare[tflite]').")),
        "runtime_mismatch": (
            translate("ErrorTexts",
                      "The Edge TPU runtime does not match the TensorFlow Lite runtime."),
            translate("ErrorTexts",
                      "Install a libedgetpu built for this TensorFlow Lite version, or the "
                      "TensorFlow Lite version your libedgetpu was built for.")),
        "worker_crashed": (
            translate("ErrorTexts", "The process measuring this backend stopped unexpectedly."),
            translate("ErrorTexts",
                      "Run 'edgetpu-compare doctor' and try again; if it happens again, attach "
                      "its report to a bug report.")),
        "cancelled": (
            translate("ErrorTexts", "The run was stopped before this backend finished."),
            translate("ErrorTexts", "Press Run again to measure it.")),
        "invoke_failed": (
            translate("ErrorTexts", "The model failed while it was running."),
            translate("ErrorTexts",
                      "Check that the model runs with its own runtime, or choose another model.")),
        "usage": (
            translate("ErrorTexts", "The command line is incomplete."),
            translate("ErrorTexts", "Run 'edgetpu-compare --help' to see the options.")),
        "file_not_found": (
            translate("ErrorTexts", "The file does not exist."),
            translate("ErrorTexts", "Check the path, or choose the file with Open.")),
        "invalid_results": (
            translate("ErrorTexts", "The file is not a result file of Edge TPU Compare."),
            translate("ErrorTexts", "Choose a .json file saved by Edge TPU Compare.")),
        "io_error": (
            translate("ErrorTexts", "A file could not be written."),
            translate("ErrorTexts", "Check that the folder exists and that you may write to it.")),
        "invalid_manifest": (
            translate("ErrorTexts", "The list of sample models (manifest.json) is damaged."),
            translate("ErrorTexts", "Reinstall edgetpu-compare: the list ships inside it.")),
        "source_not_found": (
            translate("ErrorTexts",
                      "The folder or address to fetch the sample models from cannot be used."),
            translate("ErrorTexts",
                      "Give an existing folder that holds models/, labels/ and images/, or an "
                      "http(s) address.")),
        "fetch_failed": (
            translate("ErrorTexts", "A sample file could not be downloaded."),
            translate("ErrorTexts",
                      "Check the internet connection and run 'edgetpu-compare models fetch' "
                      "again.")),
        "no_network": (
            translate("ErrorTexts",
                      "The sample models could not be downloaded: this computer did not reach "
                      "their server (no network, or the server is down)."),
            translate("ErrorTexts",
                      "Copy them from a folder or USB stick that holds a copy instead (\"Copy "
                      "sample models from a folder…\" in the window, or 'edgetpu-compare models "
                      "fetch --from FOLDER'); the built-in bird sample works without them.")),
        "size_mismatch": (
            translate("ErrorTexts",
                      "A sample file has the wrong size, so the source's copy is damaged or "
                      "changed."),
            translate("ErrorTexts",
                      "Fetch it again from the original source, or replace the damaged copy in "
                      "the folder or mirror it came from.")),
        "hash_mismatch": (
            translate("ErrorTexts",
                      "A sample file's SHA-256 does not match, so the source's copy is damaged "
                      "or changed."),
            translate("ErrorTexts",
                      "Fetch it again from the original source, or replace the damaged copy in "
                      "the folder or mirror it came from.")),
    }


def window_remedies() -> dict[str, str]:
    """Remedies that send a person to a terminal command, as the window says them: its
    Diagnostics view runs the same checks."""
    return {
        "edgetpu_runtime_missing": translate(
            "ErrorTexts", "Install the Edge TPU runtime (libedgetpu) as Coral's Get Started guide "
                          "describes, then open Diagnostics to check it."),
        "edgetpu_not_found": translate(
            "ErrorTexts", "Plug in the Coral USB Accelerator (or check the PCIe card), then open "
                          "Diagnostics to check it."),
        "worker_crashed": translate(
            "ErrorTexts", "Open Diagnostics and try again; if it happens again, attach its report "
                          "to a bug report."),
    }


def localized(info: ErrorInfo, in_window: bool = False) -> ErrorInfo:
    """``info`` with its default message and remedy in the current language, and the Edge TPU
    install advice (matched to its runtime) said again by its parts; ``in_window`` points the
    remedies that name the ``doctor`` command to the Diagnostics view instead."""
    advice = window_advice(info.remedy)
    if advice is not None:
        info = replace(info, remedy=advice)
    default = catalogue_entry(info.code)
    if default is None:
        return replace(info, message=engine_text(info.message), remedy=engine_text(info.remedy))
    message, remedy = texts()[info.code]
    if in_window and info.code in window_remedies():
        remedy = window_remedies()[info.code]
    return replace(info, message=message if info.message == default[0]
                   else engine_text(info.message),
                   remedy=remedy if info.remedy == default[1] else engine_text(info.remedy))

