"""``edgetpu-compare run`` as a user types it: exit codes, printed results, result files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from core.cli.main import main
from core.results.records import SCHEMA
from tests.bird_answer import bird_score_in

REPO = Path(__file__).resolve().parent.parent


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    """The real entry point in a child process: what a user sees, tracebacks included."""
    return subprocess.run([sys.executable, "-m", "gui.app.entry", *args], cwd=REPO,
                          capture_output=True, text=True, timeout=600)


def test_must_show_bird_on_cpu_and_missing_edgetpu(
        tmp_path: Path, bird_model: Path, bird_labels: Path, parrot: Path) -> None:
    out = tmp_path / "out.json"
    csv_out = tmp_path / "out.csv"
    html_out = tmp_path / "out.html"
    result = _cli("run", "--model", str(bird_model), "--labels", str(bird_labels), "--image",
                  str(parrot), "--count", "50", "--json", str(out), "--csv", str(csv_out),
                  "--html", str(html_out))
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    bird_score_in(result.stdout)
    assert "edgetpu_runtime_missing" in result.stdout and "remedy:" in result.stdout
    data = json.loads(out.read_text())
    assert data["schema"] == SCHEMA
    cpu, tpu = data["backends"]
    assert cpu["status"] == "ok" and len(cpu["latencies_ms"]) == 50
    assert cpu["stats"]["count"] == 50 and cpu["results"][0]["id"] == 923
    assert abs(cpu["results"][0]["score"] - 0.79) < 0.03
    assert cpu["runtime"]["name"] == "ai-edge-litert"
    assert tpu["status"] == "error" and tpu["error"]["code"] == "edgetpu_runtime_missing"
    assert tpu["error"]["remedy"]
    for key in ("created", "image", "labels", "settings", "host", "comparison"):
        assert key in data
    assert data["image"]["width"] > 0 and len(data["image"]["sha256"]) == 64
    report = html_out.read_text(encoding="utf-8")
    assert "Ara macao (Scarlet Macaw)" in report and "No Edge TPU runtime" in report
    rows = csv_out.read_text().splitlines()
    assert rows[0] == "backend,label,phase,iteration,latency_ms"
    assert sum(1 for r in rows if r.startswith("cpu,") and ",timed," in r) == 50


def test_cpu_only_exits_zero(capsys: pytest.CaptureFixture[str], bird_model: Path,
                             bird_labels: Path, parrot: Path) -> None:
    code = main(["run", "--model", str(bird_model), "--labels", str(bird_labels), "--image",
                 str(parrot), "--count", "5", "--backend", "cpu"])
    out = capsys.readouterr().out
    assert code == 0
    assert "Ara macao (Scarlet Macaw)" in out
    assert "CPU: median " in out and " · only one backend was run" in out


def _invalid_inputs(tmp: Path, coral: Path) -> dict[str, list[str]]:
    model = coral / "models" / "mobilenet_v1_0.25_128_quant.tflite"
    image = coral / "images" / "parrot.jpg"
    data = model.read_bytes()
    (tmp / "truncated.tflite").write_bytes(data[: len(data) // 2])
    (tmp / "head.tflite").write_bytes(data[:64])
    (tmp / "empty.tflite").write_bytes(b"")
    (tmp / "photo.tflite").write_bytes(image.read_bytes())
    (tmp / "notes.jpg").write_text("this is not a picture\n")
    cases = {f"invalid/{p.name}": [str(p), str(image)] for p in (coral / "invalid").iterdir()
             if p.suffix == ".tflite"}
    for name in ("truncated.tflite", "head.tflite", "empty.tflite", "photo.tflite"):
        cases[name] = [str(tmp / name), str(image)]
    cases["text as image"] = [str(model), str(tmp / "notes.jpg")]
    cases["missing model"] = [str(tmp / "nope.tflite"), str(image)]
    cases["missing image"] = [str(model), str(tmp / "nope.jpg")]
    return cases


def test_every_bad_input_is_one_error_line_and_exit_2(
        tmp_path: Path, coral: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name, (model, image) in _invalid_inputs(tmp_path, coral).items():
        code = main(["run", "--model", model, "--image", image, "--backend", "cpu"])
        captured = capsys.readouterr()
        lines = captured.err.strip().splitlines()
        assert code == 2, name
        assert len(lines) == 1 and lines[0].startswith("error: "), (name, captured.err)
        assert captured.out == "", name  # nothing ran


def test_bad_labels_and_options_are_exit_2(tmp_path: Path, small_model: Path, parrot: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("caf\xe9\n".encode("latin-1"))
    base = ["run", "--model", str(small_model), "--image", str(parrot)]
    for extra in (["--labels", str(latin)], ["--count", "0"], ["--count", "many"],
                  ["--backend", "gpu"], ["--json", str(tmp_path / "no" / "dir.json")],
                  ["--top-k", "-1"]):
        assert main([*base, *extra]) == 2, extra
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and err[0].startswith("error: "), (extra, err)


def test_no_traceback_from_the_real_entry_point(tmp_path: Path, parrot: Path) -> None:
    empty = tmp_path / "empty.tflite"
    empty.write_bytes(b"")
    result = _cli("run", "--model", str(empty), "--image", str(parrot))
    assert result.returncode == 2
    assert result.stderr.startswith("error: ") and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_result_files_are_readable_by_others(tmp_path: Path) -> None:
    import os
    import stat

    from core.io.outputs import write_atomic

    target = tmp_path / "report.json"
    write_atomic(target, "{}")
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary left


def test_baseline_chooses_what_the_others_are_compared_with(
        tmp_path: Path, small_model: Path, parrot: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.json"
    code = main(["run", "--model", str(small_model), "--image", str(parrot), "--count", "3",
                 "--warmup", "0", "--backend", "cpu:threads=1", "--backend",
                 "cpu:threads=1,xnnpack=off", "--backend", "edgetpu", "--baseline", "cpu-2",
                 "--json", str(out)])
    assert code == 1  # the Edge TPU is absent here
    data = json.loads(out.read_text())
    assert [(c["baseline"], c["candidate"]) for c in data["comparisons"]] == [("cpu-2", "cpu")]
    assert data["comparison"] == data["comparisons"][0]
    assert data["settings"]["baseline"] == "cpu-2"
    printed = capsys.readouterr().out
    assert "CPU (XNNPACK) is " in printed and " CPU (reference kernels) (median" in printed
    assert "[edgetpu_runtime_missing]" in printed
    assert " · Edge TPU did not run\n" in printed  # Coral's figure, printed below, stands in


def test_an_unknown_baseline_is_exit_2(small_model: Path, parrot: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["run", "--model", str(small_model), "--image", str(parrot),
                 "--backend", "cpu", "--baseline", "edgetpu"])
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith("error: --baseline edgetpu is not one of the backends") and \
        "Use one of: cpu." in err
