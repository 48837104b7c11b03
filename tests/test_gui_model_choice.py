"""The model list offers the pairs found in the model folders, such as fetched samples."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from gui.run.model_choice import ModelChoice

PAIR = "mobilenet_v1_0.25_128_quant"
TITLE = "MobileNet v1 0.25, 128 px (ImageNet) · classification (CPU + Edge TPU)"


def _library(root: Path, coral: Path) -> Path:
    (root / "models").mkdir(parents=True)
    for name in (f"{PAIR}.tflite", f"{PAIR}_edgetpu.tflite"):
        shutil.copy(coral / "models" / name, root / "models" / name)
    return root


def test_pairs_in_the_models_dir_are_offered(tmp_path: Path, coral: Path) -> None:
    choice = ModelChoice(models_dir=_library(tmp_path / "lib", coral))
    entries, current = choice.model_entries([])
    assert TITLE in [text for text, _ in entries]
    assert current is None  # offered, not chosen


def test_pairs_in_the_environment_folder_are_offered(
        tmp_path: Path, coral: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EDGETPU_COMPARE_MODELS", str(_library(tmp_path / "env", coral)))
    entries, _ = ModelChoice().model_entries([])
    titles = [text for text, _ in entries]
    assert titles.count(TITLE) == 1


def test_the_window_opens_with_the_fetched_demo_selected(
        qtbot: QtBot, tmp_path: Path, coral: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """After 'models fetch', the window starts ready to Run: bird model, its labels, parrot."""
    from core.cli import models as models_command
    from core.cli.main import main as cli_main
    from gui.window.main_window import MainWindow
    from gui.window.settings import Settings
    from tests.test_manifest import held_manifest

    # The files of this machine: Coral's COCO detectors (pinned by git blob id) are not here.
    monkeypatch.setattr(models_command, "load_manifest", held_manifest)
    library = tmp_path / "lib"
    assert cli_main(["models", "fetch", "--from", str(coral), "--dest", str(library)]) == 0
    window = MainWindow(Settings(tmp_path / "s.ini"), models_dir=library)
    qtbot.addWidget(window)
    assert window.choice.pair is not None
    assert window.choice.pair.name == "mobilenet_v2_1.0_224_inat_bird_quant"
    assert window.choice.labels == library / "labels" / "inat_bird_labels.txt"
    assert window.choice.image == library / "images" / "parrot.jpg"
    assert window.build_request() is not None


def test_without_samples_the_window_waits_on_the_start_page(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from gui.window.main_view_widget import RESULTS_PAGE, START_PAGE
    from gui.window.main_window import MainWindow
    from gui.window.settings import Settings
    from tests import gui_support

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("EDGETPU_COMPARE_MODELS", raising=False)
    bundled = MainWindow(Settings(tmp_path / "s.ini"), models_dir=tmp_path / "empty")
    qtbot.addWidget(bundled)
    assert bundled.view.pages.currentIndex() == RESULTS_PAGE, "ready to Run"
    assert bundled.build_request() is not None, "the pair inside the package is chosen"
    gui_support.hide_bundled_pair(monkeypatch)
    window = MainWindow(Settings(tmp_path / "t.ini"), models_dir=tmp_path / "empty")
    qtbot.addWidget(window)
    assert window.view.pages.currentIndex() == START_PAGE
    assert window.build_request() is None


def test_a_refresh_reads_only_files_that_changed(
        qtbot: QtBot, tmp_path: Path, coral: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Refreshing the pickers (every Run) re-inspected every recent model and re-decoded the
    thumbnail on the GUI thread; now only a changed file is read again."""
    from gui.run import model_choice
    from gui.widgets import input_bar_widget
    from gui.window.main_window import MainWindow
    from gui.window.settings import Settings

    library = _library(tmp_path / "lib", coral)
    model = library / "models" / f"{PAIR}.tflite"
    image = tmp_path / "cat.bmp"
    shutil.copy(coral / "images" / "cat.bmp", image)
    settings = Settings(tmp_path / "s.ini")
    settings.add_recent("model", model)
    window = MainWindow(settings, restore=False)
    qtbot.addWidget(window)
    window.open_path(image)
    inspected: list[Path] = []
    decoded: list[Path] = []
    real_resolve, real_thumbnail = model_choice.resolve_pair, input_bar_widget.thumbnail
    monkeypatch.setattr(model_choice, "resolve_pair",
                        lambda p: inspected.append(p) or real_resolve(p))
    monkeypatch.setattr(input_bar_widget, "thumbnail",
                        lambda p, *a: decoded.append(p) or real_thumbnail(p, *a))
    window._refresh_inputs()
    inspected.clear()
    decoded.clear()
    window._refresh_inputs()
    window._refresh_inputs()
    assert inspected == [] and decoded == []
    shutil.copy(coral / "images" / "parrot.jpg", image)  # the same file name, new content
    model.write_bytes(model.read_bytes() + b"\0")
    window._refresh_inputs()
    assert decoded == [image] and inspected == [model]


def test_a_classifier_takes_no_score_threshold(tmp_path: Path, coral: Path) -> None:
    """The window's threshold is a detector's: a classifier still shows every class."""
    choice = ModelChoice()
    choice.set_model(coral / "models" / f"{PAIR}.tflite")
    choice.image = tmp_path / "any.png"
    assert not choice.detector
    request = choice.request(10, 0.7)
    assert request is not None and request.threshold is None
