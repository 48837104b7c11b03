"""The HTML report's box about Coral's published figure: headed as Coral's and not measured
here, the page it comes from, the verdict, each likely cause of a slow Edge TPU with its remedy,
and nothing from a hostile result file becoming markup."""

from __future__ import annotations

from typing import Any

import pytest

from core.edgetpu.published import FIGURES, NO_FIGURE
from core.edgetpu.slow_causes import Observations, likely_causes
from core.edgetpu.verdict import CpuVerdict, EdgeTpuVerdict, PublishedReport
from core.results.records import RunRecord
from core.results.report_html import render_html
from tests.test_report_html import EVIL, _Structure

V2 = FIGURES[0]


def _record(published: dict[str, Any]) -> RunRecord:
    return RunRecord("2025-01-02T03:04:05+00:00", {"path": "parrot.jpg"}, {}, {}, {},
                     published=published)


def _report(published: PublishedReport) -> str:
    page = render_html(_record(published.to_dict()))
    structure = _Structure()
    structure.feed(page)
    assert not structure.problems
    return page


def test_without_a_device_the_report_says_what_an_edgetpu_would_do() -> None:
    page = _report(PublishedReport(V2, CpuVerdict("cpu", 3.6, 2.6, "Coral USB Accelerator")))
    assert "<h2>Coral's published figure <small>(not measured here)</small></h2>" in page
    assert '<a href="https://coral.ai/docs/edgetpu/benchmarks/">' in page
    assert "Your CPU: 3.60 ms. Coral publishes 2.6 ms for this model" in page
    assert "only about 1.38× faster" in page  # rounded as the window rounds it


def test_a_slow_edgetpu_lists_its_causes_most_likely_first_with_remedies() -> None:
    causes = likely_causes(Observations(device_kind="usb", usb_speed_mbps=480,
                                        virtual_machine="KVM"))
    page = _report(PublishedReport(V2, None, (EdgeTpuVerdict(
        "edgetpu", 20.0, 2.6, "Coral USB Accelerator", tuple(causes)),)))
    assert "7.7× slower than Coral&#x27;s figure" in page
    items = page.split('<ol class="causes">')[1].split("</ol>")[0].split("<li>")[1:]
    assert len(items) == 2 and items[0].startswith("The USB Accelerator is on a USB 2 port")
    assert "virtual machine (KVM)" in items[1]
    assert all("What to do: " in i for i in items)


def test_a_model_without_a_figure_says_so() -> None:
    page = _report(PublishedReport(None))
    assert f'<p class="published">{NO_FIGURE.replace(chr(39), "&#x27;")}</p>' in page


def test_a_hostile_file_cannot_add_markup_or_a_link_elsewhere() -> None:
    published = PublishedReport(V2, CpuVerdict("cpu", 3.6, 2.6, EVIL)).to_dict()
    published["figure"]["source"] = "javascript:alert(1)"
    published["lines"][0] = EVIL
    page = render_html(_record(published))
    assert EVIL not in page and "&lt;script&gt;" in page
    assert "javascript:" not in page


def test_a_causes_particulars_survive_a_file_and_too_many_are_refused() -> None:
    from core.errors import AppError
    from core.results.result_files import to_json
    from core.results.result_reader import parse_result_bytes

    causes = likely_causes(Observations(virtual_machine="KVM"))
    published = PublishedReport(V2, None, (EdgeTpuVerdict(
        "edgetpu", 20.0, 2.6, "Coral USB Accelerator", tuple(causes)),)).to_dict()
    back = parse_result_bytes(to_json(_record(published)).encode()).published
    assert back is not None
    [cause] = PublishedReport.from_dict(back).edgetpu[0].causes
    assert cause.values == {"name": "KVM"}
    published["edgetpu"][0]["causes"][0]["values"] = {str(i): "x" for i in range(9)}
    with pytest.raises(AppError) as caught:
        parse_result_bytes(to_json(_record(published)).encode())
    assert "values has too many entries" in caught.value.info.message
