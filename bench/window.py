"""The window's costs: does it bend the distribution it measures, does it stay responsive, does
painting cost the same at any count, how fast does it open.

- Non-interference: p50, p90 and p99 of the CPU backend measured by the real window during a
  live run vs the same run from the command line (``edgetpu-compare run``), alternated
  ``--repeats`` times (at least 9), for MobileNet v2 (300 inferences) and MobileNet v1 0.25
  (3,000): the medians of the runs' percentiles; each run's p99, and the ratios of all runs'
  latencies pooled, and the median of each window round's first inferences against the rest's
  (the first ones follow a paint), are printed too. The
  window runs offscreen and, when DISPLAY is set (``xvfb-run``), also as a real X window.
  Targets: window / command line p50 <= 1.03, p90 <= 1.05, p99 <= 1.10.
- Responsiveness: the largest event-loop stall during a 5,000-inference run of the smallest
  model (a 5 ms timer measures the gaps). Target: at most 50 ms.
- Paint cost: one live frame (a batch applied, the window refreshed and painted) with 1,000,000
  latencies vs with 1,000. Target: ratio at most 1.10 (no growth with the history).
- Start-up: process start to window shown, and to the first result on screen; medians of five.
  Target: window within 1.5 s.
- ``--task detection``: the non-interference check with a detector instead of the classifiers,
  and the paint cost of a detector panel's live frame against a classifier panel's (target:
  ratio at most 1.10; the boxes are drawn once per result, not per frame).
  No real detector's CPU file is on our machines, so it is one built like the tests' detectors
  (tests/detection_models.py): a 300x300 input and LiteRT's real TFLite_Detection_PostProcess
  over 1,917 anchors (SSD MobileNet's count) with fixed random scores, so the post-processing,
  decoding and drawing are real and the network is absent.
- ``--task segmentation``: the same with Coral's DeepLab v3 (a 513x513 class map) on the bird
  (100 inferences a run: about 0.15 s each on 2 cores), and the paint cost of a segmentation
  panel's live frame (its mask over the bird) against a classifier panel's (target: ratio at
  most 1.10; the mask is composed once per result, not per frame).
Usage: python bench/window.py [--repeats R] [--only interference|responsiveness|paint|startup]
                              [--task classification|detection|segmentation]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import _common  # noqa: F401  (puts the repository on sys.path)
from _common import REPO, coral_file, print_table

from core.results.stats import compute_stats

CHILD = str(Path(__file__).with_name("_window_child.py"))
SMALL = "models/mobilenet_v1_0.25_128_quant.tflite"
MEDIUM = "models/mobilenet_v2_1.0_224_quant.tflite"
IMAGE = "images/parrot.jpg"
DEEPLAB = "segmentation/deeplabv3_mnv2_pascal_quant.tflite"
BIRD = "segmentation/bird_segmentation.bmp"
WARMUP = "10"
TARGETS = {"p50": 1.03, "p90": 1.05, "p99": 1.10}
# At least 9 alternations: MobileNet v2's p99 is 3 of its 300 samples, and on this shared VM
# one run in about ten, window or command line, is disturbed by the host; the median of 9 runs'
# percentiles is steady against both (over 5 it still crossed 1.10 either way).
INTERFERENCE_REPEATS = 9


def child(*args: str, platform: str | None = None) -> dict[str, Any]:
    env = dict(os.environ)
    if platform is not None:
        env["QT_QPA_PLATFORM"] = platform
    out = subprocess.run([sys.executable, CHILD, *args], capture_output=True, text=True,
                         check=True, timeout=900, env=env).stdout
    line = next(x for x in out.splitlines() if x.startswith("JSON "))
    result: dict[str, Any] = json.loads(line[5:])
    return result


def command_line(model: Path, count: int, image: Path) -> dict[str, Any]:
    """The same run from ``edgetpu-compare run``, read back from its result file."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "r.json"
        subprocess.run([sys.executable, "-m", "gui.app.entry", "run", "--model",
                        str(model), "--image", str(image), "--count",
                        str(count), "--warmup", WARMUP, "--backend", "cpu", "--json", str(out)],
                       cwd=REPO, capture_output=True, check=True, timeout=900)
        backend = json.loads(out.read_text())["backends"][0]
    stats = backend["stats"]
    return {"p50": stats["median"], "p90": stats["p90"], "p99": stats["p99"],
            "latencies": backend["latencies_ms"]}


def medians(runs: list[dict[str, Any]]) -> dict[str, float]:
    """The median over the runs of each run's own percentile: one run that the host disturbed
    (it happened to window and command-line runs alike, about one in ten) moves it little."""
    return {k: statistics.median(r[k] for r in runs) for k in TARGETS}


def pooled(runs: list[dict[str, Any]]) -> dict[str, float]:
    """The percentiles of every run's latencies together (printed for comparison): MobileNet
    v2's p99 of one run is 3 of its 300 samples; pooled, 27 of 2,700, but one disturbed run
    weighs on it fully."""
    stats = compute_stats([x for r in runs for x in r["latencies"]])
    assert stats is not None
    return {"p50": stats.median, "p90": stats.p90, "p99": stats.p99}


def round_starts(runs: list[dict[str, Any]], first: int = 5) -> str:
    """The median of each round's first inferences against the rest's, in the window's runs:
    after the paint between two rounds the caches hold the painting (docs/measuring.md, a
    detector in the window); the command line's rounds follow each other without a pause."""
    starts, rest = [], []
    for run in runs:
        at = 0
        for size in run.get("rounds", []):
            starts += run["latencies"][at:at + min(first, size)]
            rest += run["latencies"][at + first:at + size]
            at += size
    if not starts or not rest:
        return "no rounds reported"
    return (f"median of each round's first {first} inferences {statistics.median(starts):.3f} "
            f"ms, of the rest {statistics.median(rest):.3f} ms "
            f"({len(starts)} and {len(rest)} inferences)")


def platforms() -> list[str]:
    return ["offscreen", "xcb"] if os.environ.get("DISPLAY") else ["offscreen"]


def built_detector(folder: Path) -> Path:
    """A detector whose post-processing has SSD MobileNet's work: 1,917 anchors, 90 classes."""
    import numpy as np

    from tests.detection_models import Anchor, build_detector

    rng = np.random.default_rng(7)
    anchors = []
    for _ in range(1917):
        y, x = rng.uniform(0, 0.8, 2)
        h, w = rng.uniform(0.05, 0.2, 2)
        anchors.append(Anchor((y, x, y + h, x + w), int(rng.integers(0, 90)),
                              float(rng.uniform(0, 1))))
    return build_detector(folder / "ssd_like.tflite", anchors, classes=90, max_detections=10,
                          size=(300, 300))


def interference(repeats: int, task: str = "classification") -> list[str]:
    rows, worst, spread = [], dict.fromkeys(TARGETS, 0.0), []
    folder = Path(tempfile.mkdtemp(prefix="bench-window-"))
    models = {"classification": ((coral_file(MEDIUM), 300), (coral_file(SMALL), 3000)),
              "detection": ((built_detector(folder), 1000),),
              "segmentation": ((coral_file(DEEPLAB), 100),)}[task]
    image = coral_file(BIRD if task == "segmentation" else IMAGE)
    for model, count in models:
        windows: dict[str, list[dict[str, Any]]] = {p: [] for p in platforms()}
        cli: list[dict[str, Any]] = []
        for _ in range(repeats):  # alternated, so that drift in the machine hits both alike
            for platform in windows:
                windows[platform].append(child("run", str(model), str(image), str(count),
                                               platform=platform))
            cli.append(command_line(model, count, image))
        base = medians(cli)
        spread.append(f"{Path(model).stem} p99 per run, ms: command line "
                      + " ".join(f"{r['p99']:.3f}" for r in cli) + "; " + "; ".join(
                          f"{p} " + " ".join(f"{r['p99']:.3f}" for r in runs)
                          for p, runs in windows.items()))
        for platform, runs in windows.items():
            spread.append(f"{Path(model).stem} {platform}: " + round_starts(runs))
            row = [Path(model).stem, "X (Xvfb)" if platform == "xcb" else platform]
            values = medians(runs)
            for key in TARGETS:
                value = values[key]
                ratio = value / base[key]
                worst[key] = max(worst[key], ratio)
                row += [f"{value:.3f}", f"{base[key]:.3f}", f"{ratio:.3f}"]
            rows.append(row)
            together, cli_together = pooled(runs), pooled(cli)
            spread.append(f"{Path(model).stem} {platform}: every run's latencies pooled "
                          "instead, window / command line " + ", ".join(
                              f"{k} {together[k] / cli_together[k]:.3f}" for k in TARGETS))
    print(f"Window non-interference (CPU backend, medians of {repeats} alternated runs, ms)")
    headers = ["model", "window"]
    for key in TARGETS:
        headers += [f"{key} window", f"{key} cli", f"{key} ratio"]
    print_table(headers, rows)
    for line in spread:
        print(line)
    verdict = all(worst[k] <= TARGETS[k] for k in TARGETS)
    return ["window / command line worst ratios " + ", ".join(
        f"{k} {worst[k]:.3f} (<= {TARGETS[k]})" for k in TARGETS) + (" ok" if verdict
                                                                      else " OVER")]


def responsiveness(repeats: int) -> list[str]:
    results = [child("stalls", str(coral_file(SMALL)), str(coral_file(IMAGE)), "5000")
               for _ in range(repeats)]
    worst = max(r["max_stall_ms"] for r in results)
    print("Responsiveness (5,000 inferences of the smallest model)")
    print_table(["run", "largest stall ms", "deliveries", "repaints", "turn timeouts"],
                [[str(i + 1), f"{r['max_stall_ms']:.0f}", f"{r['deliveries']:.0f}",
                  f"{r['repaints']:.0f}", f"{r['turn_timeouts']:.0f}"]
                 for i, r in enumerate(results)])
    return [f"largest event-loop stall {worst:.0f} ms (target <= 50 ms) "
            + ("ok" if worst <= 50 else "OVER")]


def paint_ratio(repeats: int, pair: tuple[tuple[str, ...], tuple[str, ...]], title: str,
                columns: list[str], what: str) -> list[str]:
    """The median ratio of the second child's frame cost to the first's (target <= 1.10)."""
    rows, ratios = [], []
    for _ in range(repeats):
        first = child("paint", *pair[0])["frame_ms"]
        second = child("paint", *pair[1])["frame_ms"]
        ratios.append(second / first)
        rows.append([f"{first:.2f}", f"{second:.2f}", f"{second / first:.3f}"])
    ratio = statistics.median(ratios)
    print(title)
    print_table([*columns, "ratio"], rows)
    return [f"{what} {ratio:.3f} (target <= 1.10) " + ("ok" if ratio <= 1.10 else "OVER")]


def paint(repeats: int) -> list[str]:
    return paint_ratio(repeats, (("1000",), ("1000000",)),
                       "Paint cost of one live frame (median of 40 frames each)",
                       ["1,000 latencies ms", "1,000,000 latencies ms"],
                       "paint cost at 1,000,000 / 1,000 latencies")


def task_paint(repeats: int, task: str) -> list[str]:
    """A detector's or segmenter's panel's live frame against a classifier panel's, both at
    1,000 latencies: the boxes or the mask are drawn once per result, so a frame only shows
    the finished picture."""
    kind = {"detection": "detector", "segmentation": "segmenter"}[task]
    return paint_ratio(repeats, (("1000", "classification"), ("1000", task)),
                       f"Paint cost of one live frame, {kind} panel vs classifier panel "
                       "(median of 40)", ["classifier ms", f"{kind} ms"],
                       f"paint cost {kind} / classifier panel")


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
    parser.add_argument("--only", choices=("interference", "responsiveness", "paint", "startup"))
    parser.add_argument("--task", choices=("classification", "detection", "segmentation"),
                        default="classification",
                        help="the model of the non-interference check (see above)")
    parser.add_argument("--quick", action="store_true",
                        help="fewer alternations than the targets need: a smoke run only")
    args = parser.parse_args()
    lines: list[str] = []
    if args.only in (None, "interference"):
        lines += interference(args.repeats if args.quick
                              else max(args.repeats, INTERFERENCE_REPEATS), args.task)
    if args.only in (None, "responsiveness"):
        lines += responsiveness(args.repeats)
    if args.only in (None, "paint"):
        lines += paint(args.repeats) if args.task == "classification" \
            else task_paint(args.repeats, args.task)
    if args.only in (None, "startup"):
        lines += startup(max(args.repeats, 5))
    for line in lines:
        print("RESULT: " + line)


if __name__ == "__main__":
    main()
