"""The HTML report in the window's language and theme.

``core.results.report_html`` writes the report; ``ReportWords`` says how it speaks. Here its
fixed words (``core.results.report_words.WORDS``, repeated inside ``translate`` so that lupdate
sees them; a test keeps the two lists equal) are looked up in the window's translations, and its
sentences are made by the same functions the window uses: the comparison line, Coral's figure,
the model's notes, errors, agreement. The export from the window and ``screenshot --html`` both
write it this way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication

from core.io.outputs import write_atomic
from core.results.records import BackendRecord, RunRecord
from core.results.report_html import render_html
from core.results.report_words import PublishedTexts, ReportWords
from core.tasks.raw_outputs import RawAgreement
from gui.look import translations
from gui.look.comparison_text import comparison_sentence, speed_row
from gui.look.error_texts import localized
from gui.look.formatting import (
    backend_details,
    backend_name,
    device_text,
    display_name,
    joined,
    tidy,
)
from gui.look.insight_texts import note_line
from gui.look.palette import is_dark
from gui.look.pose_text import keypoint_name, pose_agreement_text
from gui.look.published_text import (
    cause_texts,
    cpu_sentence,
    edgetpu_sentence,
    figure_line,
    read_report,
)
from gui.look.raw_text import fed_text, output_rows, raw_agreement_text

translate = QCoreApplication.translate


def texts() -> list[str]:
    """Every fixed word of the report, in the current language (in ``WORDS``' order)."""
    return [
        translate("HtmlReport", "Edge TPU Compare report"),
        translate("HtmlReport", "Created {date}"),
        translate("HtmlReport", "unknown"),
        translate("HtmlReport", "Backends"),
        translate("HtmlReport", "Settings"),
        translate("HtmlReport", "Timed inferences"),
        translate("HtmlReport", "Warm-up"),
        translate("HtmlReport", "Top-k"),
        translate("HtmlReport", "Schedule"),
        translate("HtmlReport", "Score threshold"),
        translate("HtmlReport", "Host"),
        translate("HtmlReport", "OS"),
        translate("HtmlReport", "Python"),
        translate("HtmlReport", "CPU"),
        translate("HtmlReport", "Cores"),
        translate("HtmlReport", "Image"),
        translate("HtmlReport", "File"),
        translate("HtmlReport", "Size"),
        translate("HtmlReport", "SHA-256"),
        translate("HtmlReport", "Labels"),
        translate("HtmlReport", "none (class numbers shown)"),
        translate("HtmlReport", "Classes"),
        translate("HtmlReport", "Runtime"),
        translate("HtmlReport", "Device"),
        translate("HtmlReport", "Model"),
        translate("HtmlReport", "{model} (compiled for the Edge TPU)"),
        translate("HtmlReport", "ok"),
        translate("HtmlReport", "error"),
        translate("HtmlReport", "cancelled"),
        translate("HtmlReport", "pending"),
        translate("HtmlReport", "median of {n}"),
        translate("HtmlReport", "{rate} inferences per second"),
        translate("HtmlReport", "Load"),
        translate("HtmlReport", "First inference"),
        translate("HtmlReport", "Latency, ms (first inference and warm-ups excluded)"),
        translate("HtmlReport", "count"),
        translate("HtmlReport", "min"),
        translate("HtmlReport", "median"),
        translate("HtmlReport", "mean"),
        translate("HtmlReport", "p90"),
        translate("HtmlReport", "p99"),
        translate("HtmlReport", "max"),
        translate("HtmlReport", "std"),
        translate("HtmlReport", "class"),
        translate("HtmlReport", "label"),
        translate("HtmlReport", "score"),
        translate("HtmlReport", "id"),
        translate("HtmlReport", "keypoint"),
        translate("HtmlReport", "x"),
        translate("HtmlReport", "y"),
        translate("HtmlReport", "box"),
        translate("HtmlReport", "share"),
        translate("HtmlReport", "Outputs, {fed}"),
        translate("HtmlReport", "The picture with what this backend found"),
        translate("HtmlReport", "Keypoints; x and y as fractions of the picture, drawn when "
                                "scored above 0.4"),
        translate("HtmlReport", "Classes present and their share of the pixels"),
        translate("HtmlReport", "{n} objects; boxes as xmin, ymin, xmax, ymax in the picture's "
                                "pixels"),
        translate("HtmlReport", "Technical detail"),
        translate("HtmlReport", "Error code {code}"),
        translate("HtmlReport", "Agreement"),
        translate("HtmlReport", "Nothing to compare: fewer than two backends produced results."),
        translate("HtmlReport", "Baseline"),
        translate("HtmlReport", "Compared"),
        translate("HtmlReport", "Speed"),
        translate("HtmlReport", "Same top-1"),
        translate("HtmlReport", "Top-k overlap"),
        translate("HtmlReport", "Largest score difference"),
        translate("HtmlReport", "Keypoints"),
        translate("HtmlReport", "Outputs"),
        translate("HtmlReport", "Output"),
        translate("HtmlReport", "yes"),
        translate("HtmlReport", "no"),
        translate("HtmlReport", "Coral's published figure"),
        translate("HtmlReport", "(not measured here)"),
        translate("HtmlReport", "What to do: {remedy}"),
        translate("HtmlReport", "Made by Edge TPU Compare · result schema {schema}"),
        translate("HtmlReport", "Latency histogram, {n} bins"),
        translate("HtmlReport", "median {ms} ms"),
        translate("HtmlReport", "Latency per iteration"),
        translate("HtmlReport", "iteration 1"),
        translate("HtmlReport", "{n} · ms per iteration"),
        translate("HtmlReport", "The picture measured"),
        translate("HtmlReport", "alternate"),
        translate("HtmlReport", "sequential"),
    ]


def say(text: str) -> str:
    return translate("HtmlReport", text)


def headline(record: RunRecord) -> str:
    comparison = record.comparison
    baseline = comparison.baseline if comparison else None
    return comparison_sentence(record.backends, comparison, baseline,
                               read_report(record.published), figure_apart=True)


def published(found: dict[str, Any] | None) -> PublishedTexts | None:
    report = read_report(found)
    if report is None:
        return None
    source = report.figure.source if report.figure else ""
    verdicts: list[tuple[str, list[tuple[str, str]]]] = []
    if report.cpu is not None:
        verdicts.append((cpu_sentence(report.cpu), []))
    for verdict in report.edgetpu:
        causes = [cause_texts(c) for c in verdict.causes] if verdict.slower else []
        verdicts.append((edgetpu_sentence(verdict), causes))
    return PublishedTexts(figure_line(report), source, verdicts)


def label(record: BackendRecord) -> str:
    """``CPU (LiteRT 2.3.0, XNNPACK, 4 threads)`` as the window says it."""
    details = backend_details(record)
    if not details:
        return backend_name(record)
    return translate("Format", "{name} ({details})").format(name=backend_name(record),
                                                           details=joined(details))


def _raw_agreement(agreement: RawAgreement) -> list[str]:
    return [raw_agreement_text(agreement)]  # each output's difference is in its own rows


def report_words() -> ReportWords:
    """The report as the window would say it now: its language, its theme."""
    app = QGuiApplication.instance()
    dark = is_dark(QGuiApplication.palette()) if app is not None else False
    return ReportWords(lang=translations.language(), dark=dark, say=say, headline=headline,
                       published=published, note=note_line,
                       error=lambda info: localized(info, in_window=False), fed=fed_text,
                       outputs=output_rows, pose_agreement=pose_agreement_text,
                       raw_agreement=_raw_agreement,
                       keypoint=lambda index, name: keypoint_name(index) if 0 <= index < 17
                       else name, label=label, device=device_text,
                       names=lambda backends: {b.id: display_name(b, backends)
                                               for b in backends}, tidy=tidy,
                       speed=lambda record, base, cand: speed_row(record.backends, base, cand))


def render_report(record: RunRecord) -> str:
    return render_html(record, words=report_words())


def write_report(record: RunRecord, path: Path | str) -> None:
    """The window's export: written atomically, as the command line's report is."""
    write_atomic(Path(path), render_report(record))
