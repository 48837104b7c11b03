"""Edge TPU options as libedgetpu reads them: an indexed device whenever an option is given.

The end-to-end tests load a libedgetpu test double (tests/doubles/fake_libedgetpu.c, compiled
here) through LiteRT's real ``load_delegate`` in a real worker, found on ``LD_LIBRARY_PATH`` as
the dynamic linker finds the real one; the double writes down the options it was handed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from core.edgetpu.devices import find_devices
from core.edgetpu.loaded import loaded_library
from core.measure.backends import BackendSpec, parse_backend_spec
from core.measure.edgetpu_options import (
    THROTTLED,
    delegate_options,
    edgetpu_label,
    effective_performance,
    is_indexed,
)
from core.measure.session import RunRequest, Session
from tests.edgetpu_double import build_fake_libedgetpu
from tests.test_devices import add_apex, add_usb


def options(text: str, root: Path | None = None) -> dict[str, str]:
    devices = find_devices(root) if root is not None else []
    return delegate_options(parse_backend_spec(text), devices).options


def test_performance_alone_gets_an_indexed_device() -> None:
    assert options("edgetpu:performance=low") == {"device": ":0", "Performance": "Low"}
    assert options("edgetpu:device=usb,performance=max") == {"device": "usb:0",
                                                            "Performance": "Max"}
    assert options("edgetpu:device=pci,performance=high") == {"device": "pci:0",
                                                             "Performance": "High"}
    assert options("edgetpu:device=usb:1,performance=medium") == {"device": "usb:1",
                                                                 "Performance": "Medium"}


def test_usb_options_also_need_an_indexed_device() -> None:
    assert options("edgetpu:usb.always_dfu=on") == {"device": ":0", "Usb.AlwaysDfu": "True"}
    assert options("edgetpu:device=usb,usb.max_bulk_in_queue_length=16") == {
        "device": "usb:0", "Usb.MaxBulkInQueueLength": "16"}
    spec = parse_backend_spec("edgetpu:usb.always_dfu=on,usb.max_bulk_in_queue_length=8")
    assert parse_backend_spec(spec.to_text()) == spec
    assert spec.label() == "Edge TPU (first found, always DFU, bulk-in queue 8)"


def test_without_options_the_device_is_passed_as_given() -> None:
    assert options("edgetpu") == {}
    assert options("edgetpu:device=usb") == {"device": "usb"}
    assert options("edgetpu:device=pci:1") == {"device": "pci:1"}


def test_first_found_takes_the_kind_from_the_device_scan(tmp_path: Path) -> None:
    add_apex(tmp_path, 0)
    resolved = delegate_options(parse_backend_spec("edgetpu:performance=max"),
                                find_devices(tmp_path))
    assert (resolved.device, resolved.bus) == (":0", "pci")
    add_usb(tmp_path, "2-1", "18d1:9302")
    resolved = delegate_options(parse_backend_spec("edgetpu:performance=max"),
                                find_devices(tmp_path))
    assert (resolved.device, resolved.bus) == (":0", "usb")  # USB is scanned first


def test_is_indexed() -> None:
    assert all(is_indexed(d) for d in (":0", "usb:0", "pci:12"))
    assert not any(is_indexed(d) for d in ("", "usb", "pci", "usb:"))


def test_the_throttled_build_runs_max_as_high() -> None:
    assert effective_performance("max", "usb", "std") == THROTTLED
    assert effective_performance("max", "usb", "max") == "max"
    assert effective_performance("max", "pci", "std") == "max"
    assert effective_performance("max", "", "", log="... Performance expectation level Max is "
                                 "not supported when USB connected EdgeTpu is throttled") \
        == THROTTLED
    assert effective_performance("low", "usb", "std") == "low"
    spec = BackendSpec("edgetpu", device="usb", performance="max")
    assert edgetpu_label(spec, "usb:0", THROTTLED) == \
        "Edge TPU (usb:0, performance High (throttled build))"
    assert edgetpu_label(BackendSpec("edgetpu"), ":0", "") == "Edge TPU (first found)"


@pytest.fixture
def fake_libedgetpu(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """The double, on LD_LIBRARY_PATH for every process started from now on; and its record."""
    library = build_fake_libedgetpu(tmp_path / "lib")
    record = tmp_path / "options.txt"
    monkeypatch.setenv("LD_LIBRARY_PATH", str(library.parent))
    monkeypatch.setenv("FAKE_EDGETPU_RECORD", str(record))
    monkeypatch.delenv("FAKE_EDGETPU_THROTTLED", raising=False)
    return library, record


@pytest.fixture
def plain_model(tmp_path: Path, small_model: Path) -> Path:
    """The small model without its compiled twin beside it: the double claims no operation, so
    the CPU runs it (with the model_not_compiled warning)."""
    copy = tmp_path / "models" / small_model.name
    copy.parent.mkdir()
    shutil.copy(small_model, copy)
    return copy


def _recorded(record: Path) -> list[dict[str, str]]:
    calls = record.read_text().split("--\n")
    return [dict(line.split("=", 1) for line in call.splitlines()) for call in calls if call]


def test_performance_low_reaches_libedgetpu_with_an_indexed_device(
        fake_libedgetpu: tuple[Path, Path], plain_model: Path, parrot: Path) -> None:
    library, record_file = fake_libedgetpu
    spec = parse_backend_spec("edgetpu:performance=low")
    session = Session(RunRequest(plain_model, parrot, backends=(spec,), count=3, warmup=0))
    record = session.run()
    backend = record.backends[0]
    assert backend.status == "ok", backend.error
    assert _recorded(record_file) == [{"device": ":0", "Performance": "Low"}]
    assert backend.runtime["delegate_options"] == "device=:0,Performance=Low"
    assert backend.runtime["performance"] == "low"
    assert backend.label == "Edge TPU (first found, performance low)"
    assert Path(backend.runtime["library"]).resolve() == library.resolve()
    assert "fake-libedgetpu-test-double" in backend.runtime["library_version"]


def test_max_on_the_throttled_build_is_reported_as_high(
        fake_libedgetpu: tuple[Path, Path], plain_model: Path, parrot: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_EDGETPU_THROTTLED", "1")
    spec = BackendSpec("edgetpu", device="usb", performance="max")
    record = Session(RunRequest(plain_model, parrot, backends=(spec,), count=2,
                                warmup=0)).run()
    backend = record.backends[0]
    assert backend.status == "ok", backend.error
    assert _recorded(fake_libedgetpu[1]) == [{"device": "usb:0", "Performance": "Max"}]
    assert backend.runtime["requested_performance"] == "max"
    assert backend.runtime["performance"] == THROTTLED
    assert backend.label == "Edge TPU (usb:0, performance High (throttled build))"


def test_loaded_library_reads_the_maps_file(tmp_path: Path) -> None:
    maps = tmp_path / "maps"
    maps.write_text(
        "7f00-7f01 r-xp 00000000 08:01 1 /usr/lib/x86_64-linux-gnu/libc.so.6\n"
        "7f02-7f03 r-xp 00000000 08:01 2 /opt/edgetpu/direct/libedgetpu.so.1.0\n")
    assert loaded_library(maps) == "/opt/edgetpu/direct/libedgetpu.so.1.0"
    assert loaded_library(tmp_path / "absent") == ""
