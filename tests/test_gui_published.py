"""Coral's published figure in the window: on the Edge TPU's failure card and the comparison line
without a device, against the Edge TPU measured with one (the slow test double on a fake USB 2
port), each likely cause with its remedy on the panel, inferences per second beside the median,
and the figure kept in the window's exports."""

from __future__ import annotations

import json
from array import array
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

import core.measure.published_check as published_check
from core.edgetpu.slow_causes import Observations, likely_causes
from core.edgetpu.verdict import EdgeTpuVerdict, PublishedReport
from core.measure.backends import BackendSpec
from core.measure.session import RunRequest
from core.results.records import BackendRecord
from core.results.result_files import read_json, write_json
from gui.widgets.backend_panel import FAILED, MEASURING, BackendPanel
from gui.window.main_window import MainWindow
from gui.window.settings import Settings
from tests import gui_support  # offscreen Qt and isolated settings, before any QApplication
from tests.doubles.fake_runtimes import double
from tests.test_devices import add_usb

pytestmark = pytest.mark.gui

CPU1 = BackendSpec("cpu", threads=1)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    shown = MainWindow(Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(shown)
    shown.show()
    return shown


@pytest.fixture
def mobilenet_v2(coral: Path) -> Path:
    return coral / "models" / "mobilenet_v2_1.0_224_quant.tflite"


def _run(qtbot: QtBot, window: MainWindow, model: Path, image: Path,
         *backends: BackendSpec) -> None:
    window.open_path(model)
    window.open_path(image)
    request = RunRequest(model, image, None, count=10, warmup=1, backends=backends)
    with qtbot.waitSignal(window.runner.runEnded, timeout=gui_support.HANG_GUARD_MS):
        assert window.start_run(request)


def test_without_a_device_the_card_and_the_line_answer_would_a_coral_help(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, mobilenet_v2: Path,
        parrot: Path) -> None:
    _run(qtbot, window, mobilenet_v2, parrot, CPU1, BackendSpec("edgetpu"))
    cpu, tpu = window.panels
    assert tpu.page() == FAILED
    card = tpu.error_panel.published_text()
    assert card.startswith("Your CPU ") and " ms; Coral publishes 2.6 ms for this model on a " \
        "USB Accelerator (not measured here): " in card
    assert "an Edge TPU would be " in card or "this CPU is already " in card
    assert card in tpu.error_panel.text()
    assert card in window.view.comparison.text()
    assert "so there is no comparison" not in window.view.comparison.text()
    assert window.state.record is not None
    published = window.state.record.published
    assert published is not None and published["figure"]["ms"] == 2.6
    assert published["cpu"]["backend"] == cpu.backend_id
    saved = tmp_path / "export.json"
    write_json(window.state.record, saved)  # what File > Export writes
    assert json.loads(saved.read_text())["published"]["cpu"]["published_ms"] == 2.6
    reopened = MainWindow(Settings(tmp_path / "other.ini"))
    qtbot.addWidget(reopened)
    reopened.show()
    reopened.show_record(read_json(saved))
    assert reopened.panels[1].error_panel.published_text() == card


def test_a_model_without_a_figure_says_so_on_the_card(
        qtbot: QtBot, window: MainWindow, small_model: Path, parrot: Path) -> None:
    _run(qtbot, window, small_model, parrot, CPU1, BackendSpec("edgetpu"))
    tpu = window.panels[1]
    assert tpu.error_panel.published_text() == "Coral publishes no figure for this model."
    assert window.view.comparison.text().endswith("Coral publishes no figure for this model.")


def test_a_cpu_panel_shows_inferences_per_second_beside_its_median(
        qtbot: QtBot, window: MainWindow, small_model: Path, parrot: Path) -> None:
    _run(qtbot, window, small_model, parrot, CPU1)
    [cpu] = window.panels
    assert cpu.page() == MEASURING
    caption = cpu._median_caption.text()
    assert caption.startswith("MEDIAN OF 10 INFERENCES") and caption.endswith(" INFERENCES/S")
    record = window.state.backends[0]
    assert record.stats is not None
    rate = float(caption.split("·")[-1].split()[0].replace(",", ""))
    assert rate == pytest.approx(1000 / record.stats.mean, rel=0.1, abs=0.1)


def test_a_slow_edgetpu_on_a_usb2_port_says_so_with_the_remedy(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        mobilenet_v2: Path, parrot: Path) -> None:
    add_usb(tmp_path, "2-1", "18d1:9302", speed="480")
    monkeypatch.setattr(published_check, "HOST_ROOT", tmp_path)
    _run(qtbot, window, mobilenet_v2, parrot, CPU1,
         double("edgetpu", "slow_fake_edgetpu", ms="25"))
    tpu = window.panels[1]
    assert tpu.page() == MEASURING
    lines = tpu.published_text().splitlines()
    assert "× slower than Coral's figure." in lines[0]
    assert lines[0].startswith("Measured ") and "Coral publishes 2.6 ms" in lines[0]
    assert lines[1] == ("The USB Accelerator is on a USB 2 port (480 Mbit/s); Coral measured "
                        "over USB 3 (5000 Mbit/s).")
    assert lines[2].startswith("Plug it into a USB 3 port")
    assert window.panels[0].published_text() == ""  # the CPU panel: the line says it


EVERY_CAUSE = {
    "usb2": (Observations(device_kind="usb", usb_speed_mbps=480), "USB 2 port (480 Mbit/s)",
             "Plug it into a USB 3 port"),
    "throttled_build": (Observations(build="std", device_kind="usb"), "throttled build",
                        "install the max build"),
    "reduced_performance": (Observations(performance="medium"), "performance level Medium",
                            "Choose performance max in the backend's options."),
    "not_compiled": (Observations(compiled=False), "not compiled for the Edge TPU",
                     "Use the _edgetpu.tflite file"),
    "cpu_operations": (Observations(cpu_operations=2, cpu_operation_names=("ARG_MAX", "MEAN")),
                       "Operations left on the CPU: 2 (ARG_MAX, MEAN)", "newer Edge TPU Compiler"),
    "parameters_streamed": (Observations(streamed_bytes=12 * 1024 * 1024), "(12.0 MiB)",
                            "--num_segments"),
    "virtual_machine": (Observations(virtual_machine="KVM"), "a virtual machine (KVM)",
                        "Run on the host computer itself"),
    "small_host": (Observations(small_board="Raspberry Pi 4 Model B Rev 1.4"),
                   "This computer (Raspberry Pi 4 Model B Rev 1.4)", "a desktop computer"),
}


@pytest.mark.parametrize("code", sorted(EVERY_CAUSE))
def test_each_cause_is_on_the_panel_with_its_remedy(qtbot: QtBot, code: str) -> None:
    seen, text, remedy = EVERY_CAUSE[code]
    causes = likely_causes(seen)
    assert [c.code for c in causes] == [code]
    report = PublishedReport(None, None, (EdgeTpuVerdict("edgetpu", 9.0, 2.6, "Coral USB "
                                                         "Accelerator", tuple(causes)),))
    record = BackendRecord("edgetpu", "edgetpu", "Edge TPU", status="ok",
                           latencies_ms=array("d", [9.0, 9.0, 9.0]))
    panel = BackendPanel(record)
    qtbot.addWidget(panel)
    # what a result file gives back: the same sentences from the saved object
    panel.show_published(PublishedReport.from_dict(report.to_dict()))
    verdict, cause, what_to_do = panel.published_text().splitlines()
    assert verdict.endswith("3.5× slower than Coral's figure.")
    assert text in cause
    assert remedy in what_to_do


def test_an_edgetpu_as_fast_as_corals_figure_lists_no_cause(qtbot: QtBot) -> None:
    record = BackendRecord("edgetpu", "edgetpu", "Edge TPU", status="ok",
                           latencies_ms=array("d", [2.8]))
    panel = BackendPanel(record)
    qtbot.addWidget(panel)
    panel.show_published(PublishedReport(None, None, (EdgeTpuVerdict(
        "edgetpu", 2.8, 2.6, "Coral USB Accelerator"),)))
    assert panel.published_text() == ("Measured 2.80 ms; Coral publishes 2.6 ms for this model "
                                      "on a USB Accelerator: as fast as it should be.")


def test_booth_mode_without_a_device_shows_corals_figure_as_its_headline(
        qtbot: QtBot, tmp_path: Path, mobilenet_v2: Path, coral: Path) -> None:
    from core.measure.booth import BoothConfig
    from gui.booth.window import BoothWindow

    template = RunRequest(mobilenet_v2, coral / "images" / "parrot.jpg", None, backends=(
        CPU1, double("edgetpu", "edgetpu_with_fake_loader", loader="missing")))
    booth = BoothWindow(template, [coral / "images" / "parrot.jpg"],
                        BoothConfig(count=10, warmup=1, dwell_s=600, window=50,
                                    rejected_pause_s=0))  # the result stays: a new picture
    qtbot.addWidget(booth)                                # starts with no numbers
    booth.show()
    assert booth.start()
    qtbot.waitUntil(lambda: booth.loop is not None and booth.loop.comparisons >= 1,
                    timeout=gui_support.HANG_GUARD_MS)
    headline = booth.speedup.text()
    assert headline.startswith("CORAL'S PUBLISHED FIGURE · NOT MEASURED HERE ")
    assert "; Coral publishes 2.6 ms for this model on a USB Accelerator (not measured here)" \
        in headline
    loop = booth.loop
    assert loop is not None and loop.figure is not None and loop.figure.ms == 2.6
    with qtbot.waitSignal(booth.left, timeout=gui_support.HANG_GUARD_MS):
        booth.leave()


def test_screenshot_json_carries_corals_figure(tmp_path: Path, mobilenet_v2: Path,
                                               parrot: Path) -> None:
    from tests.test_gui_screenshot import _screenshot

    saved = tmp_path / "shot.json"
    done = _screenshot("--model", mobilenet_v2, "--image", parrot, "--count", "10",
                       "--out", tmp_path / "shot.png", "--json", saved)
    assert done.returncode == 0, done.stderr
    assert "Coral publishes 2.6 ms for this model on a USB Accelerator" in done.stdout
    published = read_json(saved).published
    assert published is not None and published["figure"]["ms"] == 2.6
    assert published["cpu"]["published_ms"] == 2.6
