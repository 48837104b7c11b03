"""Backend specs parse as the command line documents them, and refuse anything else."""

from __future__ import annotations

import os

import pytest

from core.errors import AppError
from core.measure.backends import BackendSpec, assign_ids, parse_backend_spec


def test_defaults_are_the_fastest_honest_cpu() -> None:
    spec = parse_backend_spec("cpu")
    assert spec.runtime == "ai-edge-litert" and spec.xnnpack
    assert spec.effective_threads == os.cpu_count()
    assert spec.label().startswith("CPU (LiteRT ")
    assert "XNNPACK" in spec.label() and f"{os.cpu_count()} thread" in spec.label()


@pytest.mark.parametrize(("text", "field", "value"), [
    ("cpu:threads=1", "threads", 1),
    ("cpu:runtime=tflite-runtime", "runtime", "tflite-runtime"),
    ("cpu:xnnpack=off", "xnnpack", False),
    ("edgetpu:device=usb:1", "device", "usb:1"),
    ("edgetpu:device=pci:0,performance=max", "performance", "max"),
    ("EDGETPU:performance=Low", "performance", "low"),
])
def test_options(text: str, field: str, value: object) -> None:
    assert getattr(parse_backend_spec(text), field) == value


@pytest.mark.parametrize("text", [
    "gpu", "cpu:threads=0", "cpu:threads=two", "cpu:device=usb:0", "edgetpu:threads=2",
    "edgetpu:device=serial:0", "edgetpu:performance=turbo", "cpu:runtime=tensorflow",
    "cpu:threads", "cpu:=1", "cpu:xnnpack=maybe",
])
def test_bad_specs_are_usage_errors_with_a_remedy(text: str) -> None:
    with pytest.raises(AppError) as caught:
        parse_backend_spec(text)
    assert caught.value.info.code == "usage"
    assert text.split(":")[0] in caught.value.info.message
    assert "cpu:threads=1" in caught.value.info.remedy


def test_spec_round_trips_through_text() -> None:
    for text in ["cpu", "cpu:threads=1,xnnpack=off", "edgetpu:device=usb:1,performance=max"]:
        assert parse_backend_spec(parse_backend_spec(text).to_text()) == \
            parse_backend_spec(text)


def test_ids_are_unique_and_stable() -> None:
    specs = [BackendSpec("cpu"), BackendSpec("cpu", threads=1), BackendSpec("edgetpu"),
             BackendSpec("edgetpu", device="usb:1")]
    assert assign_ids(specs) == ["cpu", "cpu-2", "edgetpu", "edgetpu-usb1"]
