"""How every number of a run is written: one rounding for the window, the booth, the command
line, the HTML report, the screenshot and the verdicts on Coral's figures, so that one run reads
the same everywhere (kept low in core, where every part of it can use it).

Milliseconds keep three significant digits down to 1 ms (``123``, ``36.4``, ``3.39``) and three
decimals below (``0.472``): enough to tell two backends apart, never a false precision. Scores
keep two decimals; a difference of scores keeps three, because a uint8 model's scores move in
steps of 1/256 (0.0039), which two decimals would round away (0.008 is not 0.01). A speed factor
keeps two decimals below 2× (``1.05×``, never a confusing ``1.0×``), one up to 100×, none above.
Inferences per second keep a tenth only below 10 (``7.5``, ``281``, ``1,890``).
Language-free: the window puts the unit and the words around them in its own language.
"""

from __future__ import annotations

import math


def ms_text(value: float | None) -> str:
    """``123``, ``36.4``, ``3.39``, ``0.472``; ``–`` for no value."""
    if value is None or not math.isfinite(value):
        return "–"
    size = abs(value)
    if size >= 100:
        return f"{value:.0f}"
    if size >= 10:
        return f"{value:.1f}"
    if size >= 1:
        return f"{value:.2f}"
    return f"{value:.3f}"


def score_text(value: float) -> str:
    """A class score: ``0.79``."""
    return f"{value:.2f}"


def delta_text(value: float) -> str:
    """A difference of scores: ``0.008``."""
    return f"{value:.3f}"


def factor_digits(factor: float) -> int:
    return 2 if factor < 2 else 1 if factor < 100 else 0


def factor_text(factor: float) -> str:
    """A speed factor: ``1.05×``, ``11.7×``, ``250×``."""
    return f"{factor:.{factor_digits(factor)}f}×"


def rate_text(per_second: float) -> str:
    """Inferences per second: ``7.5``, ``281``, ``1,890``."""
    return f"{per_second:.1f}" if per_second < 10 else f"{per_second:,.0f}"
