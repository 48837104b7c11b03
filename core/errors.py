"""Errors as values: a stable code, a one-sentence message and a one-sentence remedy.

The codes are a public contract (the README's Error codes): the command line prints them, result
files store them, the window and the documentation key on them. Messages are written for someone
who does not program; technical detail goes in ``detail`` so that it is still there for a support
request.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, get_args

# Code -> (default message, default remedy). The message may be replaced by a more specific one
# at the place the error is raised; the remedy rarely needs to be.
# Every code there is: checked where an error is made (``error``, ``fail``); ``ErrorInfo.code``
# stays text, since a result file from another version may hold a code this one lacks.
ErrorCode = Literal[
    "invalid_model",
    "unsupported_model",
    "invalid_image",
    "invalid_labels",
    "model_compiled_for_edgetpu",
    "model_not_compiled",
    "edgetpu_runtime_missing",
    "edgetpu_not_found",
    "edgetpu_permission_denied",
    "edgetpu_usb_error",
    "runtime_missing",
    "runtime_mismatch",
    "worker_crashed",
    "cancelled",
    "invoke_failed",
    "usage",
    "file_not_found",
    "invalid_results",
    "io_error",
    "invalid_manifest",
    "source_not_found",
    "fetch_failed",
    "no_network",
    "size_mismatch",
    "hash_mismatch",
    "labels_short",  # a warning: fewer labels than the model has classes
]
ERROR_CODES: tuple[ErrorCode, ...] = get_args(ErrorCode)

CATALOGUE: dict[ErrorCode, tuple[str, str]] = {
    "invalid_model": (
        "The model file is not a valid TensorFlow Lite model.",
        "Choose a .tflite file exported by TensorFlow Lite or compiled by the Edge TPU Compiler.",
    ),
    "unsupported_model": (
        "The model is valid, but this app cannot run it.",
        "Choose a model that takes one picture and uses TensorFlow Lite's built-in operations "
        "(or one compiled for the Edge TPU).",
    ),
    "invalid_image": (
        "The image cannot be read.",
        "Choose a JPEG, PNG or BMP picture that opens in an image viewer.",
    ),
    "invalid_labels": (
        "The labels file is not UTF-8 text.",
        "Choose the plain-text labels file that came with the model, or leave labels empty.",
    ),
    "model_compiled_for_edgetpu": (
        "This model is compiled for the Edge TPU and cannot run on the CPU.",
        "Put the uncompiled model (the same name without _edgetpu) in the same folder.",
    ),
    "model_not_compiled": (
        "This model is not compiled for the Edge TPU, so it runs on the CPU even here.",
        "Compile it with the Edge TPU Compiler, or use the _edgetpu.tflite file that came with it.",
    ),
    "edgetpu_runtime_missing": (
        "No Edge TPU runtime (libedgetpu) is installed.",
        "Install the Edge TPU runtime (libedgetpu1-std) as Coral's Get Started guide describes, "
        "then run 'edgetpu-compare doctor'.",
    ),
    "edgetpu_not_found": (
        "The Edge TPU runtime is installed, but no Edge TPU answered.",
        "Plug in the Coral USB Accelerator (or check the PCIe card), then run "
        "'edgetpu-compare doctor'.",
    ),
    "edgetpu_permission_denied": (
        "An Edge TPU is attached, but this user may not open it.",
        "Install Coral's udev rule (or add yourself to the 'apex' or 'plugdev' group), "
        "then unplug and replug the device.",
    ),
    "edgetpu_usb_error": (
        "The Edge TPU stopped answering over USB.",
        "Unplug and replug the USB Accelerator, use a USB 3 port and the supplied cable, "
        "or connect it through a powered USB hub.",
    ),
    "runtime_missing": (
        "The TensorFlow Lite runtime for this backend is not installed.",
        "Install it with: pip install ai-edge-litert (or pip install 'edgetpu-compare[tflite]').",
    ),
    "runtime_mismatch": (
        "The Edge TPU runtime does not match the TensorFlow Lite runtime.",
        "Install a libedgetpu built for this TensorFlow Lite version, "
        "or the TensorFlow Lite version your libedgetpu was built for.",
    ),
    "worker_crashed": (
        "The process measuring this backend stopped unexpectedly.",
        "Run 'edgetpu-compare doctor' and try again; if it happens again, attach its report "
        "to a bug report.",
    ),
    "cancelled": (
        "The run was stopped before this backend finished.",
        "Press Run again to measure it.",
    ),
    "invoke_failed": (
        "The model failed while it was running.",
        "Check that the model runs with its own runtime, or choose another model.",
    ),
    "usage": (
        "The command line is incomplete.",
        "Run 'edgetpu-compare --help' to see the options.",
    ),
    "file_not_found": (
        "The file does not exist.",
        "Check the path, or choose the file with Open.",
    ),
    "invalid_results": (
        "The file is not a result file of Edge TPU Compare.",
        "Choose a .json file saved by Edge TPU Compare.",
    ),
    "io_error": (
        "A file could not be written.",
        "Check that the folder exists and that you may write to it.",
    ),
    "invalid_manifest": (
        "The list of sample models (manifest.json) is damaged.",
        "Reinstall edgetpu-compare: the list ships inside it.",
    ),
    "source_not_found": (
        "The folder or address to fetch the sample models from cannot be used.",
        "Give an existing folder that holds models/, labels/ and images/, or an http(s) address.",
    ),
    "fetch_failed": (
        "A sample file could not be downloaded.",
        "Check the internet connection and run 'edgetpu-compare models fetch' again.",
    ),
    "no_network": (
        "The sample models could not be downloaded: this computer did not reach their server "
        "(no network, or the server is down).",
        "Copy them from a folder or USB stick that holds a copy instead (\"Copy sample models "
        "from a folder…\" in the window, or 'edgetpu-compare models fetch --from FOLDER'); the "
        "built-in bird sample works without them.",
    ),
    "size_mismatch": (
        "A sample file has the wrong size, so the source's copy is damaged or changed.",
        "Fetch it again from the original source, or replace the damaged copy in the folder "
        "or mirror it came from.",
    ),
    "hash_mismatch": (
        "A sample file's SHA-256 does not match, so the source's copy is damaged or changed.",
        "Fetch it again from the original source, or replace the damaged copy in the folder "
        "or mirror it came from.",
    ),
}


_BY_TEXT: dict[str, tuple[str, str]] = {str(code): texts for code, texts in CATALOGUE.items()}


@dataclass(frozen=True)
class ErrorInfo:
    """An error as plain data: it crosses processes and threads and is stored in result files."""

    code: str
    message: str
    remedy: str
    detail: str = ""

    def to_dict(self) -> dict[str, str]:
        data = {"code": self.code, "message": self.message, "remedy": self.remedy}
        if self.detail:
            data["detail"] = self.detail
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ErrorInfo:
        return cls(
            code=str(data.get("code", "")),
            message=str(data.get("message", "")),
            remedy=str(data.get("remedy", "")),
            detail=str(data.get("detail", "")),
        )

    def one_line(self) -> str:
        """The form used on stderr: what went wrong, then what to do."""
        return f"{self.message} {self.remedy}"


def catalogue_entry(code: str) -> tuple[str, str] | None:
    """The catalogue's message and remedy for a code read back as text (a result file's)."""
    return _BY_TEXT.get(code)


def error(code: ErrorCode, message: str | None = None, remedy: str | None = None,
          detail: str = "") -> ErrorInfo:
    """Build an ErrorInfo, filling the message and remedy from the catalogue when not given."""
    default_message, default_remedy = CATALOGUE.get(code, ("Something went wrong.", ""))
    return ErrorInfo(code, message or default_message, remedy or default_remedy, detail)


@dataclass
class AppError(Exception):
    """Raised for a problem the user can fix; never shown as a traceback."""

    info: ErrorInfo
    warnings: list[ErrorInfo] = field(default_factory=list)

    def __str__(self) -> str:
        return self.info.one_line()


def fail(code: ErrorCode, message: str | None = None, remedy: str | None = None,
         detail: str = "") -> AppError:
    """Shorthand for ``raise fail("invalid_image", "...")``."""
    return AppError(error(code, message, remedy, detail))
