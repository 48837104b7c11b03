"""Nothing a person reads in the Japanese window is left in English.

``test_i18n`` checks the ``.ts`` file: every ``tr()`` source has a finished translation. That
misses text made elsewhere: the engine's sentences (the doctor's checks, an error naming a
file or an operation), Qt's own dialogs, strings that never went through ``tr()``. Here the
window and its dialogs are opened twice, in English and in Japanese, in the same states; every
text, tooltip, menu item, table cell and status message is collected in the same order, and a
Japanese text that is still exactly its English one fails the test when, once names, units,
file names, paths, commands and data are taken out, Latin words remain.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QTableWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)
from pytestqt.qtbot import QtBot

from core.edgetpu.doctor import run_doctor
from core.errors import error
from core.tasks.custom_ops import unsupported_ops_error
from gui.look import translations
from gui.widgets.diagnostics_dialog import DiagnosticsDialog
from gui.widgets.model_details_dialog import details_for
from gui.window import actions
from gui.window.main_window import MainWindow
from gui.window.settings import Settings
from tests import gui_support  # offscreen Qt and isolated settings, first
from tests.test_devices import add_usb
from tests.test_gui_window import _hand_made_record

pytestmark = pytest.mark.gui

# Names, units and data that read the same in both languages.
NAMES = re.compile(
    r"\S+\.(?:tflite|txt|jpg|jpeg|png|bmp|json|csv|html|so|ini)\b|"  # file names
    r"Edge TPU Compare|USB Accelerator|Edge TPU|TensorFlow Lite|TensorFlow|LiteRT|TFLite|"
    r"tflite-runtime|"
    r"ai-edge-litert|XNNPACK|libedgetpu\S*|edgetpu-compare[^'」]*|edgetpu-custom-op|pycoral|"
    r"numpy|Python|Coral|Google|Linux|Debian|GNU|bookworm|CPU|USB|PCIe|MobileNet|MoveNet|"
    r"PoseNet|PosenetDecoderOp|JSON|CSV|HTML|PNG|JPEG|BMP|English|Japanese|Apache|License|"
    r"Open Images|CC BY|GitHub|Mbit/s|MiB|KiB|MB|ms|px|u?int(?:8|16|32|64)|float(?:16|32|64)|"
    r"IoU|std|max|"
    r"Ara macao|other|bird|P90|P99|OS|Ctrl\+\S+|Esc|F11|\b(?:usb|pci|apex):\d+|"
    r"(?:~|/)\S*|"  # paths
    r"\b[A-Z][A-Z0-9_]{2,}\b|[\w.-]+ ×\d+|"  # operation names (CONV_2D, fake-op ×1)
    r"\b\w+_\w+\b|"  # model and file stems (mobilenet_v2_1.0_224_quant)
    r"https?://\S+|\w+\.ai\S*|\b\d[\w.+-]*|"  # addresses, versions
    r"'[^']*'|「[^」]*」|\*\.\w+")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# English words that never belong in a Japanese sentence: a half-translated one keeps them
GLUE = re.compile(r"\b(?:the|is|are|was|not|could|cannot|with|from|and|of|to|for|this|that|"
                  r"it|its|or|on|in|by|no)\b", re.IGNORECASE)

Collected = list[tuple[str, str]]


def left_in_english(text: str) -> str:
    """The Latin words of ``text`` once names, units and data are taken out ('' when none)."""
    rest = NAMES.sub(" ", re.sub(r"<[^>]+>|&\w+;|\{\w*[^{}]*\}", " ", text))
    return " ".join(LATIN_WORD.findall(rest))


def _tree_texts(tree: QTreeWidget) -> Iterator[str]:
    header = tree.headerItem()
    yield from (header.text(c) for c in range(tree.columnCount()))

    def walk(item: QTreeWidgetItem) -> Iterator[str]:
        for i in range(item.childCount()):
            child = item.child(i)
            yield from (child.text(c) for c in range(tree.columnCount()))
            yield from (child.toolTip(c) for c in range(tree.columnCount()))
            yield str(child.data(0, Qt.ItemDataRole.UserRole) or "")
            yield from walk(child)
    yield from walk(tree.invisibleRootItem())


def _table_texts(table: QTableWidget) -> Iterator[str]:
    for row in range(table.rowCount()):
        header = table.verticalHeaderItem(row)
        yield header.text() if header else ""
        for column in range(table.columnCount()):
            item = table.item(row, column)
            yield item.text() if item else ""
    for column in range(table.columnCount()):
        header = table.horizontalHeaderItem(column)
        yield header.text() if header else ""


def _menu_texts(menu: QMenu) -> Iterator[str]:
    yield menu.title()
    for action in menu.actions():
        yield action.text()
        yield action.toolTip()
        if action.menu() is not None:
            yield from _menu_texts(action.menu())


def collect(top: QWidget) -> Collected:
    """Every visible text of ``top`` and its children, keyed by where it was found."""
    found: Collected = []
    for widget in [top, *top.findChildren(QWidget)]:
        where = type(widget).__name__
        texts = [widget.toolTip(), widget.windowTitle() if widget.isWindow() else ""]
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
            texts += [str(widget.itemData(i, Qt.ItemDataRole.ToolTipRole) or "")
                      for i in range(widget.count())]
            texts.append(widget.placeholderText())
        if isinstance(widget, QTreeWidget):
            texts += list(_tree_texts(widget))
        if isinstance(widget, QTableWidget):
            texts += list(_table_texts(widget))
        if isinstance(widget, QMainWindow):
            texts.append(widget.statusBar().currentMessage())
            for action in widget.menuBar().actions():
                if action.menu() is not None:
                    texts += list(_menu_texts(action.menu()))
        found += [(where, text) for text in texts]
    return found


def untranslated(english: Collected, japanese: Collected) -> list[str]:
    """English texts with English words in them that the Japanese run shows unchanged (the
    two runs' widgets need not come in the same order), and Japanese texts still holding
    English sentence words (a field of a translated sentence left in English)."""
    shown = {text for _, text in japanese}
    same = {(where, text) for where, text in english if text in shown and left_in_english(text)}
    mixed = {(where, text) for where, text in japanese
             if GLUE.search(left_in_english(text)) and (where, text) not in same}
    return sorted(f"{where}: {text!r}" for where, text in same | mixed)


@pytest.fixture
def in_both(qapp: QApplication) -> Iterator[Callable[[Callable[[], Collected]], list[str]]]:
    """Run ``show`` (which opens widgets and collects their texts) in English, then in
    Japanese; the English texts the Japanese run kept."""
    def both(show: Callable[[], Collected]) -> list[str]:
        translations.set_language("en")
        english = show()
        translations.set_language("ja")
        return untranslated(english, show())
    yield both
    translations.set_language("en")


def test_the_filter_keeps_english_words_and_drops_names() -> None:
    assert left_in_english("Not found") == "Not found"
    assert left_in_english("Edge TPU: usb:0 · LiteRT 2.3.0 · mobilenet_v2_quant.tflite") == ""
    assert left_in_english("12.5 ms · /home/me/bird.jpg") == ""
    assert left_in_english("the checks stopped: CONV_2D") == "the checks stopped"
    assert untranslated([("QLabel", "Not found")], [("QLabel", "Not found")])
    assert untranslated([("QLabel", "a text file")], [("QLabel", "「x」は the text file です")])
    assert not untranslated([("QLabel", "Not found")], [("QLabel", "見つかりません")])


def test_no_japanese_translation_is_its_english_source() -> None:
    """A translation copied from its source (lupdate's guess, or a hurried edit) is English."""
    import xml.etree.ElementTree as ET

    root = ET.parse(translations.ts_path("ja")).getroot()
    copied = []
    for context in root.iter("context"):
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            assert translation is not None
            forms = [f.text or "" for f in translation.iter("numerusform")] \
                or [translation.text or ""]
            copied += [f"{context.findtext('name')}: {source!r}" for text in forms
                       if text == source and left_in_english(source)]
    assert not copied, copied


def test_the_main_window_in_japanese(qtbot: QtBot, tmp_path: Path, parrot: Path,
                                     in_both: Callable[..., list[str]]) -> None:
    bad_model = tmp_path / "broken.tflite"
    bad_model.write_bytes(b"not a model at all")

    def show() -> Collected:
        window = MainWindow(Settings(tmp_path / "settings.ini"))
        qtbot.addWidget(window)
        window.show()
        record = _hand_made_record(parrot)
        tpu = record.backend("edgetpu")
        assert tpu is not None
        tpu.status, tpu.error, tpu.latencies_ms, tpu.stats = \
            "error", unsupported_ops_error(("PosenetDecoderOp",)), [], None
        window.show_record(record)
        window.view.chooser.toggle.click()  # the backends' options, opened
        window.open_path(bad_model, "model")  # rejected: said in the status bar
        found = collect(window)
        window.close()
        return found

    assert not in_both(show)


def test_diagnostics_in_japanese(qtbot: QtBot, tmp_path: Path,
                                 in_both: Callable[..., list[str]]) -> None:
    add_usb(tmp_path, "1-1", "18d1:9302", speed="480")
    add_usb(tmp_path, "2-1", "1a6e:089a", bus=3, dev=4)
    report = run_doctor(tmp_path, probe=False)

    def show() -> Collected:
        dialog = DiagnosticsDialog(report)
        qtbot.addWidget(dialog)
        dialog.show()
        return collect(dialog)

    assert not in_both(show)


@pytest.mark.parametrize("model", [
    "models/mobilenet_v2_1.0_224_inat_bird_quant.tflite",
    "pose/movenet_single_pose_lightning_ptq.tflite",
    "detection/mobilenet_ssd_v2_face_quant_postprocess_edgetpu.tflite",
    "invalid/model_invoking_error.tflite",
    "segmentation/deeplabv3_mnv2_pascal_quant.tflite",
    "invalid/README.md"])
def test_model_details_in_japanese(qtbot: QtBot, coral: Path, model: str,
                                   in_both: Callable[..., list[str]]) -> None:
    def show() -> Collected:
        dialog = details_for(coral / model)
        qtbot.addWidget(dialog)
        dialog.show()
        return collect(dialog)

    assert not in_both(show)


def test_about_and_engine_errors_in_japanese(in_both: Callable[..., list[str]]) -> None:
    from gui.look.error_texts import localized

    def show() -> Collected:
        errors = [error("unsupported_model"), unsupported_ops_error(("PosenetDecoderOp",)),
                  unsupported_ops_error(("FlexSomething", "Other")),
                  error("no_network", detail="https://example.com: [Errno -2]")]
        texts = [actions.about_text()]
        for info in errors:
            shown = localized(info, in_window=True)
            texts += [shown.message, shown.remedy]
        return [("text", text) for text in texts]

    assert not in_both(show)


def test_qt_file_dialog_in_japanese(qtbot: QtBot, tmp_path: Path,
                                    in_both: Callable[..., list[str]]) -> None:
    """Qt's own file dialog (used where the desktop offers none): Qt's Japanese translation
    lacks two of its labels, which ours supplies."""
    def show() -> Collected:
        dialog = QFileDialog(None, "x", str(tmp_path))
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        qtbot.addWidget(dialog)
        dialog.show()
        return [item for item in collect(dialog) if item[0] != "QComboBox"]  # the folder

    assert not in_both(show)
    translations.set_language("ja")
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    qtbot.addWidget(box)
    assert [b.text() for b in box.buttons()] == ["閉じる"]


def test_japanese_typography(qtbot: QtBot, in_both: Callable[..., list[str]]) -> None:
    """No space before a full-width bracket, no ASCII comma between Japanese words."""
    from core.measure.backend_choice import BackendSet
    from gui.look.insight_texts import normalisation
    from gui.widgets.backend_chooser_widget import BackendChooserWidget

    translations.set_language("ja")
    chooser = BackendChooserWidget(BackendSet.default())
    qtbot.addWidget(chooser)
    summary = chooser.summary.text()
    assert "（基準）" in summary and " （" not in summary and ", " not in summary, summary
    text = normalisation({"source": "default", "mean": [127.5], "std": [127.5],
                          "raw_pixels": False})
    assert "、" in text and ", " not in text, text
    from core.edgetpu.slow_causes import Cause
    from gui.look.published_text import cause_texts

    cause, remedy = cause_texts(Cause("cpu_operations", "", "", {"count": "3",
                                                                 "names": "ADD, MUL, SUB"}))
    assert "3（ADD、MUL、SUB）" in cause, cause
    _, remedy = cause_texts(Cause("throttled_build", "", "", {}))
    assert "。 " not in remedy, remedy


def test_japanese_text_is_drawn_in_one_font_family(qapp: QApplication) -> None:
    """In a Latin default font every kana falls back to another family and digits do not, so
    a line like "3.4 MiB（3,531,296 バイト）" switches fonts mid-way."""
    from PySide6.QtGui import QFontDatabase

    english = QApplication.font().family()
    try:
        translations.set_language("ja")
        family = QApplication.font().family()
        systems = QFontDatabase.writingSystems(family)
        assert QFontDatabase.WritingSystem.Japanese in systems, family
        assert QFontDatabase.WritingSystem.Latin in systems, family
    finally:
        translations.set_language("en")
    assert QApplication.font().family() == english


@pytest.mark.parametrize("holds", ["nothing", "a damaged model"])
def test_a_failed_copy_of_the_samples_in_japanese(
        qtbot: QtBot, tmp_path: Path, holds: str, in_both: Callable[..., list[str]]) -> None:
    """The start page's error when the samples cannot be copied from a folder (offline)."""
    from gui.widgets.start_page_widget import StartPageWidget

    source = tmp_path / "stick"
    for folder in ("models", "labels", "images"):
        (source / folder).mkdir(parents=True)
    if holds != "nothing":
        (source / "models" / "mobilenet_v2_1.0_224_inat_bird_quant.tflite").write_bytes(b"x")
    runs = iter(range(2))

    def show() -> Collected:
        page = StartPageWidget(source=source, dest=tmp_path / f"dest{next(runs)}")
        qtbot.addWidget(page)
        page.show()
        with qtbot.waitSignal(page.fetchFinished, timeout=gui_support.HANG_GUARD_MS):
            page.start_fetch()
        found = collect(page)
        assert any(text for where, text in found if where == "QLabel" and text), found
        return found

    assert not in_both(show)


def test_no_space_beside_a_full_width_bracket_in_the_comparison_line(
        parrot: Path, in_both: Callable[..., list[str]]) -> None:
    from gui.look.comparison_text import comparison_sentence
    from gui.look.formatting import tidy

    assert tidy("Edge TPU is 11.7× faster (median 3.10 ms)") == \
        "Edge TPU is 11.7× faster (median 3.10 ms)"
    record = _hand_made_record(parrot)
    for b, threads in zip(record.backends, ("1 thread", "2 threads"), strict=True):
        b.kind, b.label = "cpu", f"CPU (LiteRT 2.3.0, XNNPACK, {threads})"
    translations.set_language("ja")
    line = comparison_sentence(record.backends, record.comparison, "cpu")
    assert "（2 スレッド）は" in line and "）· " not in line, line
    assert not re.search(r"[^·] [（）]|[（）] [^·]", line), line
