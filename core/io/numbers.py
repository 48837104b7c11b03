"""The one reader of numbers written as text: options, settings, result files, labels.

``str.isdigit()`` is true for superscripts and other Unicode digits that ``int()`` refuses, and
``int()`` itself accepts Arabic-Indic and full-width digits, spaces, underscores and signs, and
raises for a number of more than 4,300 digits. Every number the program reads from text goes
through ``parse_whole`` instead: ASCII digits only, at most ``MAX_DIGITS`` of them, within
bounds, or one ``NumberError`` whose message says what was wrong. ``parse_decimal`` does the
same for a number with a fraction (``float()`` also takes ``٠.٥``, ``1_0``, ``nan`` and ``inf``).
"""

from __future__ import annotations

import re

MAX_DIGITS = 18  # fits in 64 bits; no number this program reads is larger
_DIGITS = re.compile(r"[0-9]+", re.ASCII)
_DECIMAL = re.compile(r"[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]{1,3})?", re.ASCII)
MAX_DECIMAL_CHARS = 40


class NumberError(ValueError):
    """A text that is not a whole number in the allowed range; ``str()`` says why."""


def is_digits(text: str) -> bool:
    """True for 1 to ``MAX_DIGITS`` ASCII digits and nothing else."""
    return len(text) <= MAX_DIGITS and _DIGITS.fullmatch(text) is not None


def parse_whole(text: str, low: int = 0, high: int = 10**MAX_DIGITS - 1) -> int:
    """``text`` as a whole number from ``low`` to ``high``; ``NumberError`` otherwise."""
    shown = text if len(text) <= 24 else text[:20] + "…"
    if _DIGITS.fullmatch(text) is None:
        raise NumberError(f"'{shown}' is not a whole number (digits 0 to 9 only)")
    if len(text) > MAX_DIGITS:
        raise NumberError(f"'{shown}' has {len(text)} digits, too many for a number here")
    value = int(text)
    if not low <= value <= high:
        raise NumberError(f"{value} is not between {low} and {high}")
    return value


def parse_decimal(text: str, low: float, high: float) -> float:
    """``text`` as a decimal number (``0.25``, ``.5``, ``1e-3``) from ``low`` to ``high``."""
    shown = text if len(text) <= 24 else text[:20] + "…"
    if len(text) > MAX_DECIMAL_CHARS or _DECIMAL.fullmatch(text) is None:
        raise NumberError(f"'{shown}' is not a number (digits 0 to 9 and one point)")
    value = float(text)
    if not low <= value <= high:
        raise NumberError(f"{value:g} is not between {low:g} and {high:g}")
    return value
