"""The digits of every number shown now live in ``core.io.numbers_text``, where the Edge TPU's
verdicts can use them too; this name stays for the code that imports it from here."""

from core.io.numbers_text import (
    delta_text,
    factor_digits,
    factor_text,
    ms_text,
    rate_text,
    score_text,
)

__all__ = ["delta_text", "factor_digits", "factor_text", "ms_text", "rate_text", "score_text"]
