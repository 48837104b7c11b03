"""Builds the libedgetpu test double (tests/doubles/fake_libedgetpu.c) with the C compiler.

It is named ``libedgetpu.so.1`` in a folder of its own, so that putting that folder on
``LD_LIBRARY_PATH`` makes the real ``load_delegate("libedgetpu.so.1", ...)`` of a spawned worker,
and the doctor, find it exactly as they would find the real library.
"""

from __future__ import annotations

import platform
import shutil
import subprocess
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parent / "doubles" / "fake_libedgetpu.c"


def build_fake_libedgetpu(folder: Path) -> Path:
    """Compile the double into ``folder/libedgetpu.so.1``; skip where that cannot be done."""
    if platform.system() != "Linux":
        pytest.skip("the libedgetpu test double is built for Linux only")
    compiler = shutil.which("gcc") or shutil.which("cc")
    if compiler is None:
        pytest.skip("no C compiler to build the libedgetpu test double")
    folder.mkdir(parents=True, exist_ok=True)
    library = folder / "libedgetpu.so.1"
    subprocess.run([compiler, "-shared", "-fPIC", "-O1", "-o", str(library), str(SOURCE)],
                   check=True, capture_output=True)
    return library
