"""Before any run, what the Edge TPU is missing, told from files without loading anything; and
the window's Edge TPU panel saying it instead of "Ready", found off the GUI thread."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QThread
from pytestqt.qtbot import QtBot

from core.edgetpu.readiness import (
    BAD_RUNTIME,
    NO_DEVICE,
    NO_PERMISSION,
    NO_RUNTIME,
    READY,
    Readiness,
    edgetpu_readiness,
)
from core.measure.backend_choice import BackendSet
from gui.run import readiness_probe
from gui.window.main_window import MainWindow
from gui.window.settings import Settings
from tests import gui_support  # offscreen Qt and isolated settings, before any QApplication
from tests.test_devices import add_usb, denied  # noqa: F401  (a fixture)
from tests.test_doctor import LIB, add_library


def test_no_library_is_a_missing_runtime(tmp_path: Path) -> None:
    assert edgetpu_readiness(tmp_path, "Linux") == Readiness(NO_RUNTIME)


def test_a_file_that_is_not_a_library_is_named(tmp_path: Path) -> None:
    path = tmp_path / LIB
    path.parent.mkdir(parents=True)
    path.write_text("not a library\n")
    found = edgetpu_readiness(tmp_path, "Linux")
    assert found.code == BAD_RUNTIME
    assert found.detail.startswith("/" + LIB + " is not a shared library")


def test_a_library_without_a_device(tmp_path: Path) -> None:
    add_library(tmp_path)
    assert edgetpu_readiness(tmp_path, "Linux").code == NO_DEVICE


def test_a_library_and_a_device_are_ready(tmp_path: Path) -> None:
    add_library(tmp_path)
    add_usb(tmp_path, "2-1", "1a6e:089a")
    assert edgetpu_readiness(tmp_path, "Linux").ready


def test_a_device_this_user_may_not_open(tmp_path: Path, denied: set[Path]) -> None:  # noqa: F811
    add_library(tmp_path)
    add_usb(tmp_path, "2-1", "18d1:9302")
    denied.add(tmp_path / "dev" / "bus" / "usb" / "002" / "003")
    assert edgetpu_readiness(tmp_path, "Linux").code == NO_PERMISSION


@pytest.mark.gui
def test_the_panel_says_what_is_missing_before_run_without_blocking(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_model: Path,
        parrot: Path) -> None:
    release = threading.Event()
    threads: list[QThread] = []

    def slow_check() -> Readiness:
        threads.append(QThread.currentThread())
        assert release.wait(gui_support.HANG_GUARD_MS / 1000)
        return Readiness(NO_DEVICE)

    monkeypatch.setattr(readiness_probe, "check_edgetpu", slow_check)
    settings = Settings(tmp_path / "settings.ini")
    settings.set_backends(BackendSet.default())
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    window.open_path(small_model)
    window.open_path(parrot)
    window.view.show_results()
    tpu = next(p for p in window.panels if p.kind == "edgetpu")
    # the window was built and shown while the check still waits: nothing blocked on it
    assert tpu._chip.text() == "Ready" and window.readiness.is_running()
    release.set()
    qtbot.waitUntil(lambda: tpu._chip.text() == "No device", timeout=gui_support.HANG_GUARD_MS)
    assert "no Edge TPU is plugged in" in tpu._waiting.text()
    assert threads and threads[0] is not window.thread()
    cpu = next(p for p in window.panels if p.kind == "cpu")
    assert cpu._chip.text() == "Ready"


@pytest.mark.gui
def test_a_ready_edgetpu_still_says_ready(qtbot: QtBot, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch, small_model: Path,
                                          parrot: Path) -> None:
    monkeypatch.setattr(readiness_probe, "check_edgetpu", lambda: Readiness(READY))
    window = MainWindow(Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    window.show()
    window.open_path(small_model)
    window.open_path(parrot)
    qtbot.waitUntil(lambda: window.readiness.last is not None,
                    timeout=gui_support.HANG_GUARD_MS)
    tpu = next(p for p in window.panels if p.kind == "edgetpu")
    assert tpu._chip.text() == "Ready" and tpu._waiting.text() == "Press Run to measure"
