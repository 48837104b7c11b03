"""A bounds-checked reader of flatbuffer tables, for bytes that may be damaged or hostile.

The generated flatbuffers readers check no bounds, wrap negative offsets and will loop over a
garbage vector length; this one raises ``Damaged`` (``Truncated`` for a read past the end) at the
first read that would leave the buffer, so a bad model file is an error, never a crash or a hang.
"""

from __future__ import annotations

import struct
from typing import Any

U8, I8, U16 = struct.Struct("<B"), struct.Struct("<b"), struct.Struct("<H")
I32, U32, U64 = struct.Struct("<i"), struct.Struct("<I"), struct.Struct("<Q")


class Damaged(Exception):
    """A structural fault; its technical text becomes the error's ``detail``."""


class Truncated(Damaged):
    """A read past the end of the file: what a partial download or copy looks like."""


def get(fmt: struct.Struct, data: bytes, pos: int) -> Any:
    if pos < 0:
        raise Damaged(f"read at negative position {pos}")
    if pos + fmt.size > len(data):
        raise Truncated(f"read of {fmt.size} bytes at {pos} past the end of the file")
    return fmt.unpack_from(data, pos)[0]


class Table:
    """A flatbuffer table whose header, vtable and fields were checked to lie inside ``data``."""

    __slots__ = ("_obj_len", "_vt", "_vt_len", "data", "pos")

    def __init__(self, data: bytes, pos: int) -> None:
        self.data, self.pos = data, pos
        self._vt = pos - get(I32, data, pos)
        self._vt_len = get(U16, data, self._vt)
        self._obj_len = get(U16, data, self._vt + 2)
        if (self._vt_len < 4 or self._vt_len % 2 or self._vt + self._vt_len > len(data)
                or self._obj_len < 4 or pos + self._obj_len > len(data)):
            raise Damaged(f"table at {pos} has an impossible layout")

    def _field(self, index: int, width: int) -> int:
        slot = 4 + 2 * index
        if slot >= self._vt_len:
            return 0
        offset = get(U16, self.data, self._vt + slot)
        if offset and offset + width > self._obj_len:
            raise Damaged(f"field {index} of the table at {self.pos} lies outside it")
        return self.pos + offset if offset else 0

    def scalar(self, index: int, fmt: struct.Struct, default: int = 0) -> Any:
        at = self._field(index, fmt.size)
        return get(fmt, self.data, at) if at else default

    def table(self, index: int) -> Table | None:
        at = self._field(index, 4)
        return Table(self.data, at + get(U32, self.data, at)) if at else None

    def span(self, index: int, width: int) -> tuple[int, int]:
        """(first byte, element count) of a vector field; (0, 0) when absent."""
        at = self._field(index, 4)
        if not at:
            return 0, 0
        start = at + get(U32, self.data, at)
        count = get(U32, self.data, start)
        if start + 4 + count * width > len(self.data):
            raise Truncated(f"vector at {start} runs past the end of the file")
        return start + 4, count

    def numbers(self, index: int, code: str) -> tuple[Any, ...]:
        first, count = self.span(index, struct.calcsize("<" + code))
        return struct.unpack_from(f"<{count}{code}", self.data, first) if count else ()

    def tables(self, index: int) -> list[Table]:
        first, count = self.span(index, 4)
        return [Table(self.data, p + get(U32, self.data, p))
                for p in range(first, first + 4 * count, 4)]

    def text(self, index: int) -> str:
        first, count = self.span(index, 1)
        return self.data[first:first + count].decode("utf-8", "replace")
