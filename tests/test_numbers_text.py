"""One run reads the same everywhere: the window's sentence and tiles, the command line and the
HTML report take their digits from core.io.numbers_text."""

from __future__ import annotations

import re

from core.io.numbers_text import delta_text, factor_text, ms_text, score_text
from core.results.records import BackendRecord, Comparison, Prediction, RunRecord
from core.results.report_html import render_html
from core.results.stats import compute_stats
from core.results.summary import comparison_sentence as cli_sentence
from gui.look.comparison_text import comparison_sentence as window_sentence
from gui.look.formatting import fmt_ms_unit
from tests import gui_support  # noqa: F401 - offscreen Qt and isolated settings


def test_the_digits() -> None:
    assert [ms_text(v) for v in (123.4, 19.97, 3.386, 0.4719, None, float("nan"))] == [
        "123", "20.0", "3.39", "0.472", "–", "–"]
    assert (score_text(0.785), delta_text(0.0078)) == ("0.79", "0.008")
    assert [factor_text(f) for f in (1.049, 11.74, 250.0)] == ["1.05×", "11.7×", "250×"]


def _run(cpu_ms: float, tpu_ms: float, delta: float) -> RunRecord:
    def backend(bid: str, median: float, score: float) -> BackendRecord:
        latencies = [median] * 5
        return BackendRecord(bid, bid, "CPU" if bid == "cpu" else "Edge TPU", status="ok",
                             load_ms=12.0, first_inference_ms=median * 3,
                             latencies_ms=latencies, stats=compute_stats(latencies),
                             results=[Prediction(923, "Ara macao", score)])
    cpu, tpu = backend("cpu", cpu_ms, 0.80), backend("edgetpu", tpu_ms, 0.80 - delta)
    return RunRecord("2025-01-01T00:00:00+00:00", {"path": "/p.jpg"}, {"path": None},
                     {"count": 5}, {}, [cpu, tpu],
                     Comparison("cpu", "edgetpu", cpu_ms / tpu_ms, True, 1.0, delta))


def test_one_run_reads_the_same_in_the_window_the_command_line_and_the_report(
        qapp: object) -> None:
    """The window said 3.4 ms and 0.01 where the report and the command line said 3.386 and
    0.008; a median above 10 ms was 20.0 in the window and 19.97 in the report."""
    for cpu_ms, tpu_ms, delta in ((36.4, 3.386, 0.0078), (61.2, 19.97, 0.0039)):
        record = _run(cpu_ms, tpu_ms, delta)
        window = window_sentence(record.backends, record.comparison)
        cli = cli_sentence(record)
        html = render_html(record)
        numbers = (ms_text(tpu_ms), ms_text(cpu_ms), delta_text(delta))
        pattern = r"median {} ms vs {} ms\).*largest score difference {}".format(
            *map(re.escape, numbers))
        assert re.search(pattern, window), window
        assert re.search(pattern, cli), cli
        assert f"{ms_text(tpu_ms)} ms" in html and f"<td>{delta_text(delta)}</td>" in html
        assert fmt_ms_unit(tpu_ms) == f"{ms_text(tpu_ms)} ms"  # the tiles


def test_the_reports_speed_row_says_what_the_headline_says() -> None:
    record = _run(3.1, 9.92, 0.0)  # the Edge TPU is 3.2× slower: no bare "0.31×" row
    html = render_html(record)
    assert "Edge TPU is 3.2× slower than CPU" in html
    assert "0.31×" not in html


def test_a_stopped_run_is_provisional_in_the_window_the_command_line_and_the_report(
        qapp: object) -> None:
    record = _run(36.4, 3.386, 0.0078)
    tpu = record.backends[1]
    tpu.status = "cancelled"
    tpu.latencies_ms = tpu.latencies_ms[:3]  # of the 5 it was given
    window = window_sentence(record.backends, record.comparison)
    assert window.startswith("Stopped after 3 inferences, so this is provisional · Edge TPU is ")
    assert cli_sentence(record) == window
    assert "Stopped after 3 inferences, so this is provisional" in render_html(record)
    tpu.status = "ok"
    assert "Stopped" not in window_sentence(record.backends, record.comparison)
    assert "Stopped" not in cli_sentence(record)


def test_coral_figure_verdicts_round_as_the_window_rounds_them(qapp: object) -> None:
    """The command line and the report said "3.60 ms ... about 1.4× faster" where the window's
    card said "3.60 ms ... about 1.38× faster"."""
    from core.edgetpu.verdict import CpuVerdict, EdgeTpuVerdict
    from gui.look.published_text import cpu_sentence, edgetpu_sentence

    cpu = CpuVerdict("cpu", 3.6, 2.6, "Coral USB Accelerator")
    for text in (cpu.sentence(), cpu_sentence(cpu)):
        assert "3.60 ms" in text and "about 1.38× faster" in text
    tpu = EdgeTpuVerdict("edgetpu", 26.04, 2.6, "Coral USB Accelerator")
    for text in (tpu.sentence(), edgetpu_sentence(tpu)):
        assert "26.0 ms" in text and "10.0× slower" in text


def test_a_detectors_agreement_reads_the_same_in_the_window_and_the_command_line(
        qapp: object) -> None:
    """The window gave a detector's largest score difference two decimals (0.01) where the
    command line gave three (0.008)."""
    from core.tasks.detection_agreement import agreement_sentence, compare_detections, english
    from gui.look.agreement_text import sentence_text
    from tests.test_detection_agreement import CPU, det

    tpu = [det(0, 0.9 - 0.0078, 0, 0), det(1, 0.8, 200, 0), det(2, 0.7, 400, 0)]
    sentence = agreement_sentence(compare_detections(CPU, tpu), "Edge TPU", "CPU")
    assert sentence_text(sentence) == english(sentence)
    assert english(sentence).endswith("largest score difference 0.008")
