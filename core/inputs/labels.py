"""Class labels: optional, forgiving about layout, strict about being text.

Two layouts exist in the wild and both come from Coral: one label per line (the line index is the
class id) and ``ID  label`` per line. Reading follows pycoral's ``read_label_file`` with one
difference: the numbered layout is chosen for the whole file, only when *every* non-blank line
starts with an id, so a plain file with a label such as ``7 Up`` is not misread line by line.

Detectors' files mark the class ids their model never outputs: plain lists hold ``n/a`` (or
``???``) at those lines, and the TF Object Detection ``labelmap.txt`` starts with a ``???`` line
for the background class, which the detection post-processing does not count, so its line N+1
names class N. Such a marker is a gap (``gaps``), not a name: the class shows as ``class N``.

A labels file that is not UTF-8 text is refused (``invalid_labels``) instead of being shown as
mojibake; a file that is merely shorter than the model's class list is accepted with a warning,
and the missing classes show as ``class N``.

This is the lowest of the input modules (``model_info`` imports it), so the small "what kind of
file is this" sniffer used in messages for wrong files lives here too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from core.errors import ErrorCode, ErrorInfo, error, fail
from core.io.files import read_user_file
from core.io.numbers import NumberError, parse_whole

MAX_LABELS_BYTES = 16 * 1024 * 1024
SHORT_CODE: ErrorCode = "labels_short"

MAX_LABEL_CHARS = 20_000  # one label; a result file stores it and reads it back
_NUMBERED = re.compile(r"^([0-9]+)(?:\s*:\s*|\s+)(\S.*)$")  # ASCII digits only
GAP_MARKERS = ("n/a", "???")  # lines that hold a class id's place without naming it
BACKGROUND_PLACEHOLDER = "???"

# Leading bytes of formats people pick by mistake, for messages such as "it looks like a JPEG
# image". Two-byte signatures ("BM", "MZ") also start ordinary words, so they only count when the
# header also holds a NUL byte, which text never does.
_WEAK = (b"BM", b"MZ", b"\x1f\x8b")
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"BM", "a BMP image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "a program (ELF executable)"),
    (b"MZ", "a Windows program"),
    (b"\x89HDF\r\n\x1a\n", "a Keras/HDF5 model"),
    (b"\xef\xbb\xbf", "a text file"),
)


def describe_bytes(data: bytes) -> str | None:
    """Guess what a file that is not what we wanted is, as words for a message, or None."""
    head = data[:64]
    if len(data) >= 8 and data[4:8] == b"TFL3":
        return "a TensorFlow Lite model"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "a WebP image"
    for magic, kind in _MAGIC:
        if head.startswith(magic) and (magic not in _WEAK or b"\x00" in head):
            return kind
    if data and not data.strip(b"\x00"):
        return "a file of only zero bytes"
    lowered = head.lstrip().lower()
    if lowered.startswith((b"<!doctype html", b"<html")):
        return "a web page"
    if lowered.startswith(b"<?xml") or lowered.startswith(b"<svg"):
        return "an XML or SVG file"
    sample = data[:4096]
    if b"\x00" not in sample:
        try:
            sample.decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.start < len(sample) - 4:  # not just a character cut at the sample's end
                return None
        return "a text file"
    return None


@dataclass(frozen=True)
class Labels:
    """Class names by id. ``names`` may have gaps; ``name`` never fails."""

    path: Path | None
    names: dict[int, str] = field(default_factory=dict)
    warnings: tuple[ErrorInfo, ...] = ()
    gaps: frozenset[int] = frozenset()  # ids the file marks as unused (n/a, ???)

    @property
    def count(self) -> int:
        """How many ids the file names (the ``labels.count`` of a result file)."""
        return sum(1 for name in self.names.values() if name)

    def name(self, class_id: int) -> str:
        """The label for a class, or ``class N`` so that a result is never blank."""
        label = self.names.get(class_id, "")
        return label if label else f"class {class_id}"

    def checked(self, num_classes: int) -> Labels:
        """Return these labels with a ``labels_short`` warning if some of the classes are unnamed.

        A short file is usually the wrong file for the model (or one without the ``background``
        line), so the user is told instead of silently seeing ``class N`` in the results.
        """
        kept = tuple(w for w in self.warnings if w.code != SHORT_CODE)
        named = sum(1 for i in range(num_classes) if self.names.get(i) or i in self.gaps)
        if named >= num_classes:
            return replace(self, warnings=kept)
        file_name = self.path.name if self.path else "The labels file"
        warning = error(
            SHORT_CODE,
            f"'{file_name}' names only {named} of the model's {num_classes} classes, "
            "so the others are shown as 'class N'.",
            "Choose the labels file that came with this model.",
        )
        return replace(self, warnings=(*kept, warning))

    def to_dict(self) -> dict[str, Any]:
        return {"path": str(self.path) if self.path else None, "count": self.count}


def parse_labels(text: str, path: Path | None = None) -> Labels:
    """Parse labels text (already decoded); raises ``invalid_labels`` if it names nothing."""
    text = text.removeprefix("\ufeff")
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    filled = [line for line in lines if line]
    longest = max((len(line) for line in filled), default=0)
    if longest > MAX_LABEL_CHARS:
        number = 1 + next(i for i, line in enumerate(lines) if len(line) == longest)
        raise fail("invalid_labels", f"{_display(path)} is not a labels file: line {number} "
                   f"has {longest:,} characters (a label has at most {MAX_LABEL_CHARS:,}).",
                   "Choose the plain-text labels file that came with the model.")
    if not filled:
        raise fail("invalid_labels", f"{_display(path)} has no labels.",
                   "Choose a text file with one label per line.")
    matches = [_NUMBERED.match(line) for line in filled]
    names: dict[int, str] = {}
    if all(matches):
        for number, match in enumerate(matches, 1):
            assert match is not None  # for mypy: all() above
            names[_label_id(match.group(1), path, number)] = match.group(2).strip()
    elif lines[0] == BACKGROUND_PLACEHOLDER:  # TF Object Detection: line N+1 names class N
        names = dict(enumerate(lines[1:]))
    else:
        names = dict(enumerate(lines))
    gaps = frozenset(i for i, name in names.items() if name.lower() in GAP_MARKERS)
    if len(gaps) == len(names):
        raise fail("invalid_labels", f"{_display(path)} names no class, only placeholders.",
                   "Choose the labels file that came with the model.")
    for i in gaps:
        names[i] = ""
    return Labels(path, names, gaps=gaps)


def _label_id(text: str, path: Path | None, line: int) -> int:
    try:
        return parse_whole(text)
    except NumberError as exc:
        raise fail("invalid_labels", f"{_display(path)}, label {line}: {exc}.",
                   "Number the labels 0, 1, 2, … or leave the numbers out.") from None


def load_labels(path: Path | str) -> Labels:
    """Read a labels file: UTF-8 (with or without BOM), LF or CRLF, plain or numbered."""
    p, data = read_user_file(path, "invalid_labels", "labels file", max_bytes=MAX_LABELS_BYTES,
                             allow_empty=True)
    return parse_labels(_decode(data, p), p)


def _decode(data: bytes, path: Path) -> str:
    """Decode strictly: a wrong encoding must be an error, not silently garbled labels."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise fail("invalid_labels", f"'{path.name}' is UTF-16 text, not UTF-8 text.",
                   "Open it in a text editor and save it with the encoding UTF-8.")
    kind = describe_bytes(data)
    if kind and kind != "a text file":
        raise fail("invalid_labels", f"'{path.name}' is not a labels file (it looks like {kind}).")
    if b"\x00" in data:
        raise fail("invalid_labels", f"'{path.name}' is not a text file: it contains binary data.")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise fail("invalid_labels", f"'{path.name}' is not UTF-8 text (line {line}).",
                   "Open it in a text editor and save it with the encoding UTF-8.",
                   detail=str(exc)) from exc


def _display(path: Path | None) -> str:
    return f"'{path.name}'" if path else "The labels text"
