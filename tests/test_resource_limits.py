"""Limits of the system: the open-file limit with several backends, and pictures that would not
fit in memory once decoded. Each is one clear line before anything is allocated or started,
never a traceback, and no temporary file is left behind."""

from __future__ import annotations

import os
import resource
import struct
import subprocess
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from core.errors import AppError
from core.inputs import preprocess
from core.inputs.preprocess import load_image
from core.measure.limits import check_open_files

REPO = Path(__file__).resolve().parent.parent


def _limited(nofile: int | None = None, address: int | None = None) -> Callable[[], None]:
    def apply() -> None:
        if nofile is not None:
            resource.setrlimit(resource.RLIMIT_NOFILE, (nofile, nofile))
        if address is not None:
            resource.setrlimit(resource.RLIMIT_AS, (address, address))
    return apply


def _cli(args: list[str], temp: Path, **limits: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gui.app.entry", *args], cwd=REPO,
                          capture_output=True, text=True, timeout=300, check=False,
                          env={**os.environ, "TMPDIR": str(temp)},
                          preexec_fn=_limited(**limits))


def test_two_backends_under_ulimit_16_are_one_line_and_leave_nothing(
        tmp_path: Path, small_model: Path, parrot: Path) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    done = _cli(["run", "--model", str(small_model), "--image", str(parrot), "--count", "3",
                 "--backend", "cpu", "--backend", "cpu:threads=1"], temp, nofile=16)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and done.stderr.count("\n") == 1
    assert "ulimit -n" in done.stderr and list(temp.iterdir()) == []


_STARVED = """
import os, resource, sys
from pathlib import Path
from core.measure.backends import BackendSpec
from core.measure.session import RunRequest, Session
session = Session(RunRequest(Path(sys.argv[1]), Path(sys.argv[2]), count=2, warmup=0,
                             backends=(BackendSpec("cpu", threads=1),) * 3))
session.prepare()
now = len(os.listdir("/proc/self/fd"))
resource.setrlimit(resource.RLIMIT_NOFILE, (now + 5, now + 5))  # room for one worker at most
record = session.run()
for b in record.backends:
    print(b.status, b.error.message if b.error else "")
"""


def test_a_worker_that_cannot_be_started_is_that_backend_s_error(
        tmp_path: Path, small_model: Path, parrot: Path) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    done = subprocess.run([sys.executable, "-c", _STARVED, str(small_model), str(parrot)],
                          cwd=REPO, capture_output=True, text=True, timeout=300, check=False,
                          env={**os.environ, "TMPDIR": str(temp)})
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert "could not be started: too many files are open" in done.stdout, done.stdout
    assert list(temp.iterdir()) == []  # no worker log left


def test_the_open_file_check() -> None:
    with pytest.raises(AppError) as caught:
        check_open_files(2, (9, 16))
    assert caught.value.info.code == "usage" and "ulimit -n" in caught.value.info.remedy
    check_open_files(2, (9, 1024))
    check_open_files(4, (9, -1))  # unlimited
    check_open_files(2, None)  # not knowable here: never refuse


def _png_header_only(path: Path, side: int, depth: int, colour: int) -> Path:
    """A PNG that says it is ``side`` x ``side`` (16-bit RGBA: colour 6, depth 16), with one
    short data chunk: decoding it would allocate first and fail later."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))
    ihdr = struct.pack(">IIBBBBB", side, side, depth, colour, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
                     + chunk(b"IDAT", zlib.compress(b"\x00" * 1000)) + chunk(b"IEND", b""))
    return path


def test_a_huge_16_bit_rgba_png_is_refused_from_its_header(tmp_path: Path) -> None:
    png = _png_header_only(tmp_path / "huge.png", 9999, 16, 6)
    with pytest.raises(AppError) as caught:
        load_image(png)
    info = caught.value.info
    assert info.code == "invalid_image" and "too large to decode" in info.message
    assert "9999x9999" in info.message


def _real_huge_png(path: Path) -> Path:
    """The issue's picture: 9999 x 9999, 16-bit RGBA, all zeros, about 780 KB."""
    side, row = 9999, b"\x00" * (1 + 9999 * 8)
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))
    path.write_bytes(b"\x89PNG\r\n\x1a\n"
                     + chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 16, 6, 0, 0, 0))
                     + chunk(b"IDAT", data) + chunk(b"IEND", b""))
    return path


def test_the_huge_png_under_a_1_gib_address_limit_is_one_line(
        tmp_path: Path, small_model: Path) -> None:
    png = _real_huge_png(tmp_path / "huge.png")
    assert png.stat().st_size < 2_000_000
    done = _cli(["run", "--model", str(small_model), "--image", str(png), "--backend", "cpu"],
                tmp_path, address=1 << 30)
    assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
    assert "too large to decode" in done.stderr and "MemoryError" not in done.stderr


def test_a_jpeg_over_the_budget_is_decoded_smaller_and_keeps_its_size(
        parrot: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(preprocess, "MAX_DECODE_BYTES", 1 << 20)
    image, info = load_image(parrot)
    assert (info.width, info.height) == (512, 929)  # as stored, for the result file
    assert image.width * image.height * 8 <= 1 << 20 and image.width < 512
    png = tmp_path / "parrot.png"
    image.resize((512, 929)).save(png)
    with pytest.raises(AppError, match="too large to decode"):
        load_image(png)
