"""How long a worker may stay silent before it counts as hung, and what to say when it does.

A fixed limit is wrong both ways: 120 s is far too short for ``--warmup 100000`` on a slow CPU
and needlessly long for a device that stopped answering. The warm-up limit therefore grows with
the work asked for, measured by the first inference (which is the slowest one: on an Edge TPU it
includes uploading the model). The message names the cause that fits the backend: only an Edge
TPU is a device to unplug; a CPU that takes too long was given too much work.
"""

from __future__ import annotations

from core.errors import ErrorInfo, error

BASE_TIMEOUT_S = 120.0  # loading a model, the first inference (Edge TPU: upload)
SLACK = 10.0  # a warm-up may be this many times slower than the first inference (contention)


def warmup_timeout(warmup: int, first_ms: float, base: float = BASE_TIMEOUT_S) -> float:
    """Seconds to allow for ``warmup`` untimed inferences after a first one of ``first_ms``."""
    per_inference_s = max(float(first_ms), 1.0) / 1000.0 * SLACK
    return base + max(0, warmup) * per_inference_s


def round_timeout(first_ms: float | None, base: float) -> float:
    """Seconds to allow for one round (at least one inference) after the first inference."""
    if first_ms is None:
        return base
    return max(base, float(first_ms) / 1000.0 * SLACK)


def stalled_error(label: str, kind: str, seconds: float) -> ErrorInfo:
    """The ``worker_crashed`` error for a worker that said nothing for ``seconds``."""
    if kind == "edgetpu":
        return error("worker_crashed", f"{label} stopped responding.",
                     "Unplug and replug the device, then run 'edgetpu-compare doctor'.")
    return error("worker_crashed",
                 f"{label} did not finish its work within {seconds:.0f} s.",
                 "Ask for fewer inferences (--count, --warmup), or choose a smaller model.")
