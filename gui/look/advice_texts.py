"""The Edge TPU install advice in the window's language, built from the same parts as
``core.edgetpu.advice`` (which runtime loads the delegate, which operating system).

The advice reaches the window as English text: in a run's error, in the doctor's report, in a
result file. ``window_advice`` recognises it and says it again here, translated, ending with the
Diagnostics view rather than a terminal command; commands stay as they are typed.
"""

from __future__ import annotations

import platform

from PySide6.QtCore import QCoreApplication

from core.edgetpu.advice import (
    GET_STARTED,
    linux_commands,
    recognise,
    suits_coral_package,
)

translate = QCoreApplication.translate


def advice(runtime: str, version: str, system: str | None = None,
           one_line: bool = False) -> str:
    """What ``core.edgetpu.advice.edgetpu_advice(..., in_window=True)`` says, translated."""
    system = platform.system() if system is None else system
    if not suits_coral_package(runtime, version):
        named = f"{runtime} {version}".strip()
        builds = translate("Advice", "the releases of feranick/libedgetpu on GitHub")
        steps = translate(
            "Advice", "Coral's own libedgetpu works only with tflite-runtime 2.11 or older and "
                      "crashes with {named}: install a libedgetpu built for the TensorFlow Lite "
                      "version of {named}, such as a community build ({builds} name the "
                      "TensorFlow version each was built for).").format(named=named,
                                                                         builds=builds)
    elif one_line:
        steps = translate("Advice", "Install Coral's Edge TPU runtime (libedgetpu1-std on Linux) "
                                    "as its Get Started page describes ({url}).").format(
            url=GET_STARTED)
    elif system == "Darwin":
        steps = translate("Advice", "Download the Edge TPU runtime for macOS from Coral's Get "
                                    "Started page ({url}), unzip it and run: sudo bash "
                                    "install.sh").format(url=GET_STARTED)
    elif system == "Windows":
        steps = translate("Advice", "Download the Edge TPU runtime for Windows from Coral's Get "
                                    "Started page ({url}), unzip it and run install.bat as "
                                    "administrator; it installs edgetpu.dll and the USB "
                                    "driver.").format(url=GET_STARTED)
    else:
        steps = translate("Advice", "Add Coral's package repository and install the runtime:") \
            + "\n" + linux_commands()
    check = translate("Advice", "Then open Diagnostics to check it.")
    return f"{steps}{' ' if one_line else chr(10)}{check}"


def window_advice(text: str, system: str | None = None) -> str | None:
    """``text`` said again in the window's language when it is the install advice, else None."""
    found = recognise(text, system)
    if found is None:
        return None
    runtime, version, one_line = found
    return advice(runtime, version, system, one_line)
