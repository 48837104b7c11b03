"""Measurement overhead: the app's reported CPU median vs a bare invoke() loop.

Both run in a separate process with the same runtime, threads and model; the two are alternated
several times so that drift of the machine affects both. Target: ratio at most 1.05.
Usage: python bench/overhead.py [--count N] [--repeats R]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import statistics
import time

import _common  # noqa: F401  (puts the repository on sys.path)
from _common import coral_file, print_table

from core.inputs.model_info import inspect_model
from core.inputs.preprocess import prepare_input
from core.measure.backends import BackendSpec
from core.measure.session import RunRequest, Session

MODELS = ["mobilenet_v1_0.25_128_quant", "mobilenet_v2_1.0_224_quant"]
TARGET = 1.05


def bare_loop(model_path: str, tensor: object, threads: int, warmup: int, count: int,
              out: mp.Queue) -> None:  # type: ignore[type-arg]
    """The simplest honest measurement: set the input once, time each invoke()."""
    from ai_edge_litert.interpreter import Interpreter

    interp = Interpreter(model_path=model_path, num_threads=threads)
    interp.allocate_tensors()
    interp.set_tensor(interp.get_input_details()[0]["index"], tensor)
    for _ in range(warmup + 1):
        interp.invoke()
    times = []
    for _ in range(count):
        t0 = time.perf_counter_ns()
        interp.invoke()
        times.append((time.perf_counter_ns() - t0) / 1e6)
    out.put(statistics.median(times))


def bare_median(model: str, image: str, threads: int, warmup: int, count: int) -> float:
    info = inspect_model(coral_file(model))
    tensor, _ = prepare_input(coral_file(image), info)
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=bare_loop, args=(str(info.path), tensor, threads, warmup, count,
                                               queue))
    proc.start()
    median: float = queue.get()
    proc.join()
    return median


def app_median(model: str, image: str, threads: int, warmup: int, count: int) -> float:
    request = RunRequest(coral_file(model), coral_file(image), count=count, warmup=warmup,
                         backends=(BackendSpec("cpu", threads=threads),))
    record = Session(request).run()
    stats = record.backend("cpu").stats
    assert stats is not None, record.backend("cpu").error
    return stats.median


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    image = "images/parrot.jpg"
    rows, worst = [], 0.0
    for name in MODELS:
        model = f"models/{name}.tflite"
        app, bare = [], []
        for _ in range(args.repeats):
            app.append(app_median(model, image, args.threads, 20, args.count))
            bare.append(bare_median(model, image, args.threads, 20, args.count))
        ratio = statistics.median(app) / statistics.median(bare)
        worst = max(worst, ratio)
        rows.append([name, f"{statistics.median(app):.3f}", f"{statistics.median(bare):.3f}",
                     f"{ratio:.3f}", "ok" if ratio <= TARGET else "OVER"])
    print(f"Measurement overhead ({args.threads} threads, {args.count} inferences, "
          f"{args.repeats} alternations; target <= {TARGET})")
    print_table(["model", "app median ms", "bare median ms", "ratio", "verdict"], rows)
    print(f"worst ratio: {worst:.3f}")
    print(f"RESULT: overhead worst ratio {worst:.3f} (target <= {TARGET}) "
          f"{'ok' if worst <= TARGET else 'OVER'}")


if __name__ == "__main__":
    main()
