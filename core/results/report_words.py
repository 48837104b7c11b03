"""The words of the HTML report, so that the window can write it in its own language and theme.

``core`` writes English and knows no Qt. The report takes a ``ReportWords``: its fixed words go
through ``say`` (each one listed in ``WORDS``, which the window's table repeats for its
translator; a test keeps the two equal), and every sentence core makes (the headline, Coral's
figure, the model's notes, errors, agreement) through a function the window replaces with its
own, translated one. The defaults give the English report of the command line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from core.errors import ErrorInfo
from core.inputs.model_insight import Note, note_text
from core.results.comparison import median_ms
from core.results.records import BackendRecord, RunRecord
from core.results.summary import (
    comparison_sentence,
    names_apart,
    provisional_note,
    speed_clause,
)
from core.tasks.pose import PoseAgreement
from core.tasks.raw_outputs import RawAgreement
from core.tasks.raw_result import PICTURE, RawResult, difference_lines, output_lines

# Every fixed string of the report, as ``say`` receives it (``{field}``s filled in after).
WORDS: tuple[str, ...] = (
    "Edge TPU Compare report", "Created {date}", "unknown", "Backends", "Settings",
    "Timed inferences", "Warm-up", "Top-k", "Schedule", "Score threshold", "Host", "OS",
    "Python", "CPU", "Cores", "Image", "File", "Size", "SHA-256", "Labels",
    "none (class numbers shown)", "Classes", "Runtime", "Device", "Model",
    "{model} (compiled for the Edge TPU)", "ok", "error", "cancelled", "pending",
    "median of {n}", "{rate} inferences per second", "Load", "First inference",
    "Latency, ms (first inference and warm-ups excluded)", "count", "min", "median", "mean",
    "p90", "p99", "max", "std", "class", "label", "score", "id", "keypoint", "x", "y", "box",
    "share", "Outputs, {fed}", "The picture with what this backend found",
    "Keypoints; x and y as fractions of the picture, drawn when scored above 0.4",
    "Classes present and their share of the pixels",
    "{n} objects; boxes as xmin, ymin, xmax, ymax in the picture's pixels",
    "Technical detail", "Error code {code}", "Agreement",
    "Nothing to compare: fewer than two backends produced results.", "Baseline", "Compared",
    "Speed", "Same top-1", "Top-k overlap", "Largest score difference", "Keypoints",
    "Outputs", "Output", "yes", "no",
    "Coral's published figure", "(not measured here)", "What to do: {remedy}",
    "Made by Edge TPU Compare · result schema {schema}", "Latency histogram, {n} bins",
    "median {ms} ms", "Latency per iteration", "iteration 1", "{n} · ms per iteration",
    "The picture measured", "alternate", "sequential",
)


@dataclass(frozen=True)
class PublishedTexts:
    """Coral's figure for the report: the figure's line, the page it is read from, and each
    verdict with its likely causes as (cause, remedy)."""

    figure: str
    source: str = ""
    verdicts: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)


def english_published(published: dict[str, Any] | None) -> PublishedTexts | None:
    """The record's ``published`` object (as written: English lines and verdicts)."""
    if not published:
        return None
    figure = published.get("figure")
    if not isinstance(figure, dict):
        message = published.get("message") or (published.get("lines") or [""])[0]
        return PublishedTexts(message) if isinstance(message, str) and message else None
    lines = [line for line in published.get("lines") or [] if isinstance(line, str)]
    source = str(figure.get("source") or "")
    verdicts: list[tuple[str, list[tuple[str, str]]]] = []
    cpu = published.get("cpu")
    if isinstance(cpu, dict) and isinstance(cpu.get("sentence"), str):
        verdicts.append((cpu["sentence"], []))
    for verdict in published.get("edgetpu") or []:
        if not isinstance(verdict, dict):
            continue
        causes = [c for c in verdict.get("causes") or [] if isinstance(c, dict)]
        verdicts.append((str(verdict.get("sentence", "")),
                         [(str(c.get("text", "")), str(c.get("remedy", ""))) for c in causes]
                         if verdict.get("slower") else []))
    head = lines[0].removesuffix(f" ({source})") if lines else ""
    return PublishedTexts(head, source, verdicts)


def _same(text: str) -> str:
    return text


def _same_error(info: ErrorInfo) -> ErrorInfo:
    return info


def _fed(result: RawResult) -> str:
    return "fed the picture" if result.fed == PICTURE else \
        f"fed a generated input ({result.fed})"


def _pose(agreement: PoseAgreement) -> str:
    return agreement.sentence().english()


def _raw(agreement: RawAgreement) -> list[str]:
    return [agreement.sentence().english(), *difference_lines(agreement)]


def _speed(record: RunRecord, base: BackendRecord, cand: BackendRecord) -> str:
    """The headline's clause for this pair, marked provisional when the run was stopped."""
    if median_ms(base) is None or median_ms(cand) is None:
        return "–"
    speed = speed_clause(base, cand, names_apart(record.backends))
    stopped = provisional_note(record.backends)
    return f"{stopped}: {speed}" if stopped else speed


def _label(record: BackendRecord) -> str:
    return record.label


def _keypoint(index: int, name: str) -> str:
    del index
    return name


@dataclass(frozen=True)
class ReportWords:
    """How the report speaks: its language and theme, and a function for each kind of text."""

    lang: str = "en"
    dark: bool = False
    say: Callable[[str], str] = _same
    headline: Callable[[RunRecord], str] = comparison_sentence
    published: Callable[[dict[str, Any] | None], PublishedTexts | None] = english_published
    note: Callable[[Note], str] = note_text
    error: Callable[[ErrorInfo], ErrorInfo] = _same_error
    fed: Callable[[RawResult], str] = _fed
    outputs: Callable[[RawResult], list[str]] = output_lines
    pose_agreement: Callable[[PoseAgreement], str] = _pose
    raw_agreement: Callable[[RawAgreement], list[str]] = _raw
    keypoint: Callable[[int, str], str] = _keypoint
    label: Callable[[BackendRecord], str] = _label  # a backend's name and options
    speed: Callable[[RunRecord, BackendRecord, BackendRecord], str] = _speed  # as headline
    device: Callable[[str], str] = _same  # where it ran: "x86_64, 2 of 2 cores", "usb:0"
    names: Callable[[list[BackendRecord]], dict[str, str]] = names_apart  # short, by id
    tidy: Callable[[str], str] = _same  # a sentence put together from parts, made to read right
