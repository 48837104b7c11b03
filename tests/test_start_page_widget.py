"""The first-run page with real widgets (offscreen), fetching from the Coral folder or a local
HTTP mirror into tmp_path."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from core.samples.manifest import FileStatus, check_file
from gui.widgets import start_page_widget
from gui.widgets.start_page_widget import StartPageWidget
from tests.test_fetcher import MirrorServer
from tests.test_manifest import held_manifest as load_manifest

pytestmark = pytest.mark.gui

OTHER = "models/mobilenet_v1_0.25_128_quant.tflite"
HANG_GUARD_MS = 60_000  # only ends a broken test; never reached by a working one


def _page(qtbot: QtBot, source: str | Path, dest: Path) -> StartPageWidget:
    # The files of this machine: Coral's COCO detectors (pinned by git blob id) are not here.
    page = StartPageWidget(source=source, dest=dest, manifest=load_manifest())
    qtbot.addWidget(page)
    page.show()
    return page


def _files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def test_get_sample_models_fetches_and_offers_the_demo(qtbot: QtBot, coral: Path,
                                                       tmp_path: Path) -> None:
    page = _page(qtbot, coral, tmp_path / "models")
    finished: list[bool] = []
    page.fetchFinished.connect(finished.append)

    with qtbot.waitSignal(page.demoReady, timeout=HANG_GUARD_MS) as ready:
        qtbot.mouseClick(page._get_button, Qt.MouseButton.LeftButton)
        assert page.is_fetching() and not page._get_button.isEnabled()

    model, labels, image = (Path(p) for p in ready.args)
    manifest = load_manifest()
    assert (model.name, labels.name, image.name) == (
        "mobilenet_v2_1.0_224_inat_bird_quant.tflite", "inat_bird_labels.txt", "parrot.jpg")
    for path, entry in zip((model, labels, image), manifest.demo.paths(), strict=True):
        assert path.is_relative_to(tmp_path / "models")
        assert check_file(manifest.entry(entry), path) is FileStatus.VERIFIED
    assert finished == [True]
    assert len(_files(tmp_path / "models")) == 29
    qtbot.waitUntil(lambda: not page.is_fetching(), timeout=HANG_GUARD_MS)
    assert page._get_button.isEnabled() and page._error_message.isHidden()


def test_cancel_stops_the_fetch_and_keeps_nothing(qtbot: QtBot, coral: Path,
                                                  tmp_path: Path) -> None:
    gate = threading.Event()
    dest = tmp_path / "models"
    with MirrorServer(coral, gate=gate) as mirror:
        page = _page(qtbot, mirror.url, dest)
        demos: list[object] = []
        page.demoReady.connect(lambda *args: demos.append(args))
        page.start_fetch()
        qtbot.waitUntil(mirror.requested.is_set, timeout=HANG_GUARD_MS)
        assert page._cancel_button.isVisible()

        with qtbot.waitSignal(page.fetchFinished, timeout=HANG_GUARD_MS) as finished:
            qtbot.mouseClick(page._cancel_button, Qt.MouseButton.LeftButton)
            assert "Cancelling" in page._status.text()
            gate.set()  # the held response arrives; the fetch stops before writing on

    assert finished.args == [False] and demos == []
    assert len(mirror.requests) == 1
    assert _files(dest) == []
    qtbot.waitUntil(lambda: not page.is_fetching(), timeout=HANG_GUARD_MS)
    assert page._get_button.isEnabled() and "Cancelled" in page._status.text()


def test_a_damaged_file_is_shown_on_the_page_and_the_demo_still_offered(
        qtbot: QtBot, coral: Path, tmp_path: Path) -> None:
    with MirrorServer(coral, corrupt={OTHER}) as mirror:
        page = _page(qtbot, mirror.url, tmp_path / "models")
        finished: list[bool] = []
        page.fetchFinished.connect(finished.append)
        with qtbot.waitSignal(page.demoReady, timeout=HANG_GUARD_MS):
            page.start_fetch()

    assert finished == [False]
    assert page._error_message.isVisible()
    assert OTHER in page._error_message.text()
    assert "damaged or changed" in page._error_message.text()
    assert page._error_remedy.text()
    assert not (tmp_path / "models" / OTHER).exists()


def test_a_missing_source_folder_is_explained_without_starting(qtbot: QtBot,
                                                               tmp_path: Path) -> None:
    page = _page(qtbot, tmp_path / "no such folder", tmp_path / "models")
    page.start_fetch()
    assert not page.is_fetching()
    assert page._error_message.isVisible() and "no such folder" in page._error_message.text()
    assert page._get_button.isEnabled()


def test_open_your_own_is_a_signal(qtbot: QtBot, coral: Path, tmp_path: Path) -> None:
    page = _page(qtbot, coral, tmp_path)
    with qtbot.waitSignal(page.openOwnRequested, timeout=HANG_GUARD_MS):
        qtbot.mouseClick(page._open_button, Qt.MouseButton.LeftButton)


def test_closing_the_page_ends_the_fetch_thread(qtbot: QtBot, coral: Path,
                                                tmp_path: Path) -> None:
    gate = threading.Event()
    with MirrorServer(coral, gate=gate) as mirror:
        page = _page(qtbot, mirror.url, tmp_path / "models")
        page.start_fetch()
        qtbot.waitUntil(mirror.requested.is_set, timeout=HANG_GUARD_MS)
        thread = page._thread
        assert thread is not None and thread.isRunning()
        gate.set()
        page.close()

    assert not page.is_fetching() and thread.isFinished()
    assert thread not in start_page_widget._LIVE
    assert list((tmp_path / "models").rglob("*.part")) == []
