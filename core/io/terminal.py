"""Making user data safe to print on a terminal: one line stays one line, no escape codes.

Labels, paths and error messages come from files the user (or someone else) made. Printed raw, an
escape sequence in a labels file recolours or rewrites the terminal, and a newline in a path
splits the one-line ``error:`` message. ``safe`` shows every control character as a visible
escape (``\\x1b``, ``\\n``) and leaves all other text, Japanese included, as it is.
"""

from __future__ import annotations

import unicodedata

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(char: str) -> str:
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def safe(text: object) -> str:
    """``text`` with control characters (C0, DEL, C1, bidi overrides) escaped."""
    value = str(text)
    if value.isprintable():
        return value
    return "".join(_escape(c) if _unsafe(c) else c for c in value)


def _unsafe(char: str) -> bool:
    category = unicodedata.category(char)
    return category == "Cc" or (category == "Cf" and char in _BIDI) or category in ("Zl", "Zp")


_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
