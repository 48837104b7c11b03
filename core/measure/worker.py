"""One worker process per backend: it loads its runtime and measures; it never paints.

The worker does nothing but invoke between messages, so its timings are not disturbed by a GUI
or another backend (docs/measuring.md: a busy Python thread slows short invokes badly). It runs
in rounds on command so that the parent can alternate backends and receive batches at a bounded
rate. The messages are the dataclasses of ``core.measure.messages``.
"""

from __future__ import annotations

import importlib
import multiprocessing as mp
import os
import signal
import sys
import tempfile
import threading
import time
from array import array
from collections.abc import Callable
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from multiprocessing.synchronize import Event as CancelEvent
from pathlib import Path
from typing import cast

import numpy as np

from core.errors import AppError
from core.io.temp_files import prefix, sweep_once, temp_dir
from core.measure.affinity import pin_threads, thread_ids
from core.measure.backends import BackendSpec
from core.measure.messages import (
    Batch,
    Command,
    Failed,
    First,
    Imported,
    Load,
    Loaded,
    Output,
    Ready,
    Reply,
    Run,
    SendOutput,
    Stage,
    Stop,
)
from core.measure.runtimes import (
    InterpreterLike,
    Opened,
    explain,
    import_runtime,
    note_native_log,
)
from core.results.runtime_fields import cores_text

_CONTEXT = mp.get_context("spawn")
# After a pause this long between rounds (the window painted in it), the first inference of a
# round is slow: the runtime's threads have gone to sleep and the caches hold the painting. In a
# window run of the smallest model, 7 of the 30 samples above p99 were such first inferences,
# which the command line (rounds back to back) never has. One untimed inference wakes it, as the
# warm-ups did before the first round.
REWARM_AFTER_NS = 5_000_000


@dataclass(frozen=True)
class WorkerJob:
    backend_id: str
    spec: BackendSpec
    model_path: str
    tensor: np.ndarray
    warmup: int
    log_path: str = ""  # the worker's native stderr goes here; read back to explain a crash
    more_inputs: tuple[np.ndarray, ...] = ()  # the second input on, for a model that has them


LOG_TAIL_BYTES = 4000
CANCEL_CHECK_NS = 5_000_000  # between inferences, look at the cancel flag at most this often


def read_tail(path: str, limit: int = LOG_TAIL_BYTES) -> str:
    """The end of a worker's log: runtimes print the real cause there just before they die."""
    try:
        with open(path, "rb") as handle:
            handle.seek(0, os.SEEK_END)
            handle.seek(max(0, handle.tell() - limit))
            return handle.read().decode("utf-8", "replace")
    except OSError:
        return ""


def _capture_stderr(path: str) -> None:
    """Send native and Python stderr to the log, so runtime chatter never reaches the user."""
    if not path:
        return
    fd = os.open(path, os.O_WRONLY | os.O_APPEND)
    os.dup2(fd, 2)
    os.close(fd)
    default_hook = sys.unraisablehook

    def hook(unraisable: sys.UnraisableHookArgs) -> None:
        # LiteRT's Delegate.__del__ fails on a delegate that never loaded; that is expected
        # after a failed load_delegate and says nothing new.
        if getattr(unraisable.object, "__qualname__", "") != "Delegate.__del__":
            default_hook(unraisable)

    sys.unraisablehook = hook


Factory = Callable[[BackendSpec, str, Callable[[str], None]], Opened]


def resolve_factory(dotted: str) -> Factory:
    module, _, name = dotted.partition(":")
    return cast(Factory, getattr(importlib.import_module(module), name))


def worker_main(job: WorkerJob, conn: Connection, cancel: CancelEvent) -> None:
    """Entry point of the spawned process."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's: it cancels cleanly
    _capture_stderr(job.log_path)
    stage = ["start"]

    def report(name: str) -> None:
        stage[0] = name
        conn.send(Stage(name))

    try:
        _serve(job, conn, cancel, report)
    except AppError as exc:
        conn.send(Failed(exc.info))
    except (KeyboardInterrupt, BrokenPipeError, EOFError):
        pass
    except Exception as exc:  # a runtime's own exception: explain it, never crash silently
        conn.send(Failed(explain(exc, stage[0], job.spec, read_tail(job.log_path))))
    finally:
        conn.close()


def _serve(job: WorkerJob, conn: Connection, cancel: CancelEvent,
           report: Callable[[str], None]) -> None:
    factory = resolve_factory(job.spec.factory)
    report("import")
    if job.spec.factory.startswith("core."):
        import_runtime(job.spec.runtime)  # import before the parent says load: fair load times
    conn.send(Imported())
    if not isinstance(conn.recv(), Load):
        return
    before = thread_ids()
    start = time.perf_counter_ns()
    opened = factory(job.spec, job.model_path, report)
    load_ms = (time.perf_counter_ns() - start) / 1e6
    note_native_log(opened, job.spec, read_tail(job.log_path))
    details = {str(k): str(v) for k, v in (getattr(opened, "details", {}) or {}).items()}
    if job.spec.pins_threads:
        cores = pin_threads(sorted(thread_ids() - before))
        if cores:
            details["cores"] = cores_text(cores)
    interp = opened.interpreter
    inputs = interp.get_input_details()
    out_indices = tuple(int(d["index"]) for d in interp.get_output_details())
    for detail, values in zip(inputs, (job.tensor, *job.more_inputs), strict=False):
        interp.set_tensor(detail["index"], values)
    conn.send(Loaded(opened.label, opened.runtime_name, opened.runtime_version, opened.device,
                     load_ms, tuple(opened.warnings), tuple(details.items())))
    report("invoke")
    start = time.perf_counter_ns()
    interp.invoke()
    first_ms = (time.perf_counter_ns() - start) / 1e6
    conn.send(First(first_ms, _outputs(interp, out_indices)))
    for _ in range(job.warmup):
        if cancel.is_set():
            return
        interp.invoke()
    if job.spec.pins_threads:
        pin_threads(sorted(thread_ids() - before))  # again: some runtimes start threads late
    conn.send(Ready())
    _rounds(interp, out_indices, conn, cancel)


def _outputs(interp: InterpreterLike, indices: tuple[int, ...]) -> tuple[np.ndarray, ...]:
    """Copies of every output: sent once per result (first and last inference), never per
    round, so a detector's four outputs or a mask cost nothing while timing."""
    return tuple(np.array(interp.get_tensor(i)) for i in indices)


def _rounds(interp: InterpreterLike, out_indices: tuple[int, ...], conn: Connection,
            cancel: CancelEvent) -> None:
    """Answer commands until told to stop. The timed loop is kept as bare as a loop can be."""
    invoke = interp.invoke
    clock = time.perf_counter_ns
    last_round_end = clock()
    while True:
        command: Command = conn.recv()
        if isinstance(command, Run):
            max_count = command.max_count
            latencies = array("q")  # 8 bytes an inference, whatever the count
            append = latencies.append
            rewarmed = clock() - last_round_end > REWARM_AFTER_NS
            if rewarmed:
                invoke()  # untimed: wakes the runtime after the window's paint (see above)
            started = time.monotonic_ns()  # one clock for every process on the host
            deadline = clock() + command.budget_ns
            next_check = 0
            while len(latencies) < max_count:
                t0 = clock()
                invoke()
                t1 = clock()
                append(t1 - t0)
                if t1 >= deadline:
                    break
                if t1 >= next_check:  # the cancel flag is a semaphore: look at it sparingly
                    if cancel.is_set():
                        break
                    next_check = t1 + CANCEL_CHECK_NS
            last_round_end = clock()
            conn.send(Batch(latencies, started, time.monotonic_ns(), rewarmed))
        elif isinstance(command, SendOutput):
            conn.send(Output(_outputs(interp, out_indices)))
        else:
            return


@dataclass(frozen=True)
class Died:
    """The worker process ended without saying why: a crash, a kill or an abort."""

    exitcode: int | None
    stage: str

    def signal_name(self) -> str:
        if self.exitcode is not None and self.exitcode < 0:
            try:
                return signal.Signals(-self.exitcode).name
            except ValueError:
                return f"signal {-self.exitcode}"
        return f"exit code {self.exitcode}"


class WorkerHandle:
    """The parent's side of one worker: start, talk, notice death, stop and reap."""

    def __init__(self, job: WorkerJob, cancel: CancelEvent) -> None:
        sweep_once()
        fd, log_path = tempfile.mkstemp(prefix=prefix(job.backend_id), suffix=".log",
                                        dir=temp_dir())
        os.close(fd)
        job = replace(job, log_path=log_path)
        self.job = job
        self.stage = "start"
        self._conn, child = _CONTEXT.Pipe(duplex=True)
        self._process: BaseProcess = _CONTEXT.Process(
            target=worker_main, args=(job, child, cancel), daemon=True,
            name=f"edgetpu-compare-{job.backend_id}")
        self._child = child

    def start(self) -> None:
        self._process.start()
        self._child.close()

    @property
    def pid(self) -> int | None:
        return self._process.pid

    def send(self, message: Command) -> bool:
        try:
            self._conn.send(message)
            return True
        except (BrokenPipeError, OSError):
            return False

    def receive(self, timeout: float,
                alarm: Connection | None = None) -> Reply | Died | None:
        """The next message other than a stage report, a Died, or None after ``timeout`` or
        as soon as ``alarm`` (an ``Alarm``'s reader) has something to read."""
        deadline = time.monotonic() + timeout
        watched: list[Connection | int] = [self._conn, self._process.sentinel]
        if alarm is not None:
            watched.append(alarm)
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            ready = wait(watched, timeout=remaining)
            if not ready or ready == [alarm]:
                return None
            if self._conn in ready or self._conn.poll():
                try:
                    message: Reply | Stage = self._conn.recv()
                except (EOFError, OSError):
                    return self._died()
                if isinstance(message, Stage):
                    self.stage = message.name
                    continue
                return message
            return self._died()

    def _died(self) -> Died:
        self._process.join(timeout=1.0)
        return Died(self._process.exitcode, self.stage)

    def stop(self, grace: float = 0.3) -> None:
        """Ask politely, then terminate, then kill; always reap. Safe to call twice."""
        if self._process.pid is None:  # never started (or it failed to): nothing to reap
            self._conn.close()
            self._child.close()
            Path(self.job.log_path).unlink(missing_ok=True)
            return
        if self._process.is_alive():
            self.send(Stop())
            self._process.join(grace)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join(grace)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()
        self._conn.close()
        Path(self.job.log_path).unlink(missing_ok=True)

    def log_tail(self) -> str:
        return read_tail(self.job.log_path)

    def is_alive(self) -> bool:
        return self._process.is_alive()


class Alarm:
    """Wakes a session that waits for a worker at once when the run is cancelled.

    So the session never polls: a thread of the window's process that woke every 50 ms during
    a timed round (to look at a cancel flag) took a core from the runtime's threads each time,
    and the inference then running was among the slowest 1 %."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._reader, self._writer = _CONTEXT.Pipe(duplex=False)
        self._rung = False

    @property
    def reader(self) -> Connection | None:
        """What to wait on; None once rung (it stays readable: waiting on it would spin)."""
        with self._lock:
            return None if self._rung else self._reader

    def ring(self) -> None:
        """From any thread; safe after ``close()``."""
        with self._lock:
            if not self._rung and not self._writer.closed:
                self._rung = True
                self._writer.send_bytes(b"!")

    def close(self) -> None:
        with self._lock:
            self._rung = True
            self._writer.close()
            self._reader.close()


def new_cancel_event() -> CancelEvent:
    """An event the workers check between inferences; set by Session.cancel()."""
    return _CONTEXT.Event()
