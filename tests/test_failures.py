"""The table of known failures: each text seen in the field maps to its code."""

from __future__ import annotations

import pytest

from core.edgetpu.failures import KNOWN_FAILURES, crash_description, match_failure
from core.errors import CATALOGUE

KNOWN_TEXTS = [
    ("RuntimeError: Internal: Unsupported data type: 0Node number 1 "
     "(EdgeTpuDelegateForCustomOp) failed to prepare.", "runtime_mismatch"),
    ("RuntimeError: Internal: Unsupported data type: 1869771333Node number 2 "
     "(EdgeTpuDelegateForCustomOp) failed to prepare.", "runtime_mismatch"),
    ("RuntimeError: Internal: Unsupported data type in custom op handler: -1213270400Node "
     "number 1 (EdgeTpuDelegateForCustomOp) failed to prepare.", "runtime_mismatch"),
    ("Unsupported data type in custom op handler: 0", "runtime_mismatch"),
    ("ValueError: Failed to load delegate from libedgetpu.so.1\n", "edgetpu_not_found"),
    ("ValueError: Failed to load delegate from edgetpu.dll", "edgetpu_not_found"),
    ("OSError: libedgetpu.so.1: cannot open shared object file: No such file or directory",
     "edgetpu_runtime_missing"),
    ("OSError: dlopen(libedgetpu.1.dylib, 0x0006): tried: 'libedgetpu.1.dylib' (no such file)",
     "edgetpu_runtime_missing"),
    ("FileNotFoundError: Could not find module 'edgetpu.dll' (or one of its dependencies).",
     "edgetpu_runtime_missing"),
    ("RuntimeError: Encountered unresolved custom op: edgetpu-custom-op.\nSee instructions: "
     "https://www.tensorflow.org/lite/guide/ops_custom\nNode number 0 (edgetpu-custom-op) "
     "failed to prepare.", "model_compiled_for_edgetpu"),
    ("RuntimeError: Didn't find custom op for name 'edgetpu-custom-op'",
     "model_compiled_for_edgetpu"),
    ("F :1155] Failed to submit: LIBUSB_ERROR_NO_DEVICE", "edgetpu_usb_error"),
    ("RuntimeError: USB transfer error 1 [LibUsbDataOutCallback]", "edgetpu_usb_error"),
    ("LIBUSB_ERROR_PIPE", "edgetpu_usb_error"),
    ("Failed precondition: Could not map pages : 137 (Cannot allocate memory)",
     "edgetpu_usb_error"),
    ("RuntimeError: Error in device opening (/dev/apex_0)!", "edgetpu_permission_denied"),
    ("Failed to open device: Permission denied", "edgetpu_permission_denied"),
]


@pytest.mark.parametrize(("text", "code"), KNOWN_TEXTS)
def test_known_text_maps_to_code(text: str, code: str) -> None:
    info = match_failure(text)
    assert info is not None
    assert info.code == code
    assert info.detail == text.strip()
    assert info.message and info.remedy


def test_every_code_in_the_table_is_in_the_catalogue() -> None:
    assert {row.code for row in KNOWN_FAILURES} <= set(CATALOGUE)
    message, remedy = CATALOGUE["edgetpu_usb_error"]
    assert "USB" in message
    assert "USB 3" in remedy and "powered" in remedy


def test_newer_package_extracts_both_versions() -> None:
    text = ("RuntimeError: Failed to prepare for TPU. Failed precondition: Package requires "
            "runtime version (14), which is newer than this runtime version (13).Node number 0 "
            "(EdgeTpuDelegateForCustomOp) failed to prepare.")
    info = match_failure(text, stage="allocate")
    assert info is not None and info.code == "runtime_mismatch"
    assert "version 14" in info.message and "version 13" in info.message
    assert "--min_runtime_version 13" in info.remedy


def test_unknown_text_is_none() -> None:
    assert match_failure("ValueError: something nobody has seen") is None


def test_permission_denied_on_a_model_file_is_not_a_device_problem() -> None:
    text = "PermissionError: [Errno 13] Permission denied: 'model.tflite'"
    assert match_failure(text, stage="allocate") is None
    info = match_failure(text, stage="delegate")
    assert info is not None and info.code == "edgetpu_permission_denied"


def test_detail_keeps_long_text_trimmed() -> None:
    text = "Failed to submit " + "x" * 10000
    info = match_failure(text)
    assert info is not None
    assert len(info.detail) < 2100 and info.detail.startswith("Failed to submit")


@pytest.mark.parametrize("exit_code", [-11, -6, 139])
def test_crash_while_loading_the_delegate_is_a_mismatch(exit_code: int) -> None:
    info = match_failure("", exit_code=exit_code, stage="delegate")
    assert info is not None and info.code == "runtime_mismatch"
    assert "crashed" in info.message and "signal" in info.detail


def test_crash_during_invoke_only_counts_for_the_edgetpu_backend() -> None:
    info = match_failure("", exit_code=-11, stage="invoke", backend="edgetpu")
    assert info is not None and info.code == "runtime_mismatch"
    assert "signal 11 (segmentation fault)" in info.message
    assert match_failure("", exit_code=-11, stage="invoke", backend="cpu") is None
    assert match_failure("", exit_code=-11, stage="import", backend="edgetpu") is None


def test_exit_codes_that_are_not_crashes() -> None:
    assert match_failure("", exit_code=1, stage="delegate") is None
    assert match_failure("", exit_code=-9, stage="delegate") is None  # killed, not crashed
    assert match_failure("", exit_code=None, stage="delegate") is None


def test_text_wins_over_the_crash() -> None:
    info = match_failure("USB transfer error 2", exit_code=-6, stage="invoke", backend="edgetpu")
    assert info is not None and info.code == "edgetpu_usb_error"


def test_crash_description() -> None:
    assert crash_description(-11) == "signal 11 (segmentation fault)"
    assert crash_description(134) == "signal 6 (abort)"
    assert crash_description(0xC0000005) == "exit code 0xC0000005 (access violation)"
    assert crash_description(-1073741819) == "exit code 0xC0000005 (access violation)"
    assert crash_description(0) is None


def test_backend_errors_use_the_table() -> None:
    from core.measure.backends import BackendSpec
    from core.measure.runtimes import explain

    spec = BackendSpec("edgetpu")
    missing = OSError("libedgetpu.so.1: cannot open shared object file: No such file or directory")
    assert explain(missing, "delegate", spec).code == "edgetpu_runtime_missing"
    usb = RuntimeError("Failed to submit: LIBUSB_ERROR_TIMEOUT")
    assert explain(usb, "invoke", spec).code == "edgetpu_usb_error"
    compiled = RuntimeError("Encountered unresolved custom op: edgetpu-custom-op.")
    assert explain(compiled, "allocate", BackendSpec("cpu")).code == "model_compiled_for_edgetpu"


def test_no_answer_with_an_unreadable_device_attached_is_a_permission_problem(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """'Failed to load delegate' while a device exists that this user may not open."""
    from core.edgetpu import devices
    from core.measure.backends import BackendSpec
    from core.measure.runtimes import explain

    spec = BackendSpec("edgetpu")
    failure = ValueError("Failed to load delegate from libedgetpu.so.1\n")
    monkeypatch.setattr(devices, "find_devices", lambda root=None: [])
    assert explain(failure, "delegate", spec).code == "edgetpu_not_found"
    locked = devices.EdgeTpuDevice("usb", "usb:0", "/sys/bus/usb/devices/2-1", "no_permission",
                                   5000, "18d1:9302")
    monkeypatch.setattr(devices, "find_devices", lambda root=None: [locked])
    info = explain(failure, "delegate", spec)
    assert info.code == "edgetpu_permission_denied"
    assert "Failed to load delegate" in info.detail


def test_every_error_code_is_one_of_the_typed_codes_and_the_catalogue_names_them() -> None:
    from core.errors import ERROR_CODES, catalogue_entry

    assert set(CATALOGUE) <= set(ERROR_CODES)
    assert set(ERROR_CODES) - set(CATALOGUE) == {"labels_short"}  # a warning, made in place
    assert catalogue_entry("invalid_image") == CATALOGUE["invalid_image"]
    assert catalogue_entry("a code of a later version") is None
