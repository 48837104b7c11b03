"""Saving a picture of a widget as PNG through the one atomic writer of ``core.io.outputs``.

``QPixmap.save`` writes straight into the target, so a full disk left a fragment of the old
picture; here the PNG is encoded in memory and then written like every other output.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage, QImageWriter, QPixmap

from core.errors import fail
from core.io.outputs import write_atomic


def png_bytes(picture: QPixmap | QImage) -> bytes:
    """The picture encoded as PNG; ``io_error`` when Qt cannot encode it."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image = picture.toImage() if isinstance(picture, QPixmap) else picture
    ok = QImageWriter(buffer, QByteArray(b"png")).write(image)
    buffer.close()
    if not ok or data.isEmpty():
        raise fail("io_error", "The picture could not be encoded as PNG.",
                   "Try again with a smaller window size.")
    return bytes(data.data())


def save_png(picture: QPixmap | QImage, path: Path | str) -> None:
    """Write the picture atomically; raises ``AppError`` (``io_error``) when it cannot."""
    write_atomic(Path(path), png_bytes(picture))
