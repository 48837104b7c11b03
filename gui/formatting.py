"""Numbers and names as the window writes them, so every widget rounds the same way."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from core.backends import RUNTIMES
from core.records import BackendRecord

translate = QCoreApplication.translate


def fmt_ms(value: float | None, precise: bool = False) -> str:
    """``36.4``, ``3.1``, ``0.47``; ``precise`` adds a digit below 10 ms (the big median)."""
    if value is None:
        return "–"
    if value >= 100:
        return f"{value:.0f}"
    if value >= 10 or (value >= 1 and not precise):
        return f"{value:.1f}"
    if value >= 0.1:
        return f"{value:.2f}"
    return f"{value:.3f}"


def fmt_ms_unit(value: float | None, precise: bool = False) -> str:
    if value is None:
        return "–"
    return translate("Format", "{value} ms").format(value=fmt_ms(value, precise))


def fmt_factor(value: float) -> str:
    if value < 2:
        return f"{value:.2f}×"  # as core.summary: "1.05×", never a confusing "1.0×"
    return f"{value:.1f}×" if value < 100 else f"{value:.0f}×"


def fmt_score(value: float) -> str:
    return f"{value:.2f}"


def backend_name(record: BackendRecord) -> str:
    """The short name of a backend: ``CPU``, ``Edge TPU`` (translated), or its label's head."""
    head = record.label.partition(" (")[0].strip() or record.id
    if record.kind == "cpu" and head == "CPU":
        return translate("Format", "CPU")
    if record.kind == "edgetpu" and head == "Edge TPU":
        return translate("Format", "Edge TPU")
    return head


def backend_details(record: BackendRecord) -> list[str]:
    """The parts of a label after its name (runtime, kernels, threads), plus the device."""
    _, _, rest = record.label.partition(" (")
    parts = [p.strip() for p in rest.rstrip(")").split(",") if p.strip()]
    runtime = record.runtime or {}
    name, version = str(runtime.get("name") or ""), str(runtime.get("version") or "")
    if name and version not in " ".join(parts):
        parts.insert(0, f"{RUNTIMES.get(name, name)} {version}".strip())
    if record.device and not any(record.device.lower() in p.lower() for p in parts):
        parts.append(record.device)
    return parts
