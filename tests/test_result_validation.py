"""Issue 10 of the hostile-user list: a saved result is checked fully before it is shown.

NaN and Infinity, 10,000 levels of nesting, a count of 10^12 and a 5,000-character path used to
crash ``screenshot --results`` and the window's Open Saved Result; each is now one clear
``invalid_results`` line (or, for a path that is merely long, shown without crashing).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from core.errors import AppError
from core.results.result_reader import MAX_RESULT_BYTES, parse_result_bytes, read_result_file
from tests.fuzz.targets import result_seed

REPO = Path(__file__).resolve().parent.parent
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _with(change: Any) -> dict[str, Any]:
    tree = json.loads(json.dumps(result_seed()))
    change(tree)
    return tree


def _bad(text: str | bytes) -> str:
    data = text.encode() if isinstance(text, str) else text
    with pytest.raises(AppError) as caught:
        parse_result_bytes(data, "r.json")
    assert caught.value.info.code == "invalid_results"
    return caught.value.info.message


def test_a_valid_file_loads() -> None:
    record = parse_result_bytes(json.dumps(result_seed()).encode())
    assert [b.id for b in record.backends] == ["cpu", "edgetpu", "cpu-2"]


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_not_json(constant: str) -> None:
    text = json.dumps(result_seed()).replace('"median": 4.375', f'"median": {constant}', 1)
    assert "not a result file" in _bad(text)


def test_ten_thousand_levels_of_nesting_are_refused() -> None:
    deep = '{"schema": "edgetpu-compare/1", "host": ' + "[" * 10_000 + "]" * 10_000 + "}"
    message = _bad(deep)
    assert "nested" in message or "not a result file" in message
    shallow_but_too_deep = '{"schema": "edgetpu-compare/1", "x": ' + "[" * 40 + "]" * 40 + "}"
    assert "nested more than" in _bad(shallow_but_too_deep)


@pytest.mark.parametrize("change,where", [
    (lambda t: t["settings"].update(count=10**12), "settings.count"),
    (lambda t: t["backends"][0]["stats"].update(count=10**12), "backends[0].stats.count"),
    (lambda t: t["backends"][0]["latencies_ms"].append("fast"), "backends[0].latencies_ms[4]"),
    (lambda t: t["backends"][0]["latencies_ms"].append(-1.0), "backends[0].latencies_ms[4]"),
    (lambda t: t["backends"][0]["results"][0].update(id=True), "backends[0].results[0].id"),
    (lambda t: t["backends"][0].update(status="great"), "backends[0].status"),
    (lambda t: t["image"].update(path="p" * 5000), "image.path"),
    (lambda t: t["comparison"].update(candidate="nobody"), "comparison.candidate"),
    (lambda t: t["comparison"].update(speedup_median=0), "comparison.speedup_median"),
    (lambda t: t["backends"][2].update(id="cpu"), "backends"),
    (lambda t: t.update(backends={"cpu": 1}), "backends"),
])
def test_each_wrong_field_is_named(change: Any, where: str) -> None:
    assert where in _bad(json.dumps(_with(change)))


def test_a_file_larger_than_the_cap_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:
        handle.truncate(MAX_RESULT_BYTES + 1)
    with pytest.raises(AppError) as caught:
        read_result_file(path)
    assert "too large" in caught.value.info.message


def _screenshot(results: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gui.app.entry", "screenshot", "--results",
                           str(results), "--out", str(out)], cwd=REPO, capture_output=True,
                          text=True, timeout=300)


def test_screenshot_of_a_hostile_result_is_one_line(tmp_path: Path) -> None:
    hostile = tmp_path / "nan.json"
    hostile.write_text(json.dumps(result_seed()).replace('"mean": 4.4375', '"mean": NaN'))
    result = _screenshot(hostile, tmp_path / "x.png")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "x.png").exists()


def test_the_window_shows_a_result_with_a_very_long_path(qtbot: Any, tmp_path: Path) -> None:
    from gui.window.main_window import MainWindow
    from gui.window.settings import Settings

    window = MainWindow(Settings(tmp_path / "s.ini"), restore=False)
    qtbot.addWidget(window)
    for length, shown in ((5000, False), (4000, True)):  # past PATH_MAX; within, but too long
        long_path = ("/" + "/".join(["d" * 300] * 20))[:length - 9] + "/m.tflite"
        tree = _with(lambda t, p=long_path: [b["model"].update(path=p) for b in t["backends"]])
        path = tmp_path / f"long{length}.json"
        path.write_text(json.dumps(tree))
        assert window.files.open_result(path) is shown
        if not shown:
            assert "model.path is longer than 4096" in window.statusBar().currentMessage()
    hostile = tmp_path / "count.json"
    hostile.write_text(json.dumps(_with(lambda t: t["settings"].update(count=10**12))))
    assert not window.files.open_result(hostile)
    assert "settings.count" in window.statusBar().currentMessage()


@pytest.mark.parametrize("change,where", [
    (lambda t: t.update(comparisons=[None]), "comparisons[0] is not an object"),
    (lambda t: t.update(comparisons="x"), "comparisons is not a list"),
    (lambda t: t.update(comparisons=["x"]), "comparisons[0] is not an object"),
    (lambda t: t.update(comparisons=[{"baseline": "cpu", "candidate": "cpu-2",
                                      "topk_overlap": "all"}]), "comparisons[0].topk_overlap"),
    (lambda t: t.update(comparisons=[{"baseline": "cpu", "candidate": "ghost"}]),
     "comparisons[0].candidate"),
    (lambda t: t.update(comparisons=[{"baseline": "cpu", "top1_agree": "yes"}]),
     "comparisons[0].top1_agree"),
    (lambda t: t.update(comparisons=[{"candidate": "cpu-2"}]), "comparisons[0].baseline"),
    (lambda t: t["backends"][0].update(label=None), "backends[0].label is not text"),
    (lambda t: t.update(created=None), "created is not text"),
    (lambda t: t["backends"][1]["error"].update(code=None), "backends[1].error.code"),
    (lambda t: t["backends"][0]["model"].update(edgetpu_compiled="no"),
     "backends[0].model.edgetpu_compiled"),
    (lambda t: t["backends"][0]["runtime"].update(library=7), "backends[0].runtime.library"),
    (lambda t: t["settings"].update(baseline=["cpu"]), "settings.baseline"),
])
def test_every_field_read_is_checked_and_named(change: Any, where: str) -> None:
    message = _bad(json.dumps(_with(change)))
    assert where in message and "(" not in message.split("damaged")[-1][:2]


def _record_with(latencies: list[float]) -> Any:
    from core.results.records import RunRecord

    record = RunRecord.from_dict(result_seed())
    for backend in record.backends:
        backend.latencies_ms = list(latencies)
    return record


def test_a_written_latency_never_takes_more_than_its_share_of_the_cap() -> None:
    from core.results.result_files import to_json
    from core.results.result_reader import LATENCY_BYTES, MAX_MS

    empty = len(to_json(_record_with([])).encode())
    for value in (MAX_MS, 999_999_999.999999, 123.456789, 0.000001, 1.5e-05, 0.0, 3.0):
        size = len(to_json(_record_with([value] * 1000)).encode()) - empty
        assert size <= 3 * 1000 * LATENCY_BYTES, (value, size / 3000)


def test_the_cap_holds_the_largest_run_the_program_accepts(
        small_model: Path, parrot: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from core.cli.main import main
    from core.results.result_files import to_json
    from core.results.result_reader import FIXED_BYTES, LATENCY_BYTES, MAX_COUNT, MAX_LATENCIES

    assert MAX_RESULT_BYTES >= FIXED_BYTES + MAX_LATENCIES * LATENCY_BYTES
    assert MAX_LATENCIES >= 4 * MAX_COUNT  # the window's four backends at the largest count
    assert len(to_json(_record_with([])).encode()) * 100 < FIXED_BYTES
    code = main(["run", "--model", str(small_model), "--image", str(parrot), "--count",
                 str(MAX_COUNT), *["--backend=cpu"] * 5])
    assert code == 2 and "more than one result file holds" in capsys.readouterr().err


def test_a_long_run_written_is_read_back(tmp_path: Path) -> None:
    """200,000 latencies per backend: once 3.6 MB each in one line per value, now 1.8 MB."""
    from core.results.result_files import to_json, write_json

    latencies = [0.293456 + (i % 1000) * 1e-6 for i in range(200_000)]
    record = _record_with(latencies)
    path = tmp_path / "long.json"
    write_json(record, path)
    assert path.stat().st_size < 3 * 200_000 * 10 + 10_000
    back = read_result_file(path)
    assert list(back.backends[0].latencies_ms) == [round(x, 6) for x in latencies]
    assert to_json(back) == path.read_text()


def test_the_largest_values_the_program_writes_are_read_back() -> None:
    from core.inputs.labels import MAX_LABEL_CHARS, parse_labels
    from core.results.records import Prediction
    from core.results.result_files import to_json
    from core.results.result_reader import MAX_BACKENDS, MAX_CLASS_ID

    record = _record_with([1.0])
    long_label = "x" * MAX_LABEL_CHARS  # the longest a labels file may hold
    assert parse_labels(long_label + "\n").names[0] == long_label
    first = record.backends[0]
    first.results = [Prediction(MAX_CLASS_ID, long_label, -3.5)]
    first.runtime["library"] = "/" + "d/" * 2000 + "libedgetpu.so.1"
    record.image.update(width=20_000_000, height=1)  # a 20-megapixel strip decodes in budget
    record.backends += [replace(first, id=f"cpu-{i}") for i in range(3, MAX_BACKENDS)]
    back = parse_result_bytes(to_json(record).encode())
    assert back.backends[0].results[0].label == long_label and len(back.backends) == MAX_BACKENDS


def test_a_labels_line_longer_than_a_result_file_keeps_is_refused() -> None:
    from core.inputs.labels import MAX_LABEL_CHARS, parse_labels

    with pytest.raises(AppError) as caught:
        parse_labels("cat\n" + "x" * (MAX_LABEL_CHARS + 1) + "\n")
    assert caught.value.info.code == "invalid_labels" and "line 2" in caught.value.info.message


def test_run_refuses_more_backends_than_a_result_file_keeps(
        small_model: Path, parrot: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from core.cli.main import main
    from core.results.result_reader import MAX_BACKENDS

    code = main(["run", "--model", str(small_model), "--image", str(parrot), "--count", "1",
                 *["--backend=cpu:threads=1"] * (MAX_BACKENDS + 1)])
    assert code == 2 and "more than one result file holds" in capsys.readouterr().err



def _runtime(runtime: dict[str, Any]) -> bytes:
    def change(tree: dict[str, Any]) -> None:
        tree["backends"][0]["runtime"] = runtime
    return json.dumps(_with(change)).encode()


def test_an_older_files_thread_sentence_is_read_as_numbers() -> None:
    old = parse_result_bytes(_runtime({"name": "ai-edge-litert",
                                       "threads": "one core each (cores 0, 1)"}))
    assert old.backends[0].runtime == {"name": "ai-edge-litert", "threads": 2, "pinned": True,
                                       "cores": [0, 1]}
    prose = parse_result_bytes(_runtime({"threads": "some other words"}))
    assert "threads" not in prose.backends[0].runtime


def test_the_thread_fields_are_checked() -> None:
    new = parse_result_bytes(_runtime({"threads": 4, "pinned": False, "cores": []}))
    assert new.backends[0].runtime == {"threads": 4, "pinned": False, "cores": []}
    assert "runtime.pinned is not true" in _bad(_runtime({"threads": 2, "pinned": "yes"}))
    assert "runtime.cores[1] is not a whole number" in _bad(
        _runtime({"threads": 2, "pinned": True, "cores": [0, 1.5]}))
    assert "runtime.threads is 0" in _bad(_runtime({"threads": 0}))
