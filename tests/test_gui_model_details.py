"""The model details view and the Edge TPU panel's line: what runs where, in the window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from core.inputs.model_info import inspect_model
from core.inputs.model_insight import inspect_pair, model_entry
from core.results.records import BackendRecord
from gui.look import translations
from gui.widgets.backend_panel import BackendPanel
from gui.widgets.model_details_dialog import ModelDetailsDialog, details_for
from gui.window.main_window import MainWindow
from gui.window.settings import Settings
from tests import gui_support  # offscreen Qt and isolated settings, before any QApplication
from tests.test_model_insight import add_cpu_ops, big_constant, edited_pair

pytestmark = pytest.mark.gui
assert gui_support


def _dialogs() -> list[ModelDetailsDialog]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, ModelDetailsDialog) and w.isVisible()]


def test_details_show_both_files_of_the_bird_pair(qtbot: QtBot, bird_model: Path) -> None:
    dialog = ModelDetailsDialog(inspect_pair(bird_model))
    qtbot.addWidget(dialog)
    assert dialog.title.text() == "mobilenet_v2_1.0_224_inat_bird_quant"
    assert dialog.note_texts() == ["65 of 65 operations on the Edge TPU."]
    assert dialog.table.columnCount() == 2
    assert dialog.value("Operations", 0) == "65" and dialog.value("Operations", 1) == "1"
    assert dialog.value("Operations on the CPU", 1) == "0"
    assert dialog.value("Input", 0) == "1×224×224×3 uint8"
    assert dialog.value("Output", 1) == "965 classes, 1×965 uint8"
    assert "the default" in dialog.value("Normalisation", 0)
    assert dialog.value("File", 1) == bird_model.stem + "_edgetpu.tflite"


def test_operations_on_the_cpu_are_named_in_the_details(qtbot: QtBot, coral: Path,
                                                        tmp_path: Path) -> None:
    path = edited_pair(coral, tmp_path, lambda m: add_cpu_ops(m, ["SOFTMAX"]))
    dialog = details_for(path)
    qtbot.addWidget(dialog)
    assert dialog.note_texts() == ["30 of 31 operations on the Edge TPU.",
                                   "1 operation on the CPU: SOFTMAX."]
    assert dialog.value("Operations on the CPU", 1) == "1"
    assert dialog.value("Operation types", 1) == "SOFTMAX ×1, edgetpu-custom-op ×1"


def test_a_broken_model_shows_its_error_card(qtbot: QtBot, tmp_path: Path) -> None:
    broken = tmp_path / "broken.tflite"
    broken.write_bytes(b"not a model at all")
    dialog = details_for(broken)
    qtbot.addWidget(dialog)
    assert dialog.error_panel is not None and dialog.error_panel.error is not None
    assert dialog.error_panel.error.code == "invalid_model"
    assert "broken.tflite" in dialog.error_panel.text()


def test_edgetpu_panel_explains_operations_on_the_cpu_and_streaming(
        qtbot: QtBot, coral: Path, tmp_path: Path) -> None:
    path = edited_pair(coral, tmp_path, lambda m: add_cpu_ops(m, ["SOFTMAX"]),
                       twin_edit=big_constant)
    twin = inspect_model(tmp_path / "mobilenet_v1_0.25_128_quant.tflite")
    tpu = BackendRecord("edgetpu", "edgetpu", "Edge TPU", status="ok",
                        model=model_entry(inspect_model(path), twin))
    panel = BackendPanel(tpu)
    qtbot.addWidget(panel)
    panel.show()
    text = panel.insight_text()
    assert "streamed over USB at every inference" in panel.insight_label.toolTip()
    assert "1 operation on the CPU: SOFTMAX." in text
    assert "streamed over USB" in text and "30 of 31" not in text  # only what slows it
    with qtbot.waitSignal(panel.modelDetailsRequested) as signal:
        panel.details_button.click()
    assert signal.args == [str(path)]
    cpu = BackendPanel(BackendRecord("cpu", "cpu", "CPU", model=model_entry(twin, twin)))
    qtbot.addWidget(cpu)
    cpu.show()
    assert cpu.insight_text() == "" and not cpu.details_button.isVisibleTo(cpu)


def test_names_from_a_file_are_shown_as_text(qtbot: QtBot) -> None:
    insight = {"edgetpu_compiled": True, "cpu_operator_types": {"<b>bold</b>": 1}}
    panel = BackendPanel(BackendRecord("edgetpu", "edgetpu", "Edge TPU", status="ok",
                                       model={"insight": insight}))
    qtbot.addWidget(panel)
    assert panel.insight_label.textFormat() == Qt.TextFormat.PlainText
    assert "<b>bold</b>" in panel.insight_label.text()


def test_a_panel_from_an_old_result_file_has_no_line(qtbot: QtBot, bird_model: Path) -> None:
    panel = BackendPanel(BackendRecord("edgetpu", "edgetpu", "Edge TPU", status="ok",
                                       model={"path": str(bird_model)}))
    qtbot.addWidget(panel)
    panel.show()
    assert panel.insight_text() == ""
    assert panel.details_button.isVisibleTo(panel)  # the files may still be there


def test_details_open_from_the_picker_and_from_the_edgetpu_panel(
        qtbot: QtBot, tmp_path: Path, bird_model: Path, parrot: Path) -> None:
    window = MainWindow(Settings(tmp_path / "s.ini"), restore=False)
    qtbot.addWidget(window)
    window.show()
    assert window.files.set_model(bird_model) and window.files.set_image(parrot)
    window.view.input_bar.details_button.click()
    opened = _dialogs()
    assert len(opened) == 1 and opened[0].title.text() == bird_model.stem
    opened[0].close()
    tpu_panel = next(p for p in window.panels if p.kind == "edgetpu")
    tpu_panel.details_button.click()  # before a run: the chosen pair
    assert [d.note_texts() for d in _dialogs()] == [["65 of 65 operations on the Edge TPU."]]
    for dialog in _dialogs():
        dialog.close()


def test_details_speak_japanese(qtbot: QtBot, bird_model: Path) -> None:
    translations.set_language("ja")
    try:
        dialog = details_for(bird_model)
        qtbot.addWidget(dialog)
        assert dialog.note_texts() == ["65 個の演算のうち 65 個が Edge TPU で動きます。"]
        assert dialog.value("演算数", 0) == "65"
        assert dialog.windowTitle() == "モデルの詳細"
    finally:
        translations.set_language("en")


def test_details_name_every_tasks_outputs_and_classes(qtbot: QtBot, coral: Path,
                                                      tmp_path: Path) -> None:
    """A detector, a segmenter, a pose model and a model of no task: never "None classes"."""
    from tests.detection_models import OBJECTS, build_detector
    from tests.test_other_model_run import signal_model

    detector = build_detector(tmp_path / "det.tflite", OBJECTS, classes=3)
    face = coral / "detection" / "mobilenet_ssd_v2_face_quant_postprocess_edgetpu.tflite"
    deeplab = coral / "segmentation" / "deeplabv3_mnv2_pascal_quant.tflite"
    movenet = coral / "pose" / "movenet_single_pose_lightning_ptq.tflite"
    cases = [
        (detector, 0, "Object detection", "3",
         "boxes 1×10×4 float32; classes 1×10 float32; scores 1×10 float32; count 1 float32"),
        (face, 0, "Object detection", "1",
         "boxes 1×50×4 float32; classes 1×50 float32; scores 1×50 float32; count 1 float32"),
        (deeplab, 1, "Segmentation", "the ids in its class map (the file does not say how many)",
         "class map 1×513×513 int64"),
        (movenet, 1, "Pose (keypoints)", "– (keypoints, not classes)",
         "keypoints 1×1×17×3 float32"),
        (signal_model(tmp_path / "signal.tflite"), 0, "Other (no task this program reads)", "–",
         "1×16 float32; 1×16 float32"),
    ]
    for path, column, task, classes, outputs in cases:
        dialog = details_for(path)
        qtbot.addWidget(dialog)
        assert dialog.value("Task", column) == task, path.name
        assert dialog.value("Classes", column) == classes, path.name
        assert dialog.value("Output", column) == outputs, path.name
        assert "None" not in " ".join(dialog.value(caption, column) for caption in
                                      ("Task", "Classes", "Output"))
    face_dialog = details_for(face)
    qtbot.addWidget(face_dialog)
    assert face_dialog.note_texts() == ["1 operation on the CPU: TFLite_Detection_PostProcess."]
    assert face_dialog.value("Operations on the CPU", 0) == "1"
    deeplab_dialog = details_for(deeplab)
    qtbot.addWidget(deeplab_dialog)
    assert "ARG_MAX" in deeplab_dialog.note_texts()[-1]
    assert "RESIZE_BILINEAR ×3" in deeplab_dialog.value("Operation types", 1)
    bird = details_for(coral / "models" / "mobilenet_v2_1.0_224_inat_bird_quant.tflite")
    qtbot.addWidget(bird)
    assert bird.value("Task", 0) == "Classification" and bird.value("Classes", 0) == "965"
