"""Numbers and names as the window writes them, so every widget rounds the same way (and as
the command line and the report do: the digits are core's)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

from core.io.numbers_text import delta_text, factor_text, ms_text, rate_text, score_text
from core.measure.backends import RUNTIMES
from core.results.records import BackendRecord
from core.results.runtime_fields import pinned_cores
from core.results.summary import distinguishing_details, number_apart

translate = QCoreApplication.translate
_CLASS_NUMBER = re.compile(r"class ([0-9]{1,9})")


def label_text(label: str) -> str:
    """A result's label in the window's language: a label file's names stay as written, and
    core's ``class 3`` for a class no label file names becomes the window's words for it."""
    number = _CLASS_NUMBER.fullmatch(label)
    return translate("Format", "class {n}").format(n=number.group(1)) if number else label


# The digits come from core.io.numbers_text, as for the command line and the report.
fmt_ms = ms_text
fmt_factor = factor_text
fmt_score = score_text
fmt_delta = delta_text
fmt_rate = rate_text


def list_separator() -> str:
    """``, `` in English, ``、`` in Japanese, which has no ASCII comma."""
    return translate("Format", ", ")


def joined(items: Sequence[str]) -> str:
    return list_separator().join(items)


def with_note(text: str, note: str) -> str:
    """``text (note)``; a full-width bracket carries its own space, so none goes before it."""
    return tidy(f"{text} {note}")


FULL_WIDTH = "（）「」『』、。：・"
# spaces beside one, unless they set off a separator (" · ")
_SPACE_BY_FULL_WIDTH = re.compile(
    f"(?<=[^\\s·]) +(?=[{FULL_WIDTH}])|(?<=[{FULL_WIDTH}]) +(?=[^\\s·])")


def tidy(text: str) -> str:
    """No space next to a full-width bracket or stop: a sentence put together from parts
    ("CPU（1 スレッド）" + " は ...") reads as Japanese does. English has none of them."""
    return _SPACE_BY_FULL_WIDTH.sub("", text)


def fmt_ms_unit(value: float | None) -> str:
    if value is None:
        return "–"
    return translate("Format", "{value} ms").format(value=fmt_ms(value))




def backend_name(record: BackendRecord) -> str:
    """The short name of a backend: ``CPU``, ``Edge TPU`` (translated), or its label's head."""
    head = record.label.partition(" (")[0].strip() or record.id
    if record.kind == "cpu" and head == "CPU":
        return translate("Format", "CPU")
    if record.kind == "edgetpu" and head == "Edge TPU":
        return translate("Format", "Edge TPU")
    return head


def display_name(record: BackendRecord, backends: Sequence[BackendRecord]) -> str:
    """``CPU``, or ``CPU (tflite-runtime)`` when another CPU is among ``backends``, or ``CPU #2``
    when nothing in their labels tells them apart."""
    among = list(backends) if any(b.id == record.id for b in backends) else [*backends, record]
    details = distinguishing_details(among)
    names = [translate("Format", "{name} ({detail})").format(
        name=backend_name(b), detail=joined([_detail(part) for part in details[b.id]]))
        if b.id in details
        else backend_name(b) for b in among]
    return dict(zip([b.id for b in among], number_apart(names), strict=True))[record.id]


def _detail(part: str) -> str:
    """One part of a core label (English) in the window's language."""
    threads = re.fullmatch(r"([0-9]{1,9}) threads?", part)
    if threads:
        n = int(threads.group(1))
        return translate("Format", "1 thread") if n == 1 else \
            translate("Format", "{n} threads").format(n=n)
    if part == "reference kernels":
        return translate("Format", "reference kernels")
    if part == "built-in kernels":
        return translate("Format", "built-in kernels")
    if part == "first found":
        return translate("Format", "first found")
    if part == "performance High (throttled build)":
        return translate("Format", "performance High (throttled build)")
    if part.startswith("performance "):
        return translate("Format", "performance {level}").format(level=part.split(" ", 1)[1])
    if part == "always DFU":
        return translate("Format", "always DFU")
    queue = re.fullmatch(r"bulk-in queue ([0-9]{1,9})", part)
    if queue:
        return translate("Format", "bulk-in queue {n}").format(n=queue.group(1))
    return part


def device_text(text: str) -> str:
    """``x86_64, 2 of 2 cores`` in the window's language."""
    return joined([re.sub(r"([0-9]{1,9}) of ([0-9]{1,9}) cores", lambda m: translate(
        "Format", "{used} of {total} cores").format(used=m.group(1), total=m.group(2)), part)
        for part in text.split(", ")])


def backend_details(record: BackendRecord) -> list[str]:
    """The parts of a label after its name (runtime, kernels, threads), plus the device."""
    _, _, rest = record.label.partition(" (")
    rest = rest[:-1] if rest.endswith(")") else rest  # one closing bracket: details may hold one
    parts = [p.strip() for p in rest.split(",") if p.strip()]
    runtime = record.runtime or {}
    name, version = str(runtime.get("name") or ""), str(runtime.get("version") or "")
    shown = [_detail(p) for p in parts]
    if name and version not in " ".join(parts):
        shown.insert(0, f"{RUNTIMES.get(name, name)} {version}".strip())
    cores = pinned_cores(runtime)
    if cores:  # the result file keeps numbers; the sentence is made here, where it is read
        shown.append(translate("Format", "one core each (cores {cores})").format(
            cores=joined([str(core) for core in cores])))
    if record.device and not any(record.device.lower() in p.lower() for p in parts):
        shown.append(device_text(record.device))
    library = str(runtime.get("library") or "")
    if library:
        version = str(runtime.get("library_version") or "")
        shown.append(translate("Format", "libedgetpu {path} ({version})").format(
            path=library, version=version) if version else library)
    return shown
