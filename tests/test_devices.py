"""Finding Edge TPUs in a fake sysfs and /dev tree (the root the code accepts for tests)."""

from __future__ import annotations

from pathlib import Path

import pytest

import core.edgetpu.devices
from core.edgetpu.devices import (
    EdgeTpuDevice,
    edgetpu_backend_specs,
    find_devices,
    pci_cards_without_node,
)


def add_usb(root: Path, name: str, vendor_product: str, speed: str = "5000",
            bus: int = 2, dev: int = 3, node: bool = True) -> Path:
    """A USB device directory as the kernel shows it under /sys/bus/usb/devices."""
    vendor, product = vendor_product.split(":")
    directory = root / "sys" / "bus" / "usb" / "devices" / name
    directory.mkdir(parents=True)
    for field, value in (("idVendor", vendor), ("idProduct", product), ("speed", speed),
                         ("busnum", str(bus)), ("devnum", str(dev))):
        (directory / field).write_text(value + "\n")
    if node:
        path = root / "dev" / "bus" / "usb" / f"{bus:03d}" / f"{dev:03d}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch()
    return directory


def add_apex(root: Path, index: int) -> Path:
    node = root / "dev" / f"apex_{index}"
    node.parent.mkdir(parents=True, exist_ok=True)
    node.touch()
    return node


@pytest.fixture
def denied(monkeypatch: pytest.MonkeyPatch) -> set[Path]:
    """Test double for file permissions: nodes in this set cannot be opened.

    The tests may run as root, for whom every node is readable and writable, so a chmod would
    prove nothing; this stands in for a user without the udev rule or group.
    """
    paths: set[Path] = set()
    real = core.edgetpu.devices.can_open
    monkeypatch.setattr(core.edgetpu.devices, "can_open",
                        lambda node: node not in paths and real(node))
    return paths


def test_no_device(tmp_path: Path) -> None:
    add_usb(tmp_path, "1-1", "046d:c52b", speed="12")  # a mouse
    (tmp_path / "sys" / "bus" / "usb" / "devices" / "usb1").mkdir()  # a root hub, no IDs
    assert find_devices(tmp_path) == []
    assert edgetpu_backend_specs([]) == ["edgetpu"]


def test_empty_root_finds_nothing(tmp_path: Path) -> None:
    assert find_devices(tmp_path) == []


def test_uninitialised_usb_accelerator(tmp_path: Path) -> None:
    directory = add_usb(tmp_path, "2-1", "1a6e:089a")
    [device] = find_devices(tmp_path)
    assert device == EdgeTpuDevice("usb", "usb:0", str(directory), "uninitialised", 5000,
                                   "1a6e:089a", str(tmp_path / "dev/bus/usb/002/003"))
    assert edgetpu_backend_specs([device]) == ["edgetpu"]


@pytest.mark.parametrize(("speed", "mbps"), [("480", 480), ("5000", 5000), ("10000", 10000)])
def test_ready_usb_accelerator_and_its_speed(tmp_path: Path, speed: str, mbps: int) -> None:
    add_usb(tmp_path, "1-2", "18d1:9302", speed=speed)
    [device] = find_devices(tmp_path)
    assert (device.state, device.usb_speed_mbps, device.vendor_product) == ("ready", mbps,
                                                                            "18d1:9302")


def test_two_usb_devices_are_numbered_in_natural_sysfs_order(tmp_path: Path) -> None:
    add_usb(tmp_path, "1-10", "18d1:9302", dev=9)
    add_usb(tmp_path, "1-2", "1a6e:089a", speed="480", dev=4)
    devices = find_devices(tmp_path)
    assert [(d.name, Path(d.path).name, d.state) for d in devices] == [
        ("usb:0", "1-2", "uninitialised"), ("usb:1", "1-10", "ready")]
    assert edgetpu_backend_specs(devices) == ["edgetpu:device=usb:0", "edgetpu:device=usb:1"]


def test_usb_and_pci_together(tmp_path: Path) -> None:
    add_usb(tmp_path, "2-1", "18d1:9302")
    add_apex(tmp_path, 0)
    devices = find_devices(tmp_path)
    assert [d.name for d in devices] == ["usb:0", "pci:0"]
    assert devices[1].kind == "pci" and devices[1].vendor_product == "1ac1:089a"
    assert devices[1].usb_speed_mbps is None and devices[1].state == "ready"
    assert edgetpu_backend_specs(devices) == ["edgetpu:device=usb:0", "edgetpu:device=pci:0"]


def test_apex_node_without_permission(tmp_path: Path, denied: set[Path]) -> None:
    denied.add(add_apex(tmp_path, 0))
    add_apex(tmp_path, 1)
    devices = find_devices(tmp_path)
    assert [(d.name, d.state) for d in devices] == [("pci:0", "no_permission"),
                                                    ("pci:1", "ready")]


def test_usb_node_without_permission(tmp_path: Path, denied: set[Path]) -> None:
    add_usb(tmp_path, "1-1", "18d1:9302", bus=1, dev=7)
    denied.add(tmp_path / "dev" / "bus" / "usb" / "001" / "007")
    [device] = find_devices(tmp_path)
    assert device.state == "no_permission"


def test_usb_device_without_dev_node_keeps_its_firmware_state(tmp_path: Path) -> None:
    add_usb(tmp_path, "1-1", "18d1:9302", node=False)
    [device] = find_devices(tmp_path)
    assert device.state == "ready" and device.node == ""


def test_pci_card_without_driver(tmp_path: Path) -> None:
    card = tmp_path / "sys" / "bus" / "pci" / "devices" / "0000:01:00.0"
    card.mkdir(parents=True)
    (card / "vendor").write_text("0x1ac1\n")
    (card / "device").write_text("0x089a\n")
    assert pci_cards_without_node(tmp_path) == [str(card)]
    add_apex(tmp_path, 0)
    assert pci_cards_without_node(tmp_path) == []


def test_default_backends_follow_the_attached_devices(tmp_path: Path) -> None:
    from core.measure.backends import default_specs

    assert [s.to_text() for s in default_specs(tmp_path)] == ["cpu", "edgetpu"]
    add_usb(tmp_path, "1-1", "18d1:9302", dev=3)
    add_usb(tmp_path, "1-2", "18d1:9302", dev=4)
    add_apex(tmp_path, 0)
    specs = default_specs(tmp_path)
    assert [s.to_text() for s in specs] == [
        "cpu", "edgetpu:device=usb:0", "edgetpu:device=usb:1", "edgetpu:device=pci:0"]
    assert [s.label() for s in specs[1:]] == [
        "Edge TPU (usb:0)", "Edge TPU (usb:1)", "Edge TPU (pci:0)"]
