"""The booth's watchdog: what went wrong during the day, said once, and written to a log file.

Every picture is a new session with new worker processes, so a backend that hung, crashed or
lost its device is restarted (and its device re-opened) by the next picture anyway; what the
booth needs on top is to notice, to say so briefly, and to keep a record the exhibitor can read
in the evening. A backend that keeps failing the same way is reported once, when it starts
failing, and once more when it answers again, so that a booth without an Edge TPU does not write
the same line all day.

The log is an ordinary text file in the user log folder (``platformdirs``), rotated at
``LOG_BYTES`` with ``LOG_BACKUPS`` old files kept, so a week of booths stays under a few
megabytes. A log that cannot be written (read-only home, full disk) never stops the booth.
"""

from __future__ import annotations

import logging
import os
import time
from collections import deque
from dataclasses import dataclass
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import Literal

import platformdirs

from core.errors import ErrorInfo
from core.results.records import BackendRecord

APP_NAME = "edgetpu-compare"
LOG_NAME = "booth.log"
LOG_DIR_VAR = "EDGETPU_COMPARE_LOG_DIR"  # tests and packagers put the log elsewhere
LOG_BYTES = 512 * 1024
LOG_BACKUPS = 3
RECENT = 50
# A worker that died: of itself, or in the Edge TPU runtime (said as a mismatched libedgetpu,
# its usual cause, but at a booth that ran fine an hour ago it is a crash like any other).
CRASH_CODES = frozenset({"worker_crashed", "runtime_mismatch"})
DEVICE_CODES = frozenset({"edgetpu_not_found", "edgetpu_usb_error", "edgetpu_permission_denied"})

NoticeKind = Literal["picture_skipped", "not_answering", "worker_died", "device_gone",
                     "failing", "back", "started", "stopped"]


@dataclass(frozen=True)
class Notice:
    """One thing that happened: ``subject`` is a backend's name or a picture's file name."""

    kind: NoticeKind
    subject: str
    detail: str = ""
    at: float = 0.0  # time.time() when it happened

    def line(self) -> str:
        """The log file's line (English: the exhibitor may send it with a bug report)."""
        texts = {
            "picture_skipped": "picture {s} cannot be read and is left out of the loop",
            "not_answering": "{s} stopped answering; it is restarted with the next picture",
            "worker_died": "{s}'s worker process died; it is restarted with the next picture",
            "device_gone": "{s} is not found (unplugged?); it is tried again with every picture",
            "failing": "{s} cannot run",
            "back": "{s} answers again",
            "started": "booth started: {s}",
            "stopped": "booth stopped: {s}",
        }
        text = texts[self.kind].format(s=self.subject)
        return f"{text}: {self.detail}" if self.detail else text


class _QuietRotatingHandler(RotatingFileHandler):
    """Drops a line it cannot write (full disk, folder removed) instead of printing a
    traceback: the log is a courtesy, the booth must go on."""

    def handleError(self, record: logging.LogRecord) -> None:
        return


def default_log_path() -> Path:
    folder = os.environ.get(LOG_DIR_VAR)
    base = Path(folder) if folder else platformdirs.user_log_path(APP_NAME, appauthor=False)
    return base / LOG_NAME


def open_log(path: Path | None = None) -> logging.Logger:
    """A logger writing to ``path`` (default: ``default_log_path()``), rotated by size; one
    that writes nowhere when the folder cannot be made. Close it with ``close_log``."""
    logger = logging.Logger(f"{APP_NAME}.booth")  # not registered: each booth owns its own
    target = path or default_log_path()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = _QuietRotatingHandler(
            target, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8", delay=True)
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s  %(message)s", "%Y-%m-%d %H:%M:%S"))
    logger.addHandler(handler)
    logger.propagate = False
    return logger


def close_log(logger: logging.Logger) -> None:
    """Close the file; later lines go nowhere (not to stderr, where a logger without handlers
    would send them)."""
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
        handler.close()
    logger.addHandler(logging.NullHandler())


def log_file(logger: logging.Logger) -> Path | None:
    for handler in logger.handlers:
        if isinstance(handler, logging.FileHandler):
            return Path(handler.baseFilename)
    return None


class Watchdog:
    """Turns the outcome of each picture's session into notices, one per change of state."""

    def __init__(self, logger: logging.Logger | None = None) -> None:
        self.logger = logger
        self._failing: dict[str, str] = {}  # backend id -> the notice kind it is failing with
        self._stalled: set[str] = set()  # backends the booth gave up on during this session
        self.last: Notice | None = None
        self.recent: deque[Notice] = deque(maxlen=RECENT)  # for the About box and tests

    def say(self, kind: NoticeKind, subject: str, detail: str = "") -> Notice:
        notice = Notice(kind, subject, detail, time.time())
        self.last = notice
        self.recent.append(notice)
        if self.logger is not None:
            self.logger.warning(notice.line())
        return notice

    def picture_skipped(self, name: str, info: ErrorInfo) -> Notice:
        return self.say("picture_skipped", name, info.message)

    def stalled(self, backend_id: str, name: str, seconds: float) -> Notice | None:
        """The booth cancelled a session because ``backend_id`` said nothing for ``seconds``;
        a notice unless it was already not answering with the last picture."""
        self._stalled.add(backend_id)
        if self._failing.get(backend_id) == "not_answering":
            return None
        self._failing[backend_id] = "not_answering"
        return self.say("not_answering", name, f"nothing came back for {seconds:.0f} s")

    def session_ended(self, backends: list[BackendRecord], names: dict[str, str]) -> list[Notice]:
        """The notices for one session's outcome: failures that are new, recoveries."""
        notices = []
        for rec in backends:
            name = names.get(rec.id, rec.label)
            if rec.id in self._stalled:
                continue  # said when the booth gave up on it
            if rec.status == "ok":
                if self._failing.pop(rec.id, None) is not None:
                    notices.append(self.say("back", name))
                continue
            info = rec.error
            if rec.status != "error" or info is None or info.code == "cancelled":
                continue
            kind = failure_kind(info)
            if self._failing.get(rec.id) != kind:
                self._failing[rec.id] = kind
                notices.append(self.say(kind, name, info.message))
        self._stalled.clear()
        return notices

    def failing(self, backend_id: str) -> str | None:
        return self._failing.get(backend_id)


def failure_kind(info: ErrorInfo) -> NoticeKind:
    if info.code in DEVICE_CODES:
        return "device_gone"
    if "stopped responding" in info.message:
        return "not_answering"
    if info.code in CRASH_CODES:
        return "worker_died"
    return "failing"
