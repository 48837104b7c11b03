"""Getting into booth mode: which model and pictures it runs, from the window or a command.

The model is the one chosen in the window, else the demo the model fetcher brings; the pictures
are ``--image-folder``, else the fetched sample pictures, else the folder of the current image.
Kept apart from the window modules so that they only gain a few lines for booth mode.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.booth import BoothConfig, default_image_folder, list_images
from core.errors import fail
from core.model_dirs import find_demo, model_dirs
from core.session import RunRequest

if TYPE_CHECKING:
    from gui.booth_window import BoothWindow
    from gui.model_choice import ModelChoice

SCREENSHOT_TIMEOUT_MS = 300_000


def booth_template(choice: ModelChoice) -> RunRequest | None:
    """What each picture runs: the window's model and labels, else the demo, else None."""
    pair = choice.pair
    if pair is not None and (pair.cpu or pair.edgetpu):
        model = pair.cpu or pair.edgetpu
        assert model is not None
        return RunRequest(model=model, image=choice.image or model, labels=choice.labels,
                          edgetpu_model=pair.edgetpu if pair.cpu else None)
    demo = find_demo(model_dirs(choice.models_dir))
    if demo is None:
        return None
    model, labels, image = demo
    return RunRequest(model=model, image=image, labels=labels)


def booth_images(template: RunRequest | None, image_folder: Path | None,
                 models_dir: Path | None = None) -> tuple[list[Path], Path | None]:
    """The pictures to loop over and the one to start with."""
    current = template.image if template is not None and template.image.is_file() else None
    folder = image_folder or default_image_folder(model_dirs(models_dir), current)
    images = list_images(folder) if folder is not None else []
    start = current if current is not None and current in images else None
    return images, start


def make_booth(choice: ModelChoice, image_folder: Path | None = None,
               config: BoothConfig | None = None, session_factory: Any = None) -> BoothWindow:
    from gui.booth_window import BoothWindow

    template = booth_template(choice)
    images, start = booth_images(template, image_folder, choice.models_dir)
    return BoothWindow(template, images, config, start, session_factory)


def render_booth(args: argparse.Namespace, session: Any,
                 save: Callable[[argparse.Namespace, Any, Callable[[], int]], int]) -> int:
    """``screenshot --kiosk``: booth mode after one real comparison, saved as a PNG (and, with
    ``save``'s options, the record of that comparison)."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from core.events import SessionFinished
    from core.session import Session
    from gui.booth_window import BoothWindow

    if session is None:
        raise fail("usage", "screenshot --kiosk shows a live run, not a saved result.",
                   "Give --model and --image instead of --results.")
    template: RunRequest = session.request
    image = template.image.resolve()
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
    from gui.cli_screenshot import save_picture

    return save(args, shown[0] if shown else None,
                lambda: save_picture(booth, booth.speedup.text(), args.out))
