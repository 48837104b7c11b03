"""The backend chooser, driven like a person would: add, remove, options, baseline, run, reopen.

Real widgets offscreen and real runs in real workers; the Edge TPU is absent here, so it fails
with its explanation, and the device scan reads a fake sysfs tree where devices are needed.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

import gui.widgets.backend_chooser_widget as chooser_module
from core.errors import AppError
from core.measure.backend_choice import BackendSet, cpu_runtimes, edgetpu_devices
from core.measure.backends import BackendSpec
from core.results.result_files import read_json, write_json
from gui.app import entry
from gui.app.cli_gui import backend_set_from_args
from gui.booth.launch import booth_template
from gui.widgets.backend_panel import FAILED, MEASURING
from gui.window.main_window import MainWindow
from gui.window.settings import Settings
from tests import gui_support  # offscreen Qt and isolated settings, before any QApplication
from tests.test_devices import add_usb

pytestmark = pytest.mark.gui


def _window(qtbot: QtBot, settings: Path, model: Path | None = None,
            image: Path | None = None) -> MainWindow:
    window = MainWindow(Settings(settings), restore_files=False,
                        session_factory=gui_support.RecordingSessionFactory())
    qtbot.addWidget(window)
    window.show()
    if model is not None and image is not None:
        window.files.set_model(model)
        window.files.set_image(image)
    return window


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, small_model: Path, parrot: Path) -> MainWindow:
    return _window(qtbot, tmp_path / "settings.ini", small_model, parrot)


def _texts(window: MainWindow) -> list[str]:
    return window.view.chooser.backends().to_texts()


def test_add_and_remove_backends_up_to_four_in_two_rows(qtbot: QtBot, window: MainWindow,
                                                       tmp_path: Path) -> None:
    chooser = window.view.chooser
    assert _texts(window) == ["cpu", "edgetpu"]  # the default here: no device attached
    chooser.add_cpu.click()
    assert len(chooser.rows) == 3 and len(window.panels) == 3
    chooser.add_edgetpu.click()
    assert len(window.panels) == 4
    assert not chooser.add_cpu.isEnabled() and not chooser.add_edgetpu.isEnabled()
    grid = window.view.panel_grid.layout()
    positions = [grid.getItemPosition(grid.indexOf(p))[:2] for p in window.panels]
    assert positions == [(0, 0), (0, 1), (1, 0), (1, 1)]
    chooser.rows[1].remove.click()
    assert _texts(window) == ["cpu", "cpu", "edgetpu"]
    assert [p.kind for p in window.panels] == ["cpu", "cpu", "edgetpu"]
    assert chooser.add_cpu.isEnabled()
    chooser.rows[2].enabled.setChecked(False)  # unchecked: kept in the chooser, not run
    assert [p.kind for p in window.panels] == ["cpu", "cpu"]
    again = _window(qtbot, tmp_path / "settings.ini")
    assert _texts(again) == ["cpu", "cpu", "-edgetpu"], "the choice is remembered"


def test_options_change_what_runs(window: MainWindow) -> None:
    row = window.view.chooser.rows[0]
    assert row.threads is not None and row.xnnpack is not None
    row.threads.setValue(1)
    row.xnnpack.setChecked(False)
    assert window.backend_set.specs()[0] == BackendSpec("cpu", threads=1, xnnpack=False)
    assert row.pin is not None and row.pin.isChecked()
    row.pin.setChecked(False)
    assert window.backend_set.specs()[0].to_text() == "cpu:threads=1,xnnpack=off,pin=off"
    assert "reference kernels" in window.panels[0].title() + window.panels[0]._subtitle.text()
    tpu = window.view.chooser.rows[1]
    assert tpu.performance is not None
    tpu.performance.setCurrentIndex(tpu.performance.findData("low"))
    assert window.backend_set.specs()[1] == BackendSpec("edgetpu", performance="low")
    request = window.build_request()
    assert request is not None and request.backends == window.backend_set.specs()


def test_a_runtime_that_is_not_installed_is_greyed_with_its_hint(window: MainWindow) -> None:
    combo = window.view.chooser.rows[0].runtime
    assert combo is not None
    offers = {o.name: o for o in cpu_runtimes()}
    index = combo.findData("tflite-runtime")
    item = combo.model().item(index)  # type: ignore[attr-defined]
    assert item.isEnabled() == offers["tflite-runtime"].usable
    if not offers["tflite-runtime"].usable:
        assert "not installed" in combo.itemText(index)
        assert "pip install" in item.toolTip()


def test_each_attached_edgetpu_is_offered_by_name(qtbot: QtBot, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "root"
    add_usb(root, "2-1", "18d1:9302")
    add_usb(root, "2-2", "1a6e:089a", dev=4)
    monkeypatch.setattr(chooser_module, "edgetpu_devices", lambda: edgetpu_devices(root))
    window = _window(qtbot, tmp_path / "settings.ini")
    device = window.view.chooser.rows[1].device
    assert device is not None
    assert [device.itemText(i) for i in range(device.count())] == [
        "first found", "usb:0 · Coral USB Accelerator", "usb:1 · Coral USB Accelerator"]
    device.setCurrentIndex(2)
    assert window.backend_set.specs()[1].device == "usb:1"


def test_three_backends_run_against_the_chosen_baseline_and_reopen_with_their_set(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    window.view.input_bar.count.setValue(5)
    chooser = window.view.chooser
    chooser.add_cpu.click()  # rows: cpu, edgetpu, cpu
    for row in (chooser.rows[0], chooser.rows[2]):
        assert row.threads is not None
        row.threads.setValue(1)
    assert chooser.rows[2].xnnpack is not None
    chooser.rows[2].xnnpack.setChecked(False)
    chooser.rows[2].baseline.click()
    assert window.backend_set.baseline_id() == "cpu-2"
    with qtbot.waitSignal(window.runner.runEnded, timeout=gui_support.HANG_GUARD_MS):
        assert window.start_run()
    record = window.state.record
    assert record is not None
    assert [b.status for b in record.backends] == ["ok", "error", "ok"]
    assert [p.page() for p in window.panels] == [MEASURING, FAILED, MEASURING]
    titles = [p.title() for p in window.panels]  # two CPUs are told apart on their panels too
    assert titles[0] != titles[2] and titles[0].startswith("CPU (") and titles[2] != "CPU"
    assert [(c.baseline, c.candidate) for c in record.comparisons] == [("cpu-2", "cpu")]
    sentence = window.view.comparison.text()
    assert sentence.startswith("CPU (XNNPACK) is ") and " than CPU (reference kernels) " in \
        sentence, sentence
    assert "Edge TPU did not run" in sentence
    saved = tmp_path / "three.json"
    write_json(record, saved)

    other = _window(qtbot, tmp_path / "other.ini")
    assert _texts(other) == ["cpu", "edgetpu"]
    assert other.files.open_result(saved)
    assert _texts(other) == ["cpu", "edgetpu"], "opening a result keeps the next run's set"
    assert other.view.comparison.text() == sentence
    assert [p.kind for p in other.panels] == ["cpu", "edgetpu", "cpu"]
    other.show_record(read_json(saved))  # a picture of it shows the set it ran with
    assert _texts(other) == ["cpu:threads=1", "edgetpu", "cpu:threads=1,xnnpack=off"]
    assert other.view.chooser.rows[2].baseline.isChecked()


def _args(*backends: str, baseline: str | None = None) -> argparse.Namespace:
    return argparse.Namespace(backend=list(backends) or None, baseline=baseline)


def test_gui_backend_flags_make_the_set() -> None:
    chosen = backend_set_from_args(_args("cpu", "cpu:runtime=tflite-runtime", "edgetpu",
                                         baseline="cpu-2"))
    assert chosen is not None and chosen.baseline_id() == "cpu-2"
    assert chosen.to_texts() == ["cpu", "cpu:runtime=tflite-runtime", "edgetpu"]
    assert backend_set_from_args(_args()) is None
    for bad in (_args("cpu:bogus=1"), _args(*["cpu"] * 5), _args("cpu", baseline="edgetpu"),
                _args(baseline="cpu")):
        with pytest.raises(AppError):
            backend_set_from_args(bad)


def test_gui_with_a_bad_backend_is_exit_2_before_any_window(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert entry.main(["gui", "--backend", "cpu:threads=many"]) == 2
    assert "error:" in capsys.readouterr().err


def test_booth_mode_runs_the_windows_set(window: MainWindow) -> None:
    chosen = BackendSet.of([BackendSpec("cpu", threads=1), BackendSpec("cpu", xnnpack=False)])
    window.set_backends(chosen)
    template = booth_template(window.choice, window.backend_set)
    assert template is not None and template.backends == chosen.specs()
    assert template.baseline == "cpu"


def test_folded_the_chooser_says_in_one_line_what_is_compared(window: MainWindow) -> None:
    chooser = window.view.chooser
    assert not chooser.is_unfolded() and not chooser.rows[0].isVisible()
    assert chooser.summary.text().startswith("CPU: LiteRT ")
    assert "(baseline)" in chooser.summary.text().split("|")[0]
    chooser.toggle.click()
    assert chooser.is_unfolded() and chooser.rows[0].isVisible()
    chooser.rows[1].baseline.click()
    assert "(baseline)" in chooser.summary.text().split("|")[1]
    chooser.rows[0].enabled.setChecked(False)
    chooser.rows[1].enabled.setChecked(False)
    assert "Nothing is chosen" in chooser.summary.text()
