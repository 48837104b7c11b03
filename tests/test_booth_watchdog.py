"""The booth through a day's accidents: an Edge TPU (a double steered by a file) that is
unplugged and plugged back, that crashes its worker and that stops answering. Each gives one
short notice and a line in the log, and the loop goes on with a new worker; nothing is left
running. No sleeps: every step waits for the booth's own notices."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from core.errors import error
from core.measure.backends import BackendSpec
from core.measure.booth import BoothConfig, list_images
from core.measure.session import RunRequest
from core.measure.watchdog import Notice, Watchdog, failure_kind, open_log
from core.results.records import BackendRecord
from gui.booth.window import BoothWindow
from tests import gui_support
from tests.doubles.fake_runtimes import double

pytestmark = pytest.mark.gui

CPU1 = BackendSpec("cpu", threads=1)


def test_a_backend_failing_the_same_way_is_reported_once(tmp_path: Path) -> None:
    log = tmp_path / "logs" / "booth.log"
    dog = Watchdog(open_log(log))
    gone = BackendRecord("edgetpu", "edgetpu", "Edge TPU", status="error",
                         error=error("edgetpu_not_found"))
    ok = BackendRecord("edgetpu", "edgetpu", "Edge TPU", status="ok")
    names = {"edgetpu": "Edge TPU"}
    assert [n.kind for n in dog.session_ended([gone], names)] == ["device_gone"]
    assert dog.session_ended([gone], names) == [], "the same failure is said once"
    assert [n.kind for n in dog.session_ended([ok], names)] == ["back"]
    assert dog.session_ended([ok], names) == []
    text = log.read_text(encoding="utf-8")
    assert "Edge TPU is not found (unplugged?)" in text and "Edge TPU answers again" in text
    assert len(text.splitlines()) == 2
    assert failure_kind(error("worker_crashed", "X stopped responding.")) == "not_answering"
    assert failure_kind(error("worker_crashed")) == "worker_died"


def test_a_log_that_cannot_be_written_never_stops_the_booth(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    dog = Watchdog(open_log(blocker / "logs" / "booth.log"))  # its folder cannot be made
    assert dog.say("back", "Edge TPU") == dog.last


def _wait_for(qtbot: QtBot, booth: BoothWindow, kind: str, after: int) -> Notice:
    def seen() -> bool:
        return any(n.kind == kind for n in list(booth.watchdog.recent)[after:])

    try:
        qtbot.waitUntil(seen, timeout=gui_support.HANG_GUARD_MS)
    except qtbot.TimeoutError as exc:  # say what the watchdog did say instead
        lines = [n.line() for n in booth.watchdog.recent]
        raise AssertionError(f"no '{kind}' notice after #{after}: {lines}") from exc
    return next(n for n in list(booth.watchdog.recent)[after:] if n.kind == kind)


def test_unplug_replug_crash_and_hang_each_recover_without_ending_the_loop(
        qtbot: QtBot, tmp_path: Path, small_model: Path, coral: Path) -> None:
    pictures = tmp_path / "pictures"
    pictures.mkdir()
    for name in ("cat.bmp", "grace_hopper.bmp"):
        shutil.copy(coral / "images" / name, pictures / name)
    control = tmp_path / "edgetpu-state"
    control.write_text("ok")
    tpu = double("edgetpu", "controlled_edgetpu", control=str(control))
    template = RunRequest(small_model, pictures / "cat.bmp",
                          coral / "labels" / "imagenet_labels.txt", backends=(CPU1, tpu))
    factory = gui_support.RecordingSessionFactory()
    log = tmp_path / "logs" / "booth.log"
    booth = BoothWindow(template, list_images(pictures),
                        BoothConfig(count=20, warmup=1, dwell_s=0, window=50, stall_s=10.0),
                        session_factory=factory, log_path=log)
    qtbot.addWidget(booth)
    booth.resize(1280, 720)
    booth.show()
    assert booth.start()
    loop = booth.loop
    assert loop is not None
    qtbot.waitUntil(lambda: loop.comparisons >= 1 and loop.backends["edgetpu"].inferences > 0,
                    timeout=gui_support.HANG_GUARD_MS)

    for state, kind in (("gone", "device_gone"), ("crash", "worker_died"),
                        ("hang", "not_answering")):
        before = len(booth.watchdog.recent)
        control.write_text(state)
        notice = _wait_for(qtbot, booth, kind, before)
        assert notice.subject == "Edge TPU"
        assert booth._notice.text(), "a short notice in the footer"
        assert booth.is_looping(), f"the loop goes on after '{state}'"
        before = len(booth.watchdog.recent)
        control.write_text("ok")  # plugged back / the next worker is healthy
        _wait_for(qtbot, booth, "back", before)  # said when it measured a picture again
    assert loop.backends["cpu"].error is None, "the CPU never stopped"

    booth.close()
    text = log.read_text(encoding="utf-8")
    for line in ("booth started", "Edge TPU is not found (unplugged?)",
                 "Edge TPU's worker process died", "Edge TPU stopped answering",
                 "Edge TPU answers again", "booth stopped"):
        assert line in text, line
    pids = factory.worker_pids()
    assert not [pid for pid in pids if gui_support.alive(pid)], "a worker outlived the booth"
