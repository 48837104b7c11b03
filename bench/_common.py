"""Shared helpers for the benchmark scripts: where the Coral files are, and a table printer."""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

CORAL = Path(os.environ.get("EDGETPU_COMPARE_CORAL", REPO.parent / "shared" / "coral"))


def coral_file(relative: str) -> Path:
    path = CORAL / relative
    if not path.exists():
        sys.exit(f"error: {path} not found. Put the Coral sample data in ../shared/coral or "
                 "run 'edgetpu-compare models fetch' and set EDGETPU_COMPARE_CORAL.")
    return path


def print_table(headers: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)))
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))
