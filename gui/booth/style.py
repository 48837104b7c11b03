"""Type sizes for booth mode: pixels scaled to the screen, so that it reads from three metres.

Sizes are given for a 1920x1080 screen and scale with the window, so a 4K television and a
1280x720 projector show the same picture. At three metres a 55-inch 1080p screen needs about
40 px of cap height for comfortable reading; the numbers that matter are far larger.
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel

REFERENCE = (1920, 1080)
SPEEDUP_PX = 230  # "11.7×"
MEDIAN_PX = 112  # a backend's median
HEADLINE_PX = 46  # "faster · same answer", error titles, backend names
BODY_PX = 34  # inferences per second, the top-1 answer
TEXT_PX = 27  # an error's message
SMALL_PX = 24  # captions, an error's remedy, the footer: the least any booth text gets

def unit_for(width: int, height: int) -> float:
    """How much larger than the reference screen this window is (never vanishingly small)."""
    return max(0.3, min(width / REFERENCE[0], height / REFERENCE[1]))


def font(px: float, bold: bool = False, base: QFont | None = None) -> QFont:
    result = QFont(base) if base is not None else QFont()
    result.setPixelSize(max(9, round(px)))
    result.setWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
    return result


def caption_font(px: float) -> QFont:
    """Small capitals-style captions: spaced out so they stay legible at a distance."""
    result = font(px, bold=True)
    result.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 108)
    return result


def colour(label: QLabel, css_colour: str) -> None:
    """Set only the text colour; the font stays the one ``setFont`` gave."""
    style = f"color: {css_colour};"
    if label.styleSheet() != style:
        label.setStyleSheet(style)
