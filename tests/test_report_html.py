"""The HTML report: from a real run (CPU + the Edge TPU test double) and from hand-made records.

The report is read by people who did not run it, so it must carry the same numbers as the run,
show errors with their remedy, and never let user data (labels, paths) become markup.
"""

from __future__ import annotations

import itertools
import re
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest

from core.errors import error
from core.measure.backends import BackendSpec
from core.measure.session import RunRequest, Session
from core.results.records import BackendRecord, Comparison, Prediction, RunRecord
from core.results.report_html import format_ms, nice_ticks, render_html, write_html
from core.results.stats import compute_stats, histogram_bins
from core.results.summary import comparison_sentence
from tests.doubles.fake_runtimes import double

VOID = {"meta", "br", "hr", "img", "input", "link", "col", "area", "base", "wbr", "source"}
EVIL = "<script>alert(1)</script>"


class _Structure(HTMLParser):
    """Collects tags, checks that every non-void element is closed in order, and keeps text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.starts: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.svgs: list[list[dict[str, str | None]]] = []  # the rect attributes of each <svg>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._record(tag, attrs)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._record(tag, attrs)

    def _record(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.starts.append((tag, dict(attrs)))
        if tag == "svg":
            self.svgs.append([])
        if tag == "rect" and self.svgs:
            self.svgs[-1].append(dict(attrs))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(page: str) -> _Structure:
    parser = _Structure()
    parser.feed(page)
    parser.close()
    assert parser.problems == []
    assert parser.stack == [], f"unclosed: {parser.stack}"
    return parser


def _section(page: str, backend_id: str) -> str:
    """The HTML of one backend's card."""
    start = page.index(f'id="backend-{backend_id}"')
    return page[start:page.index("</section>", start)]


@pytest.fixture(scope="module")
def real_run(small_model: Path, parrot: Path, coral: Path) -> RunRecord:
    request = RunRequest(small_model, parrot, coral / "labels" / "imagenet_labels.txt", count=30,
                         warmup=2, backends=(BackendSpec("cpu", threads=1),
                                             double("edgetpu", "fake_edgetpu_ok")))
    record = Session(request).run()
    assert [b.status for b in record.backends] == ["ok", "ok"], \
        [b.error for b in record.backends]
    return record


def _failed_record() -> RunRecord:
    """A CPU that ran (with a hostile label) beside an Edge TPU whose runtime is missing."""
    latencies = [float(x) for x in np.linspace(3.0, 4.0, 25)]
    cpu = BackendRecord("cpu", "cpu", f"CPU {EVIL}", runtime={"name": "ai-edge-litert",
                                                              "version": "2.3.0"},
                        device="x86_64", status="ok", load_ms=12.5, first_inference_ms=9.25,
                        latencies_ms=latencies, stats=compute_stats(latencies),
                        results=[Prediction(7, EVIL, 0.75), Prediction(3, "a & b", 0.125)])
    tpu = BackendRecord("edgetpu", "edgetpu", "Edge TPU (first found)", status="error",
                        error=error("edgetpu_runtime_missing", detail=f"OSError {EVIL}"))
    return RunRecord(created="2025-01-02T03:04:05+00:00",
                     image={"path": f"/tmp/{EVIL}.jpg", "sha256": "ab" * 32, "width": 4,
                            "height": 3},
                     labels={"path": f"/tmp/{EVIL}.txt", "count": 2},
                     settings={"count": 25, "warmup": 1, "top_k": 2, "schedule": "alternate"},
                     host={"os": "Linux", "python": "3.11", "cpu": "x86_64", "cores": 2},
                     backends=[cpu, tpu],
                     comparison=Comparison("cpu", None, None, None, None, None))


def test_real_run_report_carries_the_numbers_and_one_histogram_per_backend(
        real_run: RunRecord) -> None:
    page = render_html(real_run)
    parsed = _parse(page)
    text = "".join(parsed.text)
    assert comparison_sentence(real_run) in text
    assert parsed.svgs, "no chart at all"
    histograms = [tag for tag, attrs in parsed.starts
                  if tag == "svg" and attrs.get("class") == "histogram"]
    assert len(histograms) == 2
    for backend in real_run.backends:
        assert backend.stats is not None
        card = _section(page, backend.id)
        assert f"{format_ms(backend.stats.median)} ms" in card
        assert backend.results[0].label == "macaw"
        assert f"<td>{backend.results[0].label}</td>" in card
        card_parse = _Structure()
        card_parse.feed(card)
        bins = len(histogram_bins(backend.latencies_ms)) - 1
        hist_rects = card_parse.svgs[0]
        assert len(hist_rects) == bins
        assert all(r.get("class") == "bin" for r in hist_rects)
        heights = [float(r["height"] or 0) for r in hist_rects]
        assert max(heights) > 0 and min(heights) >= 0
        assert "First inference" in card and format_ms(backend.first_inference_ms) in card
        assert 'class="strip"' in card
    assert "Same top-1</th><td>yes" in page
    assert "<script" not in page.lower()


def test_failed_backend_shows_its_error_and_remedy_and_no_chart() -> None:
    record = _failed_record()
    page = render_html(record, title="Booth & test")
    _parse(page)
    tpu = record.backend("edgetpu")
    assert tpu.error is not None
    card = _section(page, "edgetpu")
    assert "No Edge TPU runtime (libedgetpu) is installed." in card
    assert "Install the Edge TPU runtime (libedgetpu1-std)" in card
    assert "edgetpu_runtime_missing" in card
    assert "<svg" not in card
    assert _section(page, "cpu").count("<svg") == 2  # histogram and strip
    assert "<title>Booth &amp; test</title>" in page
    assert "Nothing to compare" in page
    assert "CPU: median " in page


def test_user_data_never_becomes_markup() -> None:
    page = render_html(_failed_record())
    parsed = _parse(page)
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert not any(tag == "script" for tag, _ in parsed.starts)
    text = "".join(parsed.text)
    assert f"CPU {EVIL}" in text  # shown to the reader as the text it is
    assert "a & b" in text


def test_report_is_self_contained() -> None:
    page = render_html(_failed_record())
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", page)
    assert "@import" not in page and "url(" not in page


def test_write_html_replaces_the_file_atomically(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("old", encoding="utf-8")
    write_html(_failed_record(), target)
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


@pytest.mark.parametrize(("lo", "hi"), [(0.43, 12.5), (3.0, 4.0), (88.0, 91.0), (0.0, 1e-3)])
def test_ticks_are_round_and_inside_the_range(lo: float, hi: float) -> None:
    ticks = nice_ticks(lo, hi)
    assert 2 <= len(ticks) <= 12
    assert all(lo - 1e-12 <= t <= hi + 1e-12 for t in ticks)
    steps = {round(b - a, 12) for a, b in itertools.pairwise(ticks)}
    assert len(steps) == 1
    mantissa = f"{steps.pop():.0e}".split("e")[0]
    assert mantissa in ("1", "2", "5")
