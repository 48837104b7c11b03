"""``run`` beside Coral's published figure: without a device, a model with none, and a slow Edge
TPU (the test double) on a USB 2 port (a fake sysfs tree)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import core.cli.run as run_module
import core.measure.published_check as published_check
from core.cli.main import main
from core.edgetpu.published import NO_FIGURE
from core.edgetpu.slow_causes import USB2_REMEDY
from core.measure.backends import BackendSpec
from core.results.result_files import read_json
from tests.doubles.fake_runtimes import double
from tests.test_devices import add_usb


@pytest.fixture
def mobilenet_v2(coral: Path) -> Path:
    return coral / "models" / "mobilenet_v2_1.0_224_quant.tflite"


def _run(capsys: pytest.CaptureFixture[str], model: Path, image: Path, *extra: str) -> str:
    code = main(["run", "--model", str(model), "--image", str(image), "--count", "5",
                 "--warmup", "1", *extra])
    out = capsys.readouterr().out
    assert code == 0, out
    return out


def test_without_a_device_run_prints_corals_figure_and_saves_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], mobilenet_v2: Path,
        parrot: Path) -> None:
    saved = tmp_path / "run.json"
    out = _run(capsys, mobilenet_v2, parrot, "--backend", "cpu", "--json", str(saved))
    assert "Coral's published figure (not measured here): 2.6 ms for MobileNet v2" in out
    assert "Coral publishes 2.6 ms for this model on a Coral USB Accelerator (Coral's figure, " \
           "not measured here)" in out
    header = next(line for line in out.splitlines() if line.startswith("backend "))
    assert header.split()[-1] == "inf/s"
    published = json.loads(saved.read_text())["published"]
    assert published["figure"]["ms"] == 2.6
    assert published["figure"]["source"] == "https://coral.ai/docs/edgetpu/benchmarks/"
    cpu = published["cpu"]
    assert cpu["backend"] == "cpu" and cpu["published_ms"] == 2.6
    assert cpu["speedup"] == pytest.approx(cpu["cpu_ms"] / 2.6)
    assert read_json(saved).published == published


def test_a_model_without_a_figure_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                          small_model: Path, parrot: Path) -> None:
    saved = tmp_path / "run.json"
    out = _run(capsys, small_model, parrot, "--backend", "cpu", "--json", str(saved))
    assert NO_FIGURE in out and "ms for this model" not in out
    published = json.loads(saved.read_text())["published"]
    assert published["figure"] is None and published["message"] == NO_FIGURE


def test_a_slow_edgetpu_on_a_usb2_port_is_told_why(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        mobilenet_v2: Path, parrot: Path) -> None:
    add_usb(tmp_path, "2-1", "18d1:9302", speed="480")
    monkeypatch.setattr(published_check, "HOST_ROOT", tmp_path)
    monkeypatch.setattr(run_module, "default_specs", lambda: [
        BackendSpec("cpu"), double("edgetpu", "slow_fake_edgetpu", ms="25")])
    saved = tmp_path / "run.json"
    out = _run(capsys, mobilenet_v2, parrot, "--json", str(saved))
    assert "× slower than Coral's figure" in out
    assert "likely cause: The USB Accelerator is on a USB 2 port (480 Mbit/s)" in out
    assert f"remedy: {USB2_REMEDY}" in out
    [verdict] = json.loads(saved.read_text())["published"]["edgetpu"]
    assert verdict["slower"] is True and verdict["measured_ms"] > 25
    assert verdict["causes"][0]["code"] == "usb2"
