"""Reading a file the user chose, with the same clear errors for models, labels and images."""

from __future__ import annotations

from pathlib import Path

from core.errors import fail

_UNREADABLE = "Check that you may read the file and that it is not locked by another program."


def read_user_file(path: Path | str, code: str, noun: str, *, max_bytes: int | None = None,
                   allow_empty: bool = False) -> tuple[Path, bytes]:
    """The bytes of ``path``; a missing, folder, unreadable, oversized or empty file is an
    ``AppError`` (``file_not_found``, else ``code``) that names the file as a ``noun``."""
    p = Path(path)
    if not p.exists():
        raise fail("file_not_found", f"The {noun} '{p}' does not exist.")
    if p.is_dir():
        raise fail(code, f"'{p.name}' is a folder, not a {noun}.",
                   f"Choose a {noun} inside the folder.")
    try:
        if max_bytes is not None and p.stat().st_size > max_bytes:
            raise fail(code, f"'{p.name}' is too large to be a {noun} "
                             f"({p.stat().st_size // 1_000_000} MB).")
        data = p.read_bytes()
    except OSError as exc:
        raise fail(code, f"'{p.name}' cannot be read.", _UNREADABLE, detail=str(exc)) from exc
    if not data and not allow_empty:
        raise fail(code, f"'{p.name}' is empty.")
    return p, data
