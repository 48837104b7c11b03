"""What the window offers to compare: a set of up to four backends, each on or off, one baseline.

Plain data (the chooser widget shows it, the settings store it as text, a saved result brings
its own): rows of backend specs, whether each is checked, and which row is the baseline. Also
what can be offered here: the CPU runtimes that are installed (the others with the command that
installs them) and the Edge TPU devices the device scan finds.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from dataclasses import dataclass, replace
from importlib import metadata
from pathlib import Path

from core.edgetpu.devices import find_devices
from core.errors import AppError
from core.measure.backends import (
    RUNTIMES,
    BackendSpec,
    assign_ids,
    default_specs,
    parse_backend_spec,
)
from core.results.records import RunRecord

MAX_BACKENDS = 4
OFF = "-"  # a stored row that starts with this is unchecked
_MODULES = {"ai-edge-litert": "ai_edge_litert", "tflite-runtime": "tflite_runtime"}
_HINTS = {"ai-edge-litert": "pip install ai-edge-litert",
          "tflite-runtime": "pip install 'edgetpu-compare[tflite]' (needs numpy < 2, Python 3.11 "
                            "or older)"}


@dataclass(frozen=True)
class RuntimeOffer:
    """A CPU runtime: ``usable`` here, or the one-line hint that makes it so."""

    name: str
    title: str
    usable: bool
    hint: str = ""


def cpu_runtimes() -> list[RuntimeOffer]:
    """Every CPU runtime, found without importing it (tflite-runtime also needs numpy < 2)."""
    offers = []
    for name, title in RUNTIMES.items():
        installed = importlib.util.find_spec(_MODULES[name]) is not None
        hint = "" if installed else _HINTS[name]
        if installed and name == "tflite-runtime" and _numpy_major() >= 2:
            installed, hint = False, "pip install 'numpy<2' (tflite-runtime cannot work with " \
                                     "numpy 2)"
        offers.append(RuntimeOffer(name, title, installed, hint))
    return offers


def _numpy_major() -> int:
    try:
        return int(metadata.version("numpy").split(".")[0])
    except (metadata.PackageNotFoundError, ValueError):
        return 0


def edgetpu_devices(root: Path = Path("/")) -> list[tuple[str, str]]:
    """(device option, title) for "first found" and each attached Edge TPU."""
    return [("", "first found"), *((d.name, f"{d.name} · {d.title}") for d in find_devices(root))]


@dataclass(frozen=True)
class BackendSet:
    """Rows of (spec, checked) and the row that is the baseline."""

    rows: tuple[tuple[BackendSpec, bool], ...]
    baseline: int = 0

    @classmethod
    def of(cls, specs: Sequence[BackendSpec], baseline: int | None = None) -> BackendSet:
        rows = tuple((s, True) for s in specs[:MAX_BACKENDS])
        return cls(rows, _first_cpu(rows) if baseline is None else baseline).checked()

    @classmethod
    def default(cls, root: Path = Path("/")) -> BackendSet:
        """The CPU and one Edge TPU per attached device (or one that finds the first)."""
        return cls.of(default_specs(root))

    @classmethod
    def from_texts(cls, texts: Sequence[str], baseline: int = -1) -> BackendSet | None:
        """Rows stored as spec text (``-`` in front: unchecked); None when none is usable."""
        rows = []
        for text in texts[:MAX_BACKENDS]:
            try:
                rows.append((parse_backend_spec(text.removeprefix(OFF)), not text.startswith(OFF)))
            except AppError:
                continue
        if not rows:
            return None
        return cls(tuple(rows), baseline if 0 <= baseline < len(rows)
                   else _first_cpu(tuple(rows))).checked()

    @classmethod
    def from_record(cls, record: RunRecord) -> BackendSet | None:
        """The set a saved result was run with, its baseline the one it was compared with."""
        texts = [str(b.runtime.get("spec") or b.kind) for b in record.backends]
        chosen = cls.from_texts(texts)
        if chosen is None:
            return None
        ids = [b.id for b in record.backends][:MAX_BACKENDS]
        base = (record.comparison.baseline if record.comparison else "") or \
            str(record.settings.get("baseline") or "")
        return replace(chosen, baseline=ids.index(base)) if base in ids else chosen

    def to_texts(self) -> list[str]:
        return [(spec.to_text() if on else OFF + spec.to_text()) for spec, on in self.rows]

    def checked(self) -> BackendSet:
        """The baseline always within the rows."""
        if not 0 <= self.baseline < len(self.rows):
            return replace(self, baseline=_first_cpu(self.rows))
        return self

    def specs(self) -> tuple[BackendSpec, ...]:
        """What runs: the checked rows, in order."""
        return tuple(spec for spec, on in self.rows if on)

    def baseline_id(self) -> str:
        """The backend id of the baseline row in the run, "" when that row is unchecked."""
        if not self.rows or not self.rows[self.baseline][1]:
            return ""
        position = sum(1 for _, on in self.rows[:self.baseline] if on)
        return assign_ids(list(self.specs()))[position]

    def can_add(self) -> bool:
        return len(self.rows) < MAX_BACKENDS

    def added(self, spec: BackendSpec) -> BackendSet:
        if not self.can_add():
            return self
        return replace(self, rows=(*self.rows, (spec, True)))

    def removed(self, index: int) -> BackendSet:
        rows = self.rows[:index] + self.rows[index + 1:]
        baseline = self.baseline - 1 if index < self.baseline else self.baseline
        if index == self.baseline:
            baseline = _first_cpu(rows)
        return BackendSet(rows, baseline).checked()

    def changed(self, index: int, spec: BackendSpec | None = None,
                on: bool | None = None) -> BackendSet:
        rows = list(self.rows)
        old_spec, old_on = rows[index]
        rows[index] = (spec or old_spec, old_on if on is None else on)
        return replace(self, rows=tuple(rows))

    def with_baseline(self, index: int) -> BackendSet:
        return replace(self, baseline=index).checked()


def _first_cpu(rows: Sequence[tuple[BackendSpec, bool]]) -> int:
    return next((i for i, (spec, _) in enumerate(rows) if spec.kind == "cpu"), 0)
