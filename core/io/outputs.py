"""Every file this program writes: checked before the run, written atomically, never on an input.

``plan_outputs`` checks all the targets of a command before anything runs: each folder exists
and is writable, no target is an existing file that is not a regular file (a device node, a
FIFO), none is the same file as one of the inputs (also through a symbolic or hard link), and no
two targets are one file. ``write_atomic`` is the one writer: a temporary file with a unique name
in the same folder, flushed to disk, then renamed over the target, so that a full disk or an
interrupt never leaves half a file under the name the user chose; the temporary file is removed
on failure. ``write_all`` writes several outputs and goes on after one fails.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from core.errors import AppError, ErrorInfo, fail

_SAVE_REMEDY = "Check the free space and that you may write there."


@dataclass(frozen=True)
class Output:
    """One file to write: ``what`` names it in messages (``--json``), ``data`` makes its bytes."""

    what: str
    path: Path
    data: Callable[[], bytes]


def _folder(path: Path) -> Path:
    return path.parent if str(path.parent) else Path(".")


def _stat(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            raise fail("io_error", f"The file name {_short(path)} is longer than the system "
                       "allows.", "Choose a shorter name.") from None
        if exc.errno == errno.ENOTDIR:
            raise fail("io_error", f"{_short(path)} cannot be created: a part of its path is a "
                       "file, not a folder.", "Choose a folder that exists.") from None
        if exc.errno == errno.EACCES:
            raise fail("io_error", f"You may not open the folder {_folder(path)}.",
                       "Choose a folder of your own, such as your home folder.") from None
        if exc.errno == errno.ELOOP:
            raise fail("io_error", f"{_short(path)} is a link that loops back on itself (or a "
                       "folder on its way does), so it is not replaced.",
                       "Choose another file name.") from None
        return None
    except ValueError:
        raise fail("io_error", f"{_short(path)} is not a valid file name.",
                   "Choose another name.") from None


def _short(path: Path) -> str:
    text = str(path)
    return text if len(text) <= 200 else text[:120] + "…" + text[-60:]


def check_writable(path: Path) -> None:
    """Fail before a run starts when ``path`` could not be written afterwards."""
    path = Path(path)
    info = _stat(path)
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise fail("io_error", f"{_short(path)} is a folder, not a file name.",
                   "Give a file name such as results.json.")
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise fail("io_error", f"{_short(path)} exists and is not an ordinary file (a device, a "
                   "pipe or a socket), so it is not replaced.", "Choose another file name.")
    folder = _folder(path)
    folder_info = _stat(folder)
    if folder_info is None or not stat.S_ISDIR(folder_info.st_mode):
        raise fail("io_error", f"The folder {_short(folder)} does not exist.",
                   "Create the folder first, or choose another place to save.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise fail("io_error", f"You may not write to the folder {_short(folder)}.",
                   "Choose a folder of your own, such as your home folder.")


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return info.st_dev, info.st_ino


def _key(path: Path) -> str:
    return os.path.normcase(os.path.abspath(os.path.realpath(path)))


def plan_outputs(outputs: Sequence[tuple[str, Path]], inputs: Iterable[Path | None]) -> None:
    """Check every ``(what, path)`` target before anything runs; raise ``AppError`` (exit 2)."""
    input_ids = {}
    for item in inputs:
        if item is not None:
            ident = _identity(Path(item))
            if ident is not None:
                input_ids[ident] = Path(item)
    seen: dict[object, str] = {}
    for what, raw in outputs:
        path = Path(raw)
        check_writable(path)
        ident = _identity(path)
        if ident is not None and ident in input_ids:
            source = input_ids[ident]
            same = "" if _key(source) == _key(path) else f" ({_short(source)})"
            raise fail("io_error", f"{what} {_short(path)} is one of this run's inputs{same}; "
                       "writing it would destroy that file.",
                       "Choose another file name for the output.")
        for key in (ident, _key(path)):
            if key is not None and key in seen:
                raise fail("io_error", f"{seen[key]} and {what} both name {_short(path)}; "
                           "one would overwrite the other.",
                           "Give each output its own file name.")
        for key in (ident, _key(path)):
            if key is not None:
                seen[key] = what


def write_atomic(path: Path | str, content: str | bytes) -> None:
    """Write ``content`` (text as UTF-8) under ``path`` atomically; ``io_error`` on failure."""
    path = Path(path)
    data = content.encode("utf-8") if isinstance(content, str) else bytes(content)
    check_writable(path)
    folder = _folder(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:80]}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _write_error(path, exc) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode_for(path))  # mkstemp makes 0600
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise _write_error(path, exc) from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _write_error(path: Path, exc: OSError) -> AppError:
    return fail("io_error", f"{_short(path)} could not be written "
                f"({exc.strerror or type(exc).__name__}).", _SAVE_REMEDY)


def mode_for(path: Path) -> int:
    """The permissions a file written over ``path`` gets: those of the file it replaces (a
    private 0600 result stays private), else what the umask gives any new file (mkstemp's 0600
    would hide a shared report from the people it is for)."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        info = None
    if info is not None and stat.S_ISREG(info.st_mode):
        return stat.S_IMODE(info.st_mode)
    return 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_all(outputs: Sequence[Output]) -> tuple[list[Output], list[tuple[Output, ErrorInfo]]]:
    """Write every output; one that fails does not stop the others. (written, failed)."""
    written: list[Output] = []
    failed: list[tuple[Output, ErrorInfo]] = []
    for output in outputs:
        try:
            write_atomic(output.path, output.data())
        except AppError as exc:
            failed.append((output, exc.info))
        else:
            written.append(output)
    return written, failed
