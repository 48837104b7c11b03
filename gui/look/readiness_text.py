"""What an Edge TPU panel says before a run when something is missing, in the window's language.

A few words for the panel's chip and one sentence for its page, pointing to the Diagnostics
view, which names the exact install instruction for this computer's runtime.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from core.edgetpu.readiness import (
    BAD_RUNTIME,
    NO_DEVICE,
    NO_PERMISSION,
    NO_RUNTIME,
    Readiness,
)

translate = QCoreApplication.translate


def readiness_texts(found: Readiness) -> tuple[str, str] | None:
    """``(chip, sentence)`` for what is missing, or None when nothing is (the panel says
    "Ready")."""
    if found.code == NO_RUNTIME:
        return (translate("Readiness", "No runtime"),
                translate("Readiness", "No Edge TPU runtime (libedgetpu) is installed. Open "
                                       "Diagnostics to see how to install the one that suits "
                                       "this computer."))
    if found.code == BAD_RUNTIME:
        return (translate("Readiness", "Runtime unusable"),
                translate("Readiness", "The file found as the Edge TPU runtime cannot be used: "
                                       "{detail}. Open Diagnostics to see how to fix it.").format(
                    detail=found.detail))
    if found.code == NO_DEVICE:
        return (translate("Readiness", "No device"),
                translate("Readiness", "The Edge TPU runtime is installed, but no Edge TPU is "
                                       "plugged in. Plug in the Coral USB Accelerator (or check "
                                       "the PCIe card)."))
    if found.code == NO_PERMISSION:
        return (translate("Readiness", "No access"),
                translate("Readiness", "An Edge TPU is attached, but this user may not open it. "
                                       "Open Diagnostics to see how to fix it."))
    return None
