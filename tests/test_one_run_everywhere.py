"""One run reads the same everywhere: the window's sentence and tiles, the command line's
summary, the HTML report and the result file's sentence carry the same strings for each
backend's median, the ratio, the score difference and the sentence when there is no comparison;
a stopped run says so, with the same count, in each of them."""

from __future__ import annotations

import html
import io
import json
import re
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from core.cli.run import _print_summary
from core.io.numbers_text import delta_text, factor_text, ms_text, rate_text
from core.measure.backends import BackendSpec
from core.measure.session import RunRequest
from core.results.records import RunRecord
from core.results.result_files import read_json
from core.results.stats import inferences_per_second, speed_verdict
from gui.widgets.backend_panel import BackendPanel
from gui.window.main_window import MainWindow
from gui.window.settings import Settings
from tests import gui_support  # offscreen Qt and isolated settings, before any QApplication
from tests.doubles.fake_runtimes import double

pytestmark = pytest.mark.gui
CPU1 = BackendSpec("cpu", threads=1)
FAKE_TPU = double("edgetpu", "fake_edgetpu_ok")
NO_DEVICE = double("edgetpu", "edgetpu_with_fake_loader", loader="nodevice")  # it fails to load


def _plain(rich: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", rich)).replace("\xa0", " ").strip()


def _window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    gui_support.hide_bundled_pair(monkeypatch)
    window = MainWindow(Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    window.show()
    return window


def _request(model: Path, picture: Path, count: int, edgetpu: BackendSpec) -> RunRequest:
    return RunRequest(model, picture, None, count=count, warmup=0, backends=(CPU1, edgetpu))


def _everywhere(window: MainWindow, monkeypatch: pytest.MonkeyPatch,
                tmp_path: Path) -> tuple[RunRecord, str, str, str, dict[str, object]]:
    """The run the window shows, and what the command line, the report and the result file
    say of it (each made from the file the window exported, as a person would share it)."""
    saved, report = tmp_path / "run.json", tmp_path / "run.html"
    gui_support.patch_save_dialog(monkeypatch, saved)
    window.actions_.export_json.trigger()
    gui_support.patch_save_dialog(monkeypatch, report)
    window.actions_.export_html.trigger()
    record = read_json(saved)
    cli = io.StringIO()
    _print_summary(record, cli)
    page = report.read_text(encoding="utf-8")
    headline = re.search(r'<p class="headline">(.*?)</p>', page)
    assert headline is not None
    return (record, cli.getvalue(), page, html.unescape(headline.group(1)),
            json.loads(saved.read_text(encoding="utf-8")))


def _cli_row(cli: str, backend: str) -> list[str]:
    row = next(line for line in cli.splitlines() if line.split()[:1] == [backend]
               and len(line.split()) == 10)
    return row.split()


def test_a_comparison_reads_the_same_in_the_window_the_command_line_the_report_and_the_file(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_model: Path,
        parrot: Path) -> None:
    window = _window(qtbot, tmp_path, monkeypatch)
    with qtbot.waitSignal(window.runner.runEnded, timeout=gui_support.HANG_GUARD_MS):
        assert window.start_run(_request(small_model, parrot, 30, FAKE_TPU))
    record, cli, page, headline, data = _everywhere(window, monkeypatch, tmp_path)
    sentence = window.view.comparison.text()
    assert sentence == cli.splitlines()[-1] == headline == data["summary"]
    comparison = record.comparison
    assert comparison is not None and comparison.max_score_delta is not None
    assert comparison.speedup_median is not None
    verdict, factor = speed_verdict(comparison.speedup_median)
    assert (f"{factor_text(factor)} {verdict} than CPU" if verdict != "same"
            else "as fast as CPU") in sentence
    assert f"largest score difference {delta_text(comparison.max_score_delta)}" in sentence
    assert f"<th>Largest score difference</th><td>{delta_text(comparison.max_score_delta)}" \
        in page
    assert f"<th>Speed</th><td>{html.escape(sentence.split(' · ')[0])}</td>" in page
    panels: dict[str, BackendPanel] = {p.backend_id: p for p in window.panels}
    for backend in record.backends:
        stats = backend.stats
        assert stats is not None
        median = ms_text(stats.median)
        assert f"(median {median} ms" in sentence or f"vs {median} ms)" in sentence
        panel = panels[backend.id]
        assert _plain(panel.median_text()) == f"{median} ms"
        row = _cli_row(cli, backend.id)
        assert row[3] == median and row[5] == ms_text(stats.p90) == _plain(
            panel._stat_labels["p90"].text()).removesuffix(" ms")
        assert f'<p class="median">{median} ms' in page
        rate = inferences_per_second(stats.mean)
        assert rate is not None
        assert row[9] == rate_text(rate)
        assert f"{rate_text(rate)} INFERENCES/S" in panel._median_caption.text()
        assert f"{rate_text(rate)} inferences per second" in page


def test_no_comparison_reads_the_same_everywhere(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_model: Path,
        parrot: Path) -> None:
    window = _window(qtbot, tmp_path, monkeypatch)
    with qtbot.waitSignal(window.runner.runEnded, timeout=gui_support.HANG_GUARD_MS):
        assert window.start_run(_request(small_model, parrot, 5, NO_DEVICE))
    record, cli, page, headline, data = _everywhere(window, monkeypatch, tmp_path)
    cpu = record.backend("cpu")
    assert cpu.stats is not None and record.backend("edgetpu").status == "error"
    sentence = headline
    assert sentence == data["summary"] == cli.splitlines()[-1]
    assert sentence.startswith(f"CPU: median {ms_text(cpu.stats.median)} ms · top-1 ")
    assert sentence.endswith(" · Edge TPU did not run")
    # The window puts Coral's figure (here: that there is none) on the same line; the command
    # line and the report print it in their own section.
    assert window.view.comparison.text() == \
        f"{sentence} · Coral publishes no figure for this model."
    assert "Coral publishes no figure for this model." in page


def test_a_stopped_run_is_provisional_with_the_same_count_everywhere(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_model: Path,
        parrot: Path) -> None:
    window = _window(qtbot, tmp_path, monkeypatch)
    assert window.start_run(_request(small_model, parrot, 1_000_000, FAKE_TPU))
    qtbot.waitUntil(lambda: all(len(b.latencies_ms) >= 5 for b in window.state.backends),
                    timeout=gui_support.HANG_GUARD_MS)  # both measured: a ratio to stop
    with qtbot.waitSignal(window.runner.runEnded, timeout=gui_support.HANG_GUARD_MS):
        window.stop_run()
    record, cli, page, headline, data = _everywhere(window, monkeypatch, tmp_path)
    ran = min(len(b.latencies_ms) for b in record.backends)
    stopped = f"Stopped after {ran} inference{'' if ran == 1 else 's'}, so this is provisional"
    sentence = window.view.comparison.text()
    assert sentence.startswith(stopped + " · ")
    assert sentence == cli.splitlines()[-1] == headline == data["summary"]
    assert window.view.comparison._caption.text() == "PROVISIONAL"
    assert f"<th>Speed</th><td>{html.escape(stopped)}: " in page, "the report's ratio too"
    for panel in window.panels:  # each strip spans what its backend ran, not the million
        count = len(record.backend(panel.backend_id).latencies_ms)
        shown_to = panel.strip.viewRange()[0][1]
        assert count <= shown_to < count * 1.1 + 2, f"the strip spans {shown_to:.0f}, not {count}"
