"""Tooltips for the few words of the trade the window shows: top-1, baseline, first found, one
core each.

A label's tooltip says what those of the words it shows mean, so each is found by the very text
the window draws (in the window's language): the part of the shown phrase before its first
placeholder or bracket.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate


def _stem(phrase: str) -> str:
    """``one core each (cores {cores})`` -> ``one core each``: the words a shown text holds."""
    return re.split(r"[{(（]", phrase, maxsplit=1)[0].strip()


def glossary() -> list[tuple[str, str]]:
    """(the words as shown, what they mean), in the current language."""
    return [
        (_stem(translate("Comparison", "top-1 {label} ({score})")),
         translate("TermTips", "top-1: the class the model scored highest, its answer")),
        (_stem(translate("BackendChooserWidget", "(baseline)").strip("()（） ")),
         translate("TermTips", "baseline: the backend the others are compared with; choose it "
                               "under Change…")),
        (_stem(translate("Format", "first found")),
         translate("TermTips", "first found: the first Edge TPU libedgetpu finds, when none is "
                               "named")),
        (_stem(translate("Format", "one core each (cores {cores})")),
         translate("TermTips", "one core each: each of the runtime's threads is kept on a core "
                               "of its own, so the system never puts two on one core")),
    ]


def tips_for(text: str) -> str:
    """What the words of the trade in ``text`` mean, one line each; "" when it has none."""
    folded = text.casefold()
    return "\n".join(tip for words, tip in glossary() if words and words.casefold() in folded)
