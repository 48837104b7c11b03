"""The pair shipped inside the package: a first launch with no network and no models installed
opens on it and compares it; the network's own error words never reach the page."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from core.samples import bundled_pair
from core.samples.bundled_pair import (
    NOTICES,
    bundled_demo,
    bundled_entries,
    bundled_root,
    demo_or_bundled,
    full_set_installed,
)
from core.samples.fetcher import fetch
from core.samples.manifest import FileStatus, check_file, load_manifest
from gui.widgets.backend_panel import FAILED, MEASURING
from gui.widgets.start_page_widget import StartPageWidget
from gui.window.main_window import MainWindow
from gui.window.settings import Settings
from tests import gui_support  # offscreen Qt and isolated settings, before any QApplication
from tests.bird_answer import bird_score_in
from tests.test_manifest import held_manifest

TOP1 = "Ara macao (Scarlet Macaw)"


class NetworkBlocked(OSError):
    pass


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[str]:
    """No network (every name lookup and connection fails, as on a booth with no cable) and no
    models installed (an empty user data folder, no models variable). Returns what was tried."""
    tried: list[str] = []

    def no_lookup(host: Any, *args: Any, **kwargs: Any) -> Any:
        tried.append(str(host))
        raise socket.gaierror(-2, "Name or service not known")

    def no_connect(self: socket.socket, address: Any) -> None:
        tried.append(str(address))
        raise NetworkBlocked(101, "Network is unreachable")

    monkeypatch.setattr(socket, "getaddrinfo", no_lookup)
    monkeypatch.setattr(socket.socket, "connect", no_connect)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("EDGETPU_COMPARE_MODELS", raising=False)
    return tried


def test_the_package_holds_the_four_files_verified_and_their_notices_and_nothing_else() -> None:
    root = bundled_root()
    assert root is not None
    manifest = load_manifest()
    entries = bundled_entries(manifest)
    assert sorted(e.name for e in entries) == [
        "inat_bird_labels.txt", "mobilenet_v2_1.0_224_inat_bird_quant.tflite",
        "mobilenet_v2_1.0_224_inat_bird_quant_edgetpu.tflite", "parrot.jpg"]
    for entry in entries:
        assert check_file(entry, entry.local_path(root)) is FileStatus.VERIFIED, entry.path
    shipped = sorted(p.relative_to(root).as_posix() for p in root.rglob("*")
                     if p.is_file() and "__pycache__" not in p.parts)
    assert shipped == sorted([*(e.path for e in entries), *NOTICES, "__init__.py"])
    notice = (root / "NOTICE.txt").read_text(encoding="utf-8")
    assert "CC BY 2.0" in notice and "Apache License, Version 2.0" in notice
    assert "Apache License" in (root / "LICENSE-Apache-2.0.txt").read_text(encoding="utf-8")


def test_the_bundled_demo_is_offered_only_until_the_full_set_is_installed(
        offline: list[str], coral: Path, sample_folder: Path, tmp_path: Path) -> None:
    root = bundled_root()
    assert root is not None
    demo = demo_or_bundled()
    assert demo is not None and all(path.is_relative_to(root) for path in demo)
    assert not full_set_installed([tmp_path / "data"])
    assert full_set_installed([sample_folder], held_manifest())
    found = demo_or_bundled(coral)
    assert found is not None and all(path.is_relative_to(coral) for path in found)


def test_no_bundled_pair_from_a_package_that_is_not_a_folder(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bundled_pair, "bundled_root", lambda: None)
    assert bundled_demo() is None


def test_an_unreachable_network_is_said_in_plain_words_with_the_offline_remedy(
        offline: list[str], tmp_path: Path) -> None:
    manifest = load_manifest()
    summary = fetch(manifest.demo_first()[:2], tmp_path / "dest", sleep=lambda s: None,
                    attempts=1)
    assert offline, "the fetch went to the network"
    assert [f.error.code for f in summary.failed] == ["no_network"]
    error = summary.failed[0].error
    assert "Errno" not in error.message + error.remedy and "Name or service" not in error.message
    assert "--from" in error.remedy and "folder" in error.remedy
    assert "Name or service not known" in error.detail, "the system's words stay in the detail"


@pytest.mark.gui
def test_the_start_page_offers_the_bundled_pair_and_copies_from_a_folder(
        qtbot: QtBot, offline: list[str], coral: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    page = StartPageWidget(dest=tmp_path / "models", manifest=held_manifest())
    qtbot.addWidget(page)
    page.show()
    assert page.offers_bundled()
    with qtbot.waitSignal(page.demoReady, timeout=gui_support.HANG_GUARD_MS) as ready:
        page._bundled_button.click()
    root = bundled_root()
    assert root is not None and all(Path(p).is_relative_to(root) for p in ready.args)

    page.start_fetch()  # the network: blocked
    qtbot.waitUntil(lambda: not page.is_fetching(), timeout=gui_support.HANG_GUARD_MS)
    shown = page._error_message.text() + page._error_remedy.text()
    assert "did not reach their server" in shown and "Errno" not in shown
    assert "Copy sample models from a folder" in page._error_remedy.text()

    asked: list[str] = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(
        lambda parent, title, folder: asked.append(title) or str(coral)))
    with qtbot.waitSignal(page.demoReady, timeout=gui_support.HANG_GUARD_MS) as copied:
        page._copy_button.click()
    assert asked == ["Copy sample models from a folder"]
    assert all(Path(p).is_relative_to(tmp_path / "models") for p in copied.args)
    qtbot.waitUntil(lambda: not page.is_fetching(), timeout=gui_support.HANG_GUARD_MS)
    assert not page.offers_bundled(), "the full set is installed: the bundled pair steps back"


@pytest.mark.gui
def test_the_offline_explanation_is_in_the_windows_language(
        qtbot: QtBot, offline: list[str], tmp_path: Path) -> None:
    from gui.look import translations

    translations.set_language("ja")
    try:
        page = StartPageWidget(dest=tmp_path / "models", manifest=held_manifest())
        qtbot.addWidget(page)
        page.start_fetch()
        qtbot.waitUntil(lambda: not page.is_fetching(), timeout=gui_support.HANG_GUARD_MS)
        message = page._error_message.text()
    finally:
        translations.set_language("en")
    assert message.startswith("サンプルモデルをダウンロードできませんでした"), message
    assert "ファイルも失敗しました" in message, "the count of the others, also in Japanese"


@pytest.mark.gui
def test_offline_with_no_models_the_window_opens_on_the_bundled_pair_and_runs_it(
        qtbot: QtBot, offline: list[str], tmp_path: Path) -> None:
    window = MainWindow(Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    window.show()
    bar = window.view.input_bar
    assert bar.model.current_text() == \
        "MobileNet v2 (iNaturalist Birds) · classification (CPU + Edge TPU)"
    assert bar.image.current_text() == "parrot.jpg" and bar.run_button.isEnabled()
    bar.count.setValue(10)
    with qtbot.waitSignal(window.runner.runEnded, timeout=gui_support.HANG_GUARD_MS):
        bar.run_button.click()
    cpu, tpu = window.panels
    assert cpu.page() == MEASURING and cpu.topk.rows()[0].startswith(TOP1 + ": ")
    bird_score_in(cpu.topk.rows()[0])
    assert tpu.page() == FAILED, "no Edge TPU here: its panel explains why"
    assert window.view.comparison.text().startswith("CPU: median ")
    assert offline == [], "nothing tried the network"


@pytest.mark.gui
def test_the_file_menu_copies_the_sample_set_from_a_folder_and_selects_it(
        qtbot: QtBot, offline: list[str], coral: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    from gui.window.main_view_widget import START_PAGE

    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda parent, title, folder: str(coral)))
    window = MainWindow(Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    window.show()
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
    copy = next(a for a in menu.actions() if a.text() == "Copy Sample Models from a &Folder…")
    page = window.view.pages.widget(START_PAGE)
    assert isinstance(page, StartPageWidget)
    with qtbot.waitSignal(page.demoReady, timeout=gui_support.HANG_GUARD_MS):
        copy.trigger()
        assert window.view.pages.currentIndex() == START_PAGE
    pair = window.choice.pair
    assert pair is not None and pair.cpu.is_relative_to(tmp_path / "data")
    qtbot.waitUntil(lambda: not page.is_fetching(), timeout=gui_support.HANG_GUARD_MS)


@pytest.mark.gui
def test_a_model_opened_after_the_bundled_pair_does_not_keep_the_birds_labels(
        qtbot: QtBot, offline: list[str], tmp_path: Path, small_model: Path) -> None:
    """The sample's labels came with the sample, not from the person: an ImageNet model opened
    next must not be read with 965 bird names."""
    window = MainWindow(Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    window.show()
    bundled_labels = window.choice.labels
    assert bundled_labels is not None and bundled_labels.name == "inat_bird_labels.txt"
    window.open_path(small_model)
    assert window.choice.labels != bundled_labels
    labels = tmp_path / "mine.txt"
    labels.write_text("\n".join(f"class {i}" for i in range(1001)), encoding="utf-8")
    window.open_path(labels)  # labels the person picks stay with the next model
    window.open_path(small_model)
    assert window.choice.labels == labels
