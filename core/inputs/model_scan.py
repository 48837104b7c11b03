"""Looking through a folder for model pairs without ever waiting on a file.

The window offers the other models of the current model's folder and of the model folders. A
folder may hold anything: a FIFO named ``x.tflite`` (opening it would wait forever for a
writer), a device, a 3 GB file, files one may not read. Those are passed over with a reason,
before they are opened; only ordinary files of a sane size are inspected, at most
``MAX_SCAN_FILES`` of them, and only the models a run can compare (every task it takes) are
offered. The window runs this off its GUI thread.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from core.errors import AppError, fail
from core.inputs.model_info import ModelInfo, ModelPair, _base_name


@dataclass(frozen=True)
class FolderScan:
    """The model pairs of a folder, and the files passed over with the reason why."""

    pairs: list[ModelPair]
    skipped: list[tuple[Path, str]]


MAX_SCAN_FILES = 200  # a folder of thousands of models is not a model folder
MAX_SCAN_BYTES = 256 * 1024 * 1024  # larger files are passed over, never read


Offered = Callable[[Path], ModelInfo]


def scan_folder(folder: Path | str, offered: Offered) -> FolderScan:
    """Every model pair in a folder, sorted by name, without waiting on any file: pipes,
    devices, huge and unreadable files are skipped with a reason. ``offered`` reads a model a
    run can compare and raises ``AppError`` for any other (``core.tasks.runnable.runnable_info``,
    which knows every task a run takes)."""
    root = Path(folder)
    if not is_regular_dir(root):
        raise fail("file_not_found", f"The folder '{root}' does not exist.")
    cpu: dict[str, Path] = {}
    edgetpu: dict[str, Path] = {}
    skipped: list[tuple[Path, str]] = []
    try:
        paths = sorted(root.glob("*.tflite"))
    except OSError as exc:
        return FolderScan([], [(root, f"the folder cannot be listed ({exc.strerror})")])
    for path in paths[:MAX_SCAN_FILES]:
        reason = _unscannable(path)
        if reason:
            skipped.append((path, reason))
            continue
        try:
            compiled = offered(path).edgetpu_compiled
        except AppError:
            continue  # a damaged model, or one a run cannot compare: simply not offered
        if compiled:
            name = _base_name(path.stem)
            edgetpu[name if name not in edgetpu else path.stem] = path
        else:
            cpu[path.stem] = path
    if len(paths) > MAX_SCAN_FILES:
        skipped.append((root, f"only the first {MAX_SCAN_FILES} models were looked at"))
    pairs = [ModelPair(name, cpu.get(name), edgetpu.get(name))
             for name in sorted(set(cpu) | set(edgetpu))]
    return FolderScan(pairs, skipped)


def discover_pairs(folder: Path | str, offered: Offered) -> list[ModelPair]:
    """Every model pair in a folder, sorted by name; files that are not usable are left out."""
    return scan_folder(folder, offered).pairs


def _unscannable(path: Path) -> str:
    """Why a file must be passed over without being opened, or ''."""
    try:
        info = os.stat(path)
    except OSError as exc:
        return f"it cannot be looked at ({exc.strerror})"
    if not stat.S_ISREG(info.st_mode):
        return "it is not an ordinary file (a folder, pipe, device or socket)"
    if info.st_size > MAX_SCAN_BYTES:
        return f"it is larger than {MAX_SCAN_BYTES >> 20} MB"
    if not os.access(path, os.R_OK):
        return "you may not read it"
    return ""


def is_regular_dir(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False
