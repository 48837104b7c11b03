"""Every file a command reads because of a model it was given, so that no output replaces one.

A model named on the command line brings its twin: ``NAME.tflite`` brings ``NAME_edgetpu.tflite``
and the other way round, and both are read (inspected, then run). Checking outputs against the
named file alone let ``--out NAME_edgetpu.tflite`` replace the compiled model that had just been
read with a picture. The window reads more: the models of the folders it lists (the model's
own folder and the model folders) and the labels file it finds beside the model; a command that
shows the window counts those too.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from core.inputs.model_info import find_labels_beside
from core.inputs.model_scan import MAX_SCAN_FILES


def model_files(*models: Path | None) -> list[Path]:
    """Each given model and both names of its pair, whether or not the twin exists yet."""
    found: list[Path] = []
    for path in models:
        if path is not None:
            path = Path(path)
            stem = path.stem.removesuffix("_edgetpu")
            found += [path, path.with_name(stem + path.suffix),
                      path.with_name(stem + "_edgetpu" + path.suffix)]
    return list(dict.fromkeys(found))


def scanned_models(folders: Iterable[Path]) -> list[Path]:
    """The model files a scan of ``folders`` reads (``core.inputs.model_scan``: the first
    ``MAX_SCAN_FILES`` ``*.tflite`` of each, by name)."""
    found: list[Path] = []
    for folder in dict.fromkeys(Path(f) for f in folders):
        try:
            found += sorted(folder.glob("*.tflite"))[:MAX_SCAN_FILES]
        except (OSError, ValueError, RuntimeError):
            continue
    return found


def window_files(models: Iterable[Path], model_folders: Iterable[Path]) -> list[Path]:
    """What the window reads for ``models``: each pair, the labels found beside it, and the
    models of their folders and of ``model_folders``."""
    models = [Path(m) for m in models]
    labels = [found for m in models if (found := find_labels_beside(m)) is not None]
    folders = [m.parent for m in models] + [Path(f) for f in model_folders]
    return list(dict.fromkeys([*model_files(*models), *labels, *scanned_models(folders)]))
