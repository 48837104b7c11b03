"""A detector in the window: each panel draws its own boxes on the picture, once per result."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from pytestqt.qtbot import QtBot

from core.measure.backends import BackendSpec
from core.measure.session import RunRequest
from gui.window import actions
from gui.window.main_window import MainWindow
from gui.window.settings import Settings
from tests import gui_support  # offscreen Qt and isolated settings, before any QApplication
from tests.detection_models import OBJECTS, build_detector
from tests.test_detection_run import LABELMAP


def test_a_detection_run_draws_each_panels_boxes_once_and_says_how_they_agree(
        qtbot: QtBot, tmp_path: Path) -> None:
    model = build_detector(tmp_path / "det.tflite", OBJECTS, order="tf1")
    labels = tmp_path / "labelmap.txt"
    labels.write_text(LABELMAP)
    image = tmp_path / "wide.png"
    Image.new("RGB", (320, 160), (40, 40, 40)).save(image)
    window = MainWindow(Settings(tmp_path / "s.ini"), restore=False)
    qtbot.addWidget(window)
    window.resize(1400, 1000)
    window.show()
    request = RunRequest(model, image, labels, count=200, warmup=0,
                         backends=(BackendSpec("cpu", threads=1), BackendSpec("cpu", threads=2)))
    with qtbot.waitSignal(window.runner.runEnded, timeout=gui_support.HANG_GUARD_MS):
        assert window.start_run(request)
    for panel in window.panels:
        view = panel.detections
        assert view.isVisibleTo(panel) and not panel.topk.isVisibleTo(panel)
        assert panel.strip.isVisibleTo(panel), "the latency over the run stays in view"
        assert view.rows() == ["person  0.88", "car  0.75", "bicycle  0.62"]
        # every live frame and the final one showed the same objects: composed once, not
        # once per frame
        assert view.compositions == 1
        window._paint()
        assert view.compositions == 1
        view.repaint()
        scalings = view.scalings
        for _ in range(3):  # live frames repaint the panel: the scaled picture is reused
            view.repaint()
        assert scalings >= 1 and view.scalings == scalings
    text = window.view.comparison.text()
    assert "found the same 3 objects as" in text and "mean IoU 1.00" in text

    # File > Save Outputs: what run --save-outputs writes, never over an input
    assert window.actions_.save_outputs.isEnabled()
    folder = tmp_path / "outputs"
    folder.mkdir()
    saved = actions.save_outputs(window, window, folder)
    assert sorted(p.name for p in saved) == ["cpu-2-detections.json", "cpu-2-overlay.png",
                                             "cpu-detections.json", "cpu-overlay.png"]
    assert Image.open(folder / "cpu-overlay.png").size == (320, 160)
    image.rename(tmp_path / "cpu-overlay.png")
    window.choice.image = tmp_path / "cpu-overlay.png"
    assert actions.save_outputs(window, window, tmp_path) == []
    assert "one of this run's inputs" in window.statusBar().currentMessage()


def _saved_detection_run(tmp_path: Path) -> tuple[Path, Path, Path]:
    """(model, picture, result file) of a detector's run on the command line."""
    from core.cli.main import main

    model = build_detector(tmp_path / "det.tflite", OBJECTS)
    labels = tmp_path / "labelmap.txt"
    labels.write_text(LABELMAP)
    image = tmp_path / "square.png"
    Image.new("RGB", (256, 256), (40, 40, 40)).save(image)
    saved = tmp_path / "result.json"
    assert main(["run", "--model", str(model), "--labels", str(labels), "--image", str(image),
                 "--backend", "cpu", "--count", "2", "--warmup", "0",
                 "--json", str(saved)]) == 0
    return model, image, saved


def test_a_saved_detection_result_reopens_with_its_boxes(qtbot: QtBot, tmp_path: Path) -> None:
    from core.results.result_reader import parse_result_bytes

    _, image, saved = _saved_detection_run(tmp_path)
    image.unlink()  # the picture is gone: the boxes are still shown, on a plain frame
    window = MainWindow(Settings(tmp_path / "s.ini"), restore=False)
    qtbot.addWidget(window)
    window.show()
    window.show_record(parse_result_bytes(saved.read_bytes()))
    view = window.panels[0].detections
    assert view.isVisibleTo(window.panels[0])
    assert view.rows() == ["person  0.88", "car  0.75", "bicycle  0.62"]
    assert view.compositions == 1


def test_a_segmentation_result_shows_its_mask_and_classes_in_each_panel(
        qtbot: QtBot, tmp_path: Path, coral: Path) -> None:
    from core.cli.main import main
    from core.results.result_reader import parse_result_bytes

    folder = coral / "segmentation"
    saved = tmp_path / "result.json"
    assert main(["run", "--model", str(folder / "deeplabv3_mnv2_pascal_quant.tflite"),
                 "--labels", str(folder / "pascal_voc_segmentation_labels.txt"),
                 "--image", str(folder / "bird_segmentation.bmp"), "--backend", "cpu",
                 "--backend", "cpu:threads=1", "--count", "1", "--warmup", "0",
                 "--json", str(saved)]) == 0
    window = MainWindow(Settings(tmp_path / "s.ini"), restore=False)
    qtbot.addWidget(window)
    window.show()
    window.show_record(parse_result_bytes(saved.read_bytes()))
    for panel in window.panels:
        assert panel.detections.isVisibleTo(panel)
        assert [row.split()[0] for row in panel.detections.rows()] == ["background", "bird"]
        assert panel.detections.compositions == 1
    assert "pixel agreement 1.000" in window.view.comparison.text()


def test_the_threshold_control_refilters_the_shown_objects_and_is_remembered(
        qtbot: QtBot, tmp_path: Path) -> None:
    from core.results.result_reader import parse_result_bytes

    model, image, saved = _saved_detection_run(tmp_path)
    settings_file = tmp_path / "s.ini"
    window = MainWindow(Settings(settings_file), restore=False)
    qtbot.addWidget(window)
    window.show()
    bar = window.view.input_bar
    assert bar.threshold.value() == 0.5 and not bar.threshold.isVisibleTo(window)
    window.files.set_model(model)
    window.files.set_image(image)
    assert bar.threshold.isVisibleTo(window)  # read from the model: a detector
    window.show_record(parse_result_bytes(saved.read_bytes()))
    view = window.panels[0].detections
    assert view.rows() == ["person  0.88", "car  0.75", "bicycle  0.62"]

    bar.threshold.setValue(0.7)  # stricter: hidden at once, without a run
    window._paint()
    assert view.rows() == ["person  0.88", "car  0.75"]
    assert view.compositions == 2
    window._paint()
    assert view.compositions == 2  # the same objects: not drawn again
    request = window.build_request()
    assert request is not None and request.threshold == 0.7  # and the next run uses it
    bar.threshold.setValue(0.5)
    window._paint()
    assert view.rows() == ["person  0.88", "car  0.75", "bicycle  0.62"]
    bar.threshold.setValue(0.65)
    window.settings.sync()
    assert Settings(settings_file).threshold() == 0.65


def test_a_damaged_threshold_setting_falls_back_to_half_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "s.ini"
    path.write_text("[run]\nthreshold=lots\n")
    settings = Settings(path)
    assert settings.threshold() == 0.5
    assert any("run/threshold" in note for note in settings.notes)
