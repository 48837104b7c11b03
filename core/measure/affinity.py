"""A CPU backend's threads each on a core of their own, for as long as it measures.

An inference waits for the slowest of the runtime's threads. Left to itself, the kernel
sometimes wakes XNNPACK's pool thread on the core where the interpreter's own thread runs, and
keeps the two there for tens of milliseconds while the other core idles; every inference in that
stretch takes about twice as long. It happened in window runs and command-line runs alike, at
random: the smallest model's p99 moved between 0.33 and 0.68 ms from one command-line run to the
next (bench/window.py). With each thread pinned to a core of its own, it stays between 0.29 and
0.35 ms. Pinning is done only when there is one thread per core the process may use (so no core
is left that a thread could escape to), only where the operating system allows it (Linux), and
the backend option ``pin=off`` leaves placement to the kernel.
"""

from __future__ import annotations

import contextlib
import os
import threading


def thread_ids() -> set[int]:
    """The ids of this process's threads (empty where the system does not say)."""
    try:
        return {int(name) for name in os.listdir("/proc/self/task")}
    except (OSError, ValueError):
        return set()


def pin_threads(runtime_threads: list[int]) -> tuple[int, ...]:
    """Put the calling thread and ``runtime_threads`` on one allowed core each, in order.

    Only when there is exactly one thread per allowed core (the CPU default): with fewer, a
    core stays free, and a pinned thread could not move to it when something else ran on its
    own core. Returns the cores used, or ``()`` when nothing was pinned: no other thread to
    keep apart, not one thread per core, a system without per-thread affinity, or a thread
    that ended."""
    if not runtime_threads or not hasattr(os, "sched_setaffinity"):
        return ()
    if not set(runtime_threads) <= thread_ids():
        # An ended thread's id can be given to a thread of any process on the host at once
        # (as root, pinning it would succeed): only this process's live threads are pinned.
        return ()
    cpus = sorted(os.sched_getaffinity(0))
    threads = [threading.get_native_id(), *runtime_threads]
    if len(threads) != len(cpus):
        return ()
    used = cpus
    try:
        for tid, cpu in zip(threads, used, strict=True):
            os.sched_setaffinity(tid, {cpu})
    except OSError:  # a thread ended meanwhile, or a sandbox forbids it: let the kernel place
        for tid in threads:
            with contextlib.suppress(OSError):
                os.sched_setaffinity(tid, cpus)
        return ()
    return tuple(used)

