"""Booth mode driven for real: offscreen widgets, real worker processes, a folder of Coral images.

The Edge TPU is absent here; a named test double stands in for a failing one (the delegate
loader raises what a missing libedgetpu raises) and for a working one. No test sleeps: each
waits for the booth's own signals or counters.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from core.measure.backends import BackendSpec
from core.measure.booth import BoothConfig
from core.measure.session import RunRequest
from core.results.result_files import read_json
from gui.booth.panel import FAILED, MEASURING
from gui.booth.window import BoothWindow
from gui.window.main_window import MainWindow
from gui.window.settings import Settings
from tests import gui_support  # offscreen Qt and isolated settings, before any QApplication
from tests.doubles.fake_runtimes import double

pytestmark = pytest.mark.gui

REPO = Path(__file__).resolve().parent.parent
CPU1 = BackendSpec("cpu", threads=1)
NO_LIBEDGETPU = double("edgetpu", "edgetpu_with_fake_loader", loader="missing")
FAST = BoothConfig(count=20, warmup=1, dwell_s=0, window=50, rejected_pause_s=0)
IMAGES = ("cat.bmp", "grace_hopper.bmp", "parrot.jpg")


@pytest.fixture
def folder(tmp_path: Path, coral: Path) -> Path:
    pictures = tmp_path / "pictures"
    pictures.mkdir()
    for name in IMAGES:
        shutil.copy(coral / "images" / name, pictures / name)
    (pictures / "notes.txt").write_text("not a picture")
    return pictures


@pytest.fixture
def factory() -> gui_support.RecordingSessionFactory:
    return gui_support.RecordingSessionFactory()


def _booth(qtbot: QtBot, factory: gui_support.RecordingSessionFactory, images: list[Path],
           template: RunRequest | None, config: BoothConfig = FAST) -> BoothWindow:
    booth = BoothWindow(template, images, config, session_factory=factory)
    qtbot.addWidget(booth)
    booth.resize(1600, 1000)
    booth.show()
    return booth


def _template(small_model: Path, coral: Path, *backends: BackendSpec) -> RunRequest:
    return RunRequest(small_model, coral / "images" / "cat.bmp",
                      coral / "labels" / "imagenet_labels.txt", backends=backends)


def _assert_reaped(factory: gui_support.RecordingSessionFactory) -> None:
    pids = factory.worker_pids()
    assert pids, "no worker was started"
    assert not [pid for pid in pids if gui_support.alive(pid)], "a worker outlived the booth"


def test_booth_loops_over_the_folder_and_goes_on_when_a_backend_fails(
        qtbot: QtBot, factory: gui_support.RecordingSessionFactory, folder: Path,
        small_model: Path, coral: Path) -> None:
    from core.measure.booth import list_images

    images = list_images(folder)
    assert len(images) == 3
    booth = _booth(qtbot, factory, images, _template(small_model, coral, CPU1, NO_LIBEDGETPU))
    shown: list[str] = []

    def finished(n: int) -> None:
        shown.append(booth.image.path.name if booth.image.path else "")
        if n >= 4:
            booth.stop()  # before the next picture clears this one's numbers

    booth.comparisonFinished.connect(finished)
    assert booth.start() and booth.is_looping()
    qtbot.waitUntil(lambda: booth.loop is not None and booth.loop.comparisons >= 4,
                    timeout=gui_support.HANG_GUARD_MS)
    assert shown[:4] == [*sorted(IMAGES, key=str.lower), "cat.bmp"], "in order, then again"
    assert len(factory.sessions) >= 4, "one session per picture"

    cpu, tpu = booth.panels["cpu"], booth.panels["edgetpu"]
    assert tpu.page() == FAILED
    assert "No Edge TPU runtime" in tpu.error_text()
    # the install advice's first sentence: the whole of it would squeeze the picture
    remedy = tpu.error_text().splitlines()[-1]
    assert "works only with tflite-runtime 2.11" in remedy and remedy.endswith(".")
    assert "libedgetpu built for the TensorFlow Lite version" not in remedy
    assert cpu.page() == MEASURING and cpu.median_ms() is not None
    assert "inferences per second" in cpu.rate_label.text()
    assert "Edge TPU could not run" in booth.speedup.text()
    loop = booth.loop
    assert loop is not None
    live = loop.backends["cpu"]
    assert live.inferences >= 80 and len(live.latencies_ms) == 20, "this picture's numbers"
    assert cpu.strip.points == 20
    assert "comparisons" in booth._count.text()
    assert booth.start()

    with qtbot.waitSignal(booth.left, timeout=5000):
        qtbot.keyClick(booth, Qt.Key.Key_Escape)
    assert not booth.isVisible() and not booth.is_looping()
    assert not booth.runner.is_running()
    _assert_reaped(factory)


def test_two_working_backends_show_the_speedup_and_the_answer(
        qtbot: QtBot, factory: gui_support.RecordingSessionFactory, folder: Path,
        small_model: Path, coral: Path) -> None:
    from core.measure.booth import list_images

    template = _template(small_model, coral, CPU1, double("edgetpu", "fake_edgetpu_ok"))
    booth = _booth(qtbot, factory, list_images(folder), template,
                   BoothConfig(count=100, warmup=1, dwell_s=0, window=500))
    booth.comparisonFinished.connect(lambda _n: booth.stop())  # keep this picture on screen
    with qtbot.waitSignal(booth.comparisonFinished, timeout=gui_support.HANG_GUARD_MS):
        booth.start()
    assert not booth.is_looping() and booth.loop is not None and booth.loop.comparisons == 1
    assert "×" in booth.speedup.factor_text() or booth.speedup.factor_text() == "="
    assert "same answer" in booth.speedup.text()
    assert "tiger cat" in booth.panels["cpu"].answer_text()
    assert booth.panels["edgetpu"].title() == "Edge TPU"
    assert booth.image.has_image()
    _assert_reaped(factory)


def test_a_picture_that_cannot_be_read_is_skipped_once_and_not_counted(
        qtbot: QtBot, factory: gui_support.RecordingSessionFactory, folder: Path,
        small_model: Path, coral: Path) -> None:
    from core.measure.booth import list_images

    (folder / "broken_owl.jpg").write_bytes(b"\xff\xd8\xff not really a jpeg")
    images = list_images(folder)
    booth = _booth(qtbot, factory, images, _template(small_model, coral, CPU1))
    pairs: list[tuple[str, str]] = []  # (picture on screen, headline) at each comparison

    def finished(n: int) -> None:
        pairs.append((booth.image.path.name if booth.image.path else "", booth.speedup.text()))
        if n >= 5:
            booth.stop()

    booth.comparisonFinished.connect(finished)
    booth.start()
    loop = booth.loop
    assert loop is not None
    qtbot.waitUntil(lambda: loop.comparisons >= 5, timeout=gui_support.HANG_GUARD_MS)
    assert [p.name for p, _info in loop.skipped] == ["broken_owl.jpg"], "skipped once"
    assert "broken_owl.jpg" not in [p.name for p in loop.images], "then out of the loop"
    assert [n.subject for n in booth.watchdog.recent if n.kind == "picture_skipped"] == \
        ["broken_owl.jpg"], "one notice"
    assert loop.comparisons == len(factory.sessions), "only comparisons that ran are counted"
    assert all(name != "broken_owl.jpg" and "broken_owl" not in headline
               for name, headline in pairs), "the headline goes with the picture on screen"


def test_a_folder_of_broken_pictures_says_so(
        qtbot: QtBot, factory: gui_support.RecordingSessionFactory, tmp_path: Path,
        small_model: Path, coral: Path) -> None:
    (tmp_path / "a.jpg").write_bytes(b"junk")
    (tmp_path / "b.png").write_bytes(b"junk")
    from core.measure.booth import list_images

    booth = _booth(qtbot, factory, list_images(tmp_path), _template(small_model, coral, CPU1))
    booth.start()
    assert "No pictures to show" in booth.message()
    assert not factory.sessions, "nothing to run, nothing started"


def test_locked_booth_ignores_esc_f11_and_close_and_leaves_with_ctrl_alt_q(
        qtbot: QtBot, factory: gui_support.RecordingSessionFactory, folder: Path,
        small_model: Path, coral: Path) -> None:
    from core.measure.booth import list_images

    booth = BoothWindow(_template(small_model, coral, CPU1), list_images(folder),
                        BoothConfig(count=1_000_000, warmup=1, dwell_s=0),
                        session_factory=factory, lock=True)
    qtbot.addWidget(booth)
    booth.show()
    booth.start()
    qtbot.waitUntil(lambda: bool(factory.worker_pids()), timeout=gui_support.HANG_GUARD_MS)
    left: list[bool] = []
    booth.left.connect(lambda: left.append(True))
    qtbot.keyClick(booth, Qt.Key.Key_Escape)
    qtbot.keyClick(booth, Qt.Key.Key_F11)
    qtbot.keyClick(booth, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not left and booth.isVisible() and booth.is_looping()
    texts = " ".join(w.text() for w in booth.findChildren(QLabel))
    assert "Esc" not in texts and "Ctrl" not in texts, "the way out is not advertised"
    with qtbot.waitSignal(booth.left, timeout=5000):
        qtbot.keyClick(booth, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier
                       | Qt.KeyboardModifier.AltModifier)
    assert not booth.is_looping() and not booth.runner.is_running()
    _assert_reaped(factory)


def test_the_lock_setting_and_option_reach_the_booth(
        qtbot: QtBot, factory: gui_support.RecordingSessionFactory, tmp_path: Path) -> None:
    settings = Settings(tmp_path / "settings.ini")
    assert settings.booth_lock() is False
    settings.set_booth_lock(True)
    assert Settings(tmp_path / "settings.ini").booth_lock() is True
    result = subprocess.run([sys.executable, "-m", "gui.app.entry", "--lock"],
                            capture_output=True, text=True, cwd=REPO, timeout=120)
    assert result.returncode == 2 and "--lock" in result.stderr and "--kiosk" in result.stderr
    assert "Traceback" not in result.stderr


def test_closing_the_booth_mid_run_reaps_every_worker(
        qtbot: QtBot, factory: gui_support.RecordingSessionFactory, folder: Path,
        small_model: Path, coral: Path) -> None:
    from core.measure.booth import list_images

    booth = _booth(qtbot, factory, list_images(folder), _template(small_model, coral, CPU1),
                   BoothConfig(count=1_000_000, warmup=1, dwell_s=0))
    booth.start()
    inferences = gui_support.count_inferences(booth.runner)
    qtbot.waitUntil(lambda: inferences[0] > 0, timeout=gui_support.HANG_GUARD_MS)
    with qtbot.waitSignal(booth.left, timeout=5000):
        assert booth.close()
    assert not booth.runner.is_running()
    _assert_reaped(factory)


def test_without_a_model_the_booth_says_how_to_get_one(
        qtbot: QtBot, factory: gui_support.RecordingSessionFactory) -> None:
    booth = _booth(qtbot, factory, [], None)
    assert not booth.start()
    assert "edgetpu-compare models fetch" in booth.message()
    with qtbot.waitSignal(booth.left, timeout=5000):
        qtbot.keyClick(booth, Qt.Key.Key_Escape)
    assert factory.sessions == []


def test_f11_enters_booth_mode_and_esc_comes_back_to_the_window(
        qtbot: QtBot, tmp_path: Path, factory: gui_support.RecordingSessionFactory,
        folder: Path, small_model: Path, coral: Path) -> None:
    window = MainWindow(Settings(tmp_path / "settings.ini"), session_factory=factory)
    qtbot.addWidget(window)
    window.show()
    window.open_path(small_model)
    window.open_path(folder / "parrot.jpg")
    f11 = next(a for a in window.findChildren(type(window.actions_.run))
               if a.shortcut().toString() == "F11")
    f11.trigger()
    booth = window.booth
    assert booth is not None
    assert booth.isFullScreen() and booth.isVisible() and not window.isVisible()
    assert booth.loop is not None and booth.loop.current == folder / "parrot.jpg"
    assert [p.name for p in booth.loop.images] == sorted(IMAGES, key=str.lower)
    inferences = gui_support.count_inferences(booth.runner)
    qtbot.waitUntil(lambda: inferences[0] > 0, timeout=gui_support.HANG_GUARD_MS)
    with qtbot.waitSignal(booth.left, timeout=gui_support.HANG_GUARD_MS):
        qtbot.keyClick(booth, Qt.Key.Key_Escape)
    assert window.isVisible() and window.booth is None
    assert not booth.runner.is_running()
    _assert_reaped(factory)


def test_screenshot_kiosk_renders_booth_mode_after_one_comparison(
        tmp_path: Path, small_model: Path, coral: Path) -> None:
    out = tmp_path / "booth.png"
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)
    done = subprocess.run(
        [sys.executable, "-m", "gui.app.entry", "screenshot", "--kiosk",
         "--model", str(small_model),
         "--labels", str(coral / "labels" / "imagenet_labels.txt"),
         "--image", str(coral / "images" / "cat.bmp"), "--count", "30",
         "--backend", "cpu:threads=1", "--backend", "cpu:threads=2",
         "--size", "1280x720", "--out", str(out), "--json", str(tmp_path / "booth.json")],
        cwd=REPO, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "propagateSizeHints" not in done.stderr  # the offscreen platform's noise is dropped
    shown = read_json(tmp_path / "booth.json")  # the comparison the picture shows
    assert [len(b.latencies_ms) for b in shown.backends] == [30, 30]
    assert shown.comparison is not None and shown.comparison.baseline == "cpu"
    assert "CPU (2 THREADS) VS CPU (1 THREAD)" in done.stdout, "two CPUs told apart"
    assert "same answer" in done.stdout or "different answers" in done.stdout
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 720)


def test_kiosk_option_starts_in_booth_mode_without_showing_the_window(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, folder: Path, small_model: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from gui.app import entry

    seen: list[QWidget] = []
    monkeypatch.setattr(QApplication, "exec", lambda *_a: seen.extend(
        w for w in QApplication.topLevelWidgets() if w.isVisible()) or 0)
    assert entry.main(["--kiosk", "--model", str(small_model), "--image",
                       str(folder / "cat.bmp"), "--image-folder", str(folder)]) == 0
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    for window in windows:
        qtbot.addWidget(window)
    (booth,) = seen
    assert isinstance(booth, BoothWindow) and booth.isFullScreen()
    assert booth.loop is not None and booth.loop.current == folder / "cat.bmp"
    assert booth.is_looping()
    with qtbot.waitSignal(booth.left, timeout=gui_support.HANG_GUARD_MS):
        qtbot.keyClick(booth, Qt.Key.Key_Escape)
    assert any(w.isVisible() for w in windows), "Esc shows the normal window"
    assert not booth.runner.is_running()


def test_kiosk_with_a_missing_folder_is_a_usage_error(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from gui.app import entry

    assert entry.main(["--kiosk", "--image-folder", str(tmp_path / "missing")]) == 2
    assert capsys.readouterr().err.startswith("error: The picture folder ")


def _text_sizes(booth: QWidget) -> list[tuple[int, str]]:
    """(pixel size, text) of every piece of text visible on the booth screen."""
    import re

    sizes = []
    for label in booth.findChildren(QLabel):
        if not label.isVisibleTo(booth) or not label.text():
            continue
        spans = [int(px) for px in re.findall(r"font-size:\s*(\d+)px", label.text())]
        sizes.extend((px, label.text()) for px in spans)  # the booth sizes every span it writes
        if not spans:
            sizes.append((label.font().pixelSize(), label.text()))
    return sizes


@pytest.mark.parametrize(("size", "least"), [((1920, 1080), 24), ((1280, 720), 16)])
def test_every_text_reads_from_three_metres(
        qtbot: QtBot, factory: gui_support.RecordingSessionFactory, folder: Path,
        small_model: Path, coral: Path, size: tuple[int, int], least: int) -> None:
    from core.measure.booth import list_images

    template = _template(small_model, coral, CPU1, BackendSpec("cpu", threads=2), NO_LIBEDGETPU)
    booth = _booth(qtbot, factory, list_images(folder), template)
    booth.resize(*size)
    booth.comparisonFinished.connect(lambda _n: booth.stop())
    with qtbot.waitSignal(booth.comparisonFinished, timeout=gui_support.HANG_GUARD_MS):
        booth.start()
    sizes = _text_sizes(booth)
    assert len(sizes) > 15
    small = [(px, text[:60]) for px, text in sizes if px < least]
    assert not small, f"text smaller than {least} px: {small}"
    titles = [booth.panels[i].title() for i in ("cpu", "cpu-2", "edgetpu")]
    assert len(set(titles)) == 3, f"each backend its own name: {titles}"
    colours = {booth.panels[i]._colour for i in ("cpu", "cpu-2", "edgetpu")}
    assert len(colours) == 3, "each backend its own colour"
    assert booth.width() == size[0], "nothing pushes the screen wider"


def test_a_weak_answer_is_not_sure_and_a_long_label_keeps_whole_words() -> None:
    from gui.booth.panel import short_label

    assert short_label("Cyanocitta cristata (Blue Jay)") == "Blue Jay"
    assert short_label("tabby, tabby cat") == "tabby"
    long = short_label("Lesser Yellow-headed Vulture of the Southern Savannas And Beyond")
    assert long.endswith("…") and long[:-1] in "Lesser Yellow-headed Vulture of the Southern " \
        "Savannas And Beyond" and not long[:-1].endswith(" ")
    assert len(long) <= 44


def test_a_day_of_pictures_keeps_no_finished_session_alive(
        qtbot: QtBot, folder: Path, small_model: Path, coral: Path) -> None:
    """Each picture's session thread (and with it the session, its record and its workers'
    pipes) is freed once it ended: before, every one stayed until the booth closed."""
    import gc

    from core.measure.booth import list_images
    from gui.run.session_runner import _SessionThread

    booth = BoothWindow(_template(small_model, coral, CPU1), list_images(folder), FAST)
    qtbot.addWidget(booth)
    booth.show()

    def finished(n: int) -> None:
        if n >= 5:
            booth.stop()

    booth.comparisonFinished.connect(finished)
    booth.start()
    qtbot.waitUntil(lambda: booth.loop is not None and booth.loop.comparisons >= 5,
                    timeout=gui_support.HANG_GUARD_MS)
    qtbot.waitUntil(lambda: not booth.runner.is_running(), timeout=gui_support.HANG_GUARD_MS)
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    alive = [o for o in gc.get_objects() if isinstance(o, _SessionThread)]
    assert len(alive) <= 1, f"{len(alive)} session threads still alive after 5 pictures"


def test_help_says_where_the_log_is_and_how_the_lock_works() -> None:
    done = subprocess.run([sys.executable, "-m", "gui.app.entry", "gui", "--help"], cwd=REPO,
                          capture_output=True, text=True, timeout=120, check=False)
    text = " ".join(done.stdout.split())
    assert done.returncode == 0
    assert "booth.log" in text and "--lock" in text and "Ctrl+Alt+Q" in text
