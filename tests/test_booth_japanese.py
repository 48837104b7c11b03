"""A Japanese booth says everything in Japanese: the Edge TPU tile's advice, the watchdog's
"stopped answering", and an error whose specific text core wrote in English."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from core.errors import error
from core.measure.backends import BackendSpec
from core.measure.booth import BoothConfig, list_images
from core.measure.limits import stalled_error
from core.measure.session import RunRequest
from gui.booth.panel import booth_error
from gui.booth.window import BoothWindow
from gui.look import translations
from tests import gui_support  # offscreen Qt and isolated settings, before any QApplication
from tests.doubles.fake_runtimes import double

pytestmark = pytest.mark.gui

# Names a Japanese text keeps as they are: products, runtimes, files, commands.
NAMES = re.compile(r"Edge TPU|CPU|LiteRT|XNNPACK|TensorFlow Lite|TensorFlow|Coral|GitHub|"
                   r"libedgetpu|feranick/libedgetpu|ai-edge-litert|tflite-runtime|"
                   r"edgetpu-compare \w+|/[\w./-]+|"
                   r"[\w.-]+\.(?:bmp|jpg|png|tflite)|mobilenet[\w.]*|[\d.,]+")
# three English words in a row, whatever stands between them (but Japanese)
ENGLISH = re.compile(r"[A-Za-z']+(?:[^A-Za-z'\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]+"
                     r"[A-Za-z']+){2,}")


def _english(text: str) -> list[str]:
    return ENGLISH.findall(NAMES.sub(" ", text))


def _japanese(text: str) -> bool:
    return re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", text) is not None


@pytest.fixture
def japanese(qapp: object) -> Iterator[None]:
    translations.set_language("ja")
    yield
    translations.set_language("en")  # other tests read English


def test_a_japanese_booth_says_everything_in_japanese(
        qtbot: QtBot, japanese: None, tmp_path: Path, small_model: Path, coral: Path) -> None:
    factory = gui_support.RecordingSessionFactory()
    missing = double("edgetpu", "edgetpu_with_fake_loader", loader="missing")
    template = RunRequest(small_model, coral / "images" / "cat.bmp",
                          coral / "labels" / "imagenet_labels.txt",
                          backends=(BackendSpec("cpu", threads=1), missing))
    booth = BoothWindow(template, list_images(coral / "images"),
                        BoothConfig(count=5, warmup=0, dwell_s=0, window=50),
                        session_factory=factory)
    qtbot.addWidget(booth)
    booth.resize(1920, 1080)
    booth.show()
    booth.comparisonFinished.connect(lambda _n: booth.stop())
    with qtbot.waitSignal(booth.comparisonFinished, timeout=gui_support.HANG_GUARD_MS):
        assert booth.start()
    tile = booth.panels["edgetpu"].error_text()
    assert tile.count("\n") == 2 and all(_japanese(line) for line in tile.splitlines()), tile
    labels = [QTextDocumentFragment.fromHtml(label.text()).toPlainText()
              for label in booth.findChildren(QLabel) if label.isVisibleTo(booth)]
    english = [(text[:60], _english(text)) for text in labels if _english(text)]
    assert not english, f"English in a Japanese booth: {english}"


def test_english_is_found() -> None:
    assert _english("No Edge TPU runtime (libedgetpu) is installed.")
    assert not _english("Edge TPU ランタイム（libedgetpu）がインストールされていません。")
    assert not _english("mobilenet_v1_0.25_128_quant · 画像 1 / 8 · cat.bmp")


def test_what_core_says_in_english_reaches_a_japanese_tile_in_japanese(japanese: None) -> None:
    stalled = booth_error(stalled_error("Edge TPU", "edgetpu", 30), "Edge TPU", "edgetpu")
    crashed = booth_error(error("worker_crashed", "The process measuring Edge TPU stopped "
                                "unexpectedly (SIGSEGV during loading)."), "Edge TPU")
    broken = booth_error(error("edgetpu_runtime_missing", "The Edge TPU runtime found at "
                               "/usr/lib/libedgetpu.so.1 cannot be used: it is a folder, not a "
                               "library."),
                         "Edge TPU", "edgetpu")
    for shown in (stalled, crashed, broken):
        for text in (shown.message, shown.remedy):
            assert _japanese(text) and not _english(text), text
    assert "Edge TPU" in stalled.message


def test_an_english_booth_keeps_cores_specific_words() -> None:
    message = "The process measuring Edge TPU stopped unexpectedly (SIGSEGV during loading)."
    assert booth_error(error("worker_crashed", message), "Edge TPU").message == message
    stalled = booth_error(stalled_error("CPU", "cpu", 30), "CPU", "cpu")
    assert stalled.message == "CPU stopped answering. It starts again with the next picture."
    assert "close other programs" in stalled.remedy
