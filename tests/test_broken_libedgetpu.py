"""A ``libedgetpu.so.1`` that is not one: a text file, a folder, or a library without the Edge TPU
delegate's entry point. The dynamic linker stops at the first such file on ``LD_LIBRARY_PATH``,
so ``doctor`` must not call it ``[ok]`` (or "not found"), and a run (the window runs the same
session) must say what is wrong with that file, in the same words, instead of "plug in the
accelerator"."""

from __future__ import annotations

import _ctypes
import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from core.edgetpu.doctor import run_doctor
from core.edgetpu.failures import match_failure
from core.edgetpu.library_check import library_problem
from core.measure.backends import BackendSpec
from core.measure.session import RunRequest, Session

pytestmark = pytest.mark.skipif(platform.system() != "Linux", reason="ELF libraries (Linux)")
REPO = Path(__file__).resolve().parent.parent
NAME = "libedgetpu.so.1"


def _text(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / NAME).write_text("not a library\n")
    return folder


def _folder(folder: Path) -> Path:
    (folder / NAME).mkdir(parents=True)
    return folder


def _other_library(folder: Path) -> Path:
    """A real shared library of this Python (an extension module), without the delegate."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(_ctypes.__file__, folder / NAME)
    return folder


CASES = [(_text, "is not a shared library (it looks like a text file)"),
         (_folder, "is a folder, not a library"),
         (_other_library, "is a library, but not libedgetpu (it has no "
                          "tflite_plugin_create_delegate)")]


@pytest.mark.parametrize(("make", "words"), CASES)
def test_the_file_is_described_without_loading_it(make: object, words: str,
                                                   tmp_path: Path) -> None:
    folder = make(tmp_path / "lib")  # type: ignore[operator]
    assert library_problem(str(folder / NAME)) == words


@pytest.mark.parametrize(("make", "words"), CASES)
def test_doctor_run_and_session_say_the_same_about_the_file(
        make: object, words: str, tmp_path: Path, small_model: Path, parrot: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    folder = make(tmp_path / "lib")  # type: ignore[operator]
    monkeypatch.setenv("LD_LIBRARY_PATH", str(folder))
    report = run_doctor(probe=False)
    lib = report.find("libedgetpu")
    assert lib is not None and lib.status == "problem", report.to_text()
    assert f"cannot be used: it {words}" in lib.value and "Remove or replace" in lib.remedy
    delegate = report.find("delegate")
    assert delegate is not None and "not usable" in delegate.value
    record = Session(RunRequest(small_model.with_name(small_model.stem + "_edgetpu.tflite"),
                                parrot, count=2, warmup=0,
                                backends=(BackendSpec("edgetpu"),))).run()
    error = record.backends[0].error
    assert error is not None and error.code == "edgetpu_runtime_missing"
    assert f"{folder / NAME} cannot be used: it {words}." in error.message
    assert "Plug in" not in error.remedy


def test_run_on_the_command_line_names_the_file(tmp_path: Path, small_model: Path,
                                                parrot: Path) -> None:
    folder = _text(tmp_path / "lib")
    done = subprocess.run([sys.executable, "-m", "gui.app.entry", "run", "--model",
                           str(small_model), "--image", str(parrot), "--count", "2"],
                          cwd=REPO, capture_output=True, text=True, timeout=300, check=False,
                          env={**os.environ, "LD_LIBRARY_PATH": str(folder)})
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "cannot be used: it is not a shared library" in done.stdout
    assert "no Edge TPU answered" not in done.stdout


def test_the_loaders_words_when_the_file_is_gone() -> None:
    said = "OSError: /gone/libedgetpu.so.1: wrong ELF class: ELFCLASS32"
    info = match_failure(said, stage="delegate")
    assert info is not None and info.code == "edgetpu_runtime_missing"
    assert "cannot be used: it was built for another processor" in info.message
