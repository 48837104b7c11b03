"""Who may read what the app writes: a replaced file keeps its permissions, a new one (a fetched
model included) gets what the umask gives every other new file."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.cli.main import main
from core.io.outputs import write_atomic
from core.samples.fetcher import fetch
from core.samples.manifest import load_manifest


@pytest.fixture()
def umask_027() -> Iterator[None]:
    previous = os.umask(0o027)
    try:
        yield
    finally:
        os.umask(previous)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_private_file_written_over_stays_private(tmp_path: Path, umask_027: None) -> None:
    target = tmp_path / "result.json"
    target.write_text("old")
    target.chmod(0o600)
    write_atomic(target, "{}")
    assert target.read_text() == "{}" and _mode(target) == 0o600
    target.chmod(0o664)
    write_atomic(target, "[]")
    assert _mode(target) == 0o664


def test_json_of_a_run_onto_a_0600_file_keeps_0600(
        tmp_path: Path, small_model: Path, parrot: Path, umask_027: None,
        capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.json"
    out.write_text("")
    out.chmod(0o600)
    assert main(["run", "--model", str(small_model), "--image", str(parrot), "--count", "2",
                 "--backend", "cpu", "--json", str(out)]) == 0
    assert out.stat().st_size > 100 and _mode(out) == 0o600


def test_a_fetched_model_follows_the_umask_like_any_other_output(
        tmp_path: Path, coral: Path, umask_027: None) -> None:
    entry = load_manifest().entry("models/mobilenet_v1_0.25_128_quant.tflite")
    summary = fetch([entry], tmp_path / "dest", coral)
    assert summary.ok
    assert _mode(entry.local_path(tmp_path / "dest")) == 0o640
    write_atomic(tmp_path / "new.csv", "a")
    assert _mode(tmp_path / "new.csv") == 0o640
