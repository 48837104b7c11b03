"""Runs inside a fresh process for bench/window.py: drives the real window and prints JSON.

Kept separate so that each measurement starts from a clean process, as a user's would.
Usage: python bench/_window_child.py run|stalls|startup MODEL IMAGE COUNT [T0]
       python bench/_window_child.py paint COUNT [classification|detection|segmentation]
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

T_IMPORT = time.time()

import _common  # noqa: E402,F401  (puts the repository on sys.path)
from _common import coral_file  # noqa: E402

PICTURE = "images/parrot.jpg"  # what the detector's boxes are drawn on
MASK_PICTURE = "segmentation/bird_segmentation.bmp"  # what DeepLab's mask is drawn on
MASK_SIDE = 513  # DeepLab's class map: 513x513

if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["EDGETPU_COMPARE_SETTINGS"] = str(Path(tempfile.mkdtemp()) / "settings.ini")


def measure_run(model: str, image: str, count: int, stalls: bool) -> dict[str, Any]:
    """The CPU's percentiles while the window shows a run and, with ``stalls``, the largest
    event-loop stall (a 5 ms timer: left out when measuring the distribution, which its
    wake-ups would disturb)."""
    from PySide6.QtCore import QElapsedTimer, Qt, QTimer

    from core.measure.backends import BackendSpec
    from core.measure.probe import RunProbe
    from core.measure.session import RunRequest
    from gui.app.application import make_app
    from gui.window.main_window import MainWindow

    app = make_app()
    window = MainWindow(restore=False, start_page=False)
    window.show()
    clock = QElapsedTimer()
    gaps: list[int] = []
    ticker = QTimer()
    ticker.setTimerType(Qt.TimerType.PreciseTimer)
    ticker.setInterval(5)

    def tick() -> None:
        gaps.append(clock.restart())

    ticker.timeout.connect(tick)
    window.runner.runEnded.connect(app.quit)
    rounds: list[int] = []  # each timed round's size, in order (delivered between rounds)

    def on_events(events: list[object]) -> None:
        from core.measure.events import LatencyBatch

        rounds.extend(len(e.latencies_ms) for e in events if isinstance(e, LatencyBatch))

    window.runner.eventsDelivered.connect(on_events)
    probe = window.runner.probe = RunProbe()
    request = RunRequest(Path(model), Path(image), count=count, warmup=10,
                         backends=(BackendSpec("cpu"),))
    clock.start()
    if stalls:
        ticker.start()
    window.start_run(request)
    app.exec()
    ticker.stop()
    record = window.state.record
    assert record is not None, "the run produced no record"
    stats = record.backend("cpu").stats
    assert stats is not None, record.backend("cpu").error
    measuring = gaps[len(gaps) // 20:]  # leave out start-up (worker spawn happens off-thread)
    return {"p50": stats.median, "p90": stats.p90, "p99": stats.p99,
            "latencies": list(record.backend("cpu").latencies_ms), "rounds": rounds,
            "max_stall_ms": max(measuring) - 5 if measuring else 0.0,
            "deliveries": probe.deliveries, "repaints": probe.refreshes,
            "turn_timeouts": probe.timeouts}


def measure_paint(count: int, task: str = "classification",
                  frames: int = 40) -> dict[str, float]:
    """One live frame as the runner makes it (a batch applied, the window refreshed, the posted
    paint events flushed) with ``count`` latencies already in the run; with ``task``
    ``detection`` the panel shows a detector's five boxes on the run's picture, as a live frame
    of a detection run does (the boxes drawn once, then only scaled); with ``segmentation`` a
    513x513 class map over the bird, as DeepLab's (the mask composed once, then only
    scaled)."""
    import numpy as np

    from core.measure.events import LatencyBatch
    from core.measure.probe import RunProbe
    from core.measure.reducer import RunReducer
    from core.results.records import BackendRecord
    from gui.app.application import make_app
    from gui.window.main_window import MainWindow

    app = make_app()
    window = MainWindow(restore=False, start_page=False)
    window.show()
    rng = np.random.default_rng(1)
    total = count + frames * 300
    window.state = RunReducer.planned([BackendRecord("cpu", "cpu", "CPU", status="running")])
    window.view.show_results()
    window._sync_panels()
    if task == "detection":
        _show_detections(window.state)
    elif task == "segmentation":
        _show_mask(window.state)
    window.state.apply([LatencyBatch("cpu", tuple(rng.lognormal(np.log(17.6), 0.05, count)),
                                     count, total)])
    window._paint()
    app.processEvents()
    probe = window.runner.probe = RunProbe(record_paints=True)
    times = []
    done = count
    for _ in range(frames):
        batch = tuple(rng.lognormal(np.log(17.6), 0.05, 300))
        done += len(batch)
        start = time.perf_counter()
        window.state.apply([LatencyBatch("cpu", batch, done, total)])
        window._paint()
        window.runner.turns._flush()  # as a turn paints it
        times.append(time.perf_counter() - start)
    paints = probe.intervals
    painted = [p for p in paints if p[1] - p[0] > 0]
    return {"frame_ms": 1000 * sorted(times)[len(times) // 2],
            "paints_per_frame": len(painted) / frames,
            "compositions": sum(p.detections.compositions for p in window.panels)}


def _show_detections(state: Any) -> None:
    """The run's picture and five objects on it, as a detection run's first result leaves them."""
    from PIL import Image

    from core.tasks.detection import Box, Detection, Detections

    picture = coral_file(PICTURE)
    with Image.open(picture) as opened:
        width, height = opened.size
    state.run.image = {"path": str(picture), "sha256": "", "width": width, "height": height}
    step = min(width, height) / 10
    state.backend("cpu").task_result = Detections(tuple(
        Detection(i, f"class {i}", 0.9 - i / 20, Box(i * step, i * step, (i + 4) * step,
                                                         (i + 4) * step)) for i in range(5)))


def _show_mask(state: Any) -> None:
    """The bird and a 513x513 class map of it (a bird in the middle of the background), as a
    DeepLab run's first result leaves them."""
    import numpy as np
    from PIL import Image

    from core.tasks.placement import Placement
    from core.tasks.segmentation import decode_segmentation

    picture = coral_file(MASK_PICTURE)
    with Image.open(picture) as opened:
        width, height = opened.size
    state.run.image = {"path": str(picture), "sha256": "", "width": width, "height": height}
    rows, columns = np.mgrid[:MASK_SIDE, :MASK_SIDE]
    centre = MASK_SIDE / 2
    bird = (rows - centre) ** 2 + (columns - centre) ** 2 < (MASK_SIDE / 4) ** 2
    classes = np.where(bird, 3, 0).astype(np.int64)[np.newaxis]
    state.backend("cpu").task_result = decode_segmentation(
        classes, Placement.stretched(width, height))


def measure_startup(model: str, image: str, t0: float) -> dict[str, float]:
    """Process start to window shown, and to the first result painted."""
    from PySide6.QtTest import QTest

    from gui.app.application import make_app
    from gui.window.main_window import MainWindow

    app = make_app()
    window = MainWindow(restore=False, start_page=False)
    window.open_path(Path(model), "model")
    window.open_path(Path(image), "image")
    window.show()
    QTest.qWaitForWindowExposed(window)
    app.processEvents()
    shown = time.time() - t0
    first: list[float] = []

    def on_events(events: list[object]) -> None:
        from core.measure.events import FirstInference

        if not first and any(isinstance(e, FirstInference) for e in events):
            app.processEvents()  # the paint that shows it
            first.append(time.time() - t0)
            window.runner.cancel()

    window.runner.eventsDelivered.connect(on_events)
    window.runner.runEnded.connect(app.quit)
    window.view.input_bar.count.setValue(20)
    window.start_run()
    app.exec()
    return {"shown_s": shown, "first_result_s": first[0] if first else float("nan"),
            "python_start_s": T_IMPORT - t0}


def main() -> None:
    if sys.argv[1] == "paint":
        task = sys.argv[3] if len(sys.argv) > 3 else "classification"
        print("JSON " + json.dumps(measure_paint(int(sys.argv[2]), task)), flush=True)
        return
    mode, model, image, count = sys.argv[1:5]
    if mode in ("run", "stalls"):
        result = measure_run(model, image, int(count), stalls=mode == "stalls")
    else:
        result = measure_startup(model, image, float(sys.argv[5]))
    print("JSON " + json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
