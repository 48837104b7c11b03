"""One piece of Edge TPU install advice everywhere, in the window's language: the failure card
and Diagnostics say what ``doctor`` says, matched to the runtime, translated by its parts and
pointing to the Diagnostics view rather than a terminal command."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from core.edgetpu.advice import edgetpu_advice, recognise
from core.edgetpu.failures import match_failure
from core.edgetpu.verdict import CpuVerdict, PublishedReport
from core.errors import error
from core.results.records import BackendRecord
from gui.look import translations
from gui.look.advice_texts import window_advice
from gui.look.error_texts import localized
from gui.widgets.backend_panel import BackendPanel
from gui.widgets.error_panel import ErrorPanel
from tests import gui_support  # noqa: F401  (offscreen Qt and isolated settings)

pytestmark = pytest.mark.gui
MISSING = "OSError: libedgetpu.so.1: cannot open shared object file: No such file or directory"


@pytest.fixture
def japanese(qapp: object) -> Iterator[None]:
    translations.set_language("ja")
    yield
    translations.set_language("en")


@pytest.mark.parametrize(("runtime", "version"), [("ai-edge-litert", "2.3.0"),
                                                  ("tflite-runtime", "2.14.0"),
                                                  ("tflite-runtime", "2.11.0")])
@pytest.mark.parametrize("system", ["Linux", "Darwin", "Windows"])
def test_every_form_of_the_advice_is_recognised(runtime: str, version: str,
                                                system: str) -> None:
    for in_window in (False, True):
        for one_line in (False, True):
            text = edgetpu_advice(runtime, version, system, in_window, one_line)
            found = recognise(text, system)
            assert found is not None and found[0] == runtime and found[2] is one_line
            assert window_advice(text, system) == edgetpu_advice(runtime, version, system,
                                                                 True, one_line)
    assert recognise("Plug it in.", system) is None


def test_the_card_gives_the_runtime_matched_advice_and_points_to_diagnostics(
        qtbot: QtBot) -> None:
    info = match_failure(MISSING, stage="delegate", backend="edgetpu", runtime="ai-edge-litert")
    assert info is not None and "edgetpu-compare doctor" in info.remedy
    card = ErrorPanel()
    qtbot.addWidget(card)
    card.set_error(info)
    assert edgetpu_advice("ai-edge-litert", one_line=True, in_window=True) in card.text()
    assert "doctor" not in card.text()
    not_found = ErrorPanel()
    qtbot.addWidget(not_found)
    not_found.set_error(error("edgetpu_not_found"))
    assert "open Diagnostics" in not_found.text() and "doctor" not in not_found.text()


def test_in_japanese_the_advice_and_the_published_figure_are_japanese(
        qtbot: QtBot, japanese: None) -> None:
    info = match_failure(MISSING, stage="delegate", backend="edgetpu", runtime="ai-edge-litert")
    assert info is not None
    remedy = localized(info, in_window=True).remedy
    assert "libedgetpu" in remedy and "「診断」" in remedy and "Coral's own" not in remedy
    assert window_advice(edgetpu_advice(system="Linux"), "Linux") is not None
    linux = window_advice(edgetpu_advice("tflite-runtime", "2.11.0", "Linux"), "Linux")
    assert linux is not None and "sudo apt-get install libedgetpu1-std" in linux
    assert "パッケージリポジトリ" in linux
    panel = BackendPanel(BackendRecord("edgetpu", "edgetpu", "Edge TPU", status="error",
                                       error=info))
    qtbot.addWidget(panel)
    panel.show_published(PublishedReport(None, CpuVerdict("cpu", 3.6, 2.6,
                                                          "Coral USB Accelerator")))
    text = panel.error_panel.published_text()
    assert text.startswith("お使いの CPU は 3.60 ms") and "2.6 ms" in text
    assert "1.38×" in text and "Coral" in text


def test_diagnostics_gives_the_doctors_advice_pointing_to_itself(qtbot: QtBot,
                                                                  tmp_path: Path) -> None:
    from core.edgetpu.doctor import run_doctor
    from tests.test_diagnostics_dialog import _dialog, _notes, _row, _sections

    report = run_doctor(tmp_path, probe=False)
    lib = report.find("libedgetpu")
    assert lib is not None and lib.remedy == edgetpu_advice()  # what `doctor` prints
    dialog = _dialog(qtbot, report)
    [fix] = _notes(dialog, _row(_sections(dialog)["Edge TPU runtime"], "libedgetpu"))
    assert fix == "Fix: " + edgetpu_advice(in_window=True)
