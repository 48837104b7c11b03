"""Fuzz the readers of user files (model, labels, image, result file) for a while.

Runs the hypothesis targets of ``tests/fuzz/targets.py`` in turn, one batch each, until the time
is up, and prints how many inputs each tried. Any exception other than the program's own
``AppError`` is a crash, any input that takes longer than 20 s a hang: both print the input's
description and exit 1. Usage: python bench/fuzz.py [--minutes 10] [--only model,labels,...]
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
import traceback
from typing import Any

import _common  # noqa: F401  (puts the repository on sys.path)
from hypothesis import HealthCheck, Phase, given, settings

from tests.fuzz.targets import HANG_S, TARGETS

BATCH = 200


class Hang(Exception):
    pass


def _alarm(_signum: int, _frame: Any) -> None:
    raise Hang(f"one input took more than {HANG_S:.0f} s")


def run_batch(name: str, examples: int, counter: list[int]) -> None:
    target, strategy = TARGETS[name]

    @settings(max_examples=examples, deadline=None, database=None, phases=[Phase.generate,
              Phase.shrink], suppress_health_check=list(HealthCheck), derandomize=False)
    @given(strategy())
    def check(data: bytes) -> None:
        counter[0] += 1
        signal.setitimer(signal.ITIMER_REAL, HANG_S)
        try:
            target(data)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)

    check()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--only", default=",".join(TARGETS),
                        help=f"comma-separated targets (default: {','.join(TARGETS)})")
    args = parser.parse_args()
    names = [n for n in args.only.split(",") if n]
    unknown = set(names) - set(TARGETS)
    if unknown:
        parser.error(f"unknown target(s): {', '.join(sorted(unknown))}")
    signal.signal(signal.SIGALRM, _alarm)
    counts = {name: [0] for name in names}
    end = time.monotonic() + args.minutes * 60
    started = time.monotonic()
    try:
        while time.monotonic() < end:
            for name in names:
                if time.monotonic() >= end:
                    break
                run_batch(name, BATCH, counts[name])
    except Exception as exc:  # a crash or a hang, with the falsifying input in its notes
        traceback.print_exc()
        print(f"FAILED after {sum(c[0] for c in counts.values())} inputs: "
              f"{type(exc).__name__}: {exc}", file=sys.stderr)
        print(f"RESULT: fuzz {type(exc).__name__} after {sum(c[0] for c in counts.values())} "
              "inputs OVER")
        return 1
    finally:
        elapsed = time.monotonic() - started
        for name, count in counts.items():
            print(f"{name:8s} {count[0]:9d} inputs")
        print(f"total    {sum(c[0] for c in counts.values()):9d} inputs in {elapsed / 60:.1f} "
              "minutes")
    print("no crash, no hang, no traceback")
    print(f"RESULT: fuzz {sum(c[0] for c in counts.values())} inputs in {args.minutes:g} min, "
          "no crash or hang ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
