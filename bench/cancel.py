"""Cancellation: time from Session.cancel() to every worker stopped and reaped.

A 100,000-inference run on the CPU and a second CPU backend is cancelled once measuring has
begun. Target: at most 0.5 s. Usage: python bench/cancel.py [--repeats R]
"""

from __future__ import annotations

import argparse
import statistics
import threading
import time

import _common  # noqa: F401  (puts the repository on sys.path)
from _common import coral_file, print_table

from core.measure.backends import BackendSpec
from core.measure.events import Event, LatencyBatch
from core.measure.session import RunRequest, Session

TARGET_S = 0.5


def one(model: str) -> float:
    request = RunRequest(coral_file(model), coral_file("images/parrot.jpg"), count=100_000,
                         warmup=0, backends=(BackendSpec("cpu", threads=1),
                                             BackendSpec("cpu", threads=1)))
    session = Session(request)
    measuring = threading.Event()

    def on_event(event: Event) -> None:
        if isinstance(event, LatencyBatch):
            measuring.set()

    runner = threading.Thread(target=session.run, args=(on_event,))
    runner.start()
    measuring.wait()
    time.sleep(0.3)  # let it measure for a while, as a user would before pressing Stop
    start = time.perf_counter()
    session.cancel()
    runner.join()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    rows, worst_all = [], 0.0
    for name in ("mobilenet_v1_0.25_128_quant", "mobilenet_v2_1.0_224_quant"):
        times = [one(f"models/{name}.tflite") for _ in range(args.repeats)]
        worst = max(times)
        worst_all = max(worst_all, worst)
        rows.append([name, f"{statistics.median(times) * 1000:.0f}", f"{worst * 1000:.0f}",
                     f"{worst / TARGET_S:.2f}", "ok" if worst <= TARGET_S else "OVER"])
    print(f"Stop to all workers reaped ({args.repeats} runs each; target <= "
          f"{TARGET_S * 1000:.0f} ms)")
    print_table(["model", "median ms", "worst ms", "worst/target", "verdict"], rows)
    print(f"RESULT: cancel worst {worst_all * 1000:.0f} ms (target <= {TARGET_S * 1000:.0f} ms) "
          f"{'ok' if worst_all <= TARGET_S else 'OVER'}")


if __name__ == "__main__":
    main()
