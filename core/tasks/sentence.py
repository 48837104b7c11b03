"""A sentence as data, so that the window can translate it and the numbers stay numbers.

The template is English with ``str.format`` fields (``"Pixel agreement {agreement:.3f}"``); the
window looks the template up in its translations and fills in the same fields, the command line
and reports use :meth:`Sentence.english`. Keeping the numbers apart also lets a result file store
them without parsing a sentence back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Value = float | int | str


@dataclass(frozen=True)
class Sentence:
    """One translatable sentence: a fixed English template and the values of its fields."""

    template: str
    fields: dict[str, Value] = field(default_factory=dict)

    def english(self) -> str:
        return self.template.format(**self.fields)

    def to_dict(self) -> dict[str, Any]:
        return {"template": self.template, "fields": dict(self.fields), "text": self.english()}
