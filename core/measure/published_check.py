"""A finished run held against Coral's published figure: the one call for the command line, the
window, booth mode and the report.

The figure is looked up by the content of the model files the run measured
(``core.edgetpu.published``). Without an Edge TPU that ran, the CPU's median is set against it;
with one, each Edge TPU's median is, and when it is more than 30 % slower the observations
behind the likely causes are gathered here: the device scan (which USB link), the runtime the
worker reported (which build, which performance level), the model's insight (what stays on the
CPU, what is streamed) and the computer itself (a virtual machine, a small board).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from core.edgetpu.devices import EdgeTpuDevice, find_devices
from core.edgetpu.host_facts import small_board, virtual_machine
from core.edgetpu.published import PublishedFigure, find_figure
from core.edgetpu.slow_causes import Observations, likely_causes
from core.edgetpu.verdict import CpuVerdict, EdgeTpuVerdict, PublishedReport
from core.inputs.model_insight import EDGETPU_MEMORY_BYTES
from core.results.baseline import baseline_pair
from core.results.records import BackendRecord, RunRecord

HOST_ROOT = Path("/")  # stands for "/" when reading devices and host facts (tests replace it)


def check_published(record: RunRecord, root: Path | None = None) -> PublishedReport:
    """Coral's figure for the run's model and what it means for this run."""
    root = HOST_ROOT if root is None else root
    figure = run_figure(record)
    if figure is None:
        return PublishedReport(None)
    measured = [b for b in record.backends if b.status == "ok" and b.stats is not None]
    tpus = [b for b in measured if b.kind == "edgetpu"]
    if tpus:
        return PublishedReport(figure, None, tuple(_edgetpu_verdict(b, figure, root)
                                                   for b in tpus))
    preferred = str(record.settings.get("baseline") or "") or None
    baseline, _ = baseline_pair(measured, preferred=preferred)
    cpu = baseline if baseline is not None and baseline.kind == "cpu" else \
        next((b for b in measured if b.kind == "cpu"), None)
    if cpu is None or cpu.stats is None or _figure_of(cpu) is not figure:
        return PublishedReport(figure)
    return PublishedReport(figure, CpuVerdict(cpu.id, cpu.stats.median, figure.ms,
                                              figure.conditions.device))


def run_figure(record: RunRecord) -> PublishedFigure | None:
    """The figure of the first measured model file that has one, Edge TPU backends first."""
    ordered = sorted(record.backends, key=lambda b: b.kind != "edgetpu")
    return next((f for f in map(_figure_of, ordered) if f is not None), None)


def _figure_of(backend: BackendRecord) -> PublishedFigure | None:
    sha = backend.model.get("sha256")
    return find_figure(sha) if isinstance(sha, str) else None


def _edgetpu_verdict(backend: BackendRecord, figure: PublishedFigure,
                     root: Path) -> EdgeTpuVerdict:
    assert backend.stats is not None
    verdict = EdgeTpuVerdict(backend.id, backend.stats.median, figure.ms,
                             figure.conditions.device)
    if not verdict.slower:
        return verdict
    causes = likely_causes(observe(backend, figure, root))
    return EdgeTpuVerdict(backend.id, backend.stats.median, figure.ms,
                          figure.conditions.device, tuple(causes))


def observe(backend: BackendRecord, figure: PublishedFigure, root: Path) -> Observations:
    """What this program can see of an Edge TPU backend that ran slower than Coral's figure."""
    runtime, model = backend.runtime, backend.model
    device = _device_used(runtime, find_devices(root))
    kind = device.kind if device else str(runtime.get("bus") or "")
    compiled = model.get("edgetpu_compiled") is not False
    found = model.get("insight")
    insight: dict[str, Any] = found if isinstance(found, dict) else {}
    cpu_ops, streamed = 0, 0
    names: tuple[str, ...] = ()
    # Coral measured its own compiled file with whatever it keeps on the CPU: not a cause then.
    coral_file = compiled and model.get("sha256") in figure.pinned
    if compiled and not coral_file:
        cpu_ops = _count(insight.get("cpu_operators"))
        names = _names(insight.get("cpu_operator_types"))
        parameters = _count(insight.get("edgetpu_parameter_bytes"))
        streamed = parameters if parameters > EDGETPU_MEMORY_BYTES else 0
    return Observations(
        device_kind=kind, usb_speed_mbps=device.usb_speed_mbps if device else None,
        build=str(runtime.get("flavour") or ""), performance=str(runtime.get("performance") or ""),
        compiled=compiled, cpu_operations=cpu_ops, cpu_operation_names=names,
        streamed_bytes=streamed, virtual_machine=virtual_machine(root),
        small_board=small_board(root))


def _device_used(runtime: dict[str, Any], devices: list[EdgeTpuDevice]) -> EdgeTpuDevice | None:
    """The scanned device the backend ran on: the one it names (``usb:1``), else the first one
    of its bus, else the first found (what libedgetpu opens for "first found")."""
    name = str(runtime.get("device") or "")
    named = next((d for d in devices if d.name == name), None)
    if named is not None:
        return named
    bus = str(runtime.get("bus") or "") or name.partition(":")[0]
    return next((d for d in devices if d.kind == bus), None) if bus else \
        (devices[0] if devices else None)


def _count(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0


def _names(types: Any) -> tuple[str, ...]:
    if not isinstance(types, dict):
        return ()
    ordered = sorted(types.items(), key=lambda item: (-_count(item[1]), str(item[0])))
    return tuple(str(name)[:64] for name, count in ordered if _count(count))
