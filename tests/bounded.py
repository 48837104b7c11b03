"""Calling something that might hang, with a bounded wait: a hang fails the test, never the run."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

LIMIT_S = 60.0  # far above any honest answer; only a hang reaches it


def call_bounded(fn: Callable[[], Any], timeout: float = LIMIT_S,
                 unblock: list[Path] | None = None) -> Any:
    """``fn()`` in a thread; its result or exception, or a test failure if it does not return
    within ``timeout``. ``unblock`` lists FIFOs to open for writing afterwards, so that a thread
    stuck opening one is released."""
    box: dict[str, Any] = {}

    def work() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:
            box["error"] = exc

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    thread.join(timeout)
    hung = thread.is_alive()
    for fifo in unblock or []:
        with contextlib.suppress(OSError):
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    if hung:
        pytest.fail(f"did not return within {timeout:.0f} s (a read that hangs)")
    if "error" in box:
        raise box["error"]
    return box.get("value")
