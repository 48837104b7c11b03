"""``edgetpu-compare screenshot --out FILE.png [run options | --results FILE.json] [--size WxH]
[--lang system|en|ja] [--theme system|light|dark] [--kiosk] [--json OUT] [--csv OUT] [--html OUT]``.

Renders the real window offscreen, after a real run (the same options as ``run``) or from a saved
result, and saves it as a PNG: this is how every documentation picture is made. ``--json``,
``--csv`` and ``--html`` save the run the picture shows, so that a picture and its numbers
travel together. It never reads or writes the user's settings. Exit codes: 0 saved; 2 bad input
(one ``error:`` line, no traceback).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from core.errors import fail

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from core.records import RunRecord

DEFAULT_SIZE = "1600x1000"


def _size(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d{3,5})\s*[xX×]\s*(\d{3,5})\s*", text)
    if not match:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size like 1600x1000")
    width, height = int(match.group(1)), int(match.group(2))
    if not (800 <= width <= 7680 and 500 <= height <= 4320):
        raise argparse.ArgumentTypeError(
            f"{width}x{height} is outside 800x500 to 7680x4320")
    return width, height


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from core.cli_run import add_run_options
    from core.outputs import add_output_options

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
    add_output_options(parser)


def run(args: argparse.Namespace) -> int:
    from core.outputs import check_outputs
    from core.results import check_writable, read_json

    if args.results is None and (args.model is None or args.image is None):
        raise fail("usage", "screenshot needs --results FILE.json, or --model and --image.",
                   "Add --results with a saved result, or the options of 'edgetpu-compare run'.")
    if args.results is not None and args.model is not None:
        raise fail("usage", "Use either --results or --model, not both.",
                   "Drop --model to show the saved result, or --results to run again.")
    check_writable(args.out)
    check_outputs(args)
    record = read_json(args.results) if args.results is not None else None
    session = None
    if record is None:
        from core.cli_run import request_from_args
        from core.session import Session

        session = Session(request_from_args(args))
        session.prepare()  # a user mistake is exit 2 before any window or worker exists
    with tempfile.TemporaryDirectory(prefix="edgetpu-compare-shot-") as folder:
        return _render(args, record, session, Path(folder) / "settings.ini")


def _render(args: argparse.Namespace, record: object, session: object,
            settings_path: Path) -> int:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from core.records import RunRecord
    from gui import theme, translations
    from gui.app import make_app
    from gui.main_window import MainWindow
    from gui.settings import Settings

    app = make_app(offscreen=True)
    translations.install_translator(app, args.lang)
    theme.apply_theme(app, args.theme)
    if args.kiosk:
        from gui.booth_launch import render_booth

        return render_booth(args, session, _save_outputs)
    window = MainWindow(Settings(settings_path), restore=False, start_page=False,
                        session_factory=lambda _request: session)
    width, height = args.size
    window.resize(width, height)
    window.show()
    if isinstance(record, RunRecord):
        window.show_record(record)
    else:
        loop = QEventLoop()
        window.runner.runEnded.connect(loop.quit)
        from core.cli_run import request_from_args

        request = request_from_args(args)
        window.show_request(request)
        if window.start_run(request):
            loop.exec()
    QApplication.processEvents()
    QTimer.singleShot(0, lambda: None)
    QApplication.processEvents()
    shown = window.state.record
    return _save_outputs(args, shown, lambda: save_picture(
        window, window.comparison.text(), args.out))


def _save_outputs(args: argparse.Namespace, record: RunRecord | None,
                  picture: Callable[[], int]) -> int:
    """Save the picture, then (``--json`` / ``--csv`` / ``--html``) the run it shows."""
    from core.outputs import WRITERS, write_outputs

    wanted = any(getattr(args, name, None) for name, _ in WRITERS)
    if wanted and record is None:
        raise fail("usage", "The picture shows no finished run, so there is nothing to save.",
                   "Check the run's options with 'edgetpu-compare run' first.")
    code = picture()
    if wanted and record is not None:
        write_outputs(record, args, sys.stdout)
    return code


def save_picture(widget: QWidget, sentence: str, out: Path) -> int:
    """Grab ``widget``, close it, save the PNG and say what it shows."""
    image = widget.grab()
    widget.close()
    if not image.save(str(out), "PNG"):
        raise fail("io_error", f"Could not write {out}.",
                   "Check that the folder exists and that you may write to it.")
    sys.stdout.write(f"{sentence}\nSaved {out} ({image.width()}x{image.height()})\n")
    return 0
