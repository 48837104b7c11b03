"""The baseline rule and the comparisons of every backend against it (Qt-free)."""

from __future__ import annotations

import json
from pathlib import Path

from core.errors import error
from core.results.comparison import choose_baseline, compare_all
from core.results.records import BackendRecord, Comparison, Prediction, RunRecord
from core.results.result_files import read_json
from core.results.stats import compute_stats
from core.results.summary import comparison_sentence, display_name

MACAW = Prediction(923, "Ara macao (Scarlet Macaw)", 0.80)


def _ok(bid: str, kind: str, median: float, label: str) -> BackendRecord:
    latencies = [median] * 5
    return BackendRecord(bid, kind, label, status="ok", latencies_ms=latencies,
                         stats=compute_stats(latencies), results=[MACAW])


LITERT = "CPU (LiteRT 2.3.0, XNNPACK, 2 threads)"
TFLITE = "CPU (tflite-runtime 2.14.0, XNNPACK, 2 threads)"


def test_the_baseline_is_the_chosen_one_else_the_first_cpu() -> None:
    tpu = _ok("edgetpu", "edgetpu", 3.0, "Edge TPU (usb:0)")
    cpu, cpu2 = _ok("cpu", "cpu", 17.0, LITERT), _ok("cpu-2", "cpu", 87.0, TFLITE)
    backends = [tpu, cpu, cpu2]
    assert choose_baseline(backends) is cpu
    assert choose_baseline(backends, "cpu-2") is cpu2
    assert choose_baseline(backends, "edgetpu") is tpu
    cpu.status, cpu.error = "error", error("runtime_missing")
    assert choose_baseline(backends) is cpu2  # the chosen one has no numbers: the next CPU
    assert choose_baseline([tpu]) is tpu
    assert choose_baseline([]) is None


def test_every_other_backend_is_compared_with_the_baseline() -> None:
    cpu, cpu2 = _ok("cpu", "cpu", 17.0, LITERT), _ok("cpu-2", "cpu", 85.0, TFLITE)
    tpu = _ok("edgetpu", "edgetpu", 3.4, "Edge TPU (usb:0)")
    found = compare_all([cpu, cpu2, tpu], {}, 5)
    assert [(c.baseline, c.candidate) for c in found] == [("cpu", "cpu-2"), ("cpu", "edgetpu")]
    assert [round(c.speedup_median or 0, 3) for c in found] == [0.2, 5.0]
    found = compare_all([cpu, cpu2, tpu], {}, 5, preferred="cpu-2")
    assert [(c.baseline, c.candidate) for c in found] == [("cpu-2", "cpu"), ("cpu-2", "edgetpu")]


def test_two_cpus_are_told_apart_by_their_runtime() -> None:
    cpu, cpu2 = _ok("cpu", "cpu", 17.0, LITERT), _ok("cpu-2", "cpu", 85.0, TFLITE)
    tpu = _ok("edgetpu", "edgetpu", 3.4, "Edge TPU (usb:0)")
    backends = [cpu, cpu2, tpu]
    assert [display_name(b, backends) for b in backends] == [
        "CPU (LiteRT)", "CPU (tflite-runtime)", "Edge TPU"]
    one = _ok("cpu-3", "cpu", 30.0, "CPU (LiteRT 2.3.0, XNNPACK, 1 thread)")
    assert display_name(one, [cpu, one]) == "CPU (1 thread)"


def test_three_cpus_are_told_apart_by_as_many_parts_as_it_takes() -> None:
    """Kernels alone leave two XNNPACK CPUs alike; their threads then tell them apart (they
    were "CPU (XNNPACK) #1" and "#2")."""
    two = _ok("cpu", "cpu", 17.0, "CPU (LiteRT 2.3.0, XNNPACK, 2 threads)")
    one = _ok("cpu-2", "cpu", 30.0, "CPU (LiteRT 2.3.0, XNNPACK, 1 thread)")
    plain = _ok("cpu-3", "cpu", 130.0, "CPU (LiteRT 2.3.0, reference kernels, 2 threads)")
    backends = [two, one, plain]
    assert [display_name(b, backends) for b in backends] == [
        "CPU (XNNPACK, 2 threads)", "CPU (XNNPACK, 1 thread)", "CPU (reference kernels, 2 threads)"]
    same = _ok("cpu-4", "cpu", 17.0, "CPU (LiteRT 2.3.0, XNNPACK, 2 threads)")
    assert [display_name(b, [two, same]) for b in (two, same)] == ["CPU #1", "CPU #2"]


def test_sentence_names_each_comparison_and_what_did_not_run() -> None:
    cpu, cpu2 = _ok("cpu", "cpu", 17.0, LITERT), _ok("cpu-2", "cpu", 85.0, TFLITE)
    tpu = BackendRecord("edgetpu", "edgetpu", "Edge TPU (first found)", status="error",
                        error=error("edgetpu_runtime_missing"))
    record = RunRecord("", {}, {}, {}, {}, [cpu, cpu2, tpu])
    record.comparisons = compare_all(record.backends, {}, 5)
    record.comparison = record.comparisons[0]
    assert comparison_sentence(record) == (
        "CPU (tflite-runtime) is 5.0× slower than CPU (LiteRT) (median 85.0 ms vs 17.0 ms)"
        " · same top-1 · largest score difference 0.000 · Edge TPU did not run, so there is no "
        "comparison")


def test_result_files_keep_comparison_and_old_files_still_read(tmp_path: Path) -> None:
    cpu, tpu = _ok("cpu", "cpu", 17.0, LITERT), _ok("edgetpu", "edgetpu", 3.4, "Edge TPU")
    record = RunRecord("", {}, {}, {}, {}, [cpu, tpu])
    record.comparisons = compare_all(record.backends, {}, 5)
    record.comparison = record.comparisons[0]
    data = record.to_dict()
    assert data["comparison"] == data["comparisons"][0]
    assert RunRecord.from_dict(data).comparisons == record.comparisons
    del data["comparisons"]  # a file written before there were several comparisons
    data["schema"] = "edgetpu-compare/1"
    old = tmp_path / "old.json"
    old.write_text(json.dumps(data))
    loaded = read_json(old)
    assert loaded.comparisons == [loaded.comparison]
    assert isinstance(loaded.comparison, Comparison) and loaded.comparison.candidate == "edgetpu"


def test_the_html_report_shows_every_comparison_against_the_baseline() -> None:
    from core.results.report_html import render_html

    cpu, cpu2 = _ok("cpu", "cpu", 17.0, LITERT), _ok("cpu-2", "cpu", 85.0, TFLITE)
    tpu = _ok("edgetpu", "edgetpu", 3.4, "Edge TPU (usb:0)")
    record = RunRecord("", {}, {}, {}, {}, [cpu, cpu2, tpu])
    record.comparisons = compare_all(record.backends, {}, 5)
    record.comparison = record.comparisons[0]
    agreement = render_html(record).split("<h2>Agreement</h2>", 1)[1]
    assert agreement.count("<th>Compared</th>") == 2
    assert TFLITE in agreement and "Edge TPU (usb:0)" in agreement
