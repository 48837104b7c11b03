"""Test doubles for interpreter factories (``BackendSpec.factory``), run inside real workers.

No Edge TPU exists on the development machines, so these stand in for libedgetpu's behaviours
that docs/measuring.md lists (what fails without an Edge TPU): a missing library, no device, a
mismatched runtime, a segfault inside the delegate. ``fake_edgetpu_ok`` pretends to be a working
Edge TPU by running the CPU twin of the compiled model on LiteRT, so a whole comparison can be
tested.
"""

from __future__ import annotations

import atexit
import os
import signal
import time
from typing import Any

import numpy as np

from core.errors import AppError, error
from core.inputs.model_info import read_model
from core.measure.backends import BackendSpec
from core.measure.runtimes import Opened, import_runtime, load_edgetpu_delegate, open_interpreter
from core.tasks.model_task import model_task


def _extra(spec: BackendSpec, key: str, default: str = "") -> str:
    return dict(spec.extra).get(key, default)


# -- delegate loaders that raise exactly what the real ones raise ---------------------------

def loader_library_missing(library: str, options: dict[str, str]) -> Any:
    raise OSError(f"{library}: cannot open shared object file: No such file or directory")


def loader_no_device(library: str, options: dict[str, str]) -> Any:
    raise ValueError(f"Failed to load delegate from {library}\n")


def loader_mismatch(library: str, options: dict[str, str]) -> Any:
    raise RuntimeError("Internal: Unsupported data type: 0Node number 1 "
                       "(EdgeTpuDelegateForCustomOp) failed to prepare.")


def loader_segfault(library: str, options: dict[str, str]) -> Any:
    os.kill(os.getpid(), signal.SIGSEGV)


_LOADERS = {"missing": loader_library_missing, "nodevice": loader_no_device,
            "mismatch": loader_mismatch, "segfault": loader_segfault}


def edgetpu_with_fake_loader(spec: BackendSpec, model_path: str, report: Any) -> Opened:
    """The real Edge TPU path, with the delegate loader replaced by the one named in extra."""
    report("import")
    module = import_runtime(spec.runtime)
    report("delegate")
    load_edgetpu_delegate(module, spec, loader=_LOADERS[_extra(spec, "loader")])
    raise AssertionError("the fake loaders never succeed")


# -- whole interpreters -----------------------------------------------------------------------

def fake_edgetpu_ok(spec: BackendSpec, model_path: str, report: Any) -> Opened:
    """A 'working Edge TPU': LiteRT on the CPU twin, one thread, labelled as a test double."""
    twin = model_path.replace("_edgetpu.tflite", ".tflite")
    cpu_spec = BackendSpec("cpu", threads=1)
    opened = open_interpreter(cpu_spec, twin, report)
    opened.label = "Edge TPU (test double)"
    opened.device = "fake usb:0"
    return opened


def fake_edgetpu_on_file(spec: BackendSpec, model_path: str, report: Any) -> Opened:
    """A 'working Edge TPU' for a compiled stand-in built by the tests: its Edge TPU operation
    is a marker no node uses, so LiteRT runs the file itself (there is no CPU twin)."""
    opened = open_interpreter(BackendSpec("cpu", threads=1), model_path, report)
    opened.label = "Edge TPU (test double)"
    opened.device = "fake usb:0"
    return opened


ONE_FACE = (0.25, 0.25, 0.75, 0.5)  # (ymin, xmin, ymax, xmax) of the object the double finds
ONE_FACE_SCORE = 0.875


class _DetectorShapesInterpreter:
    """Not an inference: the outputs a compiled detector's file declares, of its shapes and
    types, holding one object (``ONE_FACE``, class 0). LiteRT cannot open a file whose Edge TPU
    operation is real, so this double stands in for the whole Edge TPU run of such a file."""

    def __init__(self, model_path: str) -> None:
        info = read_model(model_path)
        layout = model_task(info).detection
        assert layout is not None, "this double stands in for detectors only"
        self._input = info.input
        self._outputs = [np.zeros(o.shape, dtype=np.dtype(o.dtype)) for o in info.outputs]
        self._outputs[layout.boxes].reshape(-1, 4)[0] = ONE_FACE
        self._outputs[layout.scores].reshape(-1)[0] = ONE_FACE_SCORE
        self._outputs[layout.count].reshape(-1)[0] = 1
        self.invocations = 0

    def allocate_tensors(self) -> None:
        return None

    def get_input_details(self) -> list[dict[str, Any]]:
        return [{"index": 0, "shape": np.array(self._input.shape), "dtype": self._input.dtype}]

    def get_output_details(self) -> list[dict[str, Any]]:
        return [{"index": i + 1, "shape": np.array(o.shape)} for i, o in enumerate(self._outputs)]

    def set_tensor(self, index: int, value: Any) -> None:
        assert index == 0 and tuple(np.shape(value)) == self._input.shape

    def get_tensor(self, index: int) -> Any:
        return self._outputs[index - 1]

    def invoke(self) -> None:
        self.invocations += 1


def fake_edgetpu_detector_shapes(spec: BackendSpec, model_path: str, report: Any) -> Opened:
    """A 'working Edge TPU' for a real compiled-only detector (no CPU twin, an Edge TPU
    operation LiteRT cannot run): outputs of the file's shapes, one object found."""
    report("allocate")
    return Opened(_DetectorShapesInterpreter(model_path), "Edge TPU (test double)",
                  "test double", "0", "fake usb:0")


class _ScriptedInterpreter:
    """Wraps a real interpreter and misbehaves on the n-th invoke."""

    def __init__(self, inner: Any, after: int, action: str) -> None:
        self._inner = inner
        self._left = after
        self._action = action

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def invoke(self) -> None:
        self._left -= 1
        if self._left < 0:
            if self._action == "segfault":
                os.kill(os.getpid(), signal.SIGSEGV)
            if self._action == "abort":
                os.abort()
            if self._action == "hang":
                signal.pause()
            raise RuntimeError("Node number 3 (FAKE_OP) failed to invoke.")
        self._inner.invoke()


def misbehaving_cpu(spec: BackendSpec, model_path: str, report: Any) -> Opened:
    """A real CPU interpreter that fails on invoke number ``after`` (extra: action, after)."""
    opened = open_interpreter(BackendSpec("cpu", threads=spec.threads), model_path, report)
    opened.interpreter = _ScriptedInterpreter(opened.interpreter,
                                              int(_extra(spec, "after", "0")),
                                              _extra(spec, "action", "raise"))
    return opened


class _CountingInterpreter:
    """Wraps a real interpreter and appends one byte to a file at each invoke."""

    def __init__(self, inner: Any, path: str) -> None:
        self._inner = inner
        self._path = path

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def invoke(self) -> None:
        with open(self._path, "ab") as out:
            out.write(b".")
        self._inner.invoke()


class _SlowInterpreter:
    """Wraps a real interpreter; each invoke takes at least ``ms`` milliseconds longer."""

    def __init__(self, inner: Any, ms: float) -> None:
        self._inner = inner
        self._seconds = ms / 1000

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def invoke(self) -> None:
        time.sleep(self._seconds)  # stands for a model that takes this long
        self._inner.invoke()


def slow_cpu(spec: BackendSpec, model_path: str, report: Any) -> Opened:
    """A real CPU interpreter whose invokes take ``ms`` milliseconds more (extra: ms)."""
    opened = open_interpreter(BackendSpec("cpu", threads=spec.threads), model_path, report)
    opened.interpreter = _SlowInterpreter(opened.interpreter, float(_extra(spec, "ms", "150")))
    return opened


def slow_fake_edgetpu(spec: BackendSpec, model_path: str, report: Any) -> Opened:
    """A 'working Edge TPU' (``fake_edgetpu_ok``) whose invokes take ``ms`` milliseconds more
    (extra: ms), on the device the real runtime would report for "first found"."""
    opened = fake_edgetpu_ok(spec, model_path, report)
    opened.interpreter = _SlowInterpreter(opened.interpreter, float(_extra(spec, "ms", "20")))
    opened.details = {**opened.details, "device": ":0", "bus": "usb"}
    return opened


def fails_then_exits_slowly(spec: BackendSpec, model_path: str, report: Any) -> Opened:
    """No Edge TPU, and a worker whose exit takes long (extra: exit_s), as a big runtime's
    unloading does."""
    atexit.register(time.sleep, float(_extra(spec, "exit_s", "2")))
    raise AppError(error("edgetpu_not_found"))


def counting_cpu(spec: BackendSpec, model_path: str, report: Any) -> Opened:
    """A real CPU interpreter that counts its invokes in a file (extra: count_file)."""
    opened = open_interpreter(BackendSpec("cpu", threads=spec.threads), model_path, report)
    opened.interpreter = _CountingInterpreter(opened.interpreter, _extra(spec, "count_file"))
    return opened


def segfault_while_loading(spec: BackendSpec, model_path: str, report: Any) -> Opened:
    report("allocate")
    os.kill(os.getpid(), signal.SIGSEGV)
    raise AssertionError("unreachable")


def prints_then_segfaults(spec: BackendSpec, model_path: str, report: Any) -> Opened:
    """What a mismatched libedgetpu does: print the cause natively, then crash in 'allocate'."""
    report("allocate")
    os.write(2, b"ERROR: Internal: Unsupported data type in custom op handler: 1006632960\n"
                b"ERROR: Node number 0 (EdgeTpuDelegateForCustomOp) failed to prepare.\n")
    os.kill(os.getpid(), signal.SIGSEGV)
    raise AssertionError("unreachable")


# -- an Edge TPU that misbehaves on command, for the booth's watchdog ------------------------

def _state(path: str) -> str:
    """What the control file says now: ok, hang, crash or gone (ok when it is missing)."""
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read(16).strip() or "ok"
    except OSError:
        return "ok"


class _ControlledInterpreter:
    """Wraps a real interpreter; each invoke first does what the control file says."""

    def __init__(self, inner: Any, control: str) -> None:
        self._inner = inner
        self._control = control

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def invoke(self) -> None:
        state = _state(self._control)
        if state == "hang":
            signal.pause()  # a device that stopped answering: nothing comes back
        elif state == "crash":
            os.kill(os.getpid(), signal.SIGSEGV)
        elif state == "gone":
            raise RuntimeError("Failed to invoke: USB transfer error 2 [LibUsbDataOutCallback]")
        self._inner.invoke()


def controlled_edgetpu(spec: BackendSpec, model_path: str, report: Any) -> Opened:
    """A 'working Edge TPU' (``fake_edgetpu_ok``) steered by a file (extra: control): "gone"
    is an unplugged device (not found when opened, USB errors while running), "hang" a device
    that stops answering, "crash" a runtime that takes the worker down; "ok" (or no file) is
    the device plugged back in."""
    control = _extra(spec, "control")
    if _state(control) == "gone":
        raise AppError(error("edgetpu_not_found"))
    opened = fake_edgetpu_ok(spec, model_path, report)
    opened.interpreter = _ControlledInterpreter(opened.interpreter, control)
    return opened


def double(kind: str, factory: str, **extra: str) -> BackendSpec:
    """A spec that runs one of the doubles above."""
    return BackendSpec(kind, threads=1, factory=f"tests.doubles.fake_runtimes:{factory}",
                       extra=tuple(extra.items()))
