"""The HTML report speaks the window's language and wears its theme, fits a phone's width,
shows a thumbnail of the picture and no folder names.

The layout is checked by its structure (the CSS rules that let it reflow, the containers that
scroll), not by a browser: none runs here, and Qt's QTextDocument ignores CSS grids and
variables, so drawing the page with it would prove nothing about them.
"""

from __future__ import annotations

import base64
import io
import re
import subprocess
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtWidgets import QApplication

from core.errors import error
from core.measure.backends import BackendSpec
from core.measure.session import RunRequest, Session
from core.results.records import RunRecord
from core.results.report_html import CSS, render_html
from core.results.report_words import WORDS, ReportWords
from gui.look import report_texts, theme, translations
from tests import gui_support  # noqa: F401 - offscreen Qt and isolated settings, first
from tests.test_gui_window import _hand_made_record
from tests.test_japanese_everywhere import untranslated

pytestmark = pytest.mark.gui
REPO = Path(__file__).resolve().parent.parent


class _Texts(HTMLParser):
    """The text a reader sees (and the alt texts and titles), and every <img>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[tuple[str, str]] = []
        self.images: list[dict[str, str | None]] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag in ("style", "script"):
            self._skip += 1
        if tag == "img":
            self.images.append(found)
        for name in ("alt", "aria-label"):
            if found.get(name):
                self.texts.append((tag, str(found[name])))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.texts.append(("text", data.strip()))


def _read(page: str) -> _Texts:
    parser = _Texts()
    parser.feed(page)
    return parser


@pytest.fixture
def english_afterwards(qapp: QApplication) -> Iterator[None]:
    yield
    translations.set_language("en")
    theme.apply_theme(qapp, "light")


def _record(parrot: Path) -> RunRecord:
    """A classifier's run with an Edge TPU that failed, a warning and a stopped backend."""
    record = _hand_made_record(parrot)
    record.settings.update({"warmup": 1, "top_k": 2, "schedule": "alternate"})
    tpu = record.backend("edgetpu")
    assert tpu is not None
    tpu.status, tpu.error = "error", error("edgetpu_not_found")
    cpu = record.backend("cpu")
    assert cpu is not None
    cpu.warnings = [error("labels_short", "'labels.txt' names only 2 of the model's 965 "
                          "classes, so the others are shown as 'class N'.",
                          "Choose the labels file that came with this model.")]
    return record


@pytest.fixture(scope="module")
def pose_record(coral: Path) -> RunRecord:
    """Two CPU backends on MoveNet: a pose result and its keypoint agreement."""
    model = coral / "pose" / "movenet_single_pose_lightning_ptq.tflite"
    request = RunRequest(model, coral / "pose" / "squat.bmp", None, count=3, warmup=1,
                         backends=(BackendSpec("cpu", threads=1), BackendSpec("cpu", threads=2)))
    record = Session(request).run()
    assert [b.status for b in record.backends] == ["ok", "ok"]
    return record


def test_the_window_table_repeats_every_word_of_the_report(english_afterwards: None) -> None:
    translations.set_language("en")
    assert report_texts.texts() == list(WORDS)


def test_the_report_says_only_words_of_its_table(parrot: Path, pose_record: RunRecord) -> None:
    said: list[str] = []

    def say(text: str) -> str:
        said.append(text)
        return text

    for record in (_record(parrot), pose_record):
        render_html(record, words=ReportWords(say=say))
    assert said and set(said) <= set(WORDS), set(said) - set(WORDS)


@pytest.mark.parametrize("which", ["classifier", "pose"])
def test_a_japanese_window_writes_a_japanese_report(
        which: str, parrot: Path, pose_record: RunRecord, english_afterwards: None) -> None:
    record = _record(parrot) if which == "classifier" else pose_record
    translations.set_language("en")
    english = report_texts.render_report(record)
    translations.set_language("ja")
    japanese = report_texts.render_report(record)
    assert '<html lang="en"' in english and '<html lang="ja"' in japanese
    assert "中央値" in japanese
    data = {str(v) for v in record.host.values()}  # the computer's own names, and the labels
    data |= {p.label for b in record.backends for p in b.results}
    left = [t for t in untranslated(_read(english).texts, _read(japanese).texts)
            if not any(repr(d) in t for d in data)]
    assert not left, left


def test_the_dark_window_writes_a_dark_report(parrot: Path, english_afterwards: None,
                                              qapp: QApplication) -> None:
    theme.apply_theme(qapp, "dark")
    page = report_texts.render_report(_record(parrot))
    assert re.search(r'<html lang="\w+" class="dark">', page)
    dark = re.search(r"html\.dark \{([^}]*)\}", page)
    assert dark and "--page:#121820" in dark.group(1) and "color-scheme:dark" in dark.group(1)
    theme.apply_theme(qapp, "light")
    assert 'class="dark"' not in report_texts.render_report(_record(parrot))


def test_screenshot_writes_the_report_in_its_language_and_theme(
        tmp_path: Path, bird_model: Path, parrot: Path) -> None:
    result, report, picture = tmp_path / "r.json", tmp_path / "r.html", tmp_path / "r.png"
    command = [sys.executable, "-m", "gui.app.entry"]
    run = subprocess.run([*command, "run", "--model", str(bird_model), "--image", str(parrot),
                          "--count", "5", "--backend", "cpu", "--json", str(result)],
                         cwd=REPO, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    shot = subprocess.run([*command, "screenshot", "--results", str(result), "--lang", "ja",
                           "--theme", "dark", "--out", str(picture), "--html", str(report)],
                          cwd=REPO, capture_output=True, text=True, check=False)
    assert shot.returncode == 0, shot.stderr
    page = report.read_text(encoding="utf-8")
    assert '<html lang="ja" class="dark">' in page
    assert "中央値" in page and "バックエンド" in page


def test_the_report_names_files_not_folders_and_shows_a_thumbnail(
        tmp_path: Path, parrot: Path) -> None:
    picture = tmp_path / "home" / "someone" / "Pictures" / "parrot.jpg"
    picture.parent.mkdir(parents=True)
    picture.write_bytes(parrot.read_bytes())
    record = _record(picture)
    record.labels = {"path": str(tmp_path / "home" / "someone" / "labels.txt"), "count": 2}
    page = render_html(record)
    assert str(picture.parent) not in page and "someone" not in page
    seen = _read(page)
    assert ("text", "parrot.jpg") in seen.texts and ("text", "labels.txt") in seen.texts
    [thumb] = [i for i in seen.images if i.get("class") == "thumb"]
    data = str(thumb["src"]).removeprefix("data:image/jpeg;base64,")
    image = Image.open(io.BytesIO(base64.b64decode(data)))
    assert image.format == "JPEG" and max(image.size) <= 320
    assert len(data) < 60_000, "the thumbnail stays small"
    picture.write_bytes(b"changed")  # no longer the picture measured: no thumbnail
    assert not [i for i in _read(render_html(record)).images if i.get("class") == "thumb"]


def test_the_report_reflows_at_a_phone_width() -> None:
    """Checked on the CSS, since no browser runs here: nothing asks for more than 420 px."""
    grids = re.findall(r"grid-template-columns:([^;}]*)", CSS.split("@media print")[0])
    firsts = [g.split("minmax(")[1] for g in grids if "minmax(" in g]
    assert grids and all(f.startswith(("min(", "0,")) for f in firsts), grids
    widths = [int(w) for w in re.findall(r"(?<![-\w])(?:width|min-width):\s*(\d+)px", CSS)]
    assert all(w <= 420 for w in widths), widths
    assert "@media (max-width:600px)" in CSS and "overflow-wrap:anywhere" in CSS
    assert re.search(r"\.scroll \{ overflow-x:auto", CSS)


def test_the_agreement_row_reads_like_the_window(parrot: Path, english_afterwards: None) -> None:
    record = _hand_made_record(parrot)
    assert "<th>Speed</th><td>Edge TPU is 11.7× faster than CPU (median " in render_html(record)
    translations.set_language("ja")
    assert "Edge TPU は CPU より 11.7× 高速" in report_texts.render_report(record)
