"""Looking for model pairs in folders off the GUI thread, one scan at a time per window.

``scan(folders)`` returns at once; ``finished`` arrives on the GUI thread with the pairs, the
files passed over (as ``(path, reason)``) and how the model list shows each pair (its title and
task, read here so that the GUI thread does not read every model). A newer scan supersedes an
older one: its result is dropped, never waited for. The work itself is
``core.inputs.model_scan.scan_folder``, which never opens a FIFO or a device and never reads a
huge file.
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from core.errors import AppError
from core.inputs.model_info import ModelPair
from core.inputs.model_scan import scan_folder
from core.tasks.runnable import runnable_info
from gui.run.model_choice import MAX_DISCOVERED, ModelLook, Stamp, file_stamp, look_of

MAX_LOOKED_AT = 2 * MAX_DISCOVERED  # the list shows at most this many of the folders' pairs


class ModelScanner(QObject):
    # (generation, pairs, skipped, looks): emitted from the scanning thread, delivered queued
    finished = Signal(int, object, object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.generation = 0
        self._threads: list[threading.Thread] = []

    def scan(self, folders: list[Path]) -> int:
        """Start scanning ``folders`` (in order); returns the scan's generation number."""
        self.generation += 1
        generation = self.generation
        thread = threading.Thread(target=self._work, args=(generation, list(folders)),
                                  name="edgetpu-compare-scan", daemon=True)
        self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        thread.start()
        return generation

    def _work(self, generation: int, folders: list[Path]) -> None:
        pairs: list[ModelPair] = []
        skipped: list[tuple[Path, str]] = []
        for folder in dict.fromkeys(folders):
            if generation != self.generation:
                return  # superseded: nobody waits for this result
            try:
                found = scan_folder(folder, runnable_info)
            except AppError:
                continue
            pairs.extend(found.pairs)
            skipped.extend(found.skipped)
        looks: dict[Path, tuple[Stamp, ModelLook]] = {}
        for pair in pairs[:MAX_LOOKED_AT]:
            if generation != self.generation:
                return
            path = pair.cpu or pair.edgetpu
            stamp = file_stamp(path) if path else None
            if path is not None and stamp is not None:
                looks[path] = (stamp, look_of(path))
        with contextlib.suppress(RuntimeError):  # the window closed while this scan ran
            self.finished.emit(generation, pairs, skipped, looks)

    def wait(self, timeout: float) -> bool:
        """For tests and shutdown: join the scans, at most ``timeout`` seconds each."""
        for thread in self._threads:
            thread.join(timeout)
        return not any(t.is_alive() for t in self._threads)
