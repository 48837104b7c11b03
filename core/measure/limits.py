"""How long a worker may stay silent before it counts as hung, and what to say when it does.

A fixed limit is wrong both ways: 120 s is far too short for ``--warmup 100000`` on a slow CPU
and needlessly long for a device that stopped answering. The warm-up limit therefore grows with
the work asked for, measured by the first inference (which is the slowest one: on an Edge TPU it
includes uploading the model). The message names the cause that fits the backend: only an Edge
TPU is a device to unplug; a CPU that takes too long over its warm-ups was given too much work.
Any other silence (a timed round of about 100 ms, loading, the final output) is not a matter of
the work asked for: the backend stopped responding, for instance because its process was paused
(Ctrl-Z, SIGSTOP), which on Linux is read from the process's state and said so. Limits of
the system come here too: a run is refused before any worker when its workers could not all be
started under the open-file limit, and a worker that cannot be started is a plain error.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from core.errors import ErrorInfo, error, fail

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


# Open files the parent holds per worker (its pipe, its process sentinel, the reaper's), and
# those spawning one needs for a moment (the child's pipes), measured with ``/proc/self/fd``.
FILES_PER_WORKER = 3
FILES_TO_SPAWN = 4


def open_file_limit() -> tuple[int, int] | None:
    """(files open now, the soft limit on open files), or None where that cannot be known."""
    try:
        import resource

        soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
        now = len(os.listdir("/proc/self/fd"))
    except (ImportError, OSError, ValueError):
        return None
    return now, soft


def check_open_files(workers: int, limits: tuple[int, int] | None = None) -> None:
    """Refuse a run whose workers could not all be started under the open-file limit
    (``ulimit -n``): before any worker, one line, instead of a failure halfway through."""
    known = open_file_limit() if limits is None else limits
    if known is None or workers <= 0:
        return
    now, soft = known
    if soft < 0:  # RLIM_INFINITY
        return
    need = now + FILES_PER_WORKER * workers + FILES_TO_SPAWN
    if need > soft:
        raise fail("usage", f"{workers} backends need about {need} open files, but this process "
                   f"may open only {soft} (ulimit -n).",
                   "Raise the limit (for example: ulimit -n 1024) or run fewer backends.")


def spawn_error(label: str, exc: OSError) -> ErrorInfo:
    """The error of a backend whose worker could not be started (no process, no file left)."""
    if exc.errno in (errno.EMFILE, errno.ENFILE):
        return error("worker_crashed", f"{label} could not be started: too many files are open.",
                     "Raise the limit (for example: ulimit -n 1024) or run fewer backends.")
    if exc.errno in (errno.EAGAIN, errno.ENOMEM):
        return error("worker_crashed", f"{label} could not be started: the system has no room "
                     "for another process.", "Close other programs and run it again.")
    return error("worker_crashed", f"{label} could not be started "
                 f"({exc.strerror or type(exc).__name__}).",
                 "Run 'edgetpu-compare doctor' and try again.")
