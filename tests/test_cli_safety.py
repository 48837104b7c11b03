"""Issue 11 on the command line: cases 6, 9, 13 to 15 and 17 to 20.

Concurrent fetches, time limits that scale, a destination that is a folder, a broken or closed
stdout, Ctrl-C while starting, terminal-safe user data, backends named apart, a repeated backend
option, and cleanup after SIGTERM, SIGHUP and SIGKILL. Every wait on a child is bounded.
"""

from __future__ import annotations

import io
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from core.cli import main as cli
from core.errors import AppError
from core.io.temp_files import MARKER, sweep_stale
from core.io.terminal import safe
from core.measure import session as session_module
from core.measure.backends import parse_backend_spec
from core.measure.limits import stalled_error, warmup_timeout
from core.measure.session import RunRequest, Session
from core.results.records import RunRecord
from core.results.summary import comparison_sentence
from core.samples.fetcher import fetch
from core.samples.manifest import FileStatus, check_file, load_manifest
from tests.doubles.fake_runtimes import double
from tests.fuzz.targets import result_seed

REPO = Path(__file__).resolve().parent.parent
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


# -- case 6 and 13: fetch --------------------------------------------------------------------

def test_two_fetches_into_one_folder_do_not_break_each_other(tmp_path: Path,
                                                             coral: Path) -> None:
    """The second fetch runs to the end while the first is half way through the same file:
    with a shared NAME.part the first then found its file gone and refused a good copy."""
    entry = load_manifest().entry("images/parrot.jpg")
    dest = tmp_path / "dest"
    inner: list[object] = []

    def during_first(progress: object) -> None:
        if not inner and getattr(progress, "state", "") == "fetching":
            inner.append(fetch([entry], dest, coral))

    first = fetch([entry], dest, coral, on_progress=during_first)
    assert inner and inner[0].ok, inner  # type: ignore[attr-defined]
    assert first.ok, first.failed
    assert check_file(entry, entry.local_path(dest)) is FileStatus.VERIFIED
    assert not list(dest.rglob("*.part"))


def test_a_destination_that_is_a_folder_is_a_clear_error(tmp_path: Path, coral: Path) -> None:
    entry = load_manifest().entry("labels/coco_labels.txt")
    dest = tmp_path / "dest"
    entry.local_path(dest).mkdir(parents=True)
    summary = fetch([entry], dest, coral)
    error = summary.failed[0].error
    assert error.code == "io_error" and "is in the way" in error.message
    assert "Move or rename it" in error.remedy


# -- case 9: time limits ---------------------------------------------------------------------

def test_the_warmup_limit_grows_with_the_warmups_asked_for() -> None:
    assert warmup_timeout(5, 30.0) == pytest.approx(120 + 5 * 0.3)
    assert warmup_timeout(100_000, 5.0) > 100_000 * 0.005 * 2  # far beyond a fixed 120 s
    assert warmup_timeout(100_000, 5.0) > warmup_timeout(1000, 5.0)


def test_a_cpu_is_never_told_to_replug_a_device() -> None:
    cpu = stalled_error("CPU (LiteRT)", "cpu", 130, work=True)
    assert "plug" not in (cpu.message + cpu.remedy).lower() and "--warmup" in cpu.remedy
    assert "replug" in stalled_error("Edge TPU", "edgetpu", 60).remedy


def test_a_cpu_that_outlives_its_warmup_limit_gets_the_cpu_message(
        small_model: Path, parrot: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(session_module, "LOAD_TIMEOUT_S", 0.5)
    spec = double("cpu", "misbehaving_cpu", action="hang", after="1")
    record = Session(RunRequest(small_model, parrot, count=3, warmup=2,
                                backends=(spec,))).run()
    error = record.backends[0].error
    assert error is not None and error.code == "worker_crashed"
    assert "plug" not in error.remedy.lower() and "did not finish" in error.message


# -- case 14: stdout closed or broken --------------------------------------------------------

class _BrokenPipe(io.StringIO):
    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_broken_pipe_ends_quietly(monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdout", _BrokenPipe())
    assert cli.main(["models", "list", "--quick"]) == cli.EXIT_BROKEN_PIPE
    assert capsys.readouterr().err == ""


def test_a_closed_stdout_is_no_traceback() -> None:
    result = subprocess.run([sys.executable, "-m", "gui.app.entry", "models", "list", "--quick"],
                            cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True, timeout=120, preexec_fn=lambda: os.close(1))
    assert "Traceback" not in result.stderr and result.returncode == 0, result.stderr


def test_a_pipe_closed_by_head_is_no_traceback() -> None:
    command = f"{sys.executable} -m gui.app.entry models list --quick | head -1"
    result = subprocess.run(["sh", "-c", command], cwd=REPO, capture_output=True, text=True,
                            timeout=120)
    assert result.stdout.count("\n") == 1 and "Traceback" not in result.stderr


# -- case 15: Ctrl-C while starting ----------------------------------------------------------

def test_ctrl_c_while_the_parser_loads_its_modules_is_one_line(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def interrupted(_command: object) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_module", interrupted)
    assert cli.main(["run", "--model", "x"]) == 130
    err = capsys.readouterr().err
    assert err == "error: interrupted. Run the command again to start over.\n"


def _maps(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return ""


def test_ctrl_c_while_modules_load_is_at_most_one_line() -> None:
    """SIGINT at the moments the real program is importing numpy, then Pillow (seen in the
    child's memory map), never at a guessed time: one line, no traceback."""
    for marker in ("_multiarray_umath", "_imaging"):
        child = subprocess.Popen([sys.executable, "-m", "gui.app.entry", "doctor"], cwd=REPO,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        end = time.monotonic() + 60
        while child.poll() is None and marker not in _maps(child.pid) \
                and time.monotonic() < end:
            time.sleep(0.001)
        child.send_signal(signal.SIGINT)
        _, err = child.communicate(timeout=120)
        assert "Traceback" not in err and len(err.strip().splitlines()) <= 1, err


# -- case 17: terminal-safe output -----------------------------------------------------------

def test_escape_codes_and_newlines_are_shown_not_obeyed() -> None:
    assert safe("red \x1b[31m\nnext\x07") == "red \\x1b[31m\\nnext\\x07"
    assert safe("日本語 ラベル") == "日本語 ラベル"
    assert safe("\u202eevil") == "\\u202eevil"


def test_labels_with_escape_codes_reach_the_terminal_escaped(
        tmp_path: Path, small_model: Path, coral: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    labels = tmp_path / "labels.txt"
    lines = (coral / "labels" / "imagenet_labels.txt").read_text().splitlines()
    labels.write_text("\n".join(f"\x1b[2J\x1b]0;owned\x07{line}" for line in lines) + "\n")
    code = cli.main(["run", "--model", str(small_model), "--labels", str(labels), "--image",
                     str(coral / "images" / "cat.bmp"), "--count", "2", "--warmup", "0",
                     "--backend", "cpu"])
    out = capsys.readouterr().out
    assert code == 0
    assert "\x1b" not in out and "\x07" not in out and "\\x1b[2J" in out


def test_a_newline_in_a_path_keeps_the_error_on_one_line(
        small_model: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["run", "--model", str(small_model), "--image", "/tmp/a\nb.jpg"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "a\\nb.jpg" in err


# -- case 18 and 19: backends named apart, options given once --------------------------------

def test_two_cpu_backends_are_named_apart_in_every_sentence() -> None:
    from gui.look.comparison_text import comparison_sentence as window_sentence

    record = RunRecord.from_dict(result_seed())  # cpu and cpu-2, compared
    line = comparison_sentence(record)
    assert "CPU (1 thread) is as fast as CPU (2 threads)" in line  # their labels differ
    assert window_sentence(record.backends, record.comparison).startswith("CPU (1 thread) is")
    for backend in record.backends:  # nothing tells them apart: they are numbered
        if backend.kind == "cpu":
            backend.label = "CPU (LiteRT 2.3.0, XNNPACK, 2 threads)"
    assert "CPU #2 is as fast as CPU #1" in comparison_sentence(record)
    assert window_sentence(record.backends, record.comparison).startswith("CPU #2 is")


def test_a_repeated_backend_option_is_an_error() -> None:
    with pytest.raises(AppError) as caught:
        parse_backend_spec("cpu:threads=1,threads=2")
    assert "'threads' is given twice" in caught.value.info.message
    assert parse_backend_spec("cpu:threads=2").threads == 2


# -- case 20: cleanup after SIGTERM, SIGHUP and SIGKILL --------------------------------------

def _dead_pid() -> int:
    child = subprocess.Popen(["true"])
    child.wait(timeout=30)
    return child.pid


def _stale_folder(temp: Path, pid: int, token: str = "k3x_9q2a") -> Path:
    """A folder as a killed run leaves it: its name, its marker, a log inside."""
    folder = temp / f"edgetpu-compare-{pid}-{token}"
    folder.mkdir()
    (folder / MARKER).write_text(folder.name + "\n")
    (folder / "cpu-x1.log").write_text("old")
    return folder


def test_stale_folders_of_dead_runs_are_swept(tmp_path: Path) -> None:
    dead = _dead_pid()
    stale = _stale_folder(tmp_path, dead)
    alive = _stale_folder(tmp_path, os.getpid(), "abcdefgh")
    removed = sweep_stale(tmp_path)
    assert removed == [stale] and not stale.exists() and alive.exists()


def test_the_sweep_never_removes_what_it_cannot_prove_it_made(tmp_path: Path) -> None:
    dead = _dead_pid()
    lookalikes = [tmp_path / "edgetpu-compare-2025-06-01.json",
                  tmp_path / f"edgetpu-compare-{dead}-cpu-x1.log",
                  tmp_path / f"edgetpu-compare-{dead}-results.csv"]
    for path in lookalikes:
        path.write_text("the user's")
    unmarked = tmp_path / f"edgetpu-compare-{dead}-abcd1234"  # our name, no marker
    unmarked.mkdir()
    wrong = _stale_folder(tmp_path, dead, "zzzz1111")
    (wrong / MARKER).write_text("edgetpu-compare-1-aaaaaaaa\n")  # a marker naming another
    dated = tmp_path / "edgetpu-compare-2025-06-01"  # a user's folder named by date
    dated.mkdir()
    (dated / MARKER).write_text(dated.name + "\n")
    linked = tmp_path / f"edgetpu-compare-{dead}-link0000"
    linked.symlink_to(_stale_folder(tmp_path / ".." / tmp_path.name, dead, "target00"))
    assert [p.name for p in sweep_stale(tmp_path)] == [f"edgetpu-compare-{dead}-target00"]
    assert all(p.read_text() == "the user's" for p in lookalikes)
    assert unmarked.is_dir() and wrong.is_dir() and dated.is_dir() and linked.is_symlink()


def _wait_for_line(child: subprocess.Popen[str], needle: str, timeout: float) -> str:
    """Read the child's stdout straight from its descriptor (a buffered reader would hide
    lines from select) until ``needle`` appears; fail after ``timeout`` seconds."""
    assert child.stdout is not None
    fd = child.stdout.fileno()
    end = time.monotonic() + timeout
    seen = ""
    while time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 1.0)
        if ready:
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            seen += chunk.decode("utf-8", "replace")
            if needle in seen:
                return seen
    pytest.fail(f"never printed {needle!r}: {seen}")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_sigterm_and_sighup_clean_up_like_ctrl_c(
        signum: int, tmp_path: Path, small_model: Path, parrot: Path) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    stale = _stale_folder(temp, _dead_pid())  # left by a SIGKILLed run
    child = subprocess.Popen(
        [sys.executable, "-m", "gui.app.entry", "run", "--model", str(small_model), "--image",
         str(parrot), "--count", "10000000", "--backend", "cpu:threads=1"], cwd=REPO,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "TMPDIR": str(temp)})
    try:
        _wait_for_line(child, "  first inference:", 120)
        assert not stale.exists(), sorted(p.name for p in temp.iterdir())  # swept at start
        assert list(temp.glob("edgetpu-compare-*/cpu-*.log"))  # the live worker's log
        child.send_signal(signum)
        _, err = child.communicate(timeout=120)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=30)
    assert child.returncode == 128 + signum, err
    assert "Traceback" not in err and "leaked" not in err, err
    assert list(temp.iterdir()) == []


def test_sigterm_during_a_screenshot_removes_its_folder_and_logs(
        tmp_path: Path, small_model: Path, parrot: Path) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    out = tmp_path / "shot.png"
    child = subprocess.Popen(
        [sys.executable, "-m", "gui.app.entry", "screenshot", "--model", str(small_model),
         "--image", str(parrot), "--count", "10000000", "--backend", "cpu:threads=1",
         "--out", str(out)], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, env={**os.environ, "TMPDIR": str(temp)})
    try:
        end = time.monotonic() + 120  # the worker's log appears once it runs
        while not list(temp.glob("edgetpu-compare-*/cpu-*.log")) and time.monotonic() < end:
            assert child.poll() is None, child.communicate()
            time.sleep(0.05)
        assert list(temp.glob("edgetpu-compare-*/shot-*")), list(temp.iterdir())
        child.send_signal(signal.SIGTERM)
        _, err = child.communicate(timeout=120)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=30)
    assert child.returncode == 128 + signal.SIGTERM, err
    assert "Traceback" not in err and "leaked" not in err and "QObject" not in err, err
    assert list(temp.iterdir()) == [] and not out.exists()
