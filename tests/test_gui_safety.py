"""Issue 11 in the window: the model folder is scanned off the GUI thread (case 8), settings are
validated on load (case 12), result-file text is plain text (case 16), and the window's PNG and
exports are checked and written like every other output (cases 1 and 4)."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, Qt

from core.errors import AppError, ErrorInfo
from gui.widgets.error_panel import ErrorPanel
from gui.window import actions as window_actions
from gui.window.main_window import MainWindow
from gui.window.settings import Settings

SMALL = "mobilenet_v1_0.25_128_quant"
OTHER = "mobilenet_v1_0.5_160_quant"


class Blocked(BaseException):
    """Not an OSError: the code under test must not be able to swallow it."""


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """A bounded wait on the GUI thread: SIGALRM interrupts a blocking open() or read loop."""
    def expire(_signum: int, _frame: Any) -> None:
        raise Blocked(f"the GUI thread was blocked for more than {seconds:.0f} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture()
def hostile_folder(tmp_path: Path, coral: Path) -> Iterator[Path]:
    folder = tmp_path / "models"
    folder.mkdir()
    for name in (f"{SMALL}.tflite", f"{SMALL}_edgetpu.tflite", f"{OTHER}.tflite"):
        shutil.copy(coral / "models" / name, folder / name)
    os.mkfifo(folder / "a_fifo.tflite")
    with (folder / "b_huge.tflite").open("wb") as handle:
        handle.truncate(3 * 1024**3)  # sparse: 3 GB that take no space
    yield folder
    with contextlib.suppress(OSError):  # release anything that did block on the FIFO
        os.close(os.open(folder / "a_fifo.tflite", os.O_WRONLY | os.O_NONBLOCK))


def _titles(window: MainWindow) -> list[str]:
    return [text for text, _ in window.choice.model_entries([])[0]]


def test_a_fifo_and_a_huge_file_beside_the_model_never_block_the_window(
        qtbot: QtBot, tmp_path: Path, hostile_folder: Path) -> None:
    settings = Settings(tmp_path / "s.ini")
    window = MainWindow(settings, restore=False, models_dir=tmp_path / "none")
    qtbot.addWidget(window)
    with deadline(30):
        assert window.files.set_model(hostile_folder / f"{SMALL}.tflite")
    scanner = window.files._scanner
    with qtbot.waitSignal(scanner.finished, timeout=60_000):
        pass
    assert "MobileNet v1 0.5, 160 px (ImageNet) · classification (CPU only)" in _titles(window)
    message = window.statusBar().currentMessage()
    assert "Passed over 2 file(s)" in message and "a_fifo.tflite" in message
    settings.sync()
    # The model is remembered: the next start must not hang either.
    with deadline(30):
        again = MainWindow(Settings(tmp_path / "s.ini"), models_dir=tmp_path / "none")
    qtbot.addWidget(again)
    assert again.choice.pair is not None and again.choice.pair.name == SMALL
    with qtbot.waitSignal(again.files._scanner.finished, timeout=60_000):
        pass
    assert "MobileNet v1 0.5, 160 px (ImageNet) · classification (CPU only)" in _titles(again)


def test_bad_settings_fall_back_to_defaults_with_a_note(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests import gui_support

    gui_support.hide_bundled_pair(monkeypatch)  # recent files: only those of the settings
    path = tmp_path / "s.ini"
    raw = QSettings(str(path), QSettings.Format.IniFormat)
    raw.setValue("run/count", "99999999999999")
    raw.setValue("last/model", "/" + "m" * 5000 + ".tflite")
    raw.setValue("last/image", "/" + "/".join(["d" * 300] * 10) + "/x.jpg")
    raw.setValue("recent/model", ["/" + "r" * 5000, "/ok.tflite"])
    raw.setValue("view/theme", "purple")
    raw.sync()
    with deadline(30):
        window = MainWindow(Settings(path), models_dir=tmp_path / "none")
    qtbot.addWidget(window)
    assert window.view.input_bar.count.value() == 100
    message = window.statusBar().currentMessage()
    for key in ("run/count", "last/model", "recent/model"):
        assert key in message
    settings = Settings(path)
    assert settings.count() == 100 and settings.notes == []  # the bad values were removed
    assert settings.recent("model") == [Path("/ok.tflite")]


def test_result_error_text_is_plain_text(qtbot: QtBot) -> None:
    panel = ErrorPanel()
    qtbot.addWidget(panel)
    rich = '<big><a href="file:///etc/passwd">click</a></big>'
    panel.set_error(ErrorInfo("worker_crashed", rich, rich, rich))
    labels = [panel._title, panel._message, panel._remedy, panel._detail]
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)
    assert rich in panel.text()


def test_the_window_refuses_to_export_over_its_own_image(
        qtbot: QtBot, tmp_path: Path, coral: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    image = tmp_path / "cat.bmp"
    shutil.copy(coral / "images" / "cat.bmp", image)
    before = image.read_bytes()
    window = MainWindow(Settings(tmp_path / "s.ini"), restore=False)
    qtbot.addWidget(window)
    window.files.set_model(coral / "models" / f"{SMALL}.tflite")
    window.files.set_image(image)
    monkeypatch.setattr(window_actions, "ask_save", lambda *a: image)
    assert window_actions.save_png(window, window) is None
    assert "one of this run's inputs" in window.statusBar().currentMessage()
    assert image.read_bytes() == before
    target = tmp_path / "shot.png"
    monkeypatch.setattr(window_actions, "ask_save", lambda *a: target)
    assert window_actions.save_png(window, window) == target
    assert target.read_bytes().startswith(b"\x89PNG")


def _full_disk(*_args: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_disk_leaves_the_old_window_picture_whole(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The window's PNG and the screenshot command's go through the atomic writer."""
    from core.io import outputs
    from gui.app.cli_screenshot import save_picture

    window = MainWindow(Settings(tmp_path / "s.ini"), restore=False)
    qtbot.addWidget(window)
    target = tmp_path / "old.png"
    target.write_bytes(b"the old picture")
    monkeypatch.setattr(window_actions, "ask_save", lambda *a: target)
    monkeypatch.setattr(outputs.os, "replace", _full_disk)
    assert window_actions.save_png(window, window) is None
    assert "could not be written" in window.statusBar().currentMessage()
    assert target.read_bytes() == b"the old picture"
    with pytest.raises(AppError):
        save_picture(window, "sentence", target)
    assert target.read_bytes() == b"the old picture"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.png", "s.ini"]


def test_booth_mode_names_two_cpus_apart(qtbot: QtBot) -> None:
    from core.measure.booth import BackendLive, Speedup
    from gui.booth.speedup_widget import BoothSpeedupWidget

    widget = BoothSpeedupWidget()
    qtbot.addWidget(widget)
    base = BackendLive("cpu", "cpu", "CPU (LiteRT, XNNPACK, 2 threads)", 10)
    cand = BackendLive("cpu-2", "cpu", "CPU (LiteRT, XNNPACK, 1 thread)", 10)
    widget.show_speedup(Speedup(base, cand, 1.4, True))
    assert widget._caption.text() == "CPU #2 VS CPU #1"


def test_booth_factor_takes_the_faster_backends_own_colour(qtbot: QtBot) -> None:
    """Two CPUs have two colours in their tiles; the factor was the first CPU's blue even when
    the second (teal) was the faster one."""
    from core.measure.booth import BackendLive, Speedup
    from gui.booth.speedup_widget import BoothSpeedupWidget
    from gui.look.palette import backend_colours, current

    widget = BoothSpeedupWidget()
    qtbot.addWidget(widget)
    base = BackendLive("cpu", "cpu", "CPU (LiteRT, XNNPACK, 1 thread)", 10)
    cand = BackendLive("cpu-2", "cpu", "CPU (LiteRT, XNNPACK, 2 threads)", 10)
    second = backend_colours(["cpu", "cpu"], current())[1]
    widget.show_speedup(Speedup(base, cand, 1.4, True), ("CPU (1)", "CPU (2)"), second)
    assert second in widget._factor.styleSheet()
    widget.show_speedup(Speedup(base, cand, 1.4, True), ("CPU (1)", "CPU (2)"))
    assert current().backend_colour("cpu").name() in widget._factor.styleSheet()
