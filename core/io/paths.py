"""Paths the user typed, made usable without ever raising.

``Path.expanduser`` raises ``RuntimeError`` for ``~nosuchuser``, and ``Path.resolve`` raises it
for a symbolic-link loop (Python 3.11 and 3.12), where every other bad path is an ``OSError`` or
simply does not exist. Such a path is kept as typed here, so that the next check (the folder
exists, the file is readable) reports it in a plain sentence like any other missing path.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


def expand_user(path: Path | str) -> Path:
    """``path`` with a leading ``~`` or ``~user`` expanded; as typed when there is no such
    home folder."""
    try:
        return Path(path).expanduser()
    except (RuntimeError, KeyError, OSError):
        return Path(path)


def resolve_safely(path: Path | str) -> Path:
    """The absolute path with links followed, as far as they go: a link loop or an unreadable
    folder stops the resolution there, never with an exception."""
    try:
        return Path(path).resolve()
    except (RuntimeError, OSError, ValueError):
        return Path(os.path.abspath(path))


def folder_problem(path: Path | str) -> str:
    """Why ``path`` cannot be used as a folder ('' when it can), in words for a message."""
    try:
        info = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "is a loop of symbolic links"
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            return "does not exist"
        return f"cannot be opened ({exc.strerror})"
    except ValueError:
        return "is not a valid folder name"
    return "" if stat.S_ISDIR(info.st_mode) else "is not a folder"
