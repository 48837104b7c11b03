"""``doctor`` on fake sysfs, /dev and /etc trees, on this machine, and as a command."""

from __future__ import annotations

import importlib
import json
import platform
import shutil
import subprocess
import sys
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

import pytest

import core.edgetpu.devices
from core.cli.main import main
from core.edgetpu.advice import edgetpu_advice
from core.edgetpu.devices import find_devices
from core.edgetpu.doctor import SCHEMA, Check, Report, _probe_error, run_doctor
from core.edgetpu.doctor_probe import ProbeResult, install_instructions, permission_remedy
from core.edgetpu.library import (
    flavour_from_path,
    locate_library,
    parse_runtime_version,
    read_version,
)
from tests.test_devices import add_apex, add_usb

LIB = "usr/lib/x86_64-linux-gnu/libedgetpu.so.1"
# What doctor looks for in a library it does not load: a 64-bit ELF header and the delegate's
# entry point; never loaded by these tests.
LIBRARY_LOOKALIKE = (b"\x7fELF" + bytes([2 if sys.maxsize > 2**32 else 1]) + b"\x01\x01"
                     + b"\x00" * 57 + b"tflite_plugin_create_delegate\x00")


def check(report: Report, name: str) -> Check:
    found = report.find(name)
    assert found is not None, f"no check named {name!r} in:\n{report.to_text()}"
    return found


def add_library(root: Path, package: str = "") -> None:
    path = root / LIB
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(LIBRARY_LOOKALIKE)
    if package:
        status = root / "var" / "lib" / "dpkg" / "status"
        status.parent.mkdir(parents=True)
        status.write_text("Package: libc6\nStatus: install ok installed\nVersion: 2.36\n\n"
                          f"Package: {package}\nStatus: install ok installed\n"
                          "Version: 16.0\nArchitecture: amd64\n")


# This machine ---------------------------------------------------------------------------------

def test_this_machine_without_libedgetpu_says_not_found() -> None:
    report = run_doctor()  # probing on: it is skipped because the library is missing
    lib = check(report, "libedgetpu")
    assert (lib.status, lib.value) == ("problem", "not found")
    assert lib.remedy == install_instructions(platform.system())
    assert "not tried: libedgetpu was not found" in check(report, "delegate").value
    litert = check(report, "ai-edge-litert")
    assert litert.status == "ok" and litert.value[0].isdigit()
    assert check(report, "tflite-runtime").value
    assert report.devices == []
    assert "[problem] libedgetpu: not found" in report.to_text()


def test_cli_doctor_exits_0_and_prints_the_report(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["doctor"]) == 0
    out = capsys.readouterr().out
    assert "[problem] libedgetpu: not found" in out
    # ai-edge-litert loads the delegate here: Coral's package would crash with it.
    assert "community build" in out and "sudo apt-get install libedgetpu1-std" not in out
    assert "ai-edge-litert:" in out and "tflite-runtime:" in out
    assert "Fix:" in out


def test_cli_doctor_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["doctor", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == SCHEMA
    assert {"created", "app", "host", "summary", "checks", "devices", "backend_specs"} <= set(data)
    lib = next(c for c in data["checks"] if c["name"] == "libedgetpu")
    assert lib["status"] == "problem" and lib["value"] == "not found" and lib["remedy"]
    assert data["devices"] == [] and data["backend_specs"] == ["edgetpu"]
    assert data["summary"]["problem"] >= 1


def test_cli_doctor_json_with_a_fake_root(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    add_usb(tmp_path, "1-1", "18d1:9302", speed="480", dev=2)
    add_usb(tmp_path, "2-1", "1a6e:089a", bus=2, dev=5)
    assert main(["doctor", "--json", "--root", str(tmp_path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["name"] for d in data["devices"]] == ["usb:0", "usb:1"]
    assert data["devices"][0]["usb_speed_mbps"] == 480
    assert data["backend_specs"] == ["edgetpu:device=usb:0", "edgetpu:device=usb:1"]


# Devices --------------------------------------------------------------------------------------

def test_no_device(tmp_path: Path) -> None:
    report = run_doctor(tmp_path, probe=False)
    devices = check(report, "devices")
    assert (devices.status, devices.value) == ("problem", "none found")
    assert "USB 3 port" in devices.remedy


def test_uninitialised_usb_accelerator_is_fine(tmp_path: Path) -> None:
    add_usb(tmp_path, "2-1", "1a6e:089a")
    report = run_doctor(tmp_path, probe=False)
    usb = check(report, "usb:0")
    assert usb.status == "ok" and "firmware not loaded yet" in usb.value
    assert "USB 3 (5000 Mbit/s)" in usb.value and report.find("devices") is None


def test_ready_accelerator_on_usb2_is_a_warning(tmp_path: Path) -> None:
    add_usb(tmp_path, "1-1", "18d1:9302", speed="480")
    usb = check(run_doctor(tmp_path, probe=False), "usb:0")
    assert usb.status == "warning" and "USB 2 (480 Mbit/s)" in usb.value
    assert "USB 3 port" in usb.remedy


def test_ready_accelerator_on_usb3_is_ok(tmp_path: Path) -> None:
    add_usb(tmp_path, "1-1", "18d1:9302", speed="5000")
    usb = check(run_doctor(tmp_path, probe=False), "usb:0")
    assert (usb.status, usb.remedy) == ("ok", "")
    assert usb.value.startswith("Coral USB Accelerator, ready (18d1:9302), USB 3")


def test_two_devices(tmp_path: Path) -> None:
    add_usb(tmp_path, "1-1", "18d1:9302", dev=2)
    add_apex(tmp_path, 0)
    report = run_doctor(tmp_path, probe=False)
    assert check(report, "usb:0").status == "ok"
    assert check(report, "pci:0").value.startswith("Coral PCIe/M.2 card, ready (1ac1:089a)")
    assert report.backend_specs() == ["edgetpu:device=usb:0", "edgetpu:device=pci:0"]


@pytest.fixture
def denied(monkeypatch: pytest.MonkeyPatch) -> set[Path]:
    """Test double for permissions (see tests/test_devices.py): these nodes cannot be opened."""
    paths: set[Path] = set()
    monkeypatch.setattr(core.edgetpu.devices, "can_open", lambda node: node not in paths)
    return paths


def test_apex_without_permission_and_without_udev_rule(tmp_path: Path,
                                                        denied: set[Path]) -> None:
    denied.add(add_apex(tmp_path, 0))
    pci = check(run_doctor(tmp_path, probe=False), "pci:0")
    assert pci.status == "problem" and "may not open it" in pci.value
    assert "udev rule" in pci.remedy and 'GROUP="apex"' in pci.remedy


def test_apex_without_permission_names_the_missing_group(tmp_path: Path,
                                                         denied: set[Path]) -> None:
    denied.add(add_apex(tmp_path, 0))
    rules = tmp_path / "etc" / "udev" / "rules.d" / "65-apex.rules"
    rules.parent.mkdir(parents=True)
    rules.write_text('SUBSYSTEM=="apex", MODE="0660", GROUP="apex"\n')
    (tmp_path / "etc" / "group").write_text("root:x:0:\napex:x:64999:someoneelse\n")
    pci = check(run_doctor(tmp_path, probe=False), "pci:0")
    assert pci.status == "problem"
    assert "sudo usermod -aG apex $USER" in pci.remedy


def test_usb_permission_remedy_with_rule_but_no_group(tmp_path: Path) -> None:
    rules = tmp_path / "lib" / "udev" / "rules.d" / "60-libedgetpu1-std.rules"
    rules.parent.mkdir(parents=True)
    rules.write_text('SUBSYSTEM=="usb",ATTRS{idVendor}=="18d1",GROUP="edgetpu"\n')
    assert "'edgetpu' group" in permission_remedy("usb", tmp_path)
    assert "udev rule is missing" in permission_remedy("usb", tmp_path / "elsewhere")


def test_pci_card_without_driver(tmp_path: Path) -> None:
    card = tmp_path / "sys" / "bus" / "pci" / "devices" / "0000:03:00.0"
    card.mkdir(parents=True)
    (card / "vendor").write_text("0x1ac1\n")
    (card / "device").write_text("0x089a\n")
    report = run_doctor(tmp_path, probe=False)
    assert "gasket-dkms" in check(report, "PCIe card").remedy


# libedgetpu -----------------------------------------------------------------------------------

def test_library_found_with_debian_max_package(tmp_path: Path) -> None:
    add_library(tmp_path, "libedgetpu1-max")
    report = run_doctor(tmp_path, probe=False)
    lib = check(report, "libedgetpu")
    assert (lib.status, lib.value) == ("ok", "/" + LIB)
    build = check(report, "build")
    assert build.value.startswith("max") and "libedgetpu1-max 16.0" in build.value
    assert check(report, "compatibility").status == "warning"
    assert check(report, "version").value == "not read (probing is off)"
    assert check(report, "delegate").value == "not tried: probing is off"


def test_library_flavour_from_package_and_path(tmp_path: Path) -> None:
    add_library(tmp_path, "libedgetpu1-std")
    info = locate_library(tmp_path, system="Linux")
    assert (info.flavour, info.package) == ("std", "libedgetpu1-std 16.0")
    assert locate_library(tmp_path, system="Darwin").found is False
    assert flavour_from_path("/opt/edgetpu_runtime/libedgetpu/direct/k8/libedgetpu.so.1") == "max"
    assert flavour_from_path(r"C:\edgetpu_runtime\libedgetpu\throttled\x64_windows\edgetpu.dll"
                             .replace("\\", "/")) == "std"
    assert flavour_from_path("/usr/lib/x86_64-linux-gnu/libedgetpu.so.1") == ""


def test_parse_runtime_version() -> None:
    text = "BuildLabel(COMPILER=6.3.0 20170516,DATE=redacted,TIME=redacted), RuntimeVersion(13)"
    assert parse_runtime_version(text) == 13
    assert parse_runtime_version("no version here") is None


FAKE_LIBEDGETPU = r"""
const char* edgetpu_version(void) {
    return "BuildLabel(COMPILER=fake,DATE=redacted), RuntimeVersion(14)";
}
void* tflite_plugin_create_delegate(void) { return 0; }
"""
CRASHING_LIBEDGETPU = r"""
const char* edgetpu_version(void) { return *(const char* volatile*)0; }
"""


@pytest.fixture(scope="module")
def compile_library(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str, str], Path]:
    """Test double: a tiny shared library that exports ``edgetpu_version`` like libedgetpu."""
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        pytest.skip("no C compiler to build the fake libedgetpu")
    folder = tmp_path_factory.mktemp("fakelib")

    def build(name: str, source: str) -> Path:
        c_file, library = folder / f"{name}.c", folder / f"{name}.so"
        c_file.write_text(source)
        subprocess.run([compiler, "-shared", "-fPIC", "-o", str(library), str(c_file)],
                       check=True, capture_output=True)
        return library
    return build


def test_read_version_in_a_spawned_process(compile_library: Callable[[str, str], Path]) -> None:
    version = read_version(str(compile_library("fake_edgetpu", FAKE_LIBEDGETPU)))
    assert version.probe.status == "ok"
    assert version.text == "BuildLabel(COMPILER=fake,DATE=redacted), RuntimeVersion(14)"
    assert version.runtime_version == 14


def test_a_crash_while_reading_the_version_is_survived(
        compile_library: Callable[[str, str], Path]) -> None:
    version = read_version(str(compile_library("crashing_edgetpu", CRASHING_LIBEDGETPU)))
    assert version.probe.status == "crashed" and version.probe.exit_code == -11
    assert "signal 11 (segmentation fault)" in version.probe.describe()


def test_doctor_reports_the_version_of_the_library_it_finds(
        tmp_path: Path, compile_library: Callable[[str, str], Path]) -> None:
    target = tmp_path / LIB
    target.parent.mkdir(parents=True)
    shutil.copy(compile_library("fake_edgetpu", FAKE_LIBEDGETPU), target)
    report = run_doctor(tmp_path, probe=True)
    version = check(report, "version")
    assert (version.status, version.value) == (
        "ok", "BuildLabel(COMPILER=fake,DATE=redacted), RuntimeVersion(14)")
    assert check(report, "runtime version").value == "14"
    assert check(report, "build").value == "cannot tell whether it is std or max"


def test_read_version_of_a_missing_library() -> None:
    version = read_version("/nonexistent/libedgetpu.so.1")
    assert version.probe.status == "error" and "OSError" in version.probe.text
    assert version.runtime_version is None


# The delegate probe's outcome -----------------------------------------------------------------

def test_probe_crash_is_a_runtime_mismatch() -> None:
    info = _probe_error(ProbeResult("crashed", exit_code=-11), [])
    assert info.code == "runtime_mismatch" and "signal 11" in info.message


def test_probe_timeout_is_a_usb_problem() -> None:
    assert _probe_error(ProbeResult("timeout"), []).code == "edgetpu_usb_error"


def test_probe_log_names_the_cause_behind_failed_to_load() -> None:
    result = ProbeResult("error", text="ValueError: Failed to load delegate from libedgetpu.so.1",
                         log="E transfer.cc:120] USB transfer error 1 [LibUsbDataOutCallback]")
    info = _probe_error(result, [])
    assert info.code == "edgetpu_usb_error"
    assert "Failed to load delegate" in info.detail and "USB transfer error" in info.detail


def test_probe_not_found_with_an_unreadable_device_is_a_permission_problem(
        tmp_path: Path, denied: set[Path]) -> None:
    denied.add(add_apex(tmp_path, 0))
    result = ProbeResult("error", text="ValueError: Failed to load delegate from libedgetpu.so.1")
    assert _probe_error(result, []).code == "edgetpu_not_found"
    assert _probe_error(result, find_devices(tmp_path)).code == "edgetpu_permission_denied"


# pycoral and tflite-runtime, as fake installed packages ---------------------------------------

def _fake_distribution(site: Path, name: str, version: str) -> None:
    info = site / f"{name.replace('-', '_')}-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n")


def test_googles_pycoral_is_recognised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pycoral" / "utils").mkdir(parents=True)
    (tmp_path / "pycoral" / "__init__.py").touch()
    (tmp_path / "pycoral" / "utils" / "edgetpu.py").touch()
    _fake_distribution(tmp_path, "pycoral", "2.0.0")
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.invalidate_caches()
    pycoral = check(run_doctor(tmp_path / "root", probe=False), "pycoral")
    assert pycoral.status == "ok" and "Google's pycoral 2.0.0" in pycoral.value


def test_the_unrelated_pypi_pycoral_is_named(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pycoral").mkdir()
    (tmp_path / "pycoral" / "__init__.py").touch()
    _fake_distribution(tmp_path, "pycoral", "0.2.0")
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.invalidate_caches()
    pycoral = check(run_doctor(tmp_path / "root", probe=False), "pycoral")
    assert pycoral.status == "warning" and "unrelated" in pycoral.value
    assert "Coral Atlas" in pycoral.value and "pip uninstall pycoral" in pycoral.remedy


def test_tflite_runtime_with_numpy_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_distribution(tmp_path, "tflite-runtime", "2.14.0")
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.invalidate_caches()
    numpy_major = int(metadata.version("numpy").split(".")[0])
    tflite = check(run_doctor(tmp_path / "root", probe=False), "tflite-runtime")
    assert tflite.value.startswith("2.14.0")
    if numpy_major >= 2:
        assert tflite.status == "warning" and "numpy < 2" in tflite.value
        assert "numpy<2" in tflite.remedy
    else:
        assert tflite.status == "ok"


def test_report_text_groups_sections_and_indents_remedies(tmp_path: Path) -> None:
    add_usb(tmp_path, "1-1", "18d1:9302", speed="480")
    text = run_doctor(tmp_path, probe=False).to_text()
    lines = text.splitlines()
    assert lines[1].startswith("Summary: ")
    at = lines.index("Edge TPU devices")
    assert lines[at + 1].startswith("  [warning] usb:0: Coral USB Accelerator")
    assert lines[at + 2].startswith(" " * 12 + "Fix: Plug it into a USB 3 port")


@pytest.mark.parametrize(("system", "expected"), [
    ("Linux", "sudo apt-get install libedgetpu1-std"),
    ("Darwin", "sudo bash install.sh"),
    ("Windows", "install.bat as administrator"),
])
def test_install_instructions_per_os(system: str, expected: str) -> None:
    coral = edgetpu_advice("tflite-runtime", "2.11.0", system)
    assert expected in coral and "community build" not in coral
    litert = edgetpu_advice("ai-edge-litert", "2.3.0", system)
    assert "community build" in litert and expected not in litert


def test_doctor_imports_no_qt() -> None:
    code = ("import sys, core.edgetpu.doctor, core.cli.doctor; "
            "import core.edgetpu.failures, core.edgetpu.devices; "
            "sys.exit(any(m.startswith(('PySide6', 'pyqtgraph', 'gui')) for m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).parent.parent,
                            check=False)
    assert result.returncode == 0


# Located the way the dynamic linker does ------------------------------------------------------

def test_doctor_finds_a_libedgetpu_that_is_only_on_ld_library_path(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.edgetpu_double import build_fake_libedgetpu

    library = build_fake_libedgetpu(tmp_path / "only-here")
    monkeypatch.setenv("LD_LIBRARY_PATH", f"/nonexistent:{library.parent}")
    report = run_doctor(probe=True)
    lib = check(report, "libedgetpu")
    assert (lib.status, lib.value) == ("ok", f"{library} (on LD_LIBRARY_PATH)")
    assert "fake-libedgetpu-test-double" in check(report, "version").value
    assert check(report, "runtime version").value == "14"
    delegate = check(report, "delegate (any device)")  # the double answers like a device
    assert delegate.status == "ok", delegate


def test_library_search_order_per_system(tmp_path: Path) -> None:
    from core.edgetpu.linker_search import search

    for folder in ("env", "usr/local/lib", "fallback"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "libedgetpu.so.1").write_bytes(b"")
        (tmp_path / folder / "libedgetpu.1.dylib").write_bytes(b"")
    env = {"LD_LIBRARY_PATH": "/env", "DYLD_FALLBACK_LIBRARY_PATH": "/fallback"}
    assert search("libedgetpu.so.1", "Linux", tmp_path, env) == (
        "/env/libedgetpu.so.1", "LD_LIBRARY_PATH")
    assert search("libedgetpu.so.1", "Linux", tmp_path, {}) == (
        "/usr/local/lib/libedgetpu.so.1", "standard folder")
    assert search("libedgetpu.1.dylib", "Darwin", tmp_path, env) == (
        "/fallback/libedgetpu.1.dylib", "standard folder")
    assert search("libedgetpu.1.dylib", "Darwin", tmp_path, {"DYLD_LIBRARY_PATH": "/env"}) \
        == ("/env/libedgetpu.1.dylib", "DYLD_LIBRARY_PATH")
    assert search("libedgetpu.so.1", "Linux", tmp_path / "empty", {}) == ("", "")
