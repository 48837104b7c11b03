"""Coral's published figures: found by content, set against the CPU or the Edge TPU measured,
and, when an Edge TPU is slower than Coral's figure, the causes this program can see."""

from __future__ import annotations

import hashlib
import html
import shutil
from pathlib import Path

import pytest

from core.edgetpu.host_facts import small_board, virtual_machine
from core.edgetpu.published import FIGURES, NO_FIGURE, find_figure
from core.edgetpu.slow_causes import USB2_REMEDY, Observations, likely_causes
from core.edgetpu.verdict import CpuVerdict, EdgeTpuVerdict, PublishedReport
from core.errors import AppError
from core.io.numbers_text import ms_text
from core.measure.published_check import check_published
from core.results.records import BackendRecord, RunRecord, Stats
from core.results.report_html import render_html
from core.results.result_files import to_json
from core.results.result_reader import parse_result_bytes
from core.results.stats import inferences_per_second
from tests.test_devices import add_usb

V2 = "mobilenet_v2_1.0_224_quant"
V2_CPU_SHA = "51e8256b05665529f8836fe6e8eeed41b2fc75a900d8eebda338d70a6726f8da"
V2_TPU_SHA = "a20b5112542b2e14e46a30c365ba03f25deb1c81b9ea42ec7b7dc2a59620f267"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- the figures and how a model finds its own -------------------------------------------------

def test_every_pinned_file_is_one_of_corals_files(coral: Path) -> None:
    present = {_sha(p) for p in coral.rglob("*.tflite")}
    for figure in FIGURES:
        assert figure.pinned and set(figure.pinned) <= present, figure.key
        assert figure.source.startswith("https://coral.ai/") and figure.ms > 0


def test_mobilenet_v2_finds_corals_2_6_ms_from_either_file(coral: Path) -> None:
    for name in (f"{V2}.tflite", f"{V2}_edgetpu.tflite"):
        figure = find_figure(_sha(coral / "models" / name))
        assert figure is not None and figure.ms == 2.6
        assert figure.conditions.device == "Coral USB Accelerator"
        assert figure.conditions.link == "USB 3.0"
        assert figure.source == "https://coral.ai/docs/edgetpu/benchmarks/"


def test_the_content_decides_never_the_name(tmp_path: Path, coral: Path) -> None:
    renamed = tmp_path / "my_model.tflite"
    shutil.copyfile(coral / "models" / f"{V2}.tflite", renamed)
    assert find_figure(_sha(renamed)) is not None
    changed = tmp_path / f"{V2}.tflite"
    data = bytearray(renamed.read_bytes())
    data[-1] ^= 1
    changed.write_bytes(bytes(data))
    assert find_figure(_sha(changed)) is None


def test_a_model_of_the_same_architecture_does_not_borrow_the_figure(bird_model: Path) -> None:
    assert find_figure(_sha(bird_model)) is None


# -- verdicts -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("cpu_ms", "judgement", "words"), [
    (3.6, "faster", "only about 1.38× faster: a close comparison"),
    (10.0, "much_faster", "about 3.8× faster."),
    (2.7, "same", "about as fast as this CPU"),
    (2.0, "slower", "already about 1.30× faster than that figure"),
])
def test_cpu_verdict_says_plainly_how_much_an_edge_tpu_would_gain(
        cpu_ms: float, judgement: str, words: str) -> None:
    verdict = CpuVerdict("cpu", cpu_ms, 2.6, "Coral USB Accelerator")
    assert verdict.judgement == judgement
    text = verdict.sentence()
    assert words in text
    assert text.startswith(f"Your CPU: {ms_text(cpu_ms)} ms. Coral publishes 2.6 ms for this "
                           "model on "
                           "a Coral USB Accelerator (Coral's figure, not measured here).")


@pytest.mark.parametrize(("measured", "slower", "words"), [
    (2.4, False, "as fast as Coral's figure or faster"),
    (3.3, False, "within 30 % of Coral's figure"),
    (3.5, True, "1.35× slower than Coral's figure. None of the causes"),
    (26.0, True, "10.0× slower than Coral's figure"),
])
def test_edgetpu_verdict_flags_more_than_30_percent_slower(
        measured: float, slower: bool, words: str) -> None:
    verdict = EdgeTpuVerdict("edgetpu", measured, 2.6, "Coral USB Accelerator")
    assert verdict.slower is slower
    assert words in verdict.sentence()
    assert verdict.sentence().startswith(f"Edge TPU: {ms_text(measured)} ms; Coral publishes "
                                         "2.6 ms")
    second = EdgeTpuVerdict("edgetpu-usb1", measured, 2.6, "Coral USB Accelerator")
    assert second.sentence().startswith("Edge TPU edgetpu-usb1: ")


def test_inferences_per_second_from_the_mean() -> None:
    assert inferences_per_second(4.0) == 250.0
    assert inferences_per_second(0.0) is None and inferences_per_second(None) is None


# -- causes, one at a time, then in order -------------------------------------------------------

def _codes(seen: Observations) -> list[str]:
    return [c.code for c in likely_causes(seen)]


def test_no_observation_no_cause() -> None:
    assert _codes(Observations()) == []
    fast = Observations(device_kind="usb", usb_speed_mbps=5000, build="max", performance="max")
    assert _codes(fast) == []


def test_usb2_link() -> None:
    [cause] = likely_causes(Observations(device_kind="usb", usb_speed_mbps=480))
    assert cause.code == "usb2" and "USB 2 port (480 Mbit/s)" in cause.text
    assert cause.remedy == USB2_REMEDY
    assert "USB 1 port" in likely_causes(Observations(usb_speed_mbps=12))[0].text
    assert _codes(Observations(device_kind="pci", usb_speed_mbps=480)) == []


def test_throttled_build() -> None:
    assert _codes(Observations(build="std")) == ["throttled_build"]
    assert _codes(Observations(build="std", device_kind="pci")) == []
    [cause] = likely_causes(Observations(performance="High (throttled build)"))
    assert "libedgetpu1-max" in cause.remedy and "performance=max" in cause.remedy


def test_reduced_performance_level() -> None:
    [cause] = likely_causes(Observations(build="max", performance="medium"))
    assert cause.code == "reduced_performance" and "Medium" in cause.text


def test_model_not_compiled() -> None:
    assert _codes(Observations(compiled=False, cpu_operations=65)) == ["not_compiled"]


def test_operations_left_on_the_cpu() -> None:
    [cause] = likely_causes(Observations(cpu_operations=2, cpu_operation_names=("ARG_MAX",
                                                                                 "RESIZE")))
    assert cause.code == "cpu_operations" and "2 operations run on the CPU (ARG_MAX, RESIZE)" \
        in cause.text


def test_parameters_streamed() -> None:
    [cause] = likely_causes(Observations(streamed_bytes=12 * 1024 * 1024))
    assert cause.code == "parameters_streamed" and "12.0 MiB" in cause.text


def test_virtual_machine() -> None:
    [cause] = likely_causes(Observations(virtual_machine="KVM"))
    assert cause.code == "virtual_machine" and "(KVM)" in cause.text
    assert "passthrough" in cause.remedy


def test_small_host() -> None:
    [cause] = likely_causes(Observations(small_board="Raspberry Pi 4 Model B Rev 1.4"))
    assert cause.code == "small_host" and "Raspberry Pi 4" in cause.text


def test_most_likely_cause_first() -> None:
    every = Observations(device_kind="usb", usb_speed_mbps=480, build="std", cpu_operations=1,
                         streamed_bytes=9 << 20, virtual_machine="QEMU", small_board="a board")
    assert [c.code for c in likely_causes(every)] == [
        "usb2", "throttled_build", "cpu_operations", "parameters_streamed", "virtual_machine",
        "small_host"]


# -- the computer: a virtual machine, a small board ----------------------------------------------

def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def test_virtual_machine_from_dmi_or_the_cpu_flag(tmp_path: Path) -> None:
    assert virtual_machine(tmp_path) == ""
    _write(tmp_path / "proc" / "cpuinfo", "processor\t: 0\nflags\t\t: fpu vme sse2\n")
    assert virtual_machine(tmp_path) == ""
    _write(tmp_path / "proc" / "cpuinfo", "processor\t: 0\nflags\t\t: fpu hypervisor sse2\n")
    assert virtual_machine(tmp_path) == "a hypervisor"
    _write(tmp_path / "sys" / "class" / "dmi" / "id" / "product_name", "VMware Virtual Platform\n")
    assert virtual_machine(tmp_path) == "VMware"
    _write(tmp_path / "sys" / "class" / "dmi" / "id" / "sys_vendor", "QEMU\n")
    assert virtual_machine(tmp_path) == "QEMU"


def test_small_board_only_for_arm_linux(tmp_path: Path) -> None:
    assert small_board(tmp_path, "aarch64", "Linux") == "an ARM board (aarch64)"
    _write(tmp_path / "proc" / "device-tree" / "model", "Raspberry Pi 4 Model B Rev 1.4\x00")
    assert small_board(tmp_path, "aarch64", "Linux") == "Raspberry Pi 4 Model B Rev 1.4"
    assert small_board(tmp_path, "x86_64", "Linux") == ""
    assert small_board(tmp_path, "arm64", "Darwin") == ""


# -- a finished run held against the figure ------------------------------------------------------

def _stats(median: float) -> Stats:
    return Stats(10, median, median, median, median, median, median, 0.0)


def _backend(bid: str, kind: str, sha: str, median: float | None, compiled: bool = False,
             insight: dict[str, object] | None = None, **runtime: str) -> BackendRecord:
    model: dict[str, object] = {"path": "m.tflite", "sha256": sha, "edgetpu_compiled": compiled}
    if insight is not None:
        model["insight"] = insight
    return BackendRecord(bid, kind, bid, model=model, runtime=dict(runtime),
                         status="ok" if median is not None else "error",
                         stats=_stats(median) if median is not None else None)


def _record(*backends: BackendRecord) -> RunRecord:
    return RunRecord("2026-01-01T00:00:00+00:00", {}, {}, {"count": 10}, {}, list(backends))


def test_without_a_device_the_cpu_is_set_against_the_figure(tmp_path: Path) -> None:
    report = check_published(_record(_backend("cpu", "cpu", V2_CPU_SHA, 3.6),
                                     _backend("edgetpu", "edgetpu", V2_TPU_SHA, None, True)),
                             tmp_path)
    assert report.figure is not None and report.figure.ms == 2.6
    assert report.cpu is not None and report.cpu.judgement == "faster"
    assert report.edgetpu == ()
    assert report.lines()[0].startswith("Coral's published figure (not measured here): 2.6 ms")


def test_a_model_without_a_figure_says_so(tmp_path: Path) -> None:
    report = check_published(_record(_backend("cpu", "cpu", "0" * 64, 3.6)), tmp_path)
    assert report.figure is None and report.lines() == [NO_FIGURE]
    assert report.to_dict()["message"] == NO_FIGURE


def test_a_slow_edgetpu_on_usb2_in_a_virtual_machine(tmp_path: Path) -> None:
    add_usb(tmp_path, "2-1", "18d1:9302", speed="480")
    _write(tmp_path / "sys" / "class" / "dmi" / "id" / "sys_vendor", "QEMU\n")
    tpu = _backend("edgetpu", "edgetpu", V2_TPU_SHA, 20.0, True, device=":0", bus="usb",
                   flavour="max", performance="max")
    report = check_published(_record(_backend("cpu", "cpu", V2_CPU_SHA, 3.6), tpu), tmp_path)
    [verdict] = report.edgetpu
    assert report.cpu is None and verdict.slower
    assert [c.code for c in verdict.causes] == ["usb2", "virtual_machine"]
    lines = report.lines()
    assert any("likely cause: The USB Accelerator is on a USB 2 port" in line for line in lines)
    assert f"    remedy: {USB2_REMEDY}" in lines


def test_what_coral_keeps_on_the_cpu_is_no_cause_but_a_recompile_is(tmp_path: Path) -> None:
    insight: dict[str, object] = {"cpu_operators": 2,
                                  "cpu_operator_types": {"ARG_MAX": 1, "RESIZE_BILINEAR": 1}}
    corals = _backend("edgetpu", "edgetpu", V2_TPU_SHA, 20.0, True, insight)
    assert check_published(_record(corals), tmp_path).edgetpu[0].causes == ()
    mine = _backend("edgetpu", "edgetpu", "f" * 64, 20.0, True, insight)
    report = check_published(_record(_backend("cpu", "cpu", V2_CPU_SHA, 3.6), mine), tmp_path)
    assert [c.code for c in report.edgetpu[0].causes] == ["cpu_operations"]
    plain = _backend("edgetpu", "edgetpu", V2_CPU_SHA, 20.0, False)
    assert [c.code for c in check_published(_record(plain), tmp_path).edgetpu[0].causes] == \
        ["not_compiled"]


def test_the_throttled_build_the_worker_reported(tmp_path: Path) -> None:
    tpu = _backend("edgetpu", "edgetpu", V2_TPU_SHA, 5.0, True, flavour="std",
                   performance="High (throttled build)")
    assert [c.code for c in check_published(_record(tpu), tmp_path).edgetpu[0].causes] == \
        ["throttled_build"]


# -- the result file --------------------------------------------------------------------------

def test_the_result_file_carries_the_figure_and_reads_it_back(tmp_path: Path) -> None:
    add_usb(tmp_path, "2-1", "18d1:9302", speed="480")
    record = _record(_backend("cpu", "cpu", V2_CPU_SHA, 3.6),
                     _backend("edgetpu", "edgetpu", V2_TPU_SHA, 20.0, True))
    report = check_published(record, tmp_path)
    record.published = report.to_dict()
    loaded = parse_result_bytes(to_json(record).encode())
    assert loaded.published == record.published
    assert loaded.published is not None
    assert PublishedReport.from_dict(loaded.published).lines() == report.lines()


def test_older_files_open_and_a_damaged_figure_is_refused() -> None:
    record = _record(_backend("cpu", "cpu", V2_CPU_SHA, 3.6))
    assert "published" not in record.to_dict()
    assert parse_result_bytes(to_json(record).encode()).published is None
    record.published = {"figure": {"ms": "fast"}}
    with pytest.raises(AppError) as caught:
        parse_result_bytes(to_json(record).encode())
    assert caught.value.info.code == "invalid_results"
    assert "published.figure.ms" in caught.value.info.message


def test_the_report_shows_the_figure_and_inferences_per_second(tmp_path: Path) -> None:
    record = _record(_backend("cpu", "cpu", V2_CPU_SHA, 4.0))
    record.published = check_published(record, tmp_path).to_dict()
    page = render_html(record)
    lines = record.published["lines"]
    assert len(lines) == 2 and "Coral publishes 2.6 ms" in lines[1]
    figure_line = lines[0].removesuffix(" (https://coral.ai/docs/edgetpu/benchmarks/)")
    assert f"<p>{html.escape(figure_line)} <a href=" in page
    assert f'<p class="verdict">{html.escape(lines[1])}</p>' in page
    assert '<p class="rate">250 inferences per second</p>' in page  # as the window says it
