"""Whether the file found as libedgetpu is one, told from the file itself without loading it.

A text file, a folder or some other library named ``libedgetpu.so.1`` on ``LD_LIBRARY_PATH`` is
what the dynamic linker finds first, and it stops there: ``doctor`` said ``[ok]`` (or "not found"
for a folder) while the run failed with "no Edge TPU answered". Both now name what is wrong with
that file in the same words: ``doctor`` from the file, a run from the loader's message
(``core.edgetpu.failures``), both through ``library_problem`` when the file can be looked at.
"""

from __future__ import annotations

import os
import platform
import stat
import sys

from core.inputs.labels import describe_bytes

DELEGATE_SYMBOL = b"tflite_plugin_create_delegate"
_MAGIC = {"Linux": (b"\x7fELF",), "Windows": (b"MZ",),
          "Darwin": (b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xce\xfa\xed\xfe",
                     b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe")}
_MAX_LIBRARY_BYTES = 256 * 1024 * 1024


def library_problem(path: str, system: str | None = None) -> str:
    """What is wrong with the file found as libedgetpu, in words for a sentence ('' when it
    looks like a library that provides the Edge TPU delegate), read without loading it."""
    system = system or platform.system()
    try:
        info = os.stat(path)
    except OSError as exc:
        return f"cannot be opened ({exc.strerror})"
    if stat.S_ISDIR(info.st_mode):
        return "is a folder, not a library"
    if not stat.S_ISREG(info.st_mode):
        return "is not an ordinary file"
    try:
        with open(path, "rb") as handle:
            data = handle.read(_MAX_LIBRARY_BYTES)
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    if not data.startswith(_MAGIC.get(system, _MAGIC["Linux"])):
        kind = describe_bytes(data)
        return "is not a shared library" + (f" (it looks like {kind})" if kind else "")
    if system == "Linux" and len(data) > 4 and data[4] != (2 if sys.maxsize > 2**32 else 1):
        return "was built for another processor (32-bit against 64-bit)"
    if DELEGATE_SYMBOL + b"\x00" not in data:
        return ("is a library, but not libedgetpu (it has no tflite_plugin_create_delegate)")
    return ""
