"""The engine's own sentences (doctor checks, specific error messages) in the window's language.

``core`` writes English and knows no Qt. The catalogue's default texts are swapped by code in
``error_texts``; the more specific sentences core makes (naming a file, an operation, a device)
are matched here against their English templates and said again in the current language, each
field translated in turn when it is itself a known phrase (a reason, a noun). A sentence no
template matches stays as core wrote it: a test walks the window's dialogs in Japanese and
fails on any such English left over.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from PySide6.QtCore import QCoreApplication

Translate = Callable[[str, str], str]
_FIELD = re.compile(r"\{(\w+)\}")
_DEPTH = 3  # fields inside fields: "not tried: {reason}" where the reason is a phrase
# Fields that must look a certain way, so that a sentence splits at the right commas
_SHAPES = {"ids": r"[0-9a-fA-F]{4}:[0-9a-fA-F]{4}", "speed": r"[0-9]+", "seconds": r"[0-9]+"}


def _table(translate: Translate) -> list[str]:
    """Every template, through ``translate`` (called once as identity for the English)."""
    return [
        # Diagnostics: sections, check names and fixed values
        translate("EngineTexts", "System"),
        translate("EngineTexts", "OS"),
        translate("EngineTexts", "Architecture"),
        translate("EngineTexts", "TensorFlow Lite runtimes"),
        translate("EngineTexts", "Edge TPU runtime"),
        translate("EngineTexts", "Edge TPU devices"),
        translate("EngineTexts", "Edge TPU delegate"),
        translate("EngineTexts", "Google pycoral"),
        translate("EngineTexts", "Diagnostics"),
        translate("EngineTexts", "devices"),
        translate("EngineTexts", "delegate"),
        translate("EngineTexts", "delegate ({target})"),
        translate("EngineTexts", "any device"),
        translate("EngineTexts", "version"),
        translate("EngineTexts", "runtime version"),
        translate("EngineTexts", "build"),
        translate("EngineTexts", "compatibility"),
        translate("EngineTexts", "PCIe card"),
        translate("EngineTexts", "not found"),
        translate("EngineTexts", "none found"),
        translate("EngineTexts", "not installed"),
        translate("EngineTexts", "ready"),
        translate("EngineTexts", "present, firmware not loaded yet (normal before first use)"),
        translate("EngineTexts", "present, but this user may not open it"),
        translate("EngineTexts", "{title}, {state} ({ids}), {link}, {path}"),
        translate("EngineTexts", "{title}, {state} ({ids}), {path}"),
        translate("EngineTexts", "{generation} ({speed} Mbit/s)"),
        translate("EngineTexts", "not installed (optional, for comparison only)"),
        translate("EngineTexts", "not installed (optional: not needed to run the Edge TPU here)"),
        translate("EngineTexts", "not read (probing is off)"),
        translate("EngineTexts", "(empty)"),
        translate("EngineTexts", "not tried: {reason}"),
        translate("EngineTexts", "libedgetpu was not found"),
        translate("EngineTexts", "the libedgetpu found is not usable (see above)"),
        translate("EngineTexts", "ai-edge-litert is not installed"),
        translate("EngineTexts", "probing is off"),
        translate("EngineTexts", "created: the Edge TPU is ready to run"),
        translate("EngineTexts", "loading libedgetpu failed: {reason}"),
        translate("EngineTexts", "the probe process died with {how}"),
        translate("EngineTexts", "the probe process did not answer in time"),
        translate("EngineTexts", "this libedgetpu does not report its version"),
        translate("EngineTexts", "{path} (on {variable})"),
        translate("EngineTexts", "std: reduced clock (told by {source}: {name})"),
        translate("EngineTexts",
                  "max: full clock, the device gets hot to the touch (told by {source}: {name})"),
        translate("EngineTexts", "cannot tell whether it is std or max"),
        translate("EngineTexts", "Coral's libedgetpu {version} was built for TensorFlow Lite "
                                 "2.11 or older and may crash with ai-edge-litert {litert}"),
        translate("EngineTexts", "cannot be listed on this operating system; the delegate check "
                                 "below shows whether one answers"),
        translate("EngineTexts", "found at {card}, but its driver is not loaded (no /dev/apex_N)"),
        translate("EngineTexts", "{version}, but it cannot work with numpy {numpy} (it needs "
                                 "numpy < 2)"),
        translate("EngineTexts", "{version} (numpy {numpy} is fine)"),
        translate("EngineTexts", "Google's pycoral {version} (pycoral.utils.edgetpu is present)"),
        translate("EngineTexts", "the installed 'pycoral' {version} is an unrelated project from "
                                 "PyPI (a command line for the Allen Coral Atlas of coral reefs), "
                                 "not Google's Coral library"),
        translate("EngineTexts", "unknown version"),
        # Diagnostics: remedies
        translate("EngineTexts", "Reinstall libedgetpu, choosing the build made for your "
                                 "TensorFlow Lite version."),
        translate("EngineTexts", "Install Coral's PCIe driver (sudo apt-get install gasket-dkms "
                                 "libedgetpu1-std), then restart the computer."),
        translate("EngineTexts", "Plug the Coral USB Accelerator into a USB 3 port (or check "
                                 "that the PCIe/M.2 card is seated), then run the check again."),
        translate("EngineTexts", "Coral publishes the Edge TPU runtime for x86-64, ARM64 and "
                                 "ARMv7 only, so use one of those computers."),
        translate("EngineTexts", "Use Python 3.10 to 3.13, the versions ai-edge-litert is built "
                                 "for."),
        translate("EngineTexts", "Install it with: pip install ai-edge-litert"),
        translate("EngineTexts", "Install it with: pip install numpy"),
        translate("EngineTexts", "Install numpy 1.x (pip install 'numpy<2') to use "
                                 "tflite-runtime, or simply use ai-edge-litert."),
        translate("EngineTexts", "Nothing here needs it; remove it with 'pip uninstall pycoral' "
                                 "before installing Google's pycoral."),
        translate("EngineTexts", "Plug it into a USB 3 port (often blue) with the supplied cable: "
                                 "over USB 2 every inference waits for the slow data transfer."),
        translate("EngineTexts", "For full speed install the max build instead (libedgetpu1-max, "
                                 "or the 'direct' library of Coral's download); the device then "
                                 "gets hot."),
        translate("EngineTexts", "Add yourself to the '{group}' group (sudo usermod -aG {command} "
                                 "$USER), then log out, log in again and replug the device."),
        translate("EngineTexts", "You are in the '{group}' group, but this session started "
                                 "before that: log out and log in again (or restart the "
                                 "computer)."),
        translate("EngineTexts", "The udev rule and the group are in place: unplug and replug "
                                 "the device (or run 'sudo udevadm trigger') so that the rule "
                                 "applies."),
        translate("EngineTexts", "The Edge TPU runtime found at {path} cannot be used: it "
                                 "{problem}."),
        translate("EngineTexts", "is a folder, not a library"),
        translate("EngineTexts", "is not an ordinary file"),
        translate("EngineTexts", "is not a shared library"),
        translate("EngineTexts", "is not a shared library (it looks like {kind})"),
        translate("EngineTexts", "was built for another processor (32-bit against 64-bit)"),
        translate("EngineTexts", "is a library, but not libedgetpu (it has no "
                                 "tflite_plugin_create_delegate)"),
        translate("EngineTexts", "Remove or replace that file, then install the Edge TPU runtime "
                                 "(libedgetpu1-std) as Coral's Get Started guide describes, and "
                                 "run 'edgetpu-compare doctor'."),
        translate("EngineTexts", "The Edge TPU did not answer within {seconds} seconds."),
        # Models that need an operation TensorFlow Lite lacks
        translate("EngineTexts", "This model needs the operation {name}, which TensorFlow Lite "
                                 "does not have: it comes from {source}."),
        translate("EngineTexts", "This model needs the operations {names}, which TensorFlow Lite "
                                 "does not have: it comes from {source}."),
        translate("EngineTexts", "This model needs operations from the full TensorFlow, which "
                                 "TensorFlow Lite does not have: they come from {source}."),
        translate("EngineTexts", "libcoral's PoseNet decoder plugin (posenet_decoder.so)"),
        translate("EngineTexts", "TensorFlow's own kernels (the Flex delegate of the full "
                                 "TensorFlow package)"),
        translate("EngineTexts", "the program the model was made for"),
        translate("EngineTexts", "Choose a pose model without it, such as Coral's MoveNet "
                                 "models."),
        translate("EngineTexts", "Convert the model again with TensorFlow Lite's built-in "
                                 "operations only."),
        translate("EngineTexts", "Choose a model that uses TensorFlow Lite's built-in operations "
                                 "only."),
        translate("EngineTexts", "Download or copy the model again, or choose another .tflite "
                                 "file."),
        # Files that cannot be read
        translate("EngineTexts", "'{name}' is not a TensorFlow Lite model."),
        translate("EngineTexts", "'{name}' is not a TensorFlow Lite model (it looks like {kind})."),
        translate("EngineTexts", "'{name}' is truncated: the file ends before the model does."),
        translate("EngineTexts", "'{name}' is damaged: its internal structure is inconsistent."),
        translate("EngineTexts", "'{name}' is not a valid file name."),
        translate("EngineTexts", "'{name}' is {what}, not a {noun}."),
        translate("EngineTexts", "The {noun} '{path}' does not exist."),
        translate("EngineTexts", "'{name}' is a folder, not a {noun}."),
        translate("EngineTexts", "Choose a {noun} inside the folder."),
        translate("EngineTexts", "'{name}' is a link that loops back on itself."),
        translate("EngineTexts", "Choose the file the link should point to."),
        translate("EngineTexts", "'{name}' cannot be read."),
        translate("EngineTexts", "'{name}' is empty."),
        translate("EngineTexts", "'{name}' is too large to be a {noun} (more than {size})."),
        translate("EngineTexts", "Check the permissions of the file and of its folders, or copy "
                                 "it to a folder of your own."),
        translate("EngineTexts", "a {format} image"),
        translate("EngineTexts", "a {format} archive"),
        translate("EngineTexts", "a TensorFlow Lite model"),
        translate("EngineTexts", "a file of only zero bytes"),
        translate("EngineTexts", "a web page"),
        translate("EngineTexts", "an XML or SVG file"),
        translate("EngineTexts", "a text file"),
        translate("EngineTexts", "a PDF document"),
        translate("EngineTexts", "a program (ELF executable)"),
        translate("EngineTexts", "a Windows program"),
        translate("EngineTexts", "a Keras/HDF5 model"),
        translate("EngineTexts", "{command} (needs numpy < 2, Python 3.11 or older)"),
        translate("EngineTexts", "'{name}' names only {named} of the model's {classes} classes, "
                                 "so the others are shown as 'class N'."),
        translate("EngineTexts", "The labels file"),
        translate("EngineTexts", "Choose the labels file that came with this model."),
        translate("EngineTexts", "model file"),
        translate("EngineTexts", "labels file"),
        translate("EngineTexts", "image"),
        translate("EngineTexts", "result file"),
        # Sample models: fetching and copying
        translate("EngineTexts", "{path} could not be downloaded ({reason})."),
        translate("EngineTexts", "{path} is not in {source}."),
        translate("EngineTexts", "Copy the complete sample folder (models/, labels/, images/) "
                                 "and try again."),
        translate("EngineTexts", "{path} in {source} cannot be used: {message}"),
        translate("EngineTexts", "Replace it in the source folder with the real file, or fetch "
                                 "from another source."),
        translate("EngineTexts", "the transfer stopped after {got} of {expected} bytes"),
        translate("EngineTexts", "{text} is a {scheme} address, which cannot be fetched from."),
        translate("EngineTexts", "The folder {folder} {problem}."),
        translate("EngineTexts", "does not exist"),
        translate("EngineTexts", "{text} is not a valid address ({reason})."),
        translate("EngineTexts", "{text} names no server."),
        translate("EngineTexts", "The folder {folder} cannot be created."),
        translate("EngineTexts", "Cannot write into {folder}."),
        translate("EngineTexts", "Cannot copy {name} into {folder}."),
        translate("EngineTexts", "Give the folder that holds models/, labels/ and images/ (for "
                                 "example a copy of ../shared/coral), or an http(s) address."),
        translate("EngineTexts", "{path} was refused: it has {actual} bytes, not {size} as the "
                                 "manifest says, so the source's copy is damaged or changed."),
    ]


@cache
def _patterns(lang_key: str) -> list[tuple[re.Pattern[str], str]]:
    """(English template as a pattern, translation), longest first so that the most specific
    template wins; cached per language (``lang_key`` changes when the language does)."""
    del lang_key
    english = _table(lambda _context, text: text)
    translated = _table(QCoreApplication.translate)
    pairs = sorted(zip(english, translated, strict=True), key=lambda p: -len(p[0]))
    patterns = []
    for source, target in pairs:
        parts = _FIELD.split(source)
        regex = "".join(re.escape(part) if i % 2 == 0
                        else f"(?P<{part}>{_SHAPES.get(part, '.+?')})"
                        for i, part in enumerate(parts))
        patterns.append((re.compile(f"^{regex}$", re.DOTALL), target))
    return patterns


def templates() -> list[str]:
    """The English templates, for tests."""
    return _table(lambda _context, text: text)


def engine_text(text: str, depth: int = _DEPTH) -> str:
    """``text`` in the current language when it is one of the engine's known sentences."""
    if not text or depth <= 0:
        return text
    key = QCoreApplication.translate("EngineTexts", "System")  # changes with the language
    for pattern, target in _patterns(key):
        match = pattern.match(text)
        if match is not None:
            fields = {name: engine_text(value, depth - 1)
                      for name, value in match.groupdict().items()}
            return target.format(**fields) if set(fields) == set(_FIELD.findall(target)) \
                else text
    return text
