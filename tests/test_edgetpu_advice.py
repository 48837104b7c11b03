"""One piece of Edge TPU install advice, matched to the runtime that loads the delegate, used by
the doctor and by the errors of a run alike."""

from __future__ import annotations

import platform
from pathlib import Path

import pytest

from core.edgetpu.advice import edgetpu_advice, suits_coral_package
from core.edgetpu.doctor import run_doctor
from core.edgetpu.failures import match_failure
from core.measure.backends import BackendSpec
from core.measure.runtimes import explain

MISSING = "OSError: libedgetpu.so.1: cannot open shared object file: No such file or directory"
MISMATCH = ("RuntimeError: Internal: Unsupported data type: 0Node number 1 "
            "(EdgeTpuDelegateForCustomOp) failed to prepare.")


@pytest.mark.parametrize(("runtime", "version", "coral"), [
    ("tflite-runtime", "2.5.0.post1", True),
    ("tflite-runtime", "2.11.0", True),
    ("tflite-runtime", "2.14.0", False),
    ("ai-edge-litert", "2.3.0", False),
    ("ai-edge-litert", "1.0.1", False),
    ("tflite-runtime", "", False),
])
def test_coral_package_only_for_tflite_runtime_up_to_2_11(
        runtime: str, version: str, coral: bool) -> None:
    assert suits_coral_package(runtime, version) is coral
    text = edgetpu_advice(runtime, version, "Linux")
    assert ("apt-get install libedgetpu1-std" in text) is coral
    assert ("community build" in text) is not coral
    if not coral:
        assert f"{runtime} {version}".strip() in text


def test_the_window_points_to_diagnostics_the_terminal_to_doctor() -> None:
    window = edgetpu_advice("ai-edge-litert", "2.3.0", "Linux", in_window=True)
    terminal = edgetpu_advice("ai-edge-litert", "2.3.0", "Linux")
    assert window.endswith("Then open Diagnostics to check it.") and "doctor" not in window
    assert terminal.endswith("Then run 'edgetpu-compare doctor' to check it.")


def test_one_line_for_an_error_remedy() -> None:
    text = edgetpu_advice("tflite-runtime", "2.11.0", "Linux", one_line=True)
    assert "\n" not in text and "libedgetpu1-std" in text and "coral.ai" in text


def test_a_runs_errors_carry_the_advice_for_its_runtime() -> None:
    for text in (MISSING, MISMATCH):
        info = match_failure(text, stage="delegate", backend="edgetpu",
                             runtime="ai-edge-litert")
        assert info is not None and "\n" not in info.remedy
        assert info.remedy == edgetpu_advice("ai-edge-litert", one_line=True)
    old = match_failure(MISSING, stage="delegate", runtime="tflite-runtime")
    assert old is not None and old.remedy == edgetpu_advice("tflite-runtime", one_line=True)
    crash = match_failure("", exit_code=-11, stage="delegate")
    assert crash is not None and crash.code == "runtime_mismatch"
    assert crash.remedy == edgetpu_advice(one_line=True)


def test_the_backends_runtime_reaches_the_advice() -> None:
    info = explain(OSError(MISSING.removeprefix("OSError: ")), "delegate",
                   BackendSpec("edgetpu"))
    assert info.code == "edgetpu_runtime_missing"
    assert info.remedy == edgetpu_advice("ai-edge-litert", one_line=True)
    unknown = explain(RuntimeError("something new"), "allocate", BackendSpec("edgetpu"))
    assert unknown.code == "runtime_mismatch"
    assert unknown.remedy == edgetpu_advice("ai-edge-litert", one_line=True)


def test_doctor_gives_the_same_advice(tmp_path: Path) -> None:
    report = run_doctor(root=tmp_path, probe=False)
    library = report.find("libedgetpu")
    assert library is not None and library.status == "problem"
    assert library.remedy == edgetpu_advice(system=platform.system())
