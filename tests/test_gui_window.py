"""The comparison window, driven like a person would: real widgets offscreen, real runs.

Dialogs are patched (the answer is a real Coral file), drag and drop is simulated with real Qt
events, and every run uses real worker processes; the Edge TPU is absent here, so it fails with
its plain explanation, and a named test double stands in for a working one where needed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QThread
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from core.measure.backends import BackendSpec
from core.measure.session import RunRequest
from core.results.records import BackendRecord, Comparison, Prediction, RunRecord
from core.results.result_files import read_json, write_json
from core.results.stats import compute_stats
from gui.widgets.backend_panel import FAILED, MEASURING, WAITING
from gui.window.main_view_widget import RESULTS_PAGE
from gui.window.main_window import MainWindow
from gui.window.settings import Settings
from tests import gui_support  # offscreen Qt and isolated settings, before any QApplication
from tests.bird_answer import bird_score_in
from tests.doubles.fake_runtimes import double

pytestmark = pytest.mark.gui

PAIR_TITLE = "MobileNet v2 (iNaturalist Birds) · classification (CPU + Edge TPU)"
TOP1 = "Ara macao (Scarlet Macaw)"
CPU1 = BackendSpec("cpu", threads=1)


def _window(qtbot: QtBot, settings_file: Path,
            factory: gui_support.RecordingSessionFactory | None = None) -> MainWindow:
    window = MainWindow(Settings(settings_file), session_factory=factory)
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture
def factory() -> gui_support.RecordingSessionFactory:
    return gui_support.RecordingSessionFactory()


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, factory: gui_support.RecordingSessionFactory,
           monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    gui_support.hide_bundled_pair(monkeypatch)
    return _window(qtbot, tmp_path / "settings.ini", factory)


def _run(qtbot: QtBot, window: MainWindow, request: RunRequest | None = None) -> None:
    with qtbot.waitSignal(window.runner.runEnded, timeout=gui_support.HANG_GUARD_MS):
        assert window.start_run(request)


def _assert_reaped(factory: gui_support.RecordingSessionFactory) -> None:
    pids = factory.worker_pids()
    assert pids, "no worker was started"
    assert not [pid for pid in pids if gui_support.alive(pid)], "a worker outlived the run"


def test_open_dialogs_choose_a_pair_its_labels_and_a_thumbnail(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch,
        bird_model: Path, bird_labels: Path, parrot: Path) -> None:
    gui_support.patch_open_dialog(monkeypatch, bird_model, parrot)
    bar = window.view.input_bar
    assert not bar.run_button.isEnabled()
    bar.model.browse_button.click()
    assert bar.model.current_text() == PAIR_TITLE
    assert bar.labels.current_path() == str(bird_labels), "labels beside the model are found"
    bar.image.browse_button.click()
    assert bar.image.current_text() == "parrot.jpg"
    assert bar.has_thumbnail()
    assert bar.run_button.isEnabled()
    assert window.view.pages.currentIndex() == RESULTS_PAGE
    assert [p.title() for p in window.panels] == ["CPU", "Edge TPU"]
    assert all(p.page() == WAITING for p in window.panels)


def test_a_cancelled_dialog_changes_nothing(
        window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    gui_support.patch_open_dialog(monkeypatch, None)
    window.view.input_bar.model.browse_button.click()
    assert window.choice.pair is None


def test_dropping_files_anywhere_tells_each_kind_from_the_file(
        window: MainWindow, tmp_path: Path, bird_model: Path, bird_labels: Path,
        parrot: Path) -> None:
    # Names that say nothing: the content decides.
    image = tmp_path / "picture"
    shutil.copy(parrot, image)
    accepted = gui_support.drop(window.view.comparison, [image, bird_labels, bird_model])
    assert accepted == (True, True)
    assert window.choice.pair is not None and window.choice.pair.name == bird_model.stem
    assert window.choice.labels == bird_labels
    assert window.choice.image == image
    assert window.view.input_bar.has_thumbnail()
    # A drop onto a plot inside a panel reaches the window too.
    gui_support.drop(window.panels[0].histogram, [parrot])
    assert window.choice.image == parrot


def test_an_unknown_file_is_explained_in_the_window(window: MainWindow, tmp_path: Path) -> None:
    junk = tmp_path / "notes.bin"
    junk.write_bytes(b"\x00\x01\x02 not a model")
    gui_support.drop(window.view.input_bar, [junk])
    assert "notes.bin is not a model" in window.view.comparison.text()
    assert window.isVisible()


def test_a_broken_model_is_a_message_not_a_dialog(window: MainWindow, coral: Path,
                                                  tmp_path: Path) -> None:
    broken = tmp_path / "broken.tflite"
    broken.write_bytes((coral / "models" / "mobilenet_v1_0.25_128_quant.tflite")
                       .read_bytes()[:3000])
    assert not window.open_path(broken)
    assert window.choice.pair is None
    assert "broken.tflite' is truncated" in window.view.comparison.text()


def test_settings_keep_files_and_count_in_their_own_file(
        qtbot: QtBot, tmp_path: Path, bird_model: Path, bird_labels: Path,
        parrot: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gui_support.hide_bundled_pair(monkeypatch)
    settings_file = tmp_path / "settings.ini"
    first = _window(qtbot, settings_file)
    first.open_path(bird_model)
    first.open_path(parrot)
    first.view.input_bar.count.setValue(321)
    first.close()
    assert settings_file.is_file()
    second = _window(qtbot, settings_file)
    assert second.choice.pair is not None and second.choice.pair.cpu == bird_model
    assert second.choice.labels == bird_labels
    assert second.choice.image == parrot
    assert second.view.input_bar.count.value() == 321
    assert second.view.input_bar.run_button.isEnabled()


def test_run_shows_cpu_results_and_the_edgetpu_explanation(
        qtbot: QtBot, window: MainWindow, factory: gui_support.RecordingSessionFactory,
        bird_model: Path, bird_labels: Path, parrot: Path) -> None:
    window.open_path(bird_model)
    window.open_path(parrot)
    window.view.input_bar.count.setValue(20)
    _run(qtbot, window)
    cpu, tpu = window.panels
    assert cpu.page() == MEASURING
    assert cpu.topk.rows()[0].startswith(TOP1 + ": ")
    bird_score_in(cpu.topk.rows()[0])
    assert "ms" in cpu.median_text()
    assert cpu.strip.points == 20 and cpu.histogram.bins >= 5
    assert tpu.page() == FAILED
    assert tpu.error_panel.error is not None
    assert tpu.error_panel.error.code == "edgetpu_runtime_missing"
    assert "No Edge TPU runtime" in tpu.error_panel.text()
    assert "libedgetpu built for the TensorFlow Lite version" in tpu.error_panel.text()
    assert tpu.error_panel.diagnostics_button.isVisibleTo(window)
    sentence = window.view.comparison.text()
    assert sentence.startswith("CPU: median ") and "Edge TPU did not run" in sentence
    assert window.view.input_bar.progress.format().startswith("Finished")
    assert window.state.record is not None and window.actions_.export_json.isEnabled()
    _assert_reaped(factory)


def test_two_working_backends_give_the_comparison_line(
        qtbot: QtBot, window: MainWindow, small_model: Path, coral: Path) -> None:
    labels = coral / "labels" / "imagenet_labels.txt"
    image = coral / "images" / "cat.bmp"
    window.open_path(small_model)
    window.open_path(image)
    _run(qtbot, window, RunRequest(small_model, image, labels, count=200, warmup=2,
                                   backends=(CPU1, double("edgetpu", "fake_edgetpu_ok"))))
    assert [p.page() for p in window.panels] == [MEASURING, MEASURING]
    sentence = window.view.comparison.text()
    assert sentence.startswith("Edge TPU is ")
    assert " (median " in sentence and " ms vs " in sentence
    assert "same top-1" in sentence and "largest score difference 0.0" in sentence
    assert window.panels[1].title() == "Edge TPU"


def test_stop_keeps_what_was_measured_and_reaps_every_worker(
        qtbot: QtBot, window: MainWindow, factory: gui_support.RecordingSessionFactory,
        small_model: Path, parrot: Path) -> None:
    window.open_path(small_model)
    window.open_path(parrot)
    window.view.input_bar.count.setValue(1_000_000)
    window.start_run()
    assert window.is_running() and window.view.input_bar.stop_button.isEnabled()
    inferences = gui_support.count_inferences(window.runner)
    qtbot.waitUntil(lambda: inferences[0] > 0, timeout=gui_support.HANG_GUARD_MS)
    with qtbot.waitSignal(window.runner.runEnded, timeout=gui_support.HANG_GUARD_MS):
        window.view.input_bar.stop_button.click()
    assert not window.is_running()
    cpu = window.state.backend("cpu")
    assert cpu is not None and cpu.status == "cancelled" and 0 < len(cpu.latencies_ms) < 1_000_000
    assert window.panels[0].page() == MEASURING, "what was measured stays on screen"
    assert window.view.input_bar.progress.format() == "Stopped"
    ran = len(cpu.latencies_ms)
    assert window.view.comparison.text().startswith(
        f"Stopped after {ran} inference{'' if ran == 1 else 's'}, so this is provisional · ")
    assert window.view.comparison._caption.text() == "PROVISIONAL"
    shown_to = window.panels[0].strip.viewRange()[0][1]
    assert shown_to < ran * 1.1 + 2, f"the strip spans {shown_to:.0f}, not the {ran} run"
    assert window.view.input_bar.run_button.isEnabled()
    _assert_reaped(factory)


def test_closing_during_a_run_stops_and_reaps_everything(
        qtbot: QtBot, window: MainWindow, factory: gui_support.RecordingSessionFactory,
        small_model: Path, parrot: Path) -> None:
    window.open_path(small_model)
    window.open_path(parrot)
    window.view.input_bar.count.setValue(1_000_000)
    window.start_run()
    inferences = gui_support.count_inferences(window.runner)
    qtbot.waitUntil(lambda: inferences[0] > 0, timeout=gui_support.HANG_GUARD_MS)
    threads = [t for t in window.runner.findChildren(QThread)] + [window.runner._thread]
    assert window.close()
    assert not window.is_running()
    assert all(t is None or not t.isRunning() for t in threads)
    _assert_reaped(factory)


def test_exports_and_a_saved_result_reopens_as_it_looked(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        bird_model: Path, parrot: Path) -> None:
    window.open_path(bird_model)
    window.open_path(parrot)
    window.view.input_bar.count.setValue(15)
    _run(qtbot, window)
    json_file, csv_file, png_file = (tmp_path / "r.json", tmp_path / "r.csv", tmp_path / "w.png")
    gui_support.patch_save_dialog(monkeypatch, json_file)
    window.actions_.export_json.trigger()
    gui_support.patch_save_dialog(monkeypatch, csv_file)
    window.actions_.export_csv.trigger()
    html_file = tmp_path / "r.html"
    gui_support.patch_save_dialog(monkeypatch, html_file)
    window.actions_.export_html.trigger()
    assert "Ara macao (Scarlet Macaw)" in html_file.read_text(encoding="utf-8")
    gui_support.patch_save_dialog(monkeypatch, png_file)
    from gui.window import actions as window_actions

    assert window_actions.save_png(window, window) == png_file
    assert read_json(json_file).backend("cpu").latencies_ms == \
        window.state.backend("cpu").latencies_ms  # type: ignore[union-attr]
    assert csv_file.read_text().count("\n") >= 15
    assert QImage(str(png_file)).size() == window.size()

    before = (window.view.comparison.text(), [p.median_text() for p in window.panels],
              window.panels[0].topk.rows(), window.panels[1].error_panel.text())
    again = _window(qtbot, tmp_path / "other.ini")
    gui_support.patch_open_dialog(monkeypatch, json_file)
    file_menu = again.menuBar().actions()[0].menu()
    next(a for a in file_menu.actions() if a.text().startswith("Open Saved")).trigger()
    after = (again.view.comparison.text(), [p.median_text() for p in again.panels],
             again.panels[0].topk.rows(), again.panels[1].error_panel.text())
    assert after == before
    assert again.view.input_bar.count.value() == 15
    assert again.view.input_bar.model.current_text() == PAIR_TITLE
    assert again.view.input_bar.has_thumbnail()
    assert again.panels[0].strip.points == 15


def _hand_made_record(image: Path) -> RunRecord:
    def backend(bid: str, kind: str, label: str, median: float, score: float) -> BackendRecord:
        suffix = "_edgetpu" if kind == "edgetpu" else ""
        latencies = [median * f for f in (0.9, 1.0, 1.0, 1.1, 1.3)]
        return BackendRecord(bid, kind, label, model={"path": f"/gone/bird{suffix}.tflite"},
                             runtime={"name": "ai-edge-litert", "version": "2.3.0"},
                             device="usb:0" if kind == "edgetpu" else "", status="ok",
                             load_ms=12.0, first_inference_ms=median * 3,
                             latencies_ms=latencies, stats=compute_stats(latencies),
                             results=[Prediction(923, TOP1, score), Prediction(1, "other", 0.1)])
    cpu = backend("cpu", "cpu", "CPU (LiteRT 2.3.0, XNNPACK, 4 threads)", 36.4, 0.80)
    tpu = backend("edgetpu", "edgetpu", "Edge TPU (usb:0)", 3.1, 0.78)
    return RunRecord("2025-01-01T00:00:00+00:00", {"path": str(image)}, {"path": None},
                     {"count": 5}, {}, [cpu, tpu],
                     Comparison("cpu", "edgetpu", 36.4 / 3.1, True, 1.0, 0.02))


def test_a_result_file_dropped_on_the_window_opens(
        window: MainWindow, tmp_path: Path, parrot: Path) -> None:
    saved = tmp_path / "saved.json"
    write_json(_hand_made_record(parrot), saved)
    assert gui_support.drop(window.panels[0] if window.panels else window, [saved])[1]
    assert window.view.comparison.text() == (
        "Edge TPU is 11.7× faster than CPU (median 3.10 ms vs 36.4 ms) · same top-1 · "
        "largest score difference 0.020")
    assert [p.title() for p in window.panels] == ["CPU", "Edge TPU"]
    assert "usb:0" in window.panels[1]._subtitle.text()
    assert window.view.input_bar.model.current_text() == "bird (CPU + Edge TPU)"
    assert window.view.input_bar.has_thumbnail()


def test_a_broken_result_file_is_explained(window: MainWindow, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema": "edgetpu-compare/1", "backends": [{"kind": "cpu"}]}')
    assert not window.files.open_result(bad)
    assert window.view.comparison.text()
    assert not window.panels or all(p.page() == WAITING for p in window.panels)


def test_the_error_card_opens_diagnostics_without_blocking(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, parrot: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from core.errors import error
    from gui.widgets.diagnostics_dialog import DiagnosticsDialog, wait_for_checks

    record = _hand_made_record(parrot)
    tpu = record.backend("edgetpu")
    tpu.status, tpu.error, tpu.latencies_ms, tpu.stats = \
        "error", error("edgetpu_not_found"), [], None
    window.show_record(record)
    panel = window.panels[1]
    assert panel.page() == FAILED and "No Edge TPU found" in panel.error_panel.text()
    panel.error_panel.diagnostics_button.click()
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, DiagnosticsDialog)]
    assert len(dialogs) == 1 and dialogs[0].isVisible() and not dialogs[0].isModal()
    dialogs[0].close()
    assert wait_for_checks()
