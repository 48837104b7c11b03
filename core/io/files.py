"""Reading a file the user chose, with the same clear errors for models, labels and images.

Every user file is read through here, and only here, so that no read can hang or grow without
bound: only regular files are read (a FIFO, a device such as /dev/zero, a socket or a folder is a
clear error), the file is opened with ``O_NONBLOCK`` so that opening a FIFO never waits for a
writer, and the read stops one byte past a hard cap that does not trust the size the file system
reports (devices and /proc files report 0).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

from core.errors import AppError, ErrorCode, fail

_UNREADABLE = "Check that you may read the file and that it is not locked by another program."
MAX_USER_FILE_BYTES = 1 << 30  # nothing this program reads is larger (models are < 100 MB)
_CHUNK = 1 << 20


def is_regular_file(path: Path | str) -> bool:
    """True for an existing regular file (through links); False for anything else, never raises
    (a name too long, a folder without search permission, a FIFO)."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def open_regular(path: Path | str, code: ErrorCode, noun: str) -> BinaryIO:
    """Open ``path`` for reading, refusing anything but a regular file, without ever blocking.

    Raises ``AppError``: ``file_not_found`` when it does not exist, else ``code``.
    """
    p = Path(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(p, flags)
    except OSError as exc:
        raise _open_error(p, exc, code, noun) from None
    except ValueError:  # a NUL byte in the name
        raise fail(code, f"'{p.name}' is not a valid file name.") from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            what = _kind(mode)
            remedy = (f"Choose a {noun} inside the folder." if stat.S_ISDIR(mode)
                      else f"Choose an ordinary file as the {noun}.")
            raise fail(code, f"'{p.name}' is {what}, not a {noun}.", remedy)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _open_error(p: Path, exc: OSError, code: ErrorCode, noun: str) -> AppError:
    if exc.errno == errno.ENOENT:
        return fail("file_not_found", f"The {noun} '{p}' does not exist.")
    if exc.errno == errno.ENAMETOOLONG:
        return fail(code, f"The name of the {noun} is longer than the system allows "
                          f"({len(str(p))} characters).", "Rename the file or a folder "
                    "on its path to a shorter name.")
    if exc.errno == errno.EACCES:
        return fail(code, f"You may not read '{p.name}', or may not open its folder "
                          f"{p.parent}.", "Check the permissions of the file and of its "
                    "folders, or copy it to a folder of your own.", detail=str(exc))
    if exc.errno == errno.EISDIR:
        return fail(code, f"'{p.name}' is a folder, not a {noun}.",
                    f"Choose a {noun} inside the folder.")
    if exc.errno == errno.ENOTDIR:
        return fail("file_not_found", f"The {noun} '{p}' does not exist: a part of its "
                    "path is a file, not a folder.")
    if exc.errno == errno.ELOOP:
        return fail(code, f"'{p.name}' is a link that loops back on itself.",
                    "Choose the file the link should point to.")
    return fail(code, f"'{p.name}' cannot be read.", _UNREADABLE, detail=str(exc))


def read_capped(handle: BinaryIO, limit: int) -> bytes | None:
    """At most ``limit`` bytes of ``handle``; None when it holds more (the size is not trusted)."""
    parts: list[bytes] = []
    total = 0
    while total <= limit:
        chunk = handle.read(min(_CHUNK, limit + 1 - total))
        if not chunk:
            return b"".join(parts)
        parts.append(chunk)
        total += len(chunk)
    return None


def read_user_file(path: Path | str, code: ErrorCode, noun: str, *, max_bytes: int | None = None,
                   allow_empty: bool = False) -> tuple[Path, bytes]:
    """The bytes of ``path``; a missing, folder, non-regular, unreadable, oversized or empty file
    is an ``AppError`` (``file_not_found``, else ``code``) that names the file as a ``noun``."""
    p = Path(path)
    limit = MAX_USER_FILE_BYTES if max_bytes is None else max_bytes
    with open_regular(p, code, noun) as handle:
        try:
            # A reported size over the cap is believed (nothing is read); one under it is not.
            too_big = os.fstat(handle.fileno()).st_size > limit
            data = None if too_big else read_capped(handle, limit)
        except OSError as exc:
            raise fail(code, f"'{p.name}' cannot be read.", _UNREADABLE,
                       detail=str(exc)) from exc
    if data is None:
        raise fail(code, f"'{p.name}' is too large to be a {noun} "
                         f"(more than {_size_text(limit)}).")
    if not data and not allow_empty:
        raise fail(code, f"'{p.name}' is empty.")
    return p, data


def _size_text(limit: int) -> str:
    if limit >= 1_000_000:
        return f"{limit // 1_000_000} MB"
    return f"{limit} bytes"
