"""What Coral's published figure means for this run: without a device, against the CPU just
measured; with one, against the Edge TPU just measured.

The numbers are fields, so that the window, booth mode and the report can set them in their own
words and language; ``sentence()`` is the English wording for the command line and the HTML
report. Every sentence names the figure as Coral's, not measured here, and says plainly when
the comparison is close: on a fast CPU an Edge TPU may gain little.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from core.edgetpu.published import NO_FIGURE, PublishedFigure
from core.edgetpu.slow_causes import Cause
from core.io.numbers_text import factor_text, ms_text

SLOWER_THAN_PUBLISHED = 1.30  # pycoral's own benchmarks flag a result more than 30 % off
CLOSE = 1.15  # within 15 % either way, the CPU and Coral's figure are "about as fast"
MUCH_FASTER = 2.0  # below this, an Edge TPU would gain little over this CPU


def _ms(value: float) -> str:
    return f"{ms_text(value)} ms"  # rounded as everywhere else (the window's card, the report)


def _figure_ms(figure_ms: float) -> str:
    return f"{figure_ms:g} ms"


@dataclass(frozen=True)
class CpuVerdict:
    """No Edge TPU ran: this CPU's median against Coral's published Edge TPU figure."""

    backend: str  # the CPU backend's id
    cpu_ms: float
    published_ms: float
    device: str  # where Coral measured, e.g. "Coral USB Accelerator"

    @property
    def speedup(self) -> float:
        """How many times faster than this CPU Coral's figure is (below 1: slower)."""
        return self.cpu_ms / self.published_ms

    @property
    def judgement(self) -> str:
        """``much_faster`` (2x or more), ``faster`` (a small gain), ``same`` (within 15 %) or
        ``slower`` (this CPU beats Coral's figure)."""
        if self.speedup >= MUCH_FASTER:
            return "much_faster"
        if self.speedup > CLOSE:
            return "faster"
        return "same" if self.speedup >= 1 / CLOSE else "slower"

    def sentence(self) -> str:
        head = (f"Your CPU: {_ms(self.cpu_ms)}. Coral publishes {_figure_ms(self.published_ms)} "
                f"for this model on a {self.device} (Coral's figure, not measured here). ")
        factor = self.speedup
        return head + {
            "much_faster": f"An Edge TPU would be about {factor_text(factor)} faster.",
            "faster": f"An Edge TPU would be only about {factor_text(factor)} faster: a close "
                      "comparison, this CPU is already quick with this model.",
            "same": "That is about as fast as this CPU: an Edge TPU would not speed this model "
                    "up here.",
            "slower": f"This CPU is already about {factor_text(1 / factor)} faster than that "
                      "figure.",
        }[self.judgement]

    def to_dict(self) -> dict[str, Any]:
        return {"backend": self.backend, "cpu_ms": round(self.cpu_ms, 6),
                "published_ms": self.published_ms, "device": self.device,
                "speedup": round(self.speedup, 6), "judgement": self.judgement,
                "sentence": self.sentence()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CpuVerdict:
        return cls(str(data.get("backend", "")), float(data["cpu_ms"]),
                   float(data["published_ms"]), str(data.get("device", "")))


@dataclass(frozen=True)
class EdgeTpuVerdict:
    """An Edge TPU ran: its median against Coral's figure, and when it is more than 30 % slower,
    the likely causes this program could see, most likely first."""

    backend: str
    measured_ms: float
    published_ms: float
    device: str
    causes: tuple[Cause, ...] = field(default=())

    @property
    def ratio(self) -> float:
        """Measured over published: 1.0 is Coral's figure exactly, above 1 slower."""
        return self.measured_ms / self.published_ms

    @property
    def slower(self) -> bool:
        return self.ratio > SLOWER_THAN_PUBLISHED

    def sentence(self) -> str:
        name = "Edge TPU" if self.backend in ("edgetpu", "") else f"Edge TPU {self.backend}"
        head = (f"{name}: {_ms(self.measured_ms)}; Coral publishes "
                f"{_figure_ms(self.published_ms)} for this model on a {self.device}")
        if not self.slower:
            if self.ratio <= 1:
                return head + ": as fast as Coral's figure or faster."
            return head + ": within 30 % of Coral's figure, as fast as it should be."
        text = head + f": {factor_text(self.ratio)} slower than Coral's figure."
        if not self.causes:
            text += " None of the causes this program can check applies."
        return text

    def to_dict(self) -> dict[str, Any]:
        return {"backend": self.backend, "measured_ms": round(self.measured_ms, 6),
                "published_ms": self.published_ms, "device": self.device,
                "ratio": round(self.ratio, 6), "slower": self.slower,
                "causes": [c.to_dict() for c in self.causes], "sentence": self.sentence()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EdgeTpuVerdict:
        return cls(str(data.get("backend", "")), float(data["measured_ms"]),
                   float(data["published_ms"]), str(data.get("device", "")),
                   tuple(Cause.from_dict(c) for c in data.get("causes") or []))


@dataclass(frozen=True)
class PublishedReport:
    """A run's ``published`` object: Coral's figure for its model (None: Coral publishes none),
    the CPU's verdict when no Edge TPU ran, each Edge TPU's verdict when one did."""

    figure: PublishedFigure | None
    cpu: CpuVerdict | None = None
    edgetpu: tuple[EdgeTpuVerdict, ...] = ()

    def lines(self) -> list[str]:
        """The English lines for the command line and the report, causes indented."""
        if self.figure is None:
            return [NO_FIGURE]
        out = [f"Coral's published figure (not measured here): {_figure_ms(self.figure.ms)} for "
               f"{self.figure.model} on a {self.figure.conditions.describe()} "
               f"({self.figure.source})"]
        if self.cpu is not None:
            out.append(self.cpu.sentence())
        for verdict in self.edgetpu:
            out.append(verdict.sentence())
            if verdict.slower:
                for cause in verdict.causes:
                    out += [f"  likely cause: {cause.text}", f"    remedy: {cause.remedy}"]
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"figure": self.figure.to_dict() if self.figure else None,
                "message": "" if self.figure else NO_FIGURE, "lines": self.lines(),
                "cpu": self.cpu.to_dict() if self.cpu else None,
                "edgetpu": [v.to_dict() for v in self.edgetpu]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PublishedReport:
        figure = data.get("figure")
        cpu = data.get("cpu")
        return cls(PublishedFigure.from_dict(figure) if figure else None,
                   CpuVerdict.from_dict(cpu) if cpu else None,
                   tuple(EdgeTpuVerdict.from_dict(v) for v in data.get("edgetpu") or []))
