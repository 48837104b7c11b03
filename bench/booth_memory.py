"""Booth memory: does booth mode stay flat over a day, accidents included?

Runs the real booth window offscreen (QT_QPA_PLATFORM=offscreen) with the smallest Coral model on
the sample images, looping as fast as it can (no dwell time, so that a short run does as many
comparisons as a long day does). The backends are the CPU and a stand-in Edge TPU (the test
double ``controlled_edgetpu``, the CPU twin behind a control file) that this script makes
misbehave every ``--fail-every`` minutes, in turn: it hangs (the watchdog gives up on it), its
worker crashes, it is unplugged; ``--hold`` seconds later it is plugged back. ``--plain`` runs
the default backends instead (here: the CPU and an Edge TPU that fails on every picture).

Sampled in this process (the window; workers come and go with each picture): RSS, open file
descriptors and threads, once the first comparison has finished, after ``--settle`` minutes
(default 10: the first passes fill caches: decoded pictures, glyphs of the big type, the
allocator's per-thread arenas) and at the end. Targets: RSS growth under 10% after the settle
sample, no more file descriptors or threads at the end than then, and no worker process left
once the booth has stopped. A line a minute shows the trend.

Spawned workers re-import this script as their ``__mp_main__``, so it imports only the standard
library at the top.
Usage: python bench/booth_memory.py [--minutes 120] [--fail-every 3] [--hold 20] [--settle 10]
                                    [--plain] [--model NAME] [--count N] [--dwell S]
"""

from __future__ import annotations

import argparse
import gc
import os
import time
from pathlib import Path
from typing import Any

import _common  # noqa: F401  (puts the repository on sys.path)
from _common import CORAL, coral_file, print_table

MB = 1024 * 1024
TARGET_GROWTH = 0.10
REPORT_EVERY_S = 60.0


FAILURES = ("hang", "crash", "gone")


def _rss() -> int:
    import psutil

    gc.collect()
    return int(psutil.Process().memory_info().rss)


def _sample() -> dict[str, int]:
    import psutil

    process = psutil.Process()
    return {"rss": _rss(), "fds": process.num_fds(), "threads": process.num_threads()}


def _workers() -> list[Any]:
    """Live child processes other than multiprocessing's resource tracker (which stays)."""
    import psutil

    found = []
    for child in psutil.Process().children(recursive=True):
        try:
            if child.status() != psutil.STATUS_ZOMBIE \
                    and "resource_tracker" not in " ".join(child.cmdline()):
                found.append(child)
        except psutil.Error:
            continue  # gone meanwhile
    return found


def run(minutes: float, model_name: str, count: int, dwell: float, fail_every: float,
        hold: float, settle: float, plain: bool) -> bool:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import tempfile

    import psutil
    from PySide6.QtCore import QCoreApplication, QEvent, QTimer

    from core.measure.backends import BackendSpec
    from core.measure.booth import BoothConfig, list_images
    from core.measure.session import RunRequest
    from gui.app.application import make_app
    from gui.booth.window import BoothWindow

    model = coral_file(f"models/{model_name}.tflite")
    labels = coral_file("labels/imagenet_labels.txt")
    images = list_images(coral_file("images"))
    app = make_app(offscreen=True)
    scratch = Path(tempfile.mkdtemp(prefix="booth-memory-"))
    control = scratch / "edgetpu-state"
    control.write_text("ok")
    template = RunRequest(model, images[0], labels)
    if not plain:
        tpu = BackendSpec("edgetpu", threads=1, factory="tests.doubles.fake_runtimes:"
                          "controlled_edgetpu", extra=(("control", str(control)),))
        template = RunRequest(model, images[0], labels,
                              backends=(BackendSpec("cpu", threads=1), tpu))
    booth = BoothWindow(template, images, BoothConfig(count=count, dwell_s=dwell),
                        log_path=scratch / "booth.log")
    booth.resize(1920, 1080)
    booth.show()
    backends = ", ".join(s.label() for s in template.backends)
    print(f"Booth memory: {model.name} on {len(images)} pictures from {CORAL / 'images'}, "
          f"{count} inferences per backend and picture, dwell {dwell:g} s, {minutes:g} min")
    print(f"backends: {backends}")
    if not plain:
        print(f"a failure every {fail_every:g} min ({', '.join(FAILURES)} in turn), each "
              f"lasting {hold:g} s; settle sample after {settle:g} min")
    print()

    state: dict[str, Any] = {"start": None, "t0": 0.0, "n0": 0, "rows": [], "objects0": 0,
                             "failures": 0, "settled": None}

    def fail() -> None:
        kind = FAILURES[state["failures"] % len(FAILURES)]
        state["failures"] += 1
        control.write_text(kind)
        print(f"  {(time.monotonic() - state['t0']) / 60:5.1f} min  Edge TPU double: {kind}",
              flush=True)
        QTimer.singleShot(round(hold * 1000), lambda: control.write_text("ok"))

    def settled() -> None:
        state["settle_due"] = True  # sampled when the next picture's session has ended

    def take_settle_sample() -> None:
        state["settle_due"] = False
        state["settled"] = _sample()
        print(f"  {(time.monotonic() - state['t0']) / 60:5.1f} min  settle sample: "
              f"{state['settled']['rss'] / MB:.1f} MB, {state['settled']['fds']} fds, "
              f"{state['settled']['threads']} threads", flush=True)

    def comparisons() -> int:
        return booth.loop.comparisons if booth.loop is not None else 0

    def on_comparison(n: int) -> None:
        if state["start"] is None and n >= 1:
            state["start"] = _rss()
            state["objects0"] = len(gc.get_objects())
            state["t0"] = time.monotonic()
            state["n0"] = n
            state["last_report"] = state["t0"]
            state["first"] = _sample()
            end.start(round(minutes * 60_000))
            if settle < minutes:
                QTimer.singleShot(round(settle * 60_000), settled)
            if not plain:
                failures.start(round(fail_every * 60_000))
            report()
        elif state.get("settle_due"):
            take_settle_sample()
        elif state["start"] is not None and \
                time.monotonic() - state["last_report"] >= REPORT_EVERY_S:
            state["last_report"] = time.monotonic()
            report()

    def report() -> None:
        elapsed = time.monotonic() - state["t0"]
        now = _sample()
        row = [f"{elapsed / 60:5.1f}", str(comparisons()), f"{now['rss'] / MB:.1f}"]
        state["rows"].append(row)
        print(f"  {row[0]} min  {row[1]:>6} comparisons  {row[2]} MB  {now['fds']} fds  "
              f"{now['threads']} threads", flush=True)

    def finish() -> None:
        failures.stop()
        state["n1"] = comparisons()
        state["log"] = booth.log_path()
        booth.stop()  # every sample is taken between sessions: no run's thread or pipes open
        psutil.wait_procs(_workers(), timeout=10)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        state["final"] = _sample()
        state["end"] = state["final"]["rss"]
        state["objects1"] = len(gc.get_objects())
        state["children"] = _workers()
        report()
        app.quit()

    end = QTimer()
    end.setSingleShot(True)
    end.timeout.connect(finish)
    failures = QTimer()
    failures.timeout.connect(fail)
    booth.comparisonFinished.connect(on_comparison)
    booth.start()
    app.exec()
    booth.close()

    start, final = state["start"], state.get("end")
    if start is None or final is None:
        print("RESULT: booth memory not measured (no comparison finished) OVER")
        return False
    growth = (final - start) / start
    done = state["n1"]
    failed = [b.label for b in (booth.loop.backends.values() if booth.loop else [])
              if b.error is not None]
    print()
    print_table(["", "RSS MB", "Python objects"],
                [["start (after the first comparison)", f"{start / MB:.1f}",
                  str(state["objects0"])],
                 ["end", f"{final / MB:.1f}", str(state["objects1"])]])
    print()
    print(f"start {start / MB:.1f} MB, end {final / MB:.1f} MB, growth {growth * 100:+.1f}%, "
          f"{done} comparisons ({done - state['n0']} measured between the two samples)")
    rows = state["rows"]
    if len(rows) >= 3:  # the first minute warms caches; after it, growth should be about none
        minute = float(rows[1][2]) * MB
        print(f"after the first minute: {minute / MB:.1f} MB, end {final / MB:.1f} MB, "
              f"growth {(final - minute) / minute * 100:+.1f}%")
    if failed:
        print(f"failing backends (shown on their tiles, loop went on): {', '.join(failed)}")
    notices = [n.line() for n in booth.watchdog.recent if n.kind not in ("started", "stopped")]
    print(f"{state['failures']} failures caused, {len(notices)} watchdog notices; log "
          f"{state['log']}")
    base = state["settled"] or state["first"]
    label = f"after {settle:g} min" if state["settled"] else "after the first comparison"
    final_sample = state["final"]
    settled_growth = (final_sample["rss"] - base["rss"]) / base["rss"]
    fds_ok = final_sample["fds"] <= base["fds"]
    threads_ok = final_sample["threads"] <= base["threads"]
    children = state["children"]
    print(f"{label}: RSS {base['rss'] / MB:.1f} -> {final_sample['rss'] / MB:.1f} MB "
          f"({settled_growth * 100:+.1f}%), fds {base['fds']} -> {final_sample['fds']}, "
          f"threads {base['threads']} -> {final_sample['threads']}, worker processes left "
          f"{len(children)}")
    ok = settled_growth < TARGET_GROWTH and fds_ok and threads_ok and not children
    print(f"RESULT: booth over {minutes:g} min: RSS growth {settled_growth * 100:.1f}% {label} "
          f"(target < {TARGET_GROWTH * 100:.0f}%), fds {'flat' if fds_ok else 'GREW'}, threads "
          f"{'flat' if threads_ok else 'GREW'}, {len(children)} workers left; "
          f"{growth * 100:+.1f}% from the first comparison, {done} comparisons "
          f"{'ok' if ok else 'OVER'}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=30.0,
                        help="how long the booth runs (default 30; a day's check: 120)")
    parser.add_argument("--fail-every", type=float, default=3.0, metavar="MIN",
                        help="minutes between simulated Edge TPU failures (default 3)")
    parser.add_argument("--hold", type=float, default=20.0, metavar="S",
                        help="seconds each failure lasts before the device is back (default 20)")
    parser.add_argument("--settle", type=float, default=10.0, metavar="MIN",
                        help="minutes before the sample growth is measured from (default 10)")
    parser.add_argument("--plain", action="store_true",
                        help="the default backends, no simulated failures")
    parser.add_argument("--model", default="mobilenet_v1_0.25_128_quant")
    parser.add_argument("--count", type=int, default=200,
                        help="timed inferences per backend and picture (default 200)")
    parser.add_argument("--dwell", type=float, default=0.0,
                        help="seconds each picture stays at least (default 0: as fast as it can)")
    args = parser.parse_args()
    return 0 if run(args.minutes, args.model, args.count, args.dwell, args.fail_every,
                    args.hold, args.settle, args.plain) else 1


if __name__ == "__main__":
    raise SystemExit(main())
