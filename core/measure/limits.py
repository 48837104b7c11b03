"""How long a worker may stay silent before it counts as hung, and what to say when it does.

A fixed limit is wrong both ways: 120 s is far too short for ``--warmup 100000`` on a slow CPU
and needlessly long for a device that stopped answering. The warm-up limit therefore grows with
the work asked for, measured by the first inference (which is the slowest one: on an Edge TPU it
includes uploading the model). The message names the cause that fits the backend: only an Edge
TPU is a device to unplug; a CPU that takes too long over its warm-ups was given too much work.
Any other silence (a timed round of about 100 ms, loading, the final output) is not a matter of
the work asked for: the backend stopped responding, for instance because its process was paused
(Ctrl-Z, SIGSTOP), which on Linux is read from the process's state and said so.
"""

from __future__ import annotations

from pathlib import Path

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


def process_paused(pid: int | None) -> bool:
    """True when process ``pid`` is stopped by a signal (state T or t in ``/proc``)."""
    if pid is None:
        return False
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return False
    state = stat.rpartition(")")[2].split()[:1]
    return state in (["T"], ["t"])


def stalled_error(label: str, kind: str, seconds: float, work: bool = False,
                  paused: bool = False) -> ErrorInfo:
    """The ``worker_crashed`` error for a worker that said nothing for ``seconds``.

    ``work``: the limit covered work the user asked for (the warm-ups), so too much of it is a
    possible cause; ``paused``: the worker's process was found stopped by a signal."""
    if paused:
        return error("worker_crashed",
                     f"{label} stopped responding: its process was paused (stopped by a signal).",
                     "Resume it (fg, or kill -CONT) or stop the run, then run it again.")
    if kind == "edgetpu":
        return error("worker_crashed", f"{label} stopped responding.",
                     "Unplug and replug the device, then run 'edgetpu-compare doctor'.")
    if not work:
        return error("worker_crashed",
                     f"{label} stopped responding: nothing came back for {seconds:.0f} s.",
                     "Close programs that overload this computer and run it again; if it "
                     "happens again, run 'edgetpu-compare doctor'.")
    return error("worker_crashed",
                 f"{label} did not finish its work within {seconds:.0f} s.",
                 "Ask for fewer inferences (--count, --warmup), or choose a smaller model.")
