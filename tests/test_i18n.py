"""Every string the window shows has a Japanese translation, and the window switches language live.

The committed ``.ts`` files are compared with what lupdate extracts from the sources right now, so
a new ``tr()`` string without a translation fails here, as does a translation that lost a
placeholder. The window test switches language at runtime, as the View menu does.
"""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from core.errors import CATALOGUE, error
from core.measure.backends import BackendSpec
from core.measure.session import RunRequest
from gui.look import error_texts, translations
from gui.window.main_window import MainWindow
from gui.window.settings import Settings
from tests import gui_support  # offscreen Qt and isolated settings, before any QApplication
from tests.test_gui_window import _hand_made_record

pytestmark = pytest.mark.gui

JA = translations.ts_path("ja")
EN = translations.ts_path("en")
REPO = Path(__file__).resolve().parent.parent
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%n|%L?\d+")


def _messages(ts: Path) -> list[tuple[str, ET.Element]]:
    root = ET.parse(ts).getroot()
    return [(context.findtext("name") or "", message)
            for context in root.iter("context") for message in context.iter("message")]


def _keys(ts: Path) -> set[tuple[str, str]]:
    return {(context, m.findtext("source") or "") for context, m in _messages(ts)}


def _translations(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    assert translation is not None
    if message.get("numerus") == "yes":
        return [form.text or "" for form in translation.iter("numerusform")]
    return [translation.text or ""]


def test_the_committed_qm_files_match_their_ts(tmp_path: Path) -> None:
    """The app loads the .qm files that ship in the package: they must be the .ts, built."""
    for lang in translations.LANGUAGES:
        fresh = tmp_path / f"{lang}.qm"
        translations.lrelease(translations.ts_path(lang), fresh)
        shipped = translations.qm_path(lang)
        assert shipped.is_file(), f"{shipped} is missing: run python -m gui.look.translations build"
        assert shipped.read_bytes() == fresh.read_bytes(), \
            f"{shipped.name} is stale: run python -m gui.look.translations build and commit it"


@pytest.fixture
def english_afterwards(qapp: object) -> Iterator[None]:
    """Other tests read English text: put the language back whatever happens here."""
    yield
    translations.set_language("en")


@pytest.mark.parametrize("ts", [JA, EN], ids=["ja", "en"])
def test_every_message_is_translated(ts: Path) -> None:
    messages = _messages(ts)
    assert messages
    for context, message in messages:
        source = message.findtext("source")
        translation = message.find("translation")
        assert translation is not None
        assert translation.get("type") not in ("unfinished", "obsolete", "vanished"), \
            f"{context}: {source!r} is {translation.get('type')}"
        assert all(text.strip() for text in _translations(message)), \
            f"{context}: {source!r} has no translation"


@pytest.mark.parametrize(("lang", "plurals_only"), [("ja", False), ("en", True)])
def test_the_ts_files_hold_exactly_the_strings_of_the_sources(
        tmp_path: Path, lang: str, plurals_only: bool) -> None:
    fresh = tmp_path / f"fresh_{lang}.ts"
    translations.lupdate(fresh, plurals_only=plurals_only)
    committed = translations.ts_path(lang)
    new, gone = _keys(fresh) - _keys(committed), _keys(committed) - _keys(fresh)
    assert not new, f"run 'python -m gui.look.translations update' and translate: {sorted(new)}"
    assert not gone, f"run 'python -m gui.look.translations update' (removed): {sorted(gone)}"


def test_every_context_is_one_the_code_translates_in() -> None:
    """``window.tr(...)`` outside a class is filed by lupdate under ``window`` but looked up as
    ``MainWindow`` at runtime: such a string is never translated. Contexts must be real."""
    sources = "\n".join(p.read_text(encoding="utf-8") for p in translations.source_files())
    classes = set(re.findall(r"^class (\w+)", sources, re.MULTILINE))
    literal = set(re.findall(r"translate\(\s*\"(\w+)\"", sources))
    for context in {context for context, _ in _messages(JA)}:
        assert context in classes | literal, f"context {context!r} is not a class or literal"


def test_no_string_is_translated_inside_an_f_string() -> None:
    """lupdate does not look inside f-strings: ``f"{self.tr('ms')}"`` is never translated."""
    inside = re.compile(r"""\bf(['"]).*\{[^{}]*\b(?:tr|translate)\(""")
    found = [f"{path.name}:{number}" for path in translations.source_files()
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if inside.search(line)]
    assert not found, f"move the tr() call out of the f-string: {found}"


def test_placeholders_survive_translation() -> None:
    for lang in ("ja", "en"):
        for context, message in _messages(translations.ts_path(lang)):
            source = message.findtext("source") or ""
            expected = Counter(PLACEHOLDER.findall(source))
            for text in _translations(message):
                assert Counter(PLACEHOLDER.findall(text)) == expected, \
                    f"{lang} {context}: {source!r} -> {text!r}"


def test_menu_accelerators_stay_single() -> None:
    for context, message in _messages(JA):
        source = message.findtext("source") or ""
        if "&" in source and "<" not in source:
            for text in _translations(message):
                assert text.count("&") == source.count("&"), f"{context}: {text!r}"


def test_error_table_matches_the_engine_catalogue() -> None:
    assert error_texts.texts() == CATALOGUE


def test_english_plurals_read_right(english_afterwards: None) -> None:
    translations.set_language("en")
    tr = QCoreApplication.translate
    assert tr("DiagnosticsDialog", "%n problem(s) to fix", "", 1) == "1 problem to fix"
    assert tr("DiagnosticsDialog", "%n problem(s) to fix", "", 3) == "3 problems to fix"


def test_resolve_language() -> None:
    assert translations.resolve_language("ja") == "ja"
    assert translations.resolve_language("en") == "en"
    assert translations.resolve_language("system") in translations.LANGUAGES
    assert translations.resolve_language("klingon") in translations.LANGUAGES


def test_the_window_switches_to_japanese_and_back_while_keeping_its_results(
        qtbot: QtBot, tmp_path: Path, parrot: Path, english_afterwards: None) -> None:
    settings = Settings(tmp_path / "settings.ini")
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    record = _hand_made_record(parrot)
    tpu = record.backend("edgetpu")
    assert tpu is not None
    tpu.status, tpu.error, tpu.latencies_ms, tpu.stats = \
        "error", error("edgetpu_not_found"), [], None
    window.show_record(record)
    window.view.input_bar.count.setValue(250)
    assert window.view.input_bar.run_button.text() == "▶  Run"

    window.set_language("ja")
    run_ja = QCoreApplication.translate("InputBarWidget", "▶  Run")
    assert run_ja != "▶  Run" and "実行" in run_ja
    qtbot.waitUntil(lambda: window.view.input_bar.run_button.text() == run_ja)
    assert settings.language() == "ja"
    assert window.menuBar().actions()[0].text() == "ファイル(&F)"
    assert window.view.comparison.text().startswith("CPU: 中央値 36.4 ms · 第 1 候補 Ara macao")
    panel = window.panels[1]
    assert "Edge TPU が見つかりません" in panel.error_panel.text()
    assert error_texts.texts()["edgetpu_not_found"][0] in panel.error_panel.text(), \
        "the engine's default message is shown in Japanese too"
    assert window.view.input_bar.count.value() == 250, "a rebuild keeps the choices"
    assert window.state.record is record

    window.set_language("en")
    qtbot.waitUntil(lambda: window.view.input_bar.run_button.text() == "▶  Run")
    assert window.view.comparison.text().startswith("CPU: median 36.4 ms · top-1 Ara macao")


def test_the_language_menu_switches_and_marks_the_choice(
        qtbot: QtBot, tmp_path: Path, english_afterwards: None) -> None:
    window = MainWindow(Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    window.show()
    view = window.menuBar().actions()[2].menu()
    language = next(a.menu() for a in view.actions() if a.menu() is not None
                    and "Language" in a.text())
    japanese = next(a for a in language.actions() if a.data() == "ja")
    japanese.trigger()
    qtbot.waitUntil(lambda: window.menuBar().actions()[0].text() == "ファイル(&F)")
    view = window.menuBar().actions()[2].menu()
    language = next(a.menu() for a in view.actions() if a.menu() is not None
                    and "言語" in a.text())
    assert [a.data() for a in language.actions() if a.isChecked()] == ["ja"]


def test_switching_language_during_a_run_keeps_the_run(
        qtbot: QtBot, tmp_path: Path, small_model: Path, parrot: Path,
        english_afterwards: None) -> None:
    factory = gui_support.RecordingSessionFactory()
    window = MainWindow(Settings(tmp_path / "settings.ini"), session_factory=factory)
    qtbot.addWidget(window)
    window.show()
    request = RunRequest(model=small_model, image=parrot, count=2000,
                         backends=(BackendSpec("cpu", threads=1),))
    with qtbot.waitSignal(window.runner.runEnded, timeout=gui_support.HANG_GUARD_MS):
        assert window.start_run(request)
        qtbot.waitUntil(lambda: bool(window.state.backends
                                     and window.state.backends[0].latencies_ms),
                        timeout=gui_support.HANG_GUARD_MS)
        window.set_language("ja")
        qtbot.waitUntil(lambda: window.menuBar().actions()[0].text() == "ファイル(&F)")
        assert window.is_running() and not window.view.input_bar.run_button.isEnabled()
    assert window.state.record is not None
    assert window.panels[0].histogram.bins > 0
    assert window.view.input_bar.progress.format() == "完了"
    assert not window.view.input_bar.stop_button.isEnabled()
    assert not [pid for pid in factory.worker_pids() if gui_support.alive(pid)]


def test_screenshot_in_japanese_and_dark(tmp_path: Path, bird_model: Path, parrot: Path) -> None:
    from PySide6.QtGui import QImage

    result = tmp_path / "r.json"
    command = [sys.executable, "-m", "gui.app.entry"]
    run = subprocess.run([*command, "run", "--model", str(bird_model), "--image", str(parrot),
                          "--count", "10", "--backend", "cpu", "--json", str(result)],
                         cwd=REPO, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    out = tmp_path / "ja.png"
    shot = subprocess.run([*command, "screenshot", "--results", str(result), "--lang", "ja",
                           "--theme", "dark", "--size", "1280x800", "--out", str(out)],
                          cwd=REPO, capture_output=True, text=True, check=False)
    assert shot.returncode == 0, shot.stderr
    assert "中央値" in shot.stdout and "実行したバックエンドは 1 つだけです" in shot.stdout
    image = QImage(str(out))
    assert QColor(image.pixelColor(image.width() // 2, image.height() - 4)).lightness() < 80


def test_every_part_of_an_edgetpu_label_reads_in_japanese(english_afterwards: None) -> None:
    from core.measure.backends import parse_backend_spec
    from core.results.records import BackendRecord
    from gui.look.formatting import backend_details

    spec = parse_backend_spec("edgetpu:device=usb:0,performance=max,usb.always_dfu=on,"
                              "usb.max_bulk_in_queue_length=8")
    record = BackendRecord("edgetpu", "edgetpu", spec.label())
    assert spec.label() == "Edge TPU (usb:0, performance max, always DFU, bulk-in queue 8)"
    english = backend_details(record)
    translations.set_language("ja")
    japanese = backend_details(record)
    assert len(japanese) == len(english) == 4 and japanese[0] == "usb:0"
    assert all(ja != en for ja, en in zip(japanese[1:], english[1:], strict=True)), japanese
    assert "8" in japanese[3]


def test_bold_japanese_stays_bold_at_the_booths_sizes(qapp: object) -> None:
    """In a family without a bold face (IPA Gothic here) Qt emboldened only text under 64
    pixels, and only from Bold up: the booth's big figures (DemiBold, 112 px) came out thin."""
    from PySide6.QtGui import QColor, QImage, QPainter

    from gui.booth import style

    translations.allow_synthetic_bold()
    family = translations.japanese_family()
    if family is None:
        pytest.skip("no Japanese font here")

    def ink(bold: bool) -> int:
        image = QImage(420, 160, QImage.Format.Format_Grayscale8)
        image.fill(QColor("white"))
        painter = QPainter(image)
        font = style.font(style.MEDIAN_PX, bold=bold)
        font.setFamilies([family])
        painter.setFont(font)
        painter.setPen(QColor("black"))
        painter.drawText(10, 130, "7.07")
        painter.end()
        data = image.constBits().tobytes()
        return sum(1 for y in range(image.height())
                   for value in data[y * image.bytesPerLine():][:image.width()] if value < 128)

    assert ink(bold=True) > 1.2 * ink(bold=False)
