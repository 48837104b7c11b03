"""DeepLab through the whole command line: the class map saved, read back and compared with
Coral's reference mask, each backend's mask drawn, and the two backends' pixel agreement."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from core.cli.main import main
from core.results.result_reader import parse_result_bytes
from core.tasks.segmentation import SegmentationResult, pixel_agreement


def test_deeplab_on_the_bird_agrees_with_corals_mask_through_save_outputs(
        coral: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = coral / "segmentation"
    out = tmp_path / "outputs"
    out.mkdir()
    result = tmp_path / "result.json"
    code = main(["run", "--model", str(folder / "deeplabv3_mnv2_pascal_quant.tflite"),
                 "--labels", str(folder / "pascal_voc_segmentation_labels.txt"),
                 "--image", str(folder / "bird_segmentation.bmp"), "--backend", "cpu",
                 "--backend", "cpu:threads=1", "--count", "1", "--warmup", "0",
                 "--save-outputs", str(out), "--json", str(result)])
    text = capsys.readouterr().out
    assert code == 0, text
    assert "bird (id 3):" in text and "pixel agreement 1.000" in text
    classes = np.asarray(Image.open(out / "cpu-classes.png"))
    assert classes.shape == (513, 513) and classes.dtype == np.uint8
    mask = np.asarray(Image.open(folder / "bird_segmentation_mask.bmp"))
    assert pixel_agreement(mask, classes) > 0.9
    overlay = Image.open(out / "cpu-2-overlay.png")
    assert overlay.size == (513, 513)

    document = json.loads(result.read_text())
    assert document["task"] == "segmentation"
    assert document["comparisons"][0]["pixel_agreement"] == 1.0
    reopened = parse_result_bytes(result.read_bytes())
    saved = reopened.backends[0].task_result
    assert isinstance(saved, SegmentationResult)
    assert np.array_equal(saved.classes, classes)
    assert [c.label for c in saved.legend] == ["background", "bird"]
