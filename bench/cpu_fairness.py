"""CPU fairness: the default CPU backend's median vs the best CPU setting this machine offers.

Settings: the default (LiteRT, XNNPACK, one thread per core), LiteRT with XNNPACK at 1..N threads,
LiteRT without XNNPACK, and tflite-runtime when it is installed. Each setting runs in its own
session (its own worker process, as the app measures); the settings are alternated over several
repeats so that drift of the machine affects all of them, and each setting's figure is the best
of its per-repeat medians: on a shared or throttled machine a repeat can lose a core for a
while (2-thread runs then look like 1-thread runs), and that is the machine, not the setting.
The spread column (slowest / fastest repeat) shows how noisy the machine was. Target: the
default is within 10% of the best. The slowest setting shows how much a careless CPU baseline
would flatter the Edge TPU.
Usage: python bench/cpu_fairness.py [--count N] [--repeats R] [--max-threads N]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
from dataclasses import dataclass

import _common  # noqa: F401  (puts the repository on sys.path)
from _common import coral_file, print_table

from core.measure.backends import BackendSpec
from core.measure.session import RunRequest, Session

MODELS = ["mobilenet_v2_1.0_224_quant", "mobilenet_v1_0.25_128_quant"]
TARGET = 1.10


@dataclass(frozen=True)
class Setting:
    name: str
    spec: BackendSpec
    is_default: bool = False


def settings(max_threads: int) -> list[Setting]:
    default = BackendSpec("cpu")
    found = [Setting(f"default (threads={default.effective_threads})", default, is_default=True)]
    # The default's own thread count is the default itself: measuring it twice would only
    # compare the machine's noise with itself.
    found += [Setting(f"threads={n}", BackendSpec("cpu", threads=n))
              for n in range(1, max_threads + 1) if n != default.effective_threads]
    found.append(Setting("xnnpack=off", BackendSpec("cpu", xnnpack=False)))
    if importlib.util.find_spec("tflite_runtime") is not None:
        found.append(Setting("runtime=tflite-runtime",
                             BackendSpec("cpu", runtime="tflite-runtime")))
    return found


def median_of(model: str, spec: BackendSpec, count: int, warmup: int) -> float:
    request = RunRequest(coral_file(f"models/{model}.tflite"), coral_file("images/parrot.jpg"),
                         count=count, warmup=warmup, backends=(spec,))
    backend = Session(request).run().backends[0]
    if backend.stats is None:
        raise SystemExit(f"error: {spec.to_text()} failed on {model}: "
                         f"{backend.error.one_line() if backend.error else backend.status}")
    return backend.stats.median


def measure(model: str, chosen: list[Setting], count: int, warmup: int,
            repeats: int) -> dict[str, list[float]]:
    """Each setting's per-repeat medians; the order rotates each repeat."""
    medians: dict[str, list[float]] = {s.name: [] for s in chosen}
    for r in range(repeats):
        shift = r % len(chosen)
        for s in chosen[shift:] + chosen[:shift]:
            medians[s.name].append(median_of(model, s.spec, count, warmup))
    return medians


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--max-threads", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    chosen = settings(args.max_threads)
    default_label = BackendSpec("cpu").label()
    print(f"CPU fairness ({default_label} as default; {args.count} inferences, "
          f"best median of {args.repeats} alternations; target: default <= {TARGET:.2f} x "
          "best)")
    if not any(s.spec.runtime == "tflite-runtime" for s in chosen):
        print("tflite-runtime: not installed, not measured "
              "(pip install 'edgetpu-compare[tflite]' on Python <= 3.11)")
    worst_ratio, worst_flatter, verdicts = 0.0, 0.0, []
    for model in MODELS:
        repeats = measure(model, chosen, args.count, args.warmup, args.repeats)
        result = {name: min(values) for name, values in repeats.items()}
        best = min(result.values())
        default = result[next(s.name for s in chosen if s.is_default)]
        slowest_name = max(result, key=lambda name: result[name])
        rows = [[s.name + (" *" if s.is_default else ""), s.spec.label(),
                 f"{result[s.name]:.3f}", f"{max(repeats[s.name]) / result[s.name]:.2f}",
                 f"{result[s.name] / best:.2f}"] for s in chosen]
        ratio = default / best
        flatter = result[slowest_name] / default
        worst_ratio, worst_flatter = max(worst_ratio, ratio), max(worst_flatter, flatter)
        verdict = "ok" if ratio <= TARGET else "OVER"
        verdicts.append(verdict)
        print()
        print(model)
        print_table(["setting", "backend", "median ms", "spread", "x best"], rows)
        print(f"verdict: the default is {ratio:.2f}x the best ({verdict}, target <= "
              f"{TARGET:.2f})")
        print(f"the slowest setting ({slowest_name}) is {flatter:.1f}× slower than the default: "
              f"comparing an Edge TPU against it would flatter the Edge TPU {flatter:.1f}×")
    overall = "ok" if all(v == "ok" for v in verdicts) else "OVER"
    print()
    print(f"RESULT: cpu_fairness default/best worst {worst_ratio:.3f} (target <= {TARGET:.2f}) "
          f"{overall}; slowest setting would flatter the Edge TPU up to {worst_flatter:.1f}×")


if __name__ == "__main__":
    main()
