"""The window's costs: does it disturb the measurement, does it stay responsive, how fast it opens.

- Non-interference: the CPU median measured while the window repaints a live run vs the same
  run from the command line (no window), alternated. Target: ratio at most 1.05.
- Responsiveness: the largest event-loop stall during a 5,000-inference run of the smallest
  model (a 5 ms timer measures the gaps). Target: at most 100 ms.
- Start-up: process start to window shown, and to the first result on screen; medians of five.
  Target: window within 1.5 s.
Runs offscreen unless DISPLAY is set (under xvfb-run it measures a real X window).
Usage: python bench/window.py [--repeats R] [--only interference|responsiveness|startup]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

import _common  # noqa: F401  (puts the repository on sys.path)
from _common import coral_file, print_table

from core.backends import BackendSpec
from core.session import RunRequest, Session

CHILD = str(Path(__file__).with_name("_window_child.py"))
SMALL = "models/mobilenet_v1_0.25_128_quant.tflite"
MEDIUM = "models/mobilenet_v2_1.0_224_quant.tflite"
IMAGE = "images/parrot.jpg"


def child(*args: str) -> dict[str, float]:
    out = subprocess.run([sys.executable, CHILD, *args], capture_output=True, text=True,
                         check=True, timeout=900).stdout
    line = next(x for x in out.splitlines() if x.startswith("JSON "))
    result: dict[str, float] = json.loads(line[5:])
    return result


def cli_median(model: str, count: int) -> float:
    record = Session(RunRequest(coral_file(model), coral_file(IMAGE), count=count, warmup=10,
                                backends=(BackendSpec("cpu"),))).run()
    stats = record.backend("cpu").stats
    assert stats is not None
    return stats.median


def interference(repeats: int) -> list[str]:
    rows, worst = [], 0.0
    for model, count in ((SMALL, 3000), (MEDIUM, 500)):
        gui, cli = [], []
        for _ in range(repeats):
            gui.append(child("run", str(coral_file(model)), str(coral_file(IMAGE)),
                             str(count))["median_ms"])
            cli.append(cli_median(model, count))
        ratio = statistics.median(gui) / statistics.median(cli)
        worst = max(worst, ratio)
        rows.append([Path(model).stem, f"{statistics.median(gui):.3f}",
                     f"{statistics.median(cli):.3f}", f"{ratio:.3f}"])
    print("Window non-interference (CPU median with the window painting vs command line)")
    print_table(["model", "window ms", "command line ms", "ratio"], rows)
    return [f"window non-interference worst ratio {worst:.3f} (target <= 1.05) "
            + ("ok" if worst <= 1.05 else "OVER")]


def responsiveness(repeats: int) -> list[str]:
    results = [child("run", str(coral_file(SMALL)), str(coral_file(IMAGE)), "5000")
               for _ in range(repeats)]
    worst = max(r["max_stall_ms"] for r in results)
    print("Responsiveness (5,000 inferences of the smallest model)")
    print_table(["run", "largest stall ms", "deliveries", "repaints"],
                [[str(i + 1), f"{r['max_stall_ms']:.0f}", f"{r['deliveries']:.0f}",
                  f"{r['repaints']:.0f}"] for i, r in enumerate(results)])
    return [f"largest event-loop stall {worst:.0f} ms (target <= 100 ms) "
            + ("ok" if worst <= 100 else "OVER")]


def startup(repeats: int) -> list[str]:
    results = []
    for _ in range(repeats):
        results.append(child("startup", str(coral_file(MEDIUM)), str(coral_file(IMAGE)), "20",
                             repr(time.time())))
    shown = statistics.median(r["shown_s"] for r in results)
    first = statistics.median(r["first_result_s"] for r in results)
    print(f"Start-up (medians of {repeats})")
    print_table(["to window shown s", "to first result s"], [[f"{shown:.2f}", f"{first:.2f}"]])
    return [f"start-up: window shown in {shown:.2f} s (target <= 1.5 s) "
            + ("ok" if shown <= 1.5 else "OVER") + f", first result in {first:.2f} s"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--only", choices=("interference", "responsiveness", "startup"))
    args = parser.parse_args()
    lines: list[str] = []
    if args.only in (None, "interference"):
        lines += interference(args.repeats)
    if args.only in (None, "responsiveness"):
        lines += responsiveness(args.repeats)
    if args.only in (None, "startup"):
        lines += startup(max(args.repeats, 5))
    for line in lines:
        print("RESULT: " + line)


if __name__ == "__main__":
    main()
