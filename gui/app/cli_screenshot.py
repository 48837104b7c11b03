"""``edgetpu-compare screenshot --out FILE.png [run options | --results FILE.json] [--size WxH]
[--lang system|en|ja] [--theme system|light|dark] [--kiosk | --model-details] [--json OUT]
[--csv OUT] [--html OUT]``.

Renders the real window offscreen, after a real run (the same options as ``run``) or from a saved
result, and saves it as a PNG: this is how every documentation picture is made. ``--json``,
``--csv`` and ``--html`` save the run the picture shows, so that a picture and its numbers
travel together. It never reads or writes the user's settings. Exit codes: 0 saved; 1 the
picture was saved but one of the other files could not be written, or the run it shows had no
backend that could run (as ``run``: the picture then shows only errors); 2 bad input (one
``error:`` line, no traceback); 128 + the signal's number when SIGINT, SIGTERM or SIGHUP stopped it
(nothing is saved then).
"""

from __future__ import annotations

import argparse
import contextlib
import re
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.errors import fail
from core.io.paths import resolve_safely
from core.io.temp_files import prefix, sweep_once, temp_dir
from core.io.terminal import safe

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from core.results.records import RunRecord
    from gui.run.session_runner import RunnableSession, SessionFactory

DEFAULT_SIZE = "1600x1000"
SCREENSHOT_TIMEOUT_MS = 300_000


def _size(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*([0-9]{3,5})\s*[xX×]\s*([0-9]{3,5})\s*", text)
    if not match:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size like 1600x1000")
    width, height = int(match.group(1)), int(match.group(2))
    if not (800 <= width <= 7680 and 500 <= height <= 4320):
        raise argparse.ArgumentTypeError(
            f"{width}x{height} is outside 800x500 to 7680x4320")
    return width, height


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from core.cli.run import add_run_options
    from core.results.record_outputs import add_output_options

    parser.add_argument("--out", type=Path, required=True, metavar="PNG",
                        help="where to save the picture")
    add_run_options(parser, required=False)
    parser.add_argument("--results", type=Path, metavar="JSON",
                        help="show a saved result file instead of running")
    parser.add_argument("--size", type=_size, default=_size(DEFAULT_SIZE), metavar="WxH",
                        help=f"window size in pixels (default {DEFAULT_SIZE})")
    parser.add_argument("--lang", choices=("system", "en", "ja"), default="system",
                        help="language of the window (default: the system's)")
    parser.add_argument("--theme", choices=("system", "light", "dark"), default="system",
                        help="colour theme (default: the system's)")
    parser.add_argument("--kiosk", action="store_true",
                        help="show booth mode (full-screen loop) after one comparison")
    parser.add_argument("--model-details", action="store_true",
                        help="show the model details view of --model (nothing is run)")
    add_output_options(parser)


def run(args: argparse.Namespace) -> int:
    from core.cli.run import run_inputs
    from core.inputs.input_files import model_files
    from core.io.outputs import plan_outputs
    from core.results.record_outputs import check_outputs
    from core.results.result_reader import read_result_file

    if args.model_details:
        plan_outputs([("--out", args.out)], model_files(args.model))
        return _render_details(args)
    if args.results is None and (args.model is None or args.image is None):
        raise fail("usage", "screenshot needs --results FILE.json, or --model and --image.",
                   "Add --results with a saved result, or the options of 'edgetpu-compare run'.")
    if args.results is not None and args.model is not None:
        raise fail("usage", "Use either --results or --model, not both.",
                   "Drop --model to show the saved result, or --results to run again.")
    record = read_result_file(args.results) if args.results is not None else None
    args.record_targets = check_outputs(args, [args.results, *run_inputs(args),
                                              *_window_reads(args, record)],
                                        [("--out", args.out)])
    session = None
    if record is None:
        from core.cli.run import request_from_args
        from core.measure.session import Session

        session = Session(request_from_args(args))
        session.prepare()  # a user mistake is exit 2 before any window or worker exists
    sweep_once()
    from gui.app.application import make_app

    app = make_app(offscreen=True)  # before the signal handlers, which need its event loop
    with _stop_signals(session) as stopped, \
            tempfile.TemporaryDirectory(prefix=prefix("shot"), dir=temp_dir()) as folder:
        code = _render(args, record, session, Path(folder) / "settings.ini")
    del app
    if stopped:
        sys.stderr.write("error: stopped before the picture was saved. Run the command "
                         "again.\n")
        return 128 + stopped[0]
    return code


def _window_reads(args: argparse.Namespace, record: RunRecord | None) -> list[Path]:
    """The files the window reads besides the run's own: its model folders' models and the
    labels beside the model (the model of a saved result too, when it is still there)."""
    from core.inputs.input_files import window_files
    from core.io.files import is_regular_file
    from core.samples.model_dirs import model_dirs

    models = [p for p in (args.model, args.edgetpu_model) if p is not None]
    if record is not None:
        models += [Path(str(b.model["path"])) for b in record.backends if b.model.get("path")]
    models = [p for p in models if is_regular_file(p)]
    folders = [f for d in model_dirs() for f in (d / "models", d)]
    return window_files(models, folders)


_STOPPED: list[int] = []  # signals received; a stopped screenshot saves nothing


@contextlib.contextmanager
def _stop_signals(session: Any) -> Iterator[list[int]]:
    global _STOPPED
    from gui.app.quit_signals import stop_on_signals

    with stop_on_signals(session.cancel if session is not None else lambda: None) as got:
        _STOPPED = got
        yield got


def stopped_yet() -> list[int]:
    """The signals that stopped this screenshot so far (empty while it goes on)."""
    return _STOPPED


def _given(session: RunnableSession) -> SessionFactory:
    """A factory that hands the window the session made (and checked) before it opened."""
    return lambda _request: session


def _render(args: argparse.Namespace, record: object, session: RunnableSession | None,
            settings_path: Path) -> int:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from core.results.records import RunRecord
    from gui.app.application import make_app
    from gui.look import theme, translations
    from gui.window.main_window import MainWindow
    from gui.window.settings import Settings

    app = make_app(offscreen=True)
    translations.install_translator(app, args.lang)
    theme.apply_theme(app, args.theme)
    if args.kiosk:
        return render_booth(args, session)
    window = MainWindow(Settings(settings_path), restore=False, start_page=False,
                        session_factory=_given(session) if session is not None else None)
    width, height = args.size
    window.resize(width, height)
    window.show()
    if isinstance(record, RunRecord):
        window.show_record(record)
    else:
        loop = QEventLoop()
        window.runner.runEnded.connect(loop.quit)
        from core.cli.run import request_from_args

        request = request_from_args(args)
        window.show_request(request)
        if window.start_run(request) and not stopped_yet():
            loop.exec()
    QApplication.processEvents()
    QTimer.singleShot(0, lambda: None)
    QApplication.processEvents()
    shown = window.state.record
    return _save_outputs(args, shown, lambda: save_picture(
        window, window.view.comparison.text(), args.out), live=session is not None)


def _save_outputs(args: argparse.Namespace, record: RunRecord | None,
                  picture: Callable[[], int], live: bool = True) -> int:
    """Save the picture, then (``--json`` / ``--csv`` / ``--html``) the run it shows; 1 when a
    ``live`` run had no backend that could run, as ``run`` exits."""
    from core.results.record_outputs import write_outputs
    from gui.look.report_texts import render_report

    targets = getattr(args, "record_targets", [])
    if targets and record is None:
        raise fail("usage", "The picture shows no finished run, so there is nothing to save.",
                   "Check the run's options with 'edgetpu-compare run' first.")
    code = picture()
    if code == 0 and targets and record is not None \
            and not write_outputs(record, targets, sys.stdout, sys.stderr, render_report):
        return 1
    if code == 0 and live and not _any_ran(record):
        sys.stderr.write("error: no backend could run, so the picture shows only why. Run "
                         "'edgetpu-compare doctor', or choose other backends with --backend.\n")
        return 1
    return code


def _any_ran(record: RunRecord | None) -> bool:
    return record is not None and any(b.status == "ok" for b in record.backends)


def _render_details(args: argparse.Namespace) -> int:
    from core.inputs.model_insight import inspect_pair

    if args.model is None:
        raise fail("usage", "--model-details needs --model.", "Add --model with a .tflite file.")
    inspect_pair(args.model)  # an invalid model is exit 2 before any window exists
    from PySide6.QtWidgets import QApplication

    from gui.app.application import make_app
    from gui.look import theme, translations
    from gui.widgets.model_details_dialog import details_for

    app = make_app(offscreen=True)
    translations.install_translator(app, args.lang)
    theme.apply_theme(app, args.theme)
    dialog = details_for(args.model)
    dialog.resize(*args.size)
    dialog.show()
    QApplication.processEvents()
    return save_picture(dialog, " ".join(dialog.note_texts()), args.out)


def save_picture(widget: QWidget, sentence: str, out: Path) -> int:
    """Grab ``widget``, close it, save the PNG atomically and say what it shows."""
    from gui.window.png_output import save_png

    image = widget.grab()
    widget.close()
    if stopped_yet():
        return 128 + stopped_yet()[0]
    save_png(image, out)
    sys.stdout.write(f"{safe(sentence)}\nSaved {safe(out)} ({image.width()}x{image.height()})\n")
    return 0


def render_booth(args: argparse.Namespace, session: Any) -> int:
    """``screenshot --kiosk``: booth mode after one real comparison, saved as a PNG."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from core.measure.booth import BoothConfig, list_images
    from core.measure.events import SessionFinished
    from core.measure.session import RunRequest, Session
    from gui.booth.window import BoothWindow

    if session is None:
        raise fail("usage", "screenshot --kiosk shows a live run, not a saved result.",
                   "Give --model and --image instead of --results.")
    template: RunRequest = session.request
    image = resolve_safely(template.image)
    images = list_images(image.parent)
    if image not in images:
        images = [image]
    sessions = [session]

    def factory(request: RunRequest) -> Any:
        return sessions.pop() if sessions else Session(request)

    config = BoothConfig(count=template.count, warmup=template.warmup, dwell_s=0)
    booth = BoothWindow(template, images, config, image, factory)
    width, height = args.size
    booth.resize(width, height)
    booth.show()
    loop = QEventLoop()
    shown: list[Any] = []
    booth.runner.eventsDelivered.connect(lambda events: shown.extend(
        e.result for e in events if isinstance(e, SessionFinished)))

    def finished(_count: int) -> None:
        booth.stop()  # before the next picture is scheduled: the shot shows this comparison
        loop.quit()

    booth.comparisonFinished.connect(finished)
    QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, loop.quit)
    booth.start()
    loop.exec()
    booth.stop()  # after the time limit, if it came first
    QApplication.processEvents()
    return _save_outputs(args, shown[0] if shown else None,
                         lambda: save_picture(booth, booth.speedup.text(), args.out))
