"""Opening an interpreter for a backend, inside its worker process.

This is the only module that imports a TensorFlow Lite runtime, and it runs only in workers: a
runtime that crashes (a mismatched libedgetpu segfaults) takes down the worker, never the window.
The worker reaches it through ``BackendSpec.factory``, so tests can substitute a double.
"""

from __future__ import annotations

import importlib
import os
import platform
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any, Protocol

from core.edgetpu import devices
from core.edgetpu.failures import install_remedy, match_failure
from core.edgetpu.library import locate_library
from core.edgetpu.loaded import library_in_use, library_version
from core.errors import AppError, ErrorInfo, error, fail
from core.measure.backends import BackendSpec, delegate_library, runtime_title
from core.measure.edgetpu_options import (
    THROTTLED_MESSAGE,
    DelegateOptions,
    delegate_options,
    edgetpu_label,
    effective_performance,
)

_MODULES = {"ai-edge-litert": "ai_edge_litert.interpreter",
            "tflite-runtime": "tflite_runtime.interpreter"}


class InterpreterLike(Protocol):
    """The part of the TFLite Interpreter API a worker uses."""

    def allocate_tensors(self) -> None: ...
    def get_input_details(self) -> list[dict[str, Any]]: ...
    def get_output_details(self) -> list[dict[str, Any]]: ...
    def set_tensor(self, index: int, value: Any) -> None: ...
    def get_tensor(self, index: int) -> Any: ...
    def invoke(self) -> None: ...


@dataclass
class Opened:
    """An interpreter ready to invoke, and what it really runs on."""

    interpreter: InterpreterLike
    label: str
    runtime_name: str
    runtime_version: str
    device: str
    warnings: list[ErrorInfo] = field(default_factory=list)
    keep_alive: list[Any] = field(default_factory=list)  # delegates must outlive the interpreter
    details: dict[str, str] = field(default_factory=dict)  # for the result file's runtime


Stage = str  # "import" | "delegate" | "allocate" | "invoke"; reported before each risky step


def import_runtime(runtime: str) -> Any:
    """Import the interpreter module of a runtime, or explain why it cannot be used."""
    try:
        return importlib.import_module(_MODULES[runtime])
    except ImportError as exc:
        raise fail("runtime_missing",
                   f"The CPU runtime '{runtime}' is not installed.",
                   f"Install it with: pip install {runtime}"
                   + (" 'numpy<2'" if runtime == "tflite-runtime" else "") + ".",
                   detail=str(exc)) from exc


def runtime_version(runtime: str) -> str:
    try:
        return metadata.version(runtime)
    except metadata.PackageNotFoundError:
        return "unknown"


def open_interpreter(spec: BackendSpec, model_path: str,
                     report_stage: Any = None) -> Opened:
    """The real factory: LiteRT (or tflite-runtime) on the CPU, or with the Edge TPU delegate."""
    stage = report_stage or (lambda _name: None)
    stage("import")
    module = import_runtime(spec.runtime)
    version = runtime_version(spec.runtime)
    delegates: list[Any] = []
    device = _cpu_description(spec)
    label = spec.label()
    details: dict[str, str] = {}
    if spec.kind == "edgetpu":
        stage("delegate")
        delegate, resolved = edgetpu_delegate(module, spec)
        delegates.append(delegate)
        details = edgetpu_details(spec, resolved)
        index = details["device"]
        device = f"Edge TPU {'(first found)' if index in ('', ':0') else index}"
        label = edgetpu_label(spec, details["device"], details["performance"])
    stage("allocate")
    interpreter = _make_interpreter(module, spec, model_path, delegates)
    if spec.kind == "cpu" and spec.xnnpack and not _delegated(interpreter):
        # tflite-runtime applies XNNPACK to no uint8 operation: say what really runs.
        label = label.replace("XNNPACK", "built-in kernels")
        details = {"kernels": "built-in (XNNPACK took no operation)"}
    if spec.kind == "cpu":
        details["threads"] = str(spec.effective_threads)
    return Opened(interpreter, label, spec.runtime, version, device,
                  keep_alive=delegates, details=details)


def _delegated(interpreter: Any) -> bool:
    """True when a delegate (on the CPU: XNNPACK) took operations of the model; also True when
    the runtime cannot tell, so that nothing is claimed it did not prove."""
    ops = getattr(interpreter, "_get_ops_details", None)
    if ops is None:
        return True
    try:
        return any(op.get("op_name") == "DELEGATE" for op in ops())
    except Exception:  # a private API: never let it fail a run
        return True


def edgetpu_delegate(module: Any, spec: BackendSpec,
                     loader: Any = None) -> tuple[Any, DelegateOptions]:
    """Load libedgetpu with the device and performance options as libedgetpu reads them (an
    indexed device whenever an option is given); map failures to codes."""
    resolved = delegate_options(spec, devices.find_devices())
    load = loader or module.load_delegate
    try:
        return load(delegate_library(), dict(resolved.options)), resolved
    except (OSError, ValueError, RuntimeError) as exc:
        raise AppError(explain(exc, "delegate", spec)) from exc


def load_edgetpu_delegate(module: Any, spec: BackendSpec, loader: Any = None) -> Any:
    """The delegate alone (the test doubles' entry to the real path)."""
    return edgetpu_delegate(module, spec, loader)[0]


def edgetpu_details(spec: BackendSpec, resolved: DelegateOptions) -> dict[str, str]:
    """What runs after the delegate loaded: the options given, the device, the performance level
    in effect, the library file and its ``edgetpu_version()``."""
    library = library_in_use()
    flavour = locate_library().flavour
    return {
        "delegate_options": ",".join(f"{k}={v}" for k, v in resolved.options.items()),
        "device": resolved.device,
        "bus": resolved.bus,
        "flavour": flavour,
        "requested_performance": spec.performance,
        "performance": effective_performance(spec.performance, resolved.bus, flavour),
        "library": library,
        "library_version": library_version(library),
    }


def note_native_log(opened: Opened, spec: BackendSpec, log: str) -> None:
    """libedgetpu says on stderr when the throttled build refuses Max: believe it."""
    if spec.kind != "edgetpu" or "performance" not in opened.details:
        return
    if THROTTLED_MESSAGE in log and spec.performance == "max":
        opened.details["performance"] = effective_performance("max", "usb", "", log)
        opened.label = edgetpu_label(spec, opened.details["device"],
                                     opened.details["performance"])


def _make_interpreter(module: Any, spec: BackendSpec, model_path: str,
                      delegates: list[Any]) -> InterpreterLike:
    kwargs: dict[str, Any] = {"model_path": model_path}
    if delegates:
        kwargs["experimental_delegates"] = delegates
    if spec.kind == "cpu":
        kwargs["num_threads"] = spec.effective_threads
        if not spec.xnnpack:
            kwargs["experimental_op_resolver_type"] = (
                module.OpResolverType.BUILTIN_WITHOUT_DEFAULT_DELEGATES)
    try:
        interpreter = module.Interpreter(**kwargs)
        interpreter.allocate_tensors()
    except SystemError as exc:  # tflite-runtime 2.14 with numpy 2
        raise fail("runtime_missing",
                   f"{runtime_title(spec.runtime)} cannot work with numpy "
                   f"{metadata.version('numpy')}.",
                   "Install numpy 1.x for it (pip install 'numpy<2') or use ai-edge-litert.",
                   detail=str(exc)) from exc
    except (RuntimeError, ValueError) as exc:
        raise AppError(explain(exc, "allocate", spec)) from exc
    result: InterpreterLike = interpreter
    return result


def explain(exc: BaseException, stage: Stage, spec: BackendSpec, log: str = "") -> ErrorInfo:
    """Turn a runtime's exception into a coded error, using the table of known failures.

    ``log`` is what the runtime printed to stderr: it often holds the real cause.
    """
    text = f"{type(exc).__name__}: {exc}"
    known = match_failure(text, stage=stage, backend=spec.kind, runtime=spec.runtime)
    if known is None and log:
        known = match_failure(log, stage=stage, backend=spec.kind, runtime=spec.runtime)
    if known is not None:
        return _refine_permission(known, spec)
    if stage == "invoke":
        return error("invoke_failed", detail=text)
    if stage == "delegate":
        return error("edgetpu_not_found", detail=text)
    if spec.kind == "cpu":
        return error("invalid_model", detail=text)
    return error("runtime_mismatch", remedy=install_remedy("runtime_mismatch", spec.runtime),
                 detail=text)


def _refine_permission(info: ErrorInfo, spec: BackendSpec) -> ErrorInfo:
    """'No Edge TPU answered' while one is attached but unreadable is a permission problem."""
    if info.code != "edgetpu_not_found" or spec.kind != "edgetpu":
        return info
    if any(d.state == "no_permission" for d in devices.find_devices()):
        return error("edgetpu_permission_denied", detail=info.detail)
    return info


def _cpu_description(spec: BackendSpec) -> str:
    name = platform.processor() or platform.machine()
    return f"{name}, {spec.effective_threads} of {os.cpu_count()} cores"
