"""Booth mode's loop without a window: image order, bounded buffers, rates, errors, speedup."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from core.errors import error
from core.measure.backends import BackendSpec
from core.measure.booth import (
    SURE_SCORE,
    BoothConfig,
    BoothLoop,
    default_image_folder,
    is_sure,
    list_images,
)
from core.measure.events import (
    BackendFailed,
    BackendFinished,
    BackendPlan,
    BackendStarted,
    FirstInference,
    LatencyBatch,
    RunPlanned,
    RunRejected,
    SessionFinished,
)
from core.measure.session import RunRequest
from core.results.records import BackendRecord, Prediction, RunRecord

CAT = Prediction(282, "tiger cat", 0.6)
DOG = Prediction(207, "golden retriever", 0.5)


def _images(folder: Path, names: list[str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_bytes(b"")
    return [folder / n for n in names]


def _started(loop: BoothLoop, *ids: str) -> None:
    loop.apply(BackendStarted(i, "edgetpu" if i.startswith("edgetpu") else "cpu", i.upper(),
                              "m.tflite") for i in ids)


def _finished(*backends: BackendRecord) -> SessionFinished:
    return SessionFinished(RunRecord("", {}, {}, {}, {}, list(backends)))


def test_images_are_listed_by_name_and_only_pictures(tmp_path: Path) -> None:
    _images(tmp_path, ["b.JPG", "a.bmp", "notes.txt", "c.png", "model.tflite"])
    (tmp_path / "sub.jpg").mkdir()
    assert [p.name for p in list_images(tmp_path)] == ["a.bmp", "b.JPG", "c.png"]
    assert list_images(tmp_path / "missing") == []


def test_the_loop_goes_through_every_image_and_wraps_around(tmp_path: Path) -> None:
    images = _images(tmp_path, ["1.jpg", "2.jpg", "3.jpg"])
    loop = BoothLoop(images)
    assert loop.current is None
    seen = [loop.next_image() for _ in range(7)]
    assert seen == [*images, *images, images[0]]
    assert loop.position == 1


def test_the_loop_can_start_at_a_chosen_image(tmp_path: Path) -> None:
    images = _images(tmp_path, ["1.jpg", "2.jpg", "3.jpg"])
    loop = BoothLoop(images, start=images[2])
    assert [loop.next_image() for _ in range(2)] == [images[2], images[0]]
    with pytest.raises(ValueError):
        BoothLoop([])


def test_each_image_gets_the_booth_count_and_its_answers_are_forgotten(tmp_path: Path) -> None:
    images = _images(tmp_path, ["1.jpg", "2.jpg"])
    loop = BoothLoop(images, BoothConfig(count=30, warmup=1, dwell_s=0))
    template = RunRequest(Path("m.tflite"), Path("x.jpg"), count=999)
    request = loop.request(template, loop.next_image())
    assert (request.image, request.count, request.warmup) == (images[0], 30, 1)
    loop.expect(template)
    loop.apply([FirstInference("cpu", 2.0, (CAT,))])
    assert loop.backends["cpu"].top1 == CAT
    loop.next_image()
    assert loop.backends["cpu"].top1 is None


def test_expect_knows_every_backend_before_it_reports(tmp_path: Path) -> None:
    loop = BoothLoop(_images(tmp_path, ["1.jpg"]))
    loop.expect(RunRequest(Path("m"), Path("i"), backends=(
        BackendSpec("cpu", threads=1), BackendSpec("edgetpu"), BackendSpec("cpu", threads=2))))
    assert list(loop.backends) == ["cpu", "edgetpu", "cpu-2"]
    assert loop.backends["edgetpu"].kind == "edgetpu"
    assert loop.backends["cpu"].label.startswith("CPU (")


def test_latency_buffers_stay_bounded_however_long_it_runs(tmp_path: Path) -> None:
    loop = BoothLoop(_images(tmp_path, ["1.jpg"]), BoothConfig(window=100))
    _started(loop, "cpu")
    for n in range(1000):
        loop.apply([LatencyBatch("cpu", (float(n),) * 7, 7, 7)])
    cpu = loop.backends["cpu"]
    assert len(cpu.latencies_ms) == 100
    assert cpu.inferences == 7000
    assert min(cpu.latencies_ms) == 985.0, "the window holds the most recent latencies"
    assert len(loop.backends) == 1


def test_median_and_inferences_per_second(tmp_path: Path) -> None:
    loop = BoothLoop(_images(tmp_path, ["1.jpg"]))
    _started(loop, "cpu")
    cpu = loop.backends["cpu"]
    assert cpu.median_ms() is None and cpu.per_second() is None
    loop.apply([LatencyBatch("cpu", (1.0, 2.0, 3.0, 4.0, 10.0), 5, 5)])
    assert cpu.median_ms() == 3.0
    assert cpu.per_second() == pytest.approx(1000 / 4.0), "one after another: 1000 / mean"


def test_speedup_needs_two_measured_backends_and_compares_answers(tmp_path: Path) -> None:
    loop = BoothLoop(_images(tmp_path, ["1.jpg"]))
    _started(loop, "cpu", "edgetpu")
    loop.apply([LatencyBatch("cpu", (6.0, 6.0, 6.0), 3, 3)])
    assert loop.speedup() is None
    loop.apply([LatencyBatch("edgetpu", (0.5, 0.5, 0.5), 3, 3),
                BackendFinished("cpu", (CAT, DOG)), BackendFinished("edgetpu", (CAT,))])
    speedup = loop.speedup()
    assert speedup is not None
    assert speedup.factor == pytest.approx(12.0)
    assert speedup.verdict == "faster" and speedup.same_top1 is True
    assert speedup.baseline.id == "cpu" and speedup.candidate.id == "edgetpu"
    loop.apply([FirstInference("edgetpu", 1.0, (DOG,))])
    assert loop.speedup().same_top1 is False  # type: ignore[union-attr]
    loop.apply([LatencyBatch("edgetpu", (6.1,) * 10, 10, 10)])
    assert loop.speedup().verdict == "same"  # type: ignore[union-attr]


def test_a_failure_is_remembered_until_the_backend_measures_again(tmp_path: Path) -> None:
    loop = BoothLoop(_images(tmp_path, ["1.jpg", "2.jpg"]))
    _started(loop, "cpu", "edgetpu")
    loop.apply([LatencyBatch("cpu", (6.0,), 1, 1), LatencyBatch("edgetpu", (0.5,), 1, 1)])
    failure = error("edgetpu_not_found")
    loop.apply([BackendFailed("edgetpu", failure)])
    tpu = loop.backends["edgetpu"]
    assert tpu.error == failure and not tpu.measured and not tpu.latencies_ms
    assert loop.speedup() is None
    loop.apply([_finished(BackendRecord("cpu", "cpu", "CPU", status="ok", results=[CAT]),
                          BackendRecord("edgetpu", "edgetpu", "Edge TPU (usb:0)",
                                        status="error", error=failure))])
    assert loop.comparisons == 1
    assert tpu.error == failure, "the loop goes on; the failure stays on its tile"
    assert tpu.label == "Edge TPU (usb:0)"
    loop.next_image()
    loop.apply([BackendFailed("edgetpu", error("cancelled"))])
    assert tpu.error == failure, "a cancel is not a new failure"
    loop.apply([LatencyBatch("edgetpu", (0.4,), 1, 1)])
    assert tpu.error is None and tpu.measured


def test_a_backend_that_fails_before_it_starts_gets_its_name_from_the_record(
        tmp_path: Path) -> None:
    loop = BoothLoop(_images(tmp_path, ["1.jpg"]))
    loop.apply([RunPlanned((BackendPlan("edgetpu", "edgetpu", "Edge TPU", "m.tflite",
                                        "edgetpu"),), 20),
                BackendFailed("edgetpu", error("model_not_compiled"))])
    assert loop.backends["edgetpu"].kind == "edgetpu"
    loop.apply([_finished(BackendRecord("edgetpu", "edgetpu", "Edge TPU (first found)",
                                        status="error", error=error("model_not_compiled")))])
    assert loop.backends["edgetpu"].label == "Edge TPU (first found)"


def test_an_unreadable_picture_leaves_the_loop_and_is_not_counted(tmp_path: Path) -> None:
    images = _images(tmp_path, ["1.jpg", "2.jpg", "3.jpg"])
    loop = BoothLoop(images)
    assert loop.next_image() == images[0]
    assert loop.next_image() == images[1]
    loop.apply([RunRejected(error("invalid_image"))])
    assert loop.comparisons == 0 and loop.rounds == 1
    assert loop.rejected is None, "a broken picture is a notice, not the headline"
    assert loop.skipped == [(images[1], error("invalid_image"))]
    assert [loop.next_image() for _ in range(3)] == [images[2], images[0], images[2]]
    assert loop.images == (images[0], images[2])


def test_a_model_the_session_refuses_is_remembered_not_counted(tmp_path: Path) -> None:
    loop = BoothLoop(_images(tmp_path, ["1.jpg"]))
    loop.next_image()
    loop.reject(error("invalid_model"))
    assert loop.comparisons == 0 and loop.rejected is not None and not loop.skipped
    loop.next_image()
    assert loop.rejected is None, "the headline changes with the picture"
    loop.apply([_finished(BackendRecord("cpu", "cpu", "CPU", status="error",
                                        error=error("invalid_model")))])
    assert loop.comparisons == 0 and loop.rounds == 2, "nothing measured: no comparison"
    loop.apply([_finished(BackendRecord("cpu", "cpu", "CPU", status="ok", results=[CAT]))])
    assert loop.comparisons == 1


def test_a_new_picture_starts_with_no_numbers(tmp_path: Path) -> None:
    loop = BoothLoop(_images(tmp_path, ["1.jpg", "2.jpg"]))
    loop.next_image()
    _started(loop, "cpu", "edgetpu")
    loop.apply([LatencyBatch("cpu", (6.0,), 1, 1), LatencyBatch("edgetpu", (0.5,), 1, 1),
                FirstInference("cpu", 6.0, (CAT,))])
    assert loop.speedup() is not None
    loop.next_image()
    cpu = loop.backends["cpu"]
    assert cpu.median_ms() is None and cpu.top1 is None and loop.speedup() is None
    assert cpu.inferences == 1, "the day's total stays"


def test_weak_answers_and_background_are_not_sure() -> None:
    assert is_sure(CAT)
    assert not is_sure(Prediction(1, "Common Grackle", 0.06))
    assert not is_sure(Prediction(0, "background", 0.86))
    assert is_sure(Prediction(9, "ostrich", SURE_SCORE))


def test_the_watchdog_marks_the_backend_that_was_busy(tmp_path: Path) -> None:
    loop = BoothLoop(_images(tmp_path, ["1.jpg"]))
    loop.next_image()
    assert loop.running() is None
    loop.apply([RunPlanned((BackendPlan("cpu", "cpu", "CPU", "m", "cpu"),
                            BackendPlan("edgetpu", "edgetpu", "Edge TPU", "m", "edgetpu")), 20),
                BackendStarted("edgetpu", "edgetpu", "Edge TPU", "m.tflite")])
    assert loop.running() == "edgetpu"
    hung = error("worker_crashed", "Edge TPU stopped responding.")
    loop.stalled("edgetpu", hung)
    loop.apply([BackendFailed("edgetpu", error("cancelled"))])
    assert loop.backends["edgetpu"].error == hung, "the cancel it caused does not hide why"


def test_the_default_folder_is_the_fetched_samples_else_the_current_images(
        tmp_path: Path, parrot: Path) -> None:
    empty, fetched = tmp_path / "empty", tmp_path / "fetched"
    empty.mkdir()
    shutil.copy(parrot, (fetched / "images").mkdir(parents=True) or fetched / "images")
    assert default_image_folder([empty, fetched], parrot) == fetched / "images"
    assert default_image_folder([empty], parrot) == parrot.parent
    assert default_image_folder([empty], None) is None


def test_the_configuration_is_checked() -> None:
    with pytest.raises(ValueError):
        BoothConfig(count=0)
    with pytest.raises(ValueError):
        BoothConfig(window=0)
    with pytest.raises(ValueError):
        BoothConfig(stall_s=0)
