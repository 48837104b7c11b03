"""``edgetpu-compare run``: the comparison from a terminal, printed like Coral's classify_image.py.

Exit codes: 0 every backend succeeded; 1 the run completed but a backend failed (its error is
printed, the others' results are still printed and saved); 2 invalid input, found before any
backend started. Ctrl-C stops the workers and prints what was measured.
"""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path
from typing import Any, TextIO

from core.cli.main import EXIT_BACKEND_FAILED, EXIT_OK
from core.cli.published_lines import add_published, print_published
from core.errors import ErrorInfo, fail
from core.inputs.input_files import model_files
from core.inputs.preprocess import load_image
from core.io.numbers import NumberError, parse_decimal, parse_whole
from core.io.numbers_text import ms_text, rate_text, score_text
from core.io.outputs import check_writable, plan_outputs
from core.io.terminal import safe
from core.measure.backends import assign_ids, default_specs, parse_backend_spec
from core.measure.events import BackendFailed, BackendLoaded, Event, FirstInference
from core.measure.session import SCHEDULES, RunRequest, Session
from core.results.record_outputs import (
    add_output_options,
    check_outputs,
    write_and_report,
    write_outputs,
)
from core.results.records import RunRecord
from core.results.result_reader import MAX_BACKENDS, MAX_LATENCIES
from core.results.stats import inferences_per_second
from core.results.summary import comparison_sentence
from core.results.task_outputs import save_targets, task_outputs
from core.tasks.detection import DEFAULT_MAX_RESULTS, FLAGS
from core.tasks.pose import PoseResult
from core.tasks.raw_result import PICTURE, RawResult, output_lines
from core.tasks.segmentation import SegmentationResult
from core.tasks.task_result import TaskResult


def _positive(text: str) -> int:
    return _int_in(text, 1, 10_000_000)


def _non_negative(text: str) -> int:
    return _int_in(text, 0, 100_000)


def _int_in(text: str, low: int, high: int) -> int:
    try:
        return parse_whole(text, low, high)
    except NumberError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _fraction(text: str) -> float:
    try:
        return parse_decimal(text, 0.0, 1.0)
    except NumberError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_run_options(parser: argparse.ArgumentParser, required: bool = True) -> None:
    """The options that describe a run; ``screenshot`` reuses them."""
    parser.add_argument("--model", type=Path, required=required,
                        help="the .tflite model; either file of a NAME / NAME_edgetpu pair")
    parser.add_argument("--edgetpu-model", type=Path,
                        help="the compiled model, when it is not NAME_edgetpu.tflite beside it")
    parser.add_argument("--labels", type=Path, help="labels file (optional)")
    parser.add_argument("--image", type=Path, required=required,
                        help="the picture the model is run on")
    parser.add_argument("--count", type=_positive, default=50,
                        help="timed inferences per backend (default 50)")
    parser.add_argument("--warmup", type=_non_negative, default=5,
                        help="untimed inferences after the first one (default 5)")
    parser.add_argument("--top-k", type=_positive, default=5, help="results shown (default 5)")
    parser.add_argument("--threshold", type=_fraction, default=None,
                        help="hide results scoring below this (default 0; detectors: 0.5)")
    parser.add_argument("--max-detections", type=_positive, default=DEFAULT_MAX_RESULTS,
                        help=f"detectors: objects shown at most (default {DEFAULT_MAX_RESULTS})")
    parser.add_argument("--backend", action="append", metavar="SPEC",
                        help="cpu, edgetpu, cpu:threads=1, edgetpu:device=usb:1, ... "
                             "(repeatable; default: cpu and edgetpu)")
    parser.add_argument("--baseline", metavar="ID",
                        help="the backend the others are compared with, by its id (cpu, "
                             "cpu-2, edgetpu, ...; default: the first CPU)")
    parser.add_argument("--schedule", choices=SCHEDULES, default="alternate",
                        help="alternate rounds between backends (default) or one after another")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_run_options(parser)
    add_output_options(parser)
    parser.add_argument("--save-outputs", type=Path, metavar="DIR",
                        help="write each backend's result as files into DIR (a detector: "
                             "<backend id>-overlay.png and <backend id>-detections.json)")


def request_from_args(args: argparse.Namespace) -> RunRequest:
    specs = tuple(parse_backend_spec(s) for s in args.backend) if args.backend \
        else tuple(default_specs())
    baseline = args.baseline or ""
    ids = assign_ids(list(specs))
    if len(specs) > MAX_BACKENDS:
        raise fail("usage", f"{len(specs)} backends are more than one result file holds "
                   f"({MAX_BACKENDS}).", f"Give --backend at most {MAX_BACKENDS} times.")
    if args.count * len(specs) > MAX_LATENCIES:
        raise fail("usage", f"{len(specs)} backends × {args.count:,} inferences is more than one "
                   f"result file holds ({MAX_LATENCIES:,} in all).",
                   "Ask for fewer inferences (--count) or fewer backends.")
    if baseline and baseline not in ids:
        raise fail("usage", f"--baseline {baseline} is not one of the backends of this run.",
                   f"Use one of: {', '.join(ids)}.")
    return RunRequest(model=args.model, image=args.image, labels=args.labels,
                      edgetpu_model=args.edgetpu_model, count=args.count, warmup=args.warmup,
                      top_k=args.top_k, threshold=args.threshold,
                      max_detections=args.max_detections, backends=specs,
                      schedule=args.schedule, baseline=baseline)


def run_inputs(args: argparse.Namespace) -> list[Path]:
    """Every file a run reads (the model's twin included), so that no output replaces one."""
    return model_files(args.model, args.edgetpu_model) + [
        p for p in (args.labels, args.image) if p is not None]


STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP")
                     if hasattr(signal, name))


def run(args: argparse.Namespace) -> int:
    targets = check_outputs(args, run_inputs(args))
    session = Session(request_from_args(args))
    plan = session.prepare()
    folder: Path | None = args.save_outputs
    if folder is not None:
        planned = save_targets(folder, plan.task.task, [b.id for b in plan.backends],
                               max((len(b.model.outputs) for b in plan.backends if b.model),
                                   default=0))
        if not planned:
            check_writable(folder / "x")  # the folder must still exist and be writable
            sys.stdout.write(f"note: --save-outputs writes nothing for a {plan.task.task} "
                             "model: its result is printed and in --json.\n")
        plan_outputs([*targets, *planned], run_inputs(args))
    out = sys.stdout
    _print_header(session, out)
    stopped_by: list[int] = []

    def stop(signum: int, _frame: object) -> None:
        stopped_by.append(signum)
        session.cancel()

    previous = {s: signal.signal(s, stop) for s in STOP_SIGNALS}
    try:
        labels = {p.id: p.spec.label() for p in session.plan.backends}
        record = session.run(lambda event: _print_event(event, out, labels))
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
    published = add_published(record)
    _print_summary(record, out)
    print_published(published, out)
    written = write_outputs(record, targets, out, sys.stderr)
    if folder is not None:
        picture = load_image(args.image)[0]
        written = write_and_report(task_outputs(record, folder, picture), out,
                                   sys.stderr) and written
    if session.cancelled:
        sys.stderr.write("error: stopped before the end. Run the command again to measure "
                         "everything.\n")
        return 128 + (stopped_by[0] if stopped_by else signal.SIGINT)
    if not written:
        return EXIT_BACKEND_FAILED
    return EXIT_OK if all(b.status == "ok" for b in record.backends) else EXIT_BACKEND_FAILED


def _print_header(session: Session, out: TextIO) -> None:
    plan, r = session.plan, session.request
    out.write(f"Image: {safe(r.image)} ({plan.image.width}x{plan.image.height})\n")
    if plan.labels is not None:
        out.write(f"Labels: {safe(r.labels)} ({plan.labels.count} labels)\n")
    for warning in plan.warnings:
        out.write(f"warning: {safe(warning.one_line())}\n")
    out.write(f"{r.count} timed inferences per backend after {r.warmup} warm-ups "
              f"({r.schedule} schedule).\n")
    out.write("----INFERENCE TIME----\n")
    out.write("Note: The first inference is slow because it includes loading the model "
              "(on an Edge TPU: into its memory).\n")


def _print_event(event: Event, out: TextIO, labels: dict[str, str]) -> None:
    if isinstance(event, BackendLoaded):
        out.write(f"{safe(event.label)}: loaded in {ms_text(event.load_ms)} ms\n")
        for warning in event.warnings:
            out.write(f"  warning: {safe(warning.one_line())}\n")
    elif isinstance(event, FirstInference):
        out.write(f"  first inference: {ms_text(event.ms)} ms\n")
    elif isinstance(event, BackendFailed):
        _print_error(labels.get(event.backend_id, event.backend_id), event.error, out)
    out.flush()


def _print_error(label: str, info: ErrorInfo, out: TextIO) -> None:
    out.write(f"{safe(label)}: error [{safe(info.code)}] {safe(info.message)}\n"
              f"  remedy: {safe(info.remedy)}\n")


def _print_summary(record: RunRecord, out: TextIO) -> None:
    for b in record.backends:
        if b.status != "ok" and not b.latencies_ms:
            continue
        out.write(f"-------RESULTS: {safe(b.label)}-------\n")
        threshold = float(record.settings.get("threshold") or 0.0)
        if b.task_result is not None:
            _print_task_result(b.task_result, threshold, out)
            continue
        for p in b.results:
            out.write(f"{safe(p.label)}: {score_text(p.score)}\n")
        if b.status == "ok" and not b.results and threshold > 0:
            out.write(f"(no class scored {threshold:g} or more; lower --threshold to see the "
                      "best ones)\n")
    rows = [b for b in record.backends if b.stats is not None]
    if rows:
        out.write("-------LATENCY (ms)-------\n")
        head = ["backend", "count", "min", "median", "mean", "p90", "p99", "max", "std",
                "inf/s"]
        width = max(len(b.id) for b in rows) + 2
        out.write(head[0].ljust(width) + "".join(h.rjust(9) for h in head[1:]) + "\n")
        for b in rows:
            s: Any = b.stats
            values = [s.min, s.median, s.mean, s.p90, s.p99, s.max, s.std]
            rate = inferences_per_second(s.mean)
            out.write(b.id.ljust(width) + str(s.count).rjust(9)
                      + "".join(ms_text(v).rjust(9) for v in values)
                      + (rate_text(rate) if rate else "-").rjust(9) + "\n")
    for b in record.backends:
        if b.first_inference_ms is not None:
            out.write(f"{b.id}: first inference {ms_text(b.first_inference_ms)} ms, "
                      f"load {ms_text(b.load_ms or 0)} ms (both excluded from the statistics)\n")
    out.write(safe(comparison_sentence(record)) + "\n")


def _print_task_result(result: TaskResult, threshold: float, out: TextIO) -> None:
    """A detector's objects as Coral's detect_image.py prints them: label, score, box; a
    segmenter's classes with their share of the pixels; a pose model's keypoints."""
    if isinstance(result, RawResult):
        fed = result.fed if result.fed == PICTURE else f"generated input ({result.fed})"
        out.write(f"fed: {safe(fed)}\n")
        for line in output_lines(result):
            out.write(safe(line) + "\n")
        return
    if isinstance(result, PoseResult):
        for k in result.keypoints:
            out.write(f"{k.name}: score {k.score:.3f}, x {k.x:.4f}, y {k.y:.4f} "
                      f"({k.x_px:.0f}, {k.y_px:.0f} px)\n")
        if result.repaired:
            out.write(f"note: {result.repaired} keypoint(s) held NaN or values outside 0..1 "
                      "(clamped)\n")
        return
    if isinstance(result, SegmentationResult):
        for c in result.legend:
            out.write(f"{safe(c.label)} (id {c.class_id}): {c.share:.1%} of the pixels\n")
        return
    for d in result.items:
        box = ", ".join(f"{v:.0f}" for v in d.box.to_list())
        out.write(f"{safe(d.label)} (id {d.class_id}): score {d.score:.5f}, "
                  f"box [{box}] (xmin, ymin, xmax, ymax in pixels)\n")
    if not result.items:
        out.write(f"(no object scored {threshold:g} or more; lower --threshold to see "
                  "weaker ones)\n")
    for flag in result.flags:
        if flag != "boxes_clamped":  # routine: SSD boxes at the picture's edge reach beyond it
            out.write(f"note: {FLAGS[flag]}\n")
