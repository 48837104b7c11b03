"""The words of the trade explain themselves (tooltips in the window's language), the top five
show only real answers, and the latency strip says its unit."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from core.results.records import Prediction
from gui.look import translations
from gui.look.term_tips import tips_for
from gui.widgets.iteration_strip_widget import IterationStripWidget
from gui.widgets.topk_widget import TopKWidget
from gui.window.main_window import MainWindow
from gui.window.settings import Settings
from tests import gui_support  # noqa: F401  (offscreen Qt and isolated settings)
from tests.test_gui_focus import _record

pytestmark = pytest.mark.gui


@pytest.fixture
def shown(qtbot: QtBot, tmp_path: Path, parrot: Path) -> MainWindow:
    window = MainWindow(Settings(tmp_path / "settings.ini"), restore=False, start_page=False)
    qtbot.addWidget(window)
    window.show()
    record = _record(parrot)
    record.backends[0].runtime = {"name": "ai-edge-litert", "version": "2.3.0", "threads": 2,
                                  "pinned": True, "cores": [0, 1]}
    window.show_record(record)
    return window


def _tips(window: MainWindow) -> dict[str, str]:
    cpu = window.panels[0]
    tiles = {key: label.toolTip() for key, label in cpu._stat_labels.items()}
    device = window.view.chooser.rows[1].device
    assert device is not None
    first_found = device.findData("")
    return {**tiles, "load": cpu._load.toolTip(), "first": cpu._first.toolTip(),
            "subtitle": cpu._subtitle.toolTip(), "summary": window.view.chooser.summary.toolTip(),
            "sentence": window.view.comparison._line.toolTip(),
            "device": str(device.itemData(first_found, Qt.ItemDataRole.ToolTipRole))}


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_stat_tiles_and_words_of_the_trade_have_tooltips(
        shown: MainWindow, qtbot: QtBot, lang: str) -> None:
    english = _tips(shown)
    shown.set_language(lang)
    try:
        qtbot.waitUntil(lambda: translations.current_choice() == lang and bool(
            shown.panels) and shown.panels[0].title() != "")
        qtbot.waitUntil(lambda: _tips(shown)["p90"] != english["p90"] or lang == "en")
        tips = _tips(shown)
        for key in ("p90", "p99", "load", "first"):
            assert tips[key], f"no tooltip on {key}"
        assert "90" in tips["p90"] and "99" in tips["p99"]
        word = {"en": ("one core each", "baseline", "first found", "top-1"),
                "ja": ("各スレッドに 1 コア", "基準", "最初に見つかったデバイス",
                       "第 1 候補")}[lang]
        assert tips["subtitle"].startswith(word[0] + ":") or word[0] + "：" in tips["subtitle"]
        assert word[1] in tips["summary"] and word[2] in tips["summary"]
        assert word[2] in tips["device"]
        assert word[3] in tips["sentence"]
        if lang == "ja":
            assert all(tips[k] != english[k] for k in tips), "a tooltip stayed English"
    finally:
        translations.set_language("en")


def test_tips_name_only_the_words_shown() -> None:
    assert tips_for("CPU: median 36.4 ms") == ""
    assert tips_for("same top-1").startswith("top-1:")
    assert len(tips_for("CPU (baseline) | Edge TPU: first found").splitlines()) == 2


def test_the_top_five_show_only_real_rows(qtbot: QtBot) -> None:
    topk = TopKWidget(QColor("blue"))
    qtbot.addWidget(topk)
    topk.set_predictions([Prediction(1, "macaw", 0.79), Prediction(2, "rosella", 0.07),
                          Prediction(3, "a", 0.004), Prediction(4, "b", 0.0),
                          Prediction(5, "c", 0.0)])
    assert topk.rows() == ["macaw: 0.79", "rosella: 0.07"]
    assert topk.minimumHeight() < topk.sizeHint().height() * 5 // 2
    topk.set_predictions([Prediction(1, "x", 0.0), Prediction(2, "y", -1.5)])
    assert topk.rows() == ["x: 0.00", "y: -1.50"], "the answer and negative logits stay"


def test_the_latency_strip_says_its_unit(qtbot: QtBot) -> None:
    strip = IterationStripWidget(QColor("blue"))
    qtbot.addWidget(strip)
    label = strip.getPlotItem().getAxis("left").labelText
    assert label == QCoreApplication.translate("IterationStripWidget", "ms") == "ms"
