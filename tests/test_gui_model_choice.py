"""The model list offers the pairs found in the model folders, such as fetched samples."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from gui.model_choice import ModelChoice

PAIR = "mobilenet_v1_0.25_128_quant"


def _library(root: Path, coral: Path) -> Path:
    (root / "models").mkdir(parents=True)
    for name in (f"{PAIR}.tflite", f"{PAIR}_edgetpu.tflite"):
        shutil.copy(coral / "models" / name, root / "models" / name)
    return root


def test_pairs_in_the_models_dir_are_offered(tmp_path: Path, coral: Path) -> None:
    choice = ModelChoice(models_dir=_library(tmp_path / "lib", coral))
    entries, current = choice.model_entries([])
    assert f"{PAIR} (CPU + Edge TPU)" in [text for text, _ in entries]
    assert current is None  # offered, not chosen


def test_pairs_in_the_environment_folder_are_offered(
        tmp_path: Path, coral: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EDGETPU_COMPARE_MODELS", str(_library(tmp_path / "env", coral)))
    entries, _ = ModelChoice().model_entries([])
    titles = [text for text, _ in entries]
    assert titles.count(f"{PAIR} (CPU + Edge TPU)") == 1
