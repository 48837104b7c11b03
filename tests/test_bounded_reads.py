"""Issue 11, cases 7 and 11: every user file is read bounded, from regular files only.

A FIFO given as any input used to hang forever, /dev/zero grew without limit (the labels cap
trusted the size the file system reports, 0 for devices), and a name too long or a folder without
search permission was a traceback. Every wait here is bounded (``call_bounded``).
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from core.errors import AppError
from core.inputs import labels
from core.inputs.labels import load_labels
from core.inputs.model_info import inspect_model
from core.inputs.preprocess import load_image
from core.io import files
from core.io.files import read_user_file
from core.measure.backends import BackendSpec
from core.measure.planning import make_plan
from core.results.result_reader import read_result_file
from core.samples.fetcher import fetch
from core.samples.manifest import load_manifest
from tests.bounded import call_bounded

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture()
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.tflite"
    os.mkfifo(path)
    return path


def _refused(fn: object, fifo: Path) -> AppError:
    with pytest.raises(AppError) as caught:
        call_bounded(fn, unblock=[fifo])  # type: ignore[arg-type]
    return caught.value


def test_a_fifo_as_model_labels_image_or_result_is_refused_at_once(fifo: Path) -> None:
    for reader in (inspect_model, load_labels, load_image, read_result_file):
        error = _refused(lambda r=reader: r(fifo), fifo)
        assert "pipe (FIFO)" in error.info.message, reader
        assert error.info.remedy


def test_a_fifo_as_edgetpu_model_is_refused_at_once(fifo: Path, small_model: Path,
                                                    parrot: Path) -> None:
    error = _refused(lambda: make_plan(small_model, parrot, None, fifo,
                                       (BackendSpec("cpu"),)), fifo)
    assert "pipe (FIFO)" in error.info.message


def test_a_fifo_in_a_fetch_mirror_is_a_clear_failure_of_that_file(
        tmp_path: Path, coral: Path) -> None:
    manifest = load_manifest()
    entry = manifest.entry("labels/coco_labels.txt")
    mirror = tmp_path / "mirror"
    (mirror / "labels").mkdir(parents=True)
    os.mkfifo(mirror / "labels" / "coco_labels.txt")
    summary = call_bounded(lambda: fetch([entry], tmp_path / "dest", mirror),
                           unblock=[mirror / "labels" / "coco_labels.txt"])
    assert [f.path for f in summary.failed] == [entry.path]
    message = summary.failed[0].error.message
    assert "pipe (FIFO)" in message and "mirror" in message  # the source is blamed


def test_a_folder_in_a_fetch_mirror_is_blamed_on_the_mirror(tmp_path: Path) -> None:
    entry = load_manifest().entry("labels/coco_labels.txt")
    mirror = tmp_path / "mirror"
    (mirror / "labels" / "coco_labels.txt").mkdir(parents=True)
    summary = fetch([entry], tmp_path / "dest", mirror)
    error = summary.failed[0].error
    assert error.code == "fetch_failed" and str(mirror) in error.message
    assert "is a folder" in error.message


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_devices_are_refused_without_reading(device: str) -> None:
    for reader in (load_labels, inspect_model, load_image, read_result_file):
        with pytest.raises(AppError) as caught:
            call_bounded(lambda r=reader: r(device))
        assert "is a device" in caught.value.info.message


def test_the_cap_does_not_trust_the_reported_size(monkeypatch: pytest.MonkeyPatch) -> None:
    """/proc files are regular but report size 0: the read itself must stop at the cap."""
    proc = Path("/proc/self/maps")
    assert proc.stat().st_size == 0 and len(proc.read_bytes()) > 64
    monkeypatch.setattr(labels, "MAX_LABELS_BYTES", 64)
    with pytest.raises(AppError) as caught:
        load_labels(proc)
    assert "too large" in caught.value.info.message
    assert files.read_capped(open(proc, "rb"), 10) is None  # noqa: SIM115


def test_a_file_within_the_cap_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 100)
    assert read_user_file(path, "invalid_labels", "labels file", max_bytes=100)[1] == b"x" * 100
    with pytest.raises(AppError):
        read_user_file(path, "invalid_labels", "labels file", max_bytes=99)


def test_a_name_longer_than_the_system_allows_is_one_clear_error(tmp_path: Path) -> None:
    long = tmp_path / ("m" * 300 + ".tflite")
    for reader in (inspect_model, load_labels, load_image, read_result_file):
        with pytest.raises(AppError) as caught:
            reader(long)
        assert "longer than the system allows" in caught.value.info.message
    deep = Path("/" + "/".join(["d" * 200] * 30) + "/m.tflite")  # past PATH_MAX
    with pytest.raises(AppError):
        inspect_model(deep)


def test_a_model_in_a_folder_without_search_permission_is_one_clear_error(
        tmp_path: Path, small_model: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    model = locked / "m.tflite"
    shutil.copy(small_model, model)
    if os.geteuid() != 0:  # a real lock; root passes through it, so simulate the kernel
        locked.chmod(0o600)
    else:
        real_open, real_stat = os.open, os.stat

        def fake_open(path: object, flags: int, *args: object) -> int:
            if str(path).startswith(str(locked) + "/"):
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return real_open(path, flags, *args)  # type: ignore[arg-type]

        def fake_stat(path: object, *args: object, **kwargs: object) -> os.stat_result:
            if str(path).startswith(str(locked) + "/"):
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "open", fake_open)
        monkeypatch.setattr(os, "stat", fake_stat)
    try:
        with pytest.raises(AppError) as caught:
            inspect_model(model)
        assert "may not read" in caught.value.info.message
        assert "permissions" in caught.value.info.remedy
    finally:
        locked.chmod(0o700)


def test_the_command_line_refuses_a_fifo_model_in_one_line(fifo: Path, parrot: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "gui.app.entry", "run", "--model", str(fifo),
                             "--image", str(parrot), "--backend", "cpu"], cwd=REPO,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "pipe (FIFO)" in lines[0]


def test_a_file_reported_larger_than_the_cap_is_refused_without_reading(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "huge.tflite"
    with big.open("wb") as handle:
        handle.truncate(3 * 1024**3)  # sparse
    monkeypatch.setattr(files, "read_capped", lambda *a: pytest.fail("read a huge file"))
    with pytest.raises(AppError) as caught:
        inspect_model(big)
    assert "too large" in caught.value.info.message
