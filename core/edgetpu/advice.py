"""The one instruction for installing the Edge TPU runtime, matched to the runtime that loads it.

libedgetpu is a plug-in of TensorFlow Lite, and it works only with the TensorFlow Lite version it
was built for: Coral's own package (libedgetpu 16.0, built for TensorFlow Lite 2.5) works with
tflite-runtime up to 2.11 and crashes with newer ones, ai-edge-litert included. So "install
libedgetpu1-std" is the right advice only for an old tflite-runtime; with ai-edge-litert it
leads to a crash. The doctor, the errors a run reports and the window all take their advice from
here, so that they never disagree. In the window the last step points to its Diagnostics view;
on the command line, to ``edgetpu-compare doctor``.
"""

from __future__ import annotations

import platform
import re
from importlib import metadata

DEFAULT_RUNTIME = "ai-edge-litert"
CORAL_NEWEST_TFLITE = (2, 11)  # the newest tflite-runtime Coral's libedgetpu 16.0 works with
GET_STARTED = "https://coral.ai/docs/accelerator/get-started/"
COMMUNITY_BUILDS = "the releases of feranick/libedgetpu on GitHub"
_KEYRING = "/usr/share/keyrings/coral-edgetpu.gpg"


def installed_version(runtime: str) -> str:
    """The installed version of a runtime's distribution, or ``""``."""
    try:
        return metadata.version(runtime)
    except metadata.PackageNotFoundError:
        return ""


def suits_coral_package(runtime: str, version: str) -> bool:
    """Whether Coral's own libedgetpu works with this runtime: tflite-runtime up to 2.11."""
    if runtime != "tflite-runtime":
        return False
    numbers = re.match(r"(\d+)\.(\d+)", version)
    return numbers is not None and \
        (int(numbers.group(1)), int(numbers.group(2))) <= CORAL_NEWEST_TFLITE


def coral_package_steps(system: str) -> str:
    """How to install Coral's own Edge TPU runtime on this operating system."""
    if system == "Darwin":
        return ("Download the Edge TPU runtime for macOS from Coral's Get Started page "
                f"({GET_STARTED}), unzip it and run: sudo bash install.sh")
    if system == "Windows":
        return ("Download the Edge TPU runtime for Windows from Coral's Get Started page "
                f"({GET_STARTED}), unzip it and run install.bat as administrator; it installs "
                "edgetpu.dll and the USB driver.")
    return "Add Coral's package repository and install the runtime:\n" + linux_commands()


def linux_commands() -> str:
    """The commands that add Coral's package repository and install its runtime (the same in
    every language, so the window's translated advice takes them from here)."""
    return ("  curl -fsSL https://packages.cloud.google.com/apt/doc/apt-key.gpg"
            f" | sudo gpg --dearmor -o {_KEYRING}\n"
            f"  echo \"deb [signed-by={_KEYRING}] https://packages.cloud.google.com/apt "
            "coral-edgetpu-stable main\" | sudo tee /etc/apt/sources.list.d/coral-edgetpu.list\n"
            "  sudo apt-get update && sudo apt-get install libedgetpu1-std")


def community_build_steps(runtime: str, version: str) -> str:
    """Why Coral's package does not suit this runtime, and what does."""
    named = f"{runtime} {version}".strip()
    return (f"Coral's own libedgetpu works only with tflite-runtime 2.11 or older and crashes "
            f"with {named}: install a libedgetpu built for the TensorFlow Lite version of "
            f"{named}, such as a community build ({COMMUNITY_BUILDS} name the TensorFlow "
            "version each was built for).")


def edgetpu_advice(runtime: str = DEFAULT_RUNTIME, version: str | None = None,
                   system: str | None = None, in_window: bool = False,
                   one_line: bool = False) -> str:
    """The install instruction for the runtime that will load the Edge TPU delegate.

    ``version`` defaults to the installed one, ``system`` to this computer's; ``in_window``
    ends with the window's Diagnostics view instead of the ``doctor`` command; ``one_line``
    (an error's remedy) names Coral's package instead of listing the commands.
    """
    runtime = runtime or DEFAULT_RUNTIME
    version = installed_version(runtime) if version is None else version
    system = platform.system() if system is None else system
    if not suits_coral_package(runtime, version):
        steps = community_build_steps(runtime, version)
    elif one_line:
        steps = (f"Install Coral's Edge TPU runtime (libedgetpu1-std on Linux) as its Get Started "
                 f"page describes ({GET_STARTED}).")
    else:
        steps = coral_package_steps(system)
    check = ("Then open Diagnostics to check it." if in_window
             else "Then run 'edgetpu-compare doctor' to check it.")
    separator = " " if one_line else "\n"
    return f"{steps}{separator}{check}"


def recognise(text: str, system: str | None = None) -> tuple[str, str, bool] | None:
    """``(runtime, version, one_line)`` when ``text`` is advice this module gave (in either
    ending), else None: so that the window can say the same advice in its own language, by its
    parts, whether it comes from a run's error, the doctor or a result file."""
    named = re.search(r"crashes with ([\w.-]{1,40})(?: ([\w.+-]{1,40}))?: install", text)
    guesses = [(named.group(1), named.group(2) or "")] if named else []
    guesses.append(("tflite-runtime", ".".join(map(str, CORAL_NEWEST_TFLITE))))
    for runtime, version in guesses:
        for in_window in (False, True):
            for one_line in (False, True):
                if edgetpu_advice(runtime, version, system, in_window, one_line) == text:
                    return runtime, version, one_line
    return None
