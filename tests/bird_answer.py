"""What every platform agrees on about the bird model and the parrot: the label, and a score.

The top-1 score differs by a few quantisation steps between CPUs and kernels (0.79 on x86 with
XNNPACK, 0.80 on arm64, 0.777 on an Edge TPU), so tests check the label exactly and the score
within a tolerance that holds on all of them, never the digits of one machine.
"""

from __future__ import annotations

import re

BIRD_TOP1 = "Ara macao (Scarlet Macaw)"
SCORE_LOW, SCORE_HIGH = 0.74, 0.84


def bird_score_in(text: str) -> float:
    """The score printed after ``BIRD_TOP1: `` in ``text`` (a terminal line or a top-k row);
    fails the test when the label is missing or the score is outside the tolerance."""
    match = re.search(re.escape(BIRD_TOP1) + r": ([0-9]+\.[0-9]+)", text)
    assert match is not None, f"{BIRD_TOP1} not found in {text!r}"
    score = float(match.group(1))
    assert SCORE_LOW <= score <= SCORE_HIGH, f"{BIRD_TOP1} scored {score}"
    return score
