"""Booth memory: does booth mode hold its memory over a long unattended run?

Runs the real booth window offscreen (QT_QPA_PLATFORM=offscreen) with the smallest Coral model on
the sample images, looping as fast as it can (no dwell time, so that a short run does as many
comparisons as a long day does), with the default backends: the CPU and the Edge TPU, which
fails here with its explanation and so exercises the error path on every picture. The RSS of
this process (the window; workers come and go with each picture) is sampled once the first
comparison has finished (warm) and at the end; the target is less than 10% growth. A line a
minute shows the trend: the first pass over the pictures fills caches (decoded pictures, glyphs
of the big type, the allocator's per-thread arenas), after which RSS should stay flat.

Spawned workers re-import this script as their ``__mp_main__``, so it imports only the standard
library at the top.
Usage: python bench/booth_memory.py [--minutes 30] [--model NAME] [--count N] [--dwell S]
"""

from __future__ import annotations

import argparse
import gc
import os
import time
from typing import Any

import _common  # noqa: F401  (puts the repository on sys.path)
from _common import CORAL, coral_file, print_table

MB = 1024 * 1024
TARGET_GROWTH = 0.10
REPORT_EVERY_S = 60.0


def _rss() -> int:
    import psutil

    gc.collect()
    return int(psutil.Process().memory_info().rss)


def run(minutes: float, model_name: str, count: int, dwell: float) -> bool:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer

    from core.measure.booth import BoothConfig, list_images
    from core.measure.session import RunRequest
    from gui.app.application import make_app
    from gui.booth.window import BoothWindow

    model = coral_file(f"models/{model_name}.tflite")
    labels = coral_file("labels/imagenet_labels.txt")
    images = list_images(coral_file("images"))
    app = make_app(offscreen=True)
    template = RunRequest(model, images[0], labels)
    booth = BoothWindow(template, images, BoothConfig(count=count, dwell_s=dwell))
    booth.resize(1920, 1080)
    booth.show()
    backends = ", ".join(s.label() for s in template.backends)
    print(f"Booth memory: {model.name} on {len(images)} pictures from {CORAL / 'images'}, "
          f"{count} inferences per backend and picture, dwell {dwell:g} s, {minutes:g} min")
    print(f"backends: {backends}")
    print()

    state: dict[str, Any] = {"start": None, "t0": 0.0, "n0": 0, "rows": [], "objects0": 0}

    def comparisons() -> int:
        return booth.loop.comparisons if booth.loop is not None else 0

    def on_comparison(n: int) -> None:
        if state["start"] is None and n >= 1:
            state["start"] = _rss()
            state["objects0"] = len(gc.get_objects())
            state["t0"] = time.monotonic()
            state["n0"] = n
            state["last_report"] = state["t0"]
            end.start(round(minutes * 60_000))
            report()
        elif state["start"] is not None and \
                time.monotonic() - state["last_report"] >= REPORT_EVERY_S:
            state["last_report"] = time.monotonic()
            report()

    def report() -> None:
        elapsed = time.monotonic() - state["t0"]
        row = [f"{elapsed / 60:5.1f}", str(comparisons()), f"{_rss() / MB:.1f}"]
        state["rows"].append(row)
        print(f"  {row[0]} min  {row[1]:>6} comparisons  {row[2]} MB", flush=True)

    def finish() -> None:
        state["end"] = _rss()
        state["objects1"] = len(gc.get_objects())
        state["n1"] = comparisons()
        booth.stop()
        report()
        app.quit()

    end = QTimer()
    end.setSingleShot(True)
    end.timeout.connect(finish)
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
    verdict = "ok" if growth < TARGET_GROWTH else "OVER"
    print(f"RESULT: booth memory growth {growth * 100:.1f}% over {done} comparisons "
          f"(target < {TARGET_GROWTH * 100:.0f}%) {verdict}")
    return growth < TARGET_GROWTH


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--model", default="mobilenet_v1_0.25_128_quant")
    parser.add_argument("--count", type=int, default=200,
                        help="timed inferences per backend and picture (default 200)")
    parser.add_argument("--dwell", type=float, default=0.0,
                        help="seconds each picture stays at least (default 0: as fast as it can)")
    args = parser.parse_args()
    return 0 if run(args.minutes, args.model, args.count, args.dwell) else 1


if __name__ == "__main__":
    raise SystemExit(main())
