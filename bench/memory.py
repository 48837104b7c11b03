"""Memory: peak RSS of the window process and of each worker with two backends loaded, and
what a session keeps per timed inference.

Part 1 runs a core session with two CPU backends (the default and ``cpu:threads=1``, so that two
workers hold a loaded interpreter at once) and samples every process on each session event.
Part 2, when PySide6 is importable, runs ``python -m gui.app.entry screenshot`` (the real window,
offscreen, running the same two backends) and samples it and its children until it exits.
Peaks are the larger of the sampled RSS and, on Linux, the kernel's high-water mark (VmHWM),
which catches a peak between two samples. No target is set for these: they are for tracking.

Part 3 runs a session of one CPU backend on the smallest model at 10^4, 10^5 and 10^6 timed
inferences, each in a fresh process (so that each peak is its own), and writes the result file
as the command line does. The growth of the session's peak between the smallest and the
largest count, divided by the extra inferences, is what each inference costs. Target: at most
16 bytes per inference above the fixed cost (a latency is kept as one 8-byte double in the
record; a batch passes through once more on its way), so that the largest count the command
line accepts (10^7) fits on a 2 GB Raspberry Pi.

Spawned workers re-import this script as their ``__mp_main__``, so it imports only the standard
library at the top: importing the engine here would add ~10 MB to every worker that the app's
own workers do not carry, and the bench would overstate them.
Usage: python bench/memory.py [--model NAME] [--count N] [--counts N,N,...] [--only per-inference]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import _common  # noqa: F401  (puts the repository on sys.path)
from _common import REPO, coral_file, print_table

MB = 1024 * 1024
POLL_S = 0.02
SPECS = ("cpu", "cpu:threads=1")  # two workers, each with a loaded interpreter
WINDOW_TIMEOUT_S = 300.0


class PeakTracker:
    """Largest RSS seen per pid, with a name for each."""

    def __init__(self) -> None:
        self.peak: dict[int, int] = {}
        self.names: dict[int, str] = {}

    def sample(self, pid: int, name: str) -> None:
        import psutil

        try:
            rss = psutil.Process(pid).memory_info().rss
        except psutil.Error:
            return
        self.names.setdefault(pid, name)
        self.peak[pid] = max(self.peak.get(pid, 0), rss, _high_water_mark(pid))


def _high_water_mark(pid: int) -> int:
    """VmHWM from /proc (Linux): the peak RSS the kernel saw, 0 where unavailable."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _child_name(proc: Any) -> str:
    import psutil

    try:
        cmdline = " ".join(proc.cmdline())
    except psutil.Error:
        return "child"
    if "resource_tracker" in cmdline:
        return "multiprocessing resource tracker"
    if "spawn_main" in cmdline:
        return "worker"
    return "child: " + (proc.name() or "?")


def measure_session(model: Path, image: Path, count: int) -> list[list[str]]:
    import psutil

    from core.measure.backends import parse_backend_spec
    from core.measure.session import RunRequest, Session

    tracker = PeakTracker()
    specs = tuple(parse_backend_spec(s) for s in SPECS)
    session = Session(RunRequest(model, image, count=count, warmup=5, backends=specs))
    me = os.getpid()

    def on_event(_event: object) -> None:
        tracker.sample(me, "session driver (this process)")
        for pid in session.worker_pids():
            tracker.sample(pid, "worker")
        for child in psutil.Process(me).children(recursive=True):
            if child.pid not in session.worker_pids():
                tracker.sample(child.pid, _child_name(child))

    record = session.run(on_event)
    labels = dict(zip(session.worker_pids(), (b.label for b in record.backends), strict=False))
    failed = [b for b in record.backends if b.status != "ok"]
    if failed:
        print(f"warning: {', '.join(b.label for b in failed)} did not complete; "
              "its peak may be low")
    return [[labels.get(pid, tracker.names[pid]), str(pid), f"{peak / MB:.1f}"]
            for pid, peak in tracker.peak.items()]


def measure_window(model: Path, image: Path, labels: Path, count: int) -> list[list[str]] | str:
    """Rows for the window and its children, or why they were not measured."""
    if importlib.util.find_spec("PySide6") is None:
        return "window: not measured (PySide6 is not installed)"
    out = Path(tempfile.mkdtemp(prefix="bench-memory-")) / "window.png"
    command = [sys.executable, "-m", "gui.app.entry", "screenshot", "--model", str(model),
               "--image", str(image), "--labels", str(labels), "--count", str(count),
               "--out", str(out)]
    for spec in SPECS:
        command += ["--backend", spec]
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    import psutil

    tracker = PeakTracker()
    with subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True) as proc:
        deadline = time.monotonic() + WINDOW_TIMEOUT_S
        while proc.poll() is None and time.monotonic() < deadline:
            tracker.sample(proc.pid, "window process (screenshot command)")
            try:
                children = psutil.Process(proc.pid).children(recursive=True)
            except psutil.Error:
                children = []
            for child in children:
                tracker.sample(child.pid, _child_name(child))
            time.sleep(POLL_S)
        if proc.poll() is None:
            proc.kill()
        _, stderr = proc.communicate()
    if proc.returncode != 0 or not out.exists():
        last = (stderr.strip().splitlines() or ["no output"])[-1]
        return f"window: not measured (screenshot command unavailable: exit {proc.returncode}, " \
               f"{last})"
    out.unlink()
    out.parent.rmdir()
    return [[tracker.names[pid], str(pid), f"{peak / MB:.1f}"]
            for pid, peak in tracker.peak.items()]


SMALLEST = "mobilenet_v1_0.25_128_quant"
PER_INFERENCE_COUNTS = (10_000, 100_000, 1_000_000)
PER_INFERENCE_TARGET = 16.0  # bytes per timed inference above the fixed cost


def session_child(count: int, model: Path, image: Path) -> None:
    """In a process of its own: one session of ``count`` inferences and its result file; prints
    this process's peak RSS and the largest worker's."""
    from core.measure.backends import parse_backend_spec
    from core.measure.session import RunRequest, Session
    from core.results.result_files import write_json

    tracker = PeakTracker()
    session = Session(RunRequest(model, image, count=count, warmup=5,
                                 backends=(parse_backend_spec("cpu"),)))

    def on_event(_event: object) -> None:
        for pid in session.worker_pids():
            tracker.sample(pid, "worker")

    record = session.run(on_event)
    measured = _high_water_mark(os.getpid())
    with tempfile.TemporaryDirectory() as folder:
        write_json(record, Path(folder) / "result.json")
        size = (Path(folder) / "result.json").stat().st_size
    written = _high_water_mark(os.getpid())
    backend = record.backends[0]
    print(f"CHILD {backend.status} {len(backend.latencies_ms)} {measured} {written} "
          f"{max(tracker.peak.values(), default=0)} {size}")


def measure_per_inference(model_name: str, counts: tuple[int, ...]) -> str:
    coral_file(f"models/{model_name}.tflite")  # a clear error here, not in every child
    rows, peaks = [], {}
    for count in counts:
        out = subprocess.run([sys.executable, __file__, "--session-child", str(count),
                              "--model", model_name], cwd=REPO, capture_output=True, text=True,
                             check=True, timeout=3600).stdout
        line = next(x for x in out.splitlines() if x.startswith("CHILD "))
        status, done, measured, written, worker, size = line.split()[1:]
        if status != "ok" or int(done) != count:
            return f"per inference: not measured ({status}, {done} of {count} inferences)"
        peaks[count] = int(measured)
        rows.append([f"{count:,}", f"{int(measured) / MB:.1f}", f"{int(written) / MB:.1f}",
                     f"{int(worker) / MB:.1f}", f"{int(size) / MB:.1f}"])
    print_table(["inferences", "session peak MB", "with result file written MB",
                 "worker peak MB", "result file MB"], rows)
    low, high = min(counts), max(counts)
    per = (peaks[high] - peaks[low]) / (high - low)
    verdict = "ok" if per <= PER_INFERENCE_TARGET else "OVER"
    return f"RESULT: session memory {per:.1f} bytes per inference above the fixed cost " \
           f"({low:,} to {high:,}; target <= {PER_INFERENCE_TARGET:.0f}) {verdict}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="mobilenet_v2_1.0_224_quant")
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--counts", default=",".join(str(c) for c in PER_INFERENCE_COUNTS),
                        help="the counts of the per-inference part")
    parser.add_argument("--only", choices=["per-inference"])
    parser.add_argument("--session-child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.session_child is not None:
        session_child(args.session_child, coral_file(f"models/{args.model}.tflite"),
                      coral_file("images/parrot.jpg"))
        return
    if args.only == "per-inference":
        print(f"Per inference ({SMALLEST}, one CPU backend, peak RSS of a fresh process each)")
        print(measure_per_inference(SMALLEST, tuple(int(c) for c in args.counts.split(","))))
        return
    model = coral_file(f"models/{args.model}.tflite")
    image = coral_file("images/parrot.jpg")
    labels = coral_file("labels/imagenet_labels.txt")
    backends = " + ".join(SPECS)
    print(f"Peak RSS, MB ({args.model}, backends {backends}, {args.count} inferences each)")
    print()
    print("core session")
    session_rows = measure_session(model, image, args.count)
    print_table(["process", "pid", "peak RSS MB"], session_rows)
    print()
    print("window (gui.app.entry screenshot, offscreen)")
    window = measure_window(model, image, labels, args.count)
    if isinstance(window, str):
        print(window)
    else:
        print_table(["process", "pid", "peak RSS MB"], window)
    worker_peak = max(float(r[2]) for r in session_rows if r[0].startswith("CPU"))
    window_part = "window not measured"
    if not isinstance(window, str):
        main_rows = [r for r in window if r[0].startswith("window process")]
        window_part = f"window {float(main_rows[0][2]):.0f} MB" if main_rows else window_part
    print()
    print(f"RESULT: memory {window_part}, largest worker {worker_peak:.0f} MB "
          "(no target set; for tracking)")
    print()
    print(f"Per inference ({SMALLEST}, one CPU backend, peak RSS of a fresh process each)")
    print(measure_per_inference(SMALLEST, tuple(int(c) for c in args.counts.split(","))))


if __name__ == "__main__":
    main()
