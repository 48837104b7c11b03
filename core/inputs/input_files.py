"""Every file a command reads because of a model it was given, so that no output replaces one.

A model named on the command line brings its twin: ``NAME.tflite`` brings ``NAME_edgetpu.tflite``
and the other way round, and both are read (inspected, then run). Checking outputs against the
named file alone let ``--out NAME_edgetpu.tflite`` replace the compiled model that had just been
read with a picture.
"""

from __future__ import annotations

from pathlib import Path


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
