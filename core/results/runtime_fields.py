"""How a CPU backend's threads ran, as the result file keeps it: numbers stay numbers.

``runtime.threads`` is how many threads the runtime was given, ``runtime.pinned`` whether each
was put on a core of its own, ``runtime.cores`` which cores (empty when not pinned). A script
reads them without parsing prose; the sentence a person reads ("one core each (cores 0, 1)") is
made where it is shown. Files written before these fields held that sentence in
``runtime.threads``; ``upgraded`` turns it back into the fields, so old files still open.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

_OLD_SENTENCE = re.compile(r"one core each \(cores ([0-9][0-9, ]*)\)")


def cores_text(cores: Sequence[int]) -> str:
    """The cores as the worker hands them over (its details are text): ``0,1``."""
    return ",".join(str(core) for core in cores)


def typed_runtime(details: Mapping[str, str]) -> dict[str, Any]:
    """The worker's text details, with ``threads`` a number and ``pinned``/``cores`` added."""
    fields: dict[str, Any] = dict(details)
    threads = details.get("threads", "")
    if threads.isdigit():
        cores = [int(c) for c in details.get("cores", "").split(",") if c.isdigit()]
        fields.update(threads=int(threads), pinned=bool(cores), cores=cores)
    return fields


def upgraded(runtime: dict[str, Any]) -> dict[str, Any]:
    """A result file's ``runtime`` with an old file's sentence in ``threads`` made fields."""
    threads = runtime.get("threads")
    if not isinstance(threads, str):
        return runtime
    found = _OLD_SENTENCE.fullmatch(threads.strip())
    fields = dict(runtime)
    del fields["threads"]  # prose that is not the old sentence says nothing a script can use
    if found:
        cores = [int(c) for c in re.findall(r"[0-9]+", found.group(1))]
        fields.update(threads=len(cores), pinned=True, cores=cores)
    return fields


def pinned_cores(runtime: Mapping[str, Any]) -> list[int]:
    """The cores the threads were pinned to, or [] (not pinned, not a CPU, or not said)."""
    cores = runtime.get("cores")
    if runtime.get("pinned") is not True or not isinstance(cores, list):
        return []
    return [c for c in cores if isinstance(c, int) and not isinstance(c, bool)]
