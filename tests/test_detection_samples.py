"""The start page fetches Coral's COCO detector pairs with the rest of the samples, verified by
their git blob ids, and the model list then offers them (their real bytes are not on our
machines: built detectors stand in, their blob ids patched into a test manifest)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from core.samples.manifest import Manifest, file_digests, load_manifest
from gui.run.model_choice import ModelChoice
from gui.widgets.start_page_widget import StartPageWidget
from tests.detection_models import OBJECTS, build_detector

pytestmark = pytest.mark.gui

SSD = "models/ssd_mobilenet_v2_coco_quant_postprocess"
MOBILEDET = "models/ssdlite_mobiledet_coco_qat_postprocess"
HANG_GUARD_MS = 60_000  # only ends a broken test; never reached by a working one


def _stick(coral: Path, folder: Path) -> Manifest:
    """A folder holding the demo, the COCO labels and built stand-ins for both detector
    pairs; the manifest of exactly those, the stand-ins pinned by their own blob ids."""
    full = load_manifest()
    wanted = {*full.demo.paths(), "labels/coco_labels.txt"}
    entries = []
    for entry in full.entries:
        target = folder / entry.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if entry.path in wanted:
            shutil.copyfile(coral / entry.path, target)
            entries.append(entry)
        elif entry.path.startswith((SSD, MOBILEDET)):
            compiled = "edgetpu-custom-op" if entry.path.endswith("_edgetpu.tflite") else None
            build_detector(target, OBJECTS, compiled_name=compiled)
            entries.append(replace(entry, git_blob=file_digests(target)[1]))
    assert {e.path for e in entries} >= {f"{SSD}.tflite", f"{MOBILEDET}_edgetpu.tflite"}
    paths = {e.path for e in entries}
    return replace(full, entries=tuple(entries), pairs=tuple(
        p for p in full.pairs if p.cpu in paths and p.edgetpu in paths))


def _fetched(qtbot: QtBot, manifest: Manifest, source: Path, dest: Path,
             ok: bool) -> StartPageWidget:
    """The start page after it fetched from ``source``, having said whether all went well."""
    page = StartPageWidget(source=source, dest=dest, manifest=manifest)
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.fetchFinished, timeout=HANG_GUARD_MS) as finished:
        page.start_fetch()
    assert finished.args == [ok]
    return page


def test_the_start_page_fetches_the_detector_pairs_and_the_model_list_offers_them(
        qtbot: QtBot, coral: Path, tmp_path: Path) -> None:
    manifest = _stick(coral, tmp_path / "stick")
    dest = tmp_path / "models"
    page = _fetched(qtbot, manifest, tmp_path / "stick", dest, True)
    qtbot.waitUntil(lambda: not page.is_fetching(), timeout=HANG_GUARD_MS)
    entries, _ = ModelChoice(models_dir=dest).model_entries([])
    offered = [text for text, _ in entries]
    assert "ssd_mobilenet_v2_coco_quant_postprocess · object detection (CPU + Edge TPU)" in offered
    assert "ssdlite_mobiledet_coco_qat_postprocess · object detection (CPU + Edge TPU)" in offered


def test_a_detector_that_is_not_its_pinned_blob_is_not_installed(
        qtbot: QtBot, coral: Path, tmp_path: Path) -> None:
    manifest = _stick(coral, tmp_path / "stick")
    tampered = tmp_path / "stick" / f"{SSD}.tflite"
    tampered.write_bytes(tampered.read_bytes() + b"\0")
    dest = tmp_path / "models"
    page = _fetched(qtbot, manifest, tmp_path / "stick", dest, False)
    assert not (dest / f"{SSD}.tflite").exists()
    assert "git blob id" in page._error_message.text() + page._error_remedy.text()
