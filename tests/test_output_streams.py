"""stdout on a full disk, or unable to encode a label: no traceback, the files still written.

Run as a user runs the command, in a child process: ``> /dev/full`` and
``PYTHONIOENCODING=ascii`` act on the real interpreter's streams.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FULL = Path("/dev/full")


def _cli(*args: str | Path, stdout: int | None = subprocess.PIPE,
         **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gui.app.entry", *map(str, args)], cwd=REPO,
                          stdout=stdout, stderr=subprocess.PIPE, text=True, timeout=300,
                          env={**os.environ, **env}, check=False)


@pytest.fixture()
def odd_labels(tmp_path: Path, small_model: Path) -> Path:
    """Every class named with characters ASCII cannot encode."""
    path = tmp_path / "labels.txt"
    path.write_text("".join(f"café ☕ カフェ {i}\n" for i in range(1001)), encoding="utf-8")
    return path


@pytest.mark.skipif(not FULL.exists(), reason="needs /dev/full (Linux)")
def test_run_onto_a_full_device_still_writes_its_json(
        tmp_path: Path, small_model: Path, parrot: Path) -> None:
    out = tmp_path / "out.json"
    with FULL.open("w") as full:
        done = _cli("run", "--model", small_model, "--image", parrot, "--count", "3",
                    "--backend", "cpu", "--json", out, stdout=full.fileno())
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    assert done.returncode == 1 and done.stderr.count("\n") == 1
    assert "No space left on device" in done.stderr
    assert json.loads(out.read_text())["backends"][0]["status"] == "ok"


@pytest.mark.skipif(not FULL.exists(), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("args", [["doctor", "--no-probe"], ["doctor", "--json", "--no-probe"],
                                  ["models", "list", "--quick"], ["--help"]])
def test_other_commands_onto_a_full_device_end_in_one_line(args: list[str]) -> None:
    with FULL.open("w") as full:
        done = _cli(*args, stdout=full.fileno())
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    assert done.returncode == 1 and done.stderr.startswith("error:"), done.stderr


def test_labels_an_ascii_stdout_cannot_show_are_escaped(
        tmp_path: Path, small_model: Path, parrot: Path, odd_labels: Path) -> None:
    out = tmp_path / "out.json"
    done = _cli("run", "--model", small_model, "--image", parrot, "--labels", odd_labels,
                "--count", "3", "--backend", "cpu", "--json", out, PYTHONIOENCODING="ascii")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "caf\\xe9 \\u2615 \\u30ab\\u30d5\\u30a7" in done.stdout
    assert json.loads(out.read_text())["backends"][0]["results"][0]["label"].startswith("café")


def test_doctor_on_an_ascii_stdout(tmp_path: Path) -> None:
    done = _cli("doctor", "--no-probe", PYTHONIOENCODING="ascii")
    assert done.returncode == 0 and "Traceback" not in done.stderr


def test_inspect_json_on_an_ascii_stdout_is_still_json(tmp_path: Path, small_model: Path) -> None:
    model = tmp_path / "café ☕.tflite"
    model.write_bytes(small_model.read_bytes())
    done = _cli("inspect", model, "--json", PYTHONIOENCODING="ascii")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["cpu_model"]["path"] == str(model)
