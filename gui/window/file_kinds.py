"""Tell what a dropped or opened file is: a model, a labels file, an image or a saved result.

The content decides, not only the name: a .tflite flatbuffer carries ``TFL3`` at byte 4, images
start with their format's magic bytes, a result file is JSON with our schema, and a labels file is
short UTF-8 text. The name is the fallback when the content says nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtGui import QDropEvent

from core.errors import AppError
from core.io.files import open_regular, read_user_file
from core.results.result_reader import MAX_RESULT_BYTES

MODEL, LABELS, IMAGE, RESULT = "model", "labels", "image", "result"

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".bmp", ".gif", ".webp", ".tif", ".tiff", ".ppm"}
_IMAGE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG", b"BM", b"GIF8", b"II*\x00", b"MM\x00*")


def kind_of(path: Path) -> str | None:
    """``model`` / ``labels`` / ``image`` / ``result``, or None for anything else."""
    try:
        with open_regular(path, "usage", "file") as handle:  # a FIFO would block a plain open
            head = handle.read(4096)
    except (AppError, OSError):
        return None
    suffix = path.suffix.lower()
    if head[4:8] == b"TFL3" or suffix == ".tflite":
        return MODEL
    if head.startswith(_IMAGE_MAGIC) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return IMAGE
    if suffix in IMAGE_SUFFIXES:
        return IMAGE
    if suffix == ".json" or head.lstrip()[:1] == b"{":
        return RESULT if _is_result(path) else None
    if suffix in {".txt", ".labels", ""} and _is_text(head):
        return LABELS
    return None


def meant_as_model(path: Path) -> bool:
    """A file named as a model, or a folder, that ``kind_of`` cannot read (unreadable, not a
    file): refused as a model, with the model's own reason, rather than as an unknown kind."""
    return path.suffix.lower() == ".tflite" or path.is_dir()


def _is_result(path: Path) -> bool:
    try:
        _, raw = read_user_file(path, "invalid_results", "result file",
                                max_bytes=MAX_RESULT_BYTES)
        data = json.loads(raw.decode("utf-8"))
    except (AppError, OSError, ValueError, RecursionError):
        return False
    return isinstance(data, dict) and str(data.get("schema", "")).startswith("edgetpu-compare/")


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(head) - 3  # a character cut at the end of the sample
    return True


def dropped_paths(event: QDropEvent) -> list[Path]:
    """The local files carried by a drag (a file manager's URLs)."""
    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return []
    return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]


def in_drop_order(paths: list[Path]) -> list[tuple[Path, str | None]]:
    """A result file first (it replaces everything), then model, labels, image, then the rest:
    labels dropped with a model must not be replaced by the ones found beside it."""
    rank = {RESULT: 0, MODEL: 1, LABELS: 2, IMAGE: 3}
    kinds = [(p, kind_of(p)) for p in paths]
    return sorted(kinds, key=lambda item: rank.get(item[1] or "", 4))
