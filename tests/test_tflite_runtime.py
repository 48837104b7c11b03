"""tflite-runtime's success path, for real: it runs beside LiteRT and is compared with it.

tflite-runtime 2.14 needs numpy < 2 and Python <= 3.11, so the project's own environment does
not have it; ``./bootstrap test`` runs this module (marker ``tflite``) in the second environment
``.venv-tflite``, where it is installed. Elsewhere these tests are skipped with that reason. No Qt
here: that environment has none.
"""

from __future__ import annotations

import importlib.util
import json
from importlib import metadata
from pathlib import Path

import pytest

from core.cli.main import main
from core.edgetpu.doctor import run_doctor
from core.measure.backends import BackendSpec, parse_backend_spec
from core.measure.session import RunRequest, Session
from core.results.summary import comparison_sentence

pytestmark = [
    pytest.mark.tflite,
    pytest.mark.skipif(importlib.util.find_spec("tflite_runtime") is None,
                       reason="tflite-runtime is not installed here; ./bootstrap test runs "
                              "these tests in .venv-tflite"),
]

LITERT = BackendSpec("cpu", threads=1)
TFLITE = BackendSpec("cpu", runtime="tflite-runtime", threads=1)


def test_tflite_runtime_runs_beside_litert_and_agrees(small_model: Path, parrot: Path) -> None:
    record = Session(RunRequest(small_model, parrot, backends=(LITERT, TFLITE), count=5,
                                warmup=1)).run()
    litert, tflite = record.backends
    assert (litert.status, tflite.status) == ("ok", "ok"), (litert.error, tflite.error)
    version = metadata.version("tflite-runtime")
    # XNNPACK takes no uint8 operation in tflite-runtime: the label says what really ran.
    assert tflite.label == f"CPU (tflite-runtime {version}, built-in kernels, 1 thread)"
    assert tflite.runtime["kernels"].startswith("built-in") and "XNNPACK" in litert.label
    assert tflite.runtime["name"] == "tflite-runtime" and tflite.runtime["version"] == version
    assert len(tflite.latencies_ms) == 5
    assert litert.results[0].id == tflite.results[0].id
    assert [(c.baseline, c.candidate) for c in record.comparisons] == [("cpu", "cpu-2")]
    assert record.comparison == record.comparisons[0]
    assert record.comparison.speedup_median is not None
    sentence = comparison_sentence(record)
    assert sentence.startswith("CPU (tflite-runtime) is ") and " CPU (LiteRT) (median " in sentence


def test_tflite_runtime_can_be_the_baseline(small_model: Path, parrot: Path) -> None:
    record = Session(RunRequest(small_model, parrot, backends=(LITERT, TFLITE), count=3,
                                warmup=0, baseline="cpu-2")).run()
    assert [(c.baseline, c.candidate) for c in record.comparisons] == [("cpu-2", "cpu")]
    assert record.settings["baseline"] == "cpu-2"


def test_tflite_runtime_without_xnnpack(small_model: Path, parrot: Path) -> None:
    spec = parse_backend_spec("cpu:runtime=tflite-runtime,xnnpack=off,threads=1")
    record = Session(RunRequest(small_model, parrot, backends=(spec,), count=2,
                                warmup=0)).run()
    assert record.backends[0].status == "ok", record.backends[0].error
    assert "reference kernels" in record.backends[0].label


def test_run_command_with_tflite_runtime_writes_its_result(
        tmp_path: Path, small_model: Path, parrot: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "result.json"
    code = main(["run", "--model", str(small_model), "--image", str(parrot), "--count", "3",
                 "--warmup", "0", "--backend", "cpu:threads=1", "--backend",
                 "cpu:runtime=tflite-runtime,threads=1", "--json", str(out)])
    assert code == 0, capsys.readouterr()
    data = json.loads(out.read_text())
    assert [b["runtime"]["name"] for b in data["backends"]] == ["ai-edge-litert",
                                                                  "tflite-runtime"]
    assert data["comparisons"][0]["candidate"] == "cpu-2"
    assert "CPU (tflite-runtime) is " in capsys.readouterr().out


def test_doctor_says_tflite_runtime_works_with_this_numpy() -> None:
    check = run_doctor(probe=False).find("tflite-runtime")
    assert check is not None and check.status == "ok", check
    assert check.value.startswith(metadata.version("tflite-runtime"))
