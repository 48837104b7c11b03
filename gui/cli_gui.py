"""``edgetpu-compare [gui] [--model M] [--labels L] [--image I]``: open the comparison window."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", type=Path, help="the .tflite model (either file of a pair)")
    parser.add_argument("--labels", type=Path, help="the labels file")
    parser.add_argument("--image", type=Path, help="the image to classify")


def run(args: argparse.Namespace) -> int:
    from gui.app import make_app
    from gui.main_window import MainWindow

    app = make_app()
    given = [args.model, args.labels, args.image]
    window = MainWindow(restore_files=not any(given))
    if args.model is not None:
        window.open_path(args.model, "model")
    if args.labels is not None:
        window.open_path(args.labels, "labels")
    if args.image is not None:
        window.open_path(args.image, "image")
    window.show()
    return int(app.exec())
