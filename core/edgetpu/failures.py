"""Known failures of TensorFlow Lite and libedgetpu: the text a runtime prints, mapped to a code.

The runtimes report problems as C++ status strings wrapped in Python exceptions, or by dying with a
signal. A person who does not program cannot act on ``Node number 1 (EdgeTpuDelegateForCustomOp)
failed to prepare``; this table turns each text seen in the field into a stable error code (see
``core.errors``), a plain sentence and a fix, and keeps the original text as ``detail`` so a support
request still has it. The engine's backend errors (``core.measure.runtimes.explain``), the worker's
crash
handling and ``doctor`` all use :func:`match_failure`.
"""

from __future__ import annotations

import os
import re
import signal
from collections.abc import Callable
from dataclasses import dataclass

from core.edgetpu.advice import DEFAULT_RUNTIME, edgetpu_advice
from core.edgetpu.library_check import library_problem
from core.errors import ErrorCode, ErrorInfo, error

DETAIL_LIMIT = 2000
_INSTALL_CODES = ("edgetpu_runtime_missing", "runtime_mismatch")

# Signals that mean "the native code crashed", as opposed to a kill by the user or the system.
_CRASH_SIGNALS = {
    signal.SIGSEGV: "segmentation fault",
    signal.SIGABRT: "abort",
    signal.SIGBUS: "bus error",
    signal.SIGILL: "illegal instruction",
    signal.SIGFPE: "arithmetic error",
}
# Windows reports a crash as an NTSTATUS exit code instead of a signal.
_WINDOWS_CRASHES = {0xC0000005: "access violation", 0xC0000409: "stack buffer overrun",
                    0xC000001D: "illegal instruction"}


@dataclass(frozen=True)
class KnownFailure:
    """One row of the table: a pattern, the code it means, and optionally a tailored message."""

    pattern: re.Pattern[str]
    code: ErrorCode
    message: str | None = None
    remedy: str | None = None
    stages: tuple[str, ...] = ()  # empty: any stage; "" in it: also when the stage is unknown
    build: Callable[[re.Match[str]], tuple[str, str]] | None = None  # (message, remedy)


def _newer_package(match: re.Match[str]) -> tuple[str, str]:
    needed, installed = match.group(1), match.group(2)
    return (f"This model needs Edge TPU runtime version {needed}, "
            f"but the installed libedgetpu is version {installed}.",
            f"Recompile the model for runtime {installed} (edgetpu_compiler "
            f"--min_runtime_version {installed}), or install a newer libedgetpu.")


BROKEN_RUNTIME_REMEDY = ("Remove or replace that file, then install the Edge TPU runtime "
                         "(libedgetpu1-std) as Coral's Get Started guide describes, and run "
                         "'edgetpu-compare doctor'.")


def broken_runtime(path: str, problem: str, detail: str = "") -> ErrorInfo:
    """The error for a file found as libedgetpu that is not one: the same words in ``doctor``
    (which looks at the file) and in a run (which read the loader's message)."""
    return error("edgetpu_runtime_missing",
                 f"The Edge TPU runtime found at {path} cannot be used: it {problem}.",
                 BROKEN_RUNTIME_REMEDY, detail=detail)


# What the loader says about such a file, in the words ``library_problem`` uses for it.
_LOADER_PROBLEMS = (
    ("Is a directory", "is a folder, not a library"),
    ("wrong ELF class", "was built for another processor (32-bit against 64-bit)"),
    ("undefined symbol: tflite_plugin_", "is a library, but not libedgetpu (it has no "
     "tflite_plugin_create_delegate)"),
    ("", "is not a shared library"),
)


def _broken_library(match: re.Match[str]) -> tuple[str, str]:
    """The file the loader named, described as ``doctor`` describes it when it can be looked
    at (the run's process sees the same file), else in the loader's own terms."""
    path, said = match.group(1), match.group(2)
    problem = library_problem(path) if os.path.isabs(path) and os.path.exists(path) else ""
    if not problem:
        problem = next(words for key, words in _LOADER_PROBLEMS if key.lower() in said.lower())
    return broken_runtime(path, problem).message, BROKEN_RUNTIME_REMEDY


def _p(text: str) -> re.Pattern[str]:
    return re.compile(text, re.IGNORECASE | re.DOTALL)


# Order matters: the first row that matches wins, so specific texts come before general ones.
KNOWN_FAILURES: tuple[KnownFailure, ...] = (
    KnownFailure(
        _p(r"Package requires runtime version \(([0-9]{1,9})\),? which is newer than "
           r"this runtime version \(([0-9]{1,9})\)"),
        "runtime_mismatch", build=_newer_package),
    KnownFailure(
        _p(r"Unsupported data type.*(EdgeTpuDelegateForCustomOp|custom op handler)"
           r"|EdgeTpuDelegateForCustomOp\)? failed to prepare"),
        "runtime_mismatch",
        "The Edge TPU runtime (libedgetpu) was built for a different TensorFlow Lite version "
        "than the one installed."),
    KnownFailure(
        _p(r"(\S*edgetpu[^\s:]*): (file too short|invalid ELF header|cannot read file data: "
           r"Is a directory|wrong ELF class\S*|undefined symbol: tflite_plugin_\w+"
           r"|not a mach-o file|is not a valid Win32 application)"),
        "edgetpu_runtime_missing", stages=("", "delegate"), build=_broken_library),
    KnownFailure(
        _p(r"cannot open shared object file"
           r"|dlopen\([^)]*edgetpu[^)]*\).*(no such file|not found|Library not loaded)"
           r"|Could not find module '[^']*edgetpu"
           r"|edgetpu\.dll.*(not be found|WinError 126)"),
        "edgetpu_runtime_missing", stages=("", "delegate")),
    KnownFailure(_p(r"Failed to load delegate from \S*edgetpu"), "edgetpu_not_found"),
    KnownFailure(
        _p(r"Encountered unresolved custom op:? ?'?edgetpu-custom-op"
           r"|Didn't find custom op for name 'edgetpu-custom-op'"),
        "model_compiled_for_edgetpu"),
    KnownFailure(
        _p(r"Failed to submit|USB transfer error|LIBUSB_ERROR_\w+|Could not map pages"
           r"|Could not claim interface|libusb"),
        "edgetpu_usb_error"),
    KnownFailure(_p(r"Error in device opening|/dev/apex_[0-9]+.*Permission denied"),
                 "edgetpu_permission_denied"),
    # A bare "Permission denied" is also what a model file without read access gives, so it means
    # the device only while the delegate is being loaded or run (or when the stage is not known).
    KnownFailure(_p(r"Permission denied"), "edgetpu_permission_denied",
                 stages=("", "delegate", "invoke")),
    KnownFailure(
        _p(r"compiled using NumPy 1\.x cannot be run in\s+NumPy 2|_ARRAY_API not found"
           r"|numpy\.core\.multiarray failed to import"),
        "runtime_missing",
        "This TensorFlow Lite runtime was built for numpy 1.x and cannot work with numpy 2.",
        "Install numpy 1.x for it (pip install 'numpy<2') or use ai-edge-litert."),
)


def match_failure(text: str, *, exit_code: int | None = None, stage: str = "",
                  backend: str = "", runtime: str = "") -> ErrorInfo | None:
    """The coded error for a runtime's error text or exit code, or None when it is not known.

    ``stage`` is where it happened ("import", "delegate", "allocate", "invoke"; "" unknown).
    ``exit_code`` is a process's exit code; a negative one means killed by that signal. A native
    crash while the Edge TPU delegate is loaded or runs means libedgetpu and TensorFlow Lite do not
    match (``runtime_mismatch``). ``backend`` is the backend kind ("edgetpu", "cpu"; "" unknown):
    a crash during "delegate" is always the Edge TPU's, a crash during "allocate" or "invoke" only
    when ``backend="edgetpu"``; for any other crash this returns None and the caller reports
    ``worker_crashed``. ``runtime`` is the TensorFlow Lite runtime that loaded the delegate
    ("" the default): a missing or mismatched libedgetpu gets the install advice for it.
    """
    detail = _trim(text)
    for row in KNOWN_FAILURES:
        if row.stages and stage not in row.stages:
            continue
        match = row.pattern.search(text)
        if match is None:
            continue
        message, remedy = row.build(match) if row.build else (row.message, row.remedy)
        return error(row.code, message, remedy or install_remedy(row.code, runtime), detail=detail)
    return _match_crash(detail, exit_code, stage, backend, runtime)


def install_remedy(code: str, runtime: str = "") -> str | None:
    """The runtime-matched install advice for a missing or mismatched libedgetpu, else None
    (the catalogue's remedy)."""
    if code not in _INSTALL_CODES:
        return None
    return edgetpu_advice(runtime or DEFAULT_RUNTIME, one_line=True)


def crash_description(exit_code: int | None) -> str | None:
    """``signal 11 (segmentation fault)`` for an exit code that means a native crash, else None."""
    if exit_code is None:
        return None
    signum = None
    if -64 < exit_code < 0:
        signum = -exit_code
    elif 128 < exit_code < 128 + 64:  # how a shell reports a death by signal
        signum = exit_code - 128
    if signum is not None:
        for sig, name in _CRASH_SIGNALS.items():
            if sig.value == signum:
                return f"signal {signum} ({name})"
        return None
    windows = _WINDOWS_CRASHES.get(exit_code & 0xFFFFFFFF)
    return f"exit code 0x{exit_code & 0xFFFFFFFF:08X} ({windows})" if windows else None


def _match_crash(detail: str, exit_code: int | None, stage: str,
                 backend: str, runtime: str) -> ErrorInfo | None:
    crash = crash_description(exit_code)
    if crash is None:
        return None
    edgetpu = stage == "delegate" or (backend == "edgetpu" and stage in ("allocate", "invoke"))
    if not edgetpu:
        return None
    doing = {"delegate": "loading", "allocate": "preparing the model",
             "invoke": "running the model"}[stage]
    message = (f"The Edge TPU runtime crashed ({crash}) while {doing}, which happens when "
               "libedgetpu does not match the TensorFlow Lite version.")
    crash_note = f"process ended with {crash} during {stage}"
    return error("runtime_mismatch", message, install_remedy("runtime_mismatch", runtime),
                 detail=f"{detail}\n{crash_note}" if detail else crash_note)


def _trim(text: str) -> str:
    text = text.strip()
    if len(text) <= DETAIL_LIMIT:
        return text
    return text[:DETAIL_LIMIT // 2] + "\n...\n" + text[-DETAIL_LIMIT // 2:]
