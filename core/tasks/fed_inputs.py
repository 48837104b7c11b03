"""What a model of no known task is fed: the picture where an input takes one, else made-up numbers.

A model with several inputs (a picture and a mask, token ids and segment ids) gets every one:
an input shaped like a picture (``[1, H, W, 1 or 3]`` of pixel numbers) is given the picture, as
an image model's input is; any other is given a generated input (``core.tasks.raw_outputs``),
made from the input's position as well as the seed, so that two inputs of one shape differ and
every backend and every run is fed the same numbers.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from PIL import Image

from core.inputs.model_info import ModelInfo, picture_size
from core.inputs.preprocess import make_input_tensor
from core.tasks.raw_outputs import generate_input
from core.tasks.raw_result import PICTURE


def fed_inputs(picture: Image.Image, info: ModelInfo) -> tuple[tuple[np.ndarray, ...], str]:
    """One array per input of ``info``, in the graph's order, and what they are (``PICTURE``,
    a generated input's recipe, or, for several inputs, each input's name and what it got)."""
    if info.is_image_model:
        return (make_input_tensor(picture, info),), PICTURE
    arrays, parts = [], []
    for index, spec in enumerate(info.inputs):
        size = picture_size(spec)
        if size is None:
            generated = generate_input(spec, index=index)
            arrays.append(generated.values)
            parts.append(generated.recipe)
            continue
        height, width, channels = size
        # the metadata's normalisation describes the first input only
        as_image = replace(info, input=spec, height=height, width=width, channels=channels,
                           mean=info.mean if index == 0 else None,
                           std=info.std if index == 0 else None)
        arrays.append(make_input_tensor(picture, as_image))
        parts.append(PICTURE)
    if len(parts) == 1:
        return tuple(arrays), parts[0]
    return tuple(arrays), "; ".join(f"{spec.name or f'input {i}'}: {part}"
                                    for i, (spec, part) in enumerate(zip(info.inputs, parts,
                                                                         strict=True)))
