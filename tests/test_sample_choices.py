"""The pickers offer what is installed, by names a person knows: a sample model by its title
(known by its content, not its file name) and its task, another model by its file name; the
image list holds the sample pictures (fetched, copied or shipped) beside the recent ones."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from core.samples import bundled_pair
from core.samples.known_samples import sample_pictures, sample_title
from gui.run.model_choice import ModelChoice
from gui.window.main_window import MainWindow
from gui.window.settings import Settings
from tests import gui_support  # offscreen Qt and isolated settings, before any QApplication

SMALL = "mobilenet_v1_0.25_128_quant"


def _shipped(root: Path, parrot: Path) -> Path:
    (root / "images").mkdir(parents=True)
    shutil.copy(parrot, root / "images" / "parrot.jpg")
    return root


def test_a_sample_model_is_known_by_its_content_not_its_name(tmp_path: Path, coral: Path) -> None:
    renamed = tmp_path / "my_model.tflite"
    shutil.copy(coral / "models" / f"{SMALL}.tflite", renamed)
    assert sample_title(renamed) == "MobileNet v1 0.25, 128 px (ImageNet)"
    impostor = tmp_path / "mobilenet_v2_1.0_224_quant.tflite"  # a sample's name, other bytes
    shutil.copy(coral / "models" / "mobilenet_v1_0.5_160_quant.tflite", impostor)
    assert sample_title(impostor) == "MobileNet v1 0.5, 160 px (ImageNet)"
    changed = tmp_path / "retrained.tflite"
    changed.write_bytes(renamed.read_bytes()[:-1] + b"\x01")
    assert sample_title(changed) == ""


def test_the_model_list_shows_titles_and_tasks_with_the_file_as_tooltip(
        qtbot: QtBot, tmp_path: Path, coral: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gui_support.hide_bundled_pair(monkeypatch)
    window = MainWindow(Settings(tmp_path / "s.ini"), models_dir=tmp_path / "none")
    qtbot.addWidget(window)
    assert window.open_path(coral / "models" / f"{SMALL}_edgetpu.tflite")
    combo = window.view.input_bar.model.combo
    assert combo.currentText() == \
        "MobileNet v1 0.25, 128 px (ImageNet) · classification (CPU + Edge TPU)"
    assert combo.itemData(combo.currentIndex(), Qt.ItemDataRole.ToolTipRole) == \
        str(coral / "models" / f"{SMALL}.tflite")
    segmenter = coral / "segmentation" / "deeplabv3_mnv2_pascal_quant.tflite"
    assert window.open_path(segmenter)  # a sample too, known by its content wherever it lies
    assert combo.currentText() == \
        "DeepLab v3 MobileNet v2 (Pascal VOC) · segmentation (CPU + Edge TPU)"


def test_the_image_list_offers_the_installed_sample_pictures(
        tmp_path: Path, coral: Path, parrot: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shipped = _shipped(tmp_path / "package", parrot)
    monkeypatch.setattr(bundled_pair, "bundled_root", lambda: shipped)
    fetched = tmp_path / "fetched"
    (fetched / "images").mkdir(parents=True)
    for name in ("cat.bmp", "owl.jpg"):
        shutil.copy(coral / "images" / name, fetched / "images" / name)
    (fetched / "images" / "hot_dog.jpg").write_bytes(b"not the sample")  # damaged: left out
    found = sample_pictures(fetched)
    assert fetched / "images" / "cat.bmp" in found and fetched / "images" / "owl.jpg" in found
    assert shipped / "images" / "parrot.jpg" in found
    assert fetched / "images" / "hot_dog.jpg" not in found
    choice = ModelChoice(models_dir=fetched)
    choice.image = coral / "images" / "parrot.jpg"  # the same picture, from another folder
    entries, current = choice.image_entries([])
    names = [text for text, _ in entries]
    assert current == str(coral / "images" / "parrot.jpg") and names[0] == "parrot.jpg"
    assert names.count("parrot.jpg") == 1, "the shipped copy of the chosen picture is not listed"
    assert {"cat.bmp", "owl.jpg"} <= set(names) and "hot_dog.jpg" not in names


def test_a_sample_picture_chosen_from_the_list_is_used(
        qtbot: QtBot, tmp_path: Path, coral: Path, parrot: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    shipped = _shipped(tmp_path / "package", parrot)
    monkeypatch.setattr(bundled_pair, "bundled_root", lambda: shipped)
    fetched = tmp_path / "fetched"
    (fetched / "images").mkdir(parents=True)
    shutil.copy(coral / "images" / "owl.jpg", fetched / "images" / "owl.jpg")
    window = MainWindow(Settings(tmp_path / "s.ini"), restore=False, models_dir=fetched)
    qtbot.addWidget(window)
    picker = window.view.input_bar.image
    index = picker.combo.findText("owl.jpg")
    assert index >= 0, "the sample pictures are offered before any picture was opened"
    picker.combo.activated.emit(index)
    assert window.choice.image == fetched / "images" / "owl.jpg"
    assert window.view.input_bar.has_thumbnail()


def test_every_sample_pair_has_a_title_and_a_bad_one_is_refused() -> None:
    import json

    from core.errors import AppError
    from core.samples.manifest import MANIFEST_PATH, load_manifest, parse_manifest

    assert all(pair.title for pair in load_manifest().pairs)
    data = json.loads(MANIFEST_PATH.read_text(encoding="utf-8"))
    data["pairs"][0]["title"] = "two\nlines"
    with pytest.raises(AppError) as caught:
        parse_manifest(data)
    assert caught.value.info.code == "invalid_manifest" and "title" in caught.value.info.detail
