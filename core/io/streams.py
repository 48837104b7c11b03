"""Standard output that cannot fail a command: a full disk or an encoding it cannot write.

``> /dev/full`` made the first ``print`` raise ``OSError(ENOSPC)``, and the run ended in a
traceback without writing its ``--json``; a terminal or pipe whose encoding cannot show a label
(``PYTHONIOENCODING=ascii``, an old Windows console) raised ``UnicodeEncodeError``. ``guarded``
makes stdout and stderr write what cannot be encoded as ``\\u`` escapes, and lets the command go
on after stdout fails: what would have been printed is dropped, the failure is remembered, and
the command reports it once at the end (``stdout_failure``). A reader that went away
(``BrokenPipeError``) still ends the command, as before: nothing is left to read its output.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Iterator
from typing import Any, TextIO


class GuardedStream(io.TextIOBase):
    """A text stream over ``inner`` that swallows its write errors (except a broken pipe)."""

    def __init__(self, inner: TextIO) -> None:
        super().__init__()
        self.inner = inner
        self.failure: OSError | None = None

    def write(self, text: str) -> int:
        if self.failure is None:
            try:
                self.inner.write(text)
            except BrokenPipeError:
                raise
            except OSError as exc:
                self._failed(exc)
        return len(text)

    def flush(self) -> None:
        if self.failure is None:
            try:
                self.inner.flush()
            except BrokenPipeError:
                raise
            except OSError as exc:
                self._failed(exc)

    def _failed(self, exc: OSError) -> None:
        """Remember the failure and point the descriptor at /dev/null, so that neither this
        stream's pending bytes nor the interpreter's last flush can raise again."""
        self.failure = exc
        with contextlib.suppress(AttributeError, OSError, ValueError, io.UnsupportedOperation):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self.inner.fileno())
            os.close(devnull)
        with contextlib.suppress(AttributeError, OSError, ValueError):
            buffer: Any = getattr(self.inner, "buffer", None)
            if buffer is not None:
                buffer.flush()

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return self.inner.isatty()

    def fileno(self) -> int:
        return self.inner.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return str(getattr(self.inner, "encoding", "utf-8"))


def _escape_unencodable(stream: TextIO) -> None:
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        with contextlib.suppress(AttributeError, ValueError, OSError, io.UnsupportedOperation):
            reconfigure(errors="backslashreplace")


@contextlib.contextmanager
def guarded() -> Iterator[GuardedStream]:
    """stdout and stderr that never end the command with an exception, for its duration."""
    out, err = sys.stdout, sys.stderr
    _escape_unencodable(out)
    _escape_unencodable(err)
    guard_out, guard_err = GuardedStream(out), GuardedStream(err)
    sys.stdout, sys.stderr = guard_out, guard_err
    try:
        yield guard_out
    finally:
        if sys.stdout is guard_out:
            sys.stdout = out
        if sys.stderr is guard_err:
            sys.stderr = err


def stdout_failure(stream: GuardedStream) -> str:
    """The one ``error:`` line for output that could not be written, or ''."""
    if stream.failure is None:
        return ""
    reason = stream.failure.strerror or type(stream.failure).__name__
    return (f"error: the standard output could not be written ({reason}); files asked for "
            "with --json, --csv or --html were still written. Send the output somewhere with "
            "free space.\n")
