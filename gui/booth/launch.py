"""Getting into booth mode: which model and pictures it runs, from the window or a command.

The model is the one chosen in the window, else the demo the model fetcher brings; the pictures
are ``--image-folder``, else the fetched sample pictures, else the folder of the current image.
Kept apart from the window modules so that they only gain a few lines for booth mode; the
``screenshot --kiosk`` picture is made by the screenshot command, not here.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from core.errors import AppError
from core.inputs.labels import load_labels
from core.inputs.model_info import read_model
from core.measure.backend_choice import BackendSet
from core.measure.booth import BoothConfig, default_image_folder, list_images
from core.measure.booth_pictures import labels_vocabulary, pictures_for
from core.measure.session import RunRequest
from core.samples.model_dirs import find_demo, model_dirs
from core.tasks.model_task import model_task

if TYPE_CHECKING:
    from gui.booth.window import BoothWindow
    from gui.run.model_choice import ModelChoice
    from gui.run.session_runner import SessionFactory


def booth_template(choice: ModelChoice, backends: BackendSet | None = None) -> RunRequest | None:
    """What each picture runs: the window's model and labels, else the demo, else None; on the
    window's backends when given."""
    pair = choice.pair
    request: RunRequest | None = None
    if pair is not None and (pair.cpu or pair.edgetpu):
        model = pair.cpu or pair.edgetpu
        assert model is not None
        request = RunRequest(model=model, image=choice.image or model, labels=choice.labels,
                             edgetpu_model=pair.edgetpu if pair.cpu else None)
    else:
        demo = find_demo(model_dirs(choice.models_dir))
        if demo is not None:
            model, labels, image = demo
            request = RunRequest(model=model, image=image, labels=labels)
    if request is not None and backends is not None and backends.specs():
        request = replace(request, backends=backends.specs(), baseline=backends.baseline_id())
    return request


def booth_images(template: RunRequest | None, image_folder: Path | None,
                 models_dir: Path | None = None) -> tuple[list[Path], Path | None]:
    """The pictures to loop over and the one to start with."""
    current = template.image if template is not None and template.image.is_file() else None
    folder = image_folder or default_image_folder(model_dirs(models_dir), current)
    images = list_images(folder) if folder is not None else []
    if image_folder is None and template is not None:  # the exhibitor's own folder is kept whole
        images = suitable_pictures(template, images)
    start = current if current is not None and current in images else None
    return images, start


def suitable_pictures(template: RunRequest, images: list[Path]) -> list[Path]:
    """The sample pictures the model can name (``core.measure.booth_pictures``); all of them
    when the model or its labels cannot be read, since the session will then say why."""
    try:
        task = model_task(read_model(template.model)).task
        names = load_labels(template.labels).names.values() if template.labels else ()
        return pictures_for(images, task, labels_vocabulary(names))
    except (AppError, OSError):
        return images


def make_booth(choice: ModelChoice, image_folder: Path | None = None,
               config: BoothConfig | None = None, session_factory: SessionFactory | None = None,
               backends: BackendSet | None = None, lock: bool = False) -> BoothWindow:
    from gui.booth.window import BoothWindow

    template = booth_template(choice, backends)
    images, start = booth_images(template, image_folder, choice.models_dir)
    return BoothWindow(template, images, config, start, session_factory, lock=lock)
