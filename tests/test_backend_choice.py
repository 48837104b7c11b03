"""The window's set of backends as plain data: rows, checks, baseline, text, a saved result."""

from __future__ import annotations

from core.measure.backend_choice import MAX_BACKENDS, BackendSet, cpu_runtimes, edgetpu_devices
from core.measure.backends import BackendSpec, parse_backend_spec
from core.results.records import BackendRecord, Comparison, RunRecord

CPU, TFLITE = BackendSpec("cpu"), BackendSpec("cpu", runtime="tflite-runtime")
TPU = BackendSpec("edgetpu", performance="low")


def test_rows_round_trip_through_text_with_unchecked_rows() -> None:
    chosen = BackendSet.of([TPU, CPU, TFLITE]).changed(0, on=False)
    assert chosen.baseline == 1  # the first CPU
    texts = chosen.to_texts()
    assert texts == ["-edgetpu:performance=low", "cpu", "cpu:runtime=tflite-runtime"]
    again = BackendSet.from_texts(texts, 1)
    assert again == chosen
    assert again is not None and again.specs() == (CPU, TFLITE)
    assert BackendSet.from_texts(["nonsense", "cpu:threads=abc"]) is None


def test_baseline_id_follows_the_checked_rows() -> None:
    chosen = BackendSet.of([CPU, TPU, TFLITE]).with_baseline(2)
    assert chosen.baseline_id() == "cpu-2"
    assert chosen.changed(0, on=False).baseline_id() == "cpu"  # now the only CPU that runs
    assert chosen.changed(2, on=False).baseline_id() == ""


def test_add_remove_and_the_limit_of_four() -> None:
    chosen = BackendSet.of([CPU, TPU])
    for _ in range(5):
        chosen = chosen.added(TFLITE)
    assert len(chosen.rows) == MAX_BACKENDS and not chosen.can_add()
    chosen = chosen.with_baseline(3).removed(1)
    assert chosen.baseline == 2 and chosen.rows[2][0] == TFLITE
    assert chosen.removed(2).baseline == 0  # the baseline went: the first CPU takes over


def test_a_saved_result_brings_its_own_set_and_baseline() -> None:
    backends = [BackendRecord("cpu", "cpu", "CPU", runtime={"spec": "cpu"}),
                BackendRecord("cpu-2", "cpu", "CPU",
                              runtime={"spec": "cpu:runtime=tflite-runtime"}),
                BackendRecord("edgetpu", "edgetpu", "Edge TPU", runtime={"spec": "edgetpu"})]
    record = RunRecord("", {}, {}, {}, {}, backends,
                       Comparison("cpu-2", "cpu", 5.0, True, 1.0, 0.0))
    chosen = BackendSet.from_record(record)
    assert chosen is not None
    assert chosen.specs() == (CPU, TFLITE, parse_backend_spec("edgetpu"))
    assert chosen.baseline_id() == "cpu-2"


def test_what_can_be_offered_here() -> None:
    offers = {o.name: o for o in cpu_runtimes()}
    assert offers["ai-edge-litert"].usable
    tflite = offers["tflite-runtime"]
    assert tflite.usable or "pip install" in tflite.hint
    assert edgetpu_devices()[0] == ("", "first found")
