"""The comparison line in every situation a run can end in, and the file-kind sniffing."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtGui import QColor

from core.errors import error
from core.results.records import BackendRecord, Comparison, Prediction
from core.results.stats import compute_stats
from gui.look.comparison_text import comparison_sentence
from gui.window import file_kinds
from tests import gui_support  # noqa: F401 - offscreen Qt and isolated settings

MACAW = Prediction(923, "Ara macao (Scarlet Macaw)", 0.80)


def _ok(bid: str, kind: str, median: float, top: Prediction = MACAW) -> BackendRecord:
    latencies = [median] * 5
    label = "CPU (LiteRT 2.3.0, XNNPACK, 2 threads)" if kind == "cpu" else "Edge TPU (usb:0)"
    return BackendRecord(bid, kind, label, status="ok", latencies_ms=latencies,
                         stats=compute_stats(latencies), results=[top])


def _failed(bid: str, kind: str, code: str = "edgetpu_runtime_missing") -> BackendRecord:
    return BackendRecord(bid, kind, "Edge TPU (first device)", status="error",
                         error=error(code))


def test_faster_same_answer_reads_like_the_issue() -> None:
    cpu, tpu = _ok("cpu", "cpu", 36.4), _ok("edgetpu", "edgetpu", 3.1,
                                             Prediction(923, MACAW.label, 0.78))
    comparison = Comparison("cpu", "edgetpu", 36.4 / 3.1, True, 1.0, 0.02)
    assert comparison_sentence([cpu, tpu], comparison) == (
        "Edge TPU is 11.7× faster than CPU (median 3.10 ms vs 36.4 ms) · same top-1 · "
        "largest score difference 0.020")


def test_live_without_a_comparison_uses_the_top_k_scores() -> None:
    cpu, tpu = _ok("cpu", "cpu", 8.0), _ok("edgetpu", "edgetpu", 2.0,
                                            Prediction(923, MACAW.label, 0.75))
    assert comparison_sentence([cpu, tpu]).endswith("same top-1 · largest score difference 0.050")


def test_slower_is_called_slower_and_a_different_answer_is_named() -> None:
    cpu = _ok("cpu", "cpu", 0.5)
    tpu = _ok("edgetpu", "edgetpu", 1.5, Prediction(7, "cock", 0.4))
    sentence = comparison_sentence([cpu, tpu])
    assert sentence.startswith("Edge TPU is 3.0× slower than CPU (median 1.50 ms vs 0.500 ms)")
    assert "different top-1 (cock vs Ara macao (Scarlet Macaw))" in sentence


def test_about_as_fast() -> None:
    sentence = comparison_sentence([_ok("cpu", "cpu", 4.0), _ok("edgetpu", "edgetpu", 4.05)])
    assert sentence.startswith("Edge TPU is as fast as CPU")


def test_a_failed_edgetpu_is_said_plainly() -> None:
    sentence = comparison_sentence([_ok("cpu", "cpu", 3.94), _failed("edgetpu", "edgetpu")])
    assert sentence == ("CPU: median 3.94 ms · top-1 Ara macao (Scarlet Macaw) (0.80) · "
                        "Edge TPU did not run, so there is no comparison")


def test_only_one_backend_and_nothing_measured() -> None:
    assert comparison_sentence([_ok("cpu", "cpu", 12.0)]).endswith("only one backend was run")
    assert comparison_sentence([_failed("cpu", "cpu", "runtime_missing"),
                                _failed("edgetpu", "edgetpu")]) == \
        "Nothing was measured: no backend could run."
    assert comparison_sentence([]) == ""


def test_a_stopped_run_says_what_was_stopped() -> None:
    stopped = BackendRecord("edgetpu", "edgetpu", "Edge TPU (usb:0)", status="cancelled")
    sentence = comparison_sentence([_ok("cpu", "cpu", 5.0), stopped])
    assert sentence.endswith("Edge TPU was stopped before it was measured")


def test_file_kinds_come_from_the_content(coral: Path, tmp_path: Path) -> None:
    assert file_kinds.kind_of(coral / "models" / "mobilenet_v1_0.25_128_quant.tflite") == "model"
    assert file_kinds.kind_of(coral / "labels" / "coco_labels.txt") == "labels"
    for image in ("parrot.jpg", "bird.bmp"):
        assert file_kinds.kind_of(coral / "images" / image) == "image"
    renamed = tmp_path / "model.dat"
    shutil.copy(coral / "models" / "mobilenet_v1_0.25_128_quant.tflite", renamed)
    assert file_kinds.kind_of(renamed) == "model"
    result = tmp_path / "r.json"
    result.write_text('{"schema": "edgetpu-compare/1"}')
    other = tmp_path / "o.json"
    other.write_text('{"name": "package"}')
    assert file_kinds.kind_of(result) == "result"
    assert file_kinds.kind_of(other) is None
    assert file_kinds.kind_of(tmp_path / "missing.txt") is None
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\xff" * 100)
    assert file_kinds.kind_of(binary) is None


def test_three_cpus_are_named_apart_in_the_windows_words(qapp: object) -> None:
    from gui.look import translations
    from gui.look.formatting import display_name

    labels = ("CPU (LiteRT 2.3.0, XNNPACK, 2 threads)", "CPU (LiteRT 2.3.0, XNNPACK, 1 thread)",
              "CPU (LiteRT 2.3.0, reference kernels, 2 threads)")
    backends = [BackendRecord(f"cpu-{i}", "cpu", label) for i, label in enumerate(labels)]
    try:
        translations.set_language("ja")
        names = [display_name(b, backends) for b in backends]
    finally:
        translations.set_language("en")
    assert names == ["CPU（XNNPACK、2 スレッド）", "CPU（XNNPACK、1 スレッド）",
                     "CPU（リファレンスカーネル、2 スレッド）"]
    assert [display_name(b, backends) for b in backends][2] == \
        "CPU (reference kernels, 2 threads)"


def test_a_class_no_label_file_names_is_said_in_the_windows_words(qapp: object) -> None:
    """Without labels core says ``class 3``; a Japanese window showed it in English."""
    from gui.look import translations
    from gui.look.formatting import label_text
    from gui.widgets.topk_widget import TopKWidget

    base = _ok("cpu", "cpu", 10.0, Prediction(3, "class 3", 0.9))
    try:
        translations.set_language("ja")
        topk = TopKWidget(QColor("#2f6fdb"))
        topk.set_predictions([Prediction(3, "class 3", 0.9), Prediction(7, "class 7b", 0.1)])
        shown = (label_text("class 3"), label_text("Ara macao"), topk.rows(),
                 comparison_sentence([base]))
    finally:
        translations.set_language("en")
    assert shown[:3] == ("クラス 3", "Ara macao", ["クラス 3: 0.90", "class 7b: 0.10"])
    assert "クラス 3" in shown[3] and "class 3" not in shown[3]
    assert label_text("class 3") == "class 3"
