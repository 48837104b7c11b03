"""Turn a picture into the exact input tensor a model expects, once, for every backend.

Both backends must be fed the identical array, so the tensor is made here and handed to the
workers. The steps follow Coral's ``classify_image.py``: convert to RGB (or L for a grayscale
model), resize to the input size with LANCZOS (BILINEAR drops the parrot's top score from 0.80 to
0.70), then map pixels to the input's number type.

Pixel mapping. A model's float input is ``(pixel - mean) / std``; the mean and std come from the
model's metadata, else the usual defaults: 127.5/127.5 for float models and, as pycoral's example
does, 128/128 for quantised ones. A quantised input then stores ``round(x / scale + zero_point)``.
That mapping is computed once as a 256-entry table per channel. When it moves no pixel by more
than one step from the raw pixel (uint8) or ``pixel - 128`` (int8), as for Coral's MobileNets, the
raw values are used: the model was calibrated on them, and the difference is rounding noise. Where
it does not (``mobilenet_edgetpu_0.75_224_post_training_quant``: scale 0.0116, zero point 123)
the table is applied, which raises its top-1 score on five of Coral's six sample images. Unlike
pycoral, values are rounded, not truncated.

Detection models are fed as Coral's detection example feeds them (``fit_input``): the picture is
scaled to fit inside the input keeping its aspect ratio, placed at the top left and the rest padded
with black (the zero Coral's example writes, for a uint8 input), so that a box found in the input
maps back to the picture by one scale per axis (``PixelPlacement``).

Transparency is composited onto white, the background an image viewer shows, rather than dropped:
a dropped alpha channel exposes whatever colour the transparent pixels happen to hold.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from core.errors import AppError, fail
from core.inputs.labels import describe_bytes
from core.inputs.model_info import ModelInfo
from core.io.files import read_user_file

MAX_IMAGE_PIXELS = 100_000_000
MAX_IMAGE_BYTES = 256 * 1024 * 1024  # no camera picture is larger; a bigger file is not read
MAX_DECODE_BYTES = 384 * 1024 * 1024  # decoding within this leaves a run room under 1 GiB
RESAMPLE = Image.Resampling.LANCZOS
QUANTISED_DEFAULT = (128.0, 128.0)
FLOAT_DEFAULT = (127.5, 127.5)
_RANGES = {"uint8": (0, 255), "int8": (-128, 127), "int16": (-32768, 32767)}
_RAW_OFFSET = {"uint8": 0, "int8": -128}
_WHITE = 255


@dataclass(frozen=True)
class ImageInfo:
    """The picture as the user gave it (size after EXIF rotation), for result files."""

    path: Path
    sha256: str
    width: int
    height: int

    def to_dict(self) -> dict[str, Any]:
        return {"path": str(self.path), "sha256": self.sha256, "width": self.width,
                "height": self.height}


def load_image(path: Path | str) -> tuple[Image.Image, ImageInfo]:
    """Decode a picture fully, upright; raises ``invalid_image`` for anything unreadable.

    The whole file is decoded here so that a truncated picture fails now, with its name, and
    never halfway through a run. The size limit is checked from the header, before decoding.
    """
    p, data = read_user_file(path, "invalid_image", "picture", max_bytes=MAX_IMAGE_BYTES)
    with warnings.catch_warnings():
        # Pillow warns about damaged tags ("Corrupt EXIF data") on stderr; a picture either
        # decodes or is one clear error, so these say nothing the user can act on.
        warnings.simplefilter("ignore", UserWarning)
        image, (width, height) = _decode(p.name, data)
    info = ImageInfo(p, hashlib.sha256(data).hexdigest(), width, height)
    return image, info


def decode_bytes_per_pixel(image: Image.Image) -> int:
    """Bytes per pixel the decoding and conversion of a picture of this kind take at their
    peak (measured with 9-megapixel pictures; Pillow keeps RGB in 4 bytes a pixel, a picture
    with transparency is composited onto white in RGBA, a deep one goes through float64)."""
    mode = image.mode
    if mode.startswith("I") or mode == "F":
        return 32
    if "A" in mode or "a" in mode or "transparency" in image.info:
        return 16
    return 8


def _fit_budget(name: str, opened: Image.Image) -> None:
    """Refuse a picture whose decoding would need more than ``MAX_DECODE_BYTES``, before it
    is decoded; a JPEG is decoded at 1/2, 1/4 or 1/8 of its size instead (its DCT scaling),
    which is plenty for a model input of at most 8192 pixels a side."""
    width, height = opened.size
    need = width * height * decode_bytes_per_pixel(opened)
    if need <= MAX_DECODE_BYTES:
        return
    if opened.format == "JPEG":
        for scale in (2, 4, 8):
            if need // (scale * scale) <= MAX_DECODE_BYTES:
                opened.draft(opened.mode, (max(1, width // scale), max(1, height // scale)))
                if opened.size[0] * opened.size[1] * decode_bytes_per_pixel(opened) \
                        <= MAX_DECODE_BYTES:
                    return
                break
    raise fail("invalid_image", f"'{name}' is too large to decode: {width}x{height} pixels "
               f"of this kind need about {need >> 20} MB, more than the "
               f"{MAX_DECODE_BYTES >> 20} MB this program allows a picture.",
               "Scale it down in an image editor, or save it as an 8-bit JPEG.")


def _decode(name: str, data: bytes) -> tuple[Image.Image, tuple[int, int]]:
    """The decoded picture, upright, and its size as stored (upright, before any reduction)."""
    try:
        # Pillow only warns between its own limit and twice that; the explicit check below is
        # the limit. catch_warnings is process-wide: at worst, a concurrent load leaves this
        # one warning silenced, which changes nothing because of that check.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            opened = Image.open(io.BytesIO(data))
        width, height = opened.size
        if width * height > MAX_IMAGE_PIXELS:
            raise Image.DecompressionBombError(f"{width}x{height}")
        if width < 1 or height < 1:
            raise ValueError(f"image size {width}x{height}")
        _fit_budget(name, opened)
        opened.load()
    except AppError:
        raise
    except Image.DecompressionBombError as exc:
        raise fail("invalid_image", f"'{name}' is too large: it has more than "
                   f"{MAX_IMAGE_PIXELS // 1_000_000} million pixels.",
                   "Choose a smaller picture, or scale this one down in an image editor.",
                   detail=str(exc)) from None
    except UnidentifiedImageError:
        kind = describe_bytes(data)
        what = f" (it looks like {kind})" if kind else ""
        raise fail("invalid_image",
                   f"'{name}' is not a picture this program can read{what}.") from None
    except Exception as exc:  # decoders raise OSError, SyntaxError, ValueError, struct.error...
        message = "is truncated" if "truncated" in str(exc) else "is damaged"
        raise fail("invalid_image", f"'{name}' {message} and cannot be decoded.",
                   "Copy or download the picture again, or choose another one.",
                   detail=f"{type(exc).__name__}: {exc}") from None
    try:
        upright = ImageOps.exif_transpose(opened) or opened
    except Exception:  # a broken orientation tag must not lose a picture that decodes
        upright = opened
    turned = upright.size != opened.size
    return upright, ((height, width) if turned else (width, height))


def prepare_input(image_path: Path | str, model: ModelInfo) -> tuple[np.ndarray, ImageInfo]:
    """Load a picture and make the model's input tensor from it."""
    image, info = load_image(image_path)
    return make_input_tensor(image, model), info


def make_input_tensor(image: Image.Image, model: ModelInfo) -> np.ndarray:
    """The C-contiguous array of exactly ``model.input.shape`` and dtype for this picture."""
    spec = model.input
    target = "L" if model.channels == 1 else "RGB"
    pixels = to_mode(image, target)
    if pixels.size != (model.width, model.height):
        pixels = pixels.resize((model.width, model.height), RESAMPLE)
    array = np.asarray(pixels, dtype=np.uint8)
    if target == "L":
        array = array[..., np.newaxis]
    values = _to_input_type(array, model)
    return np.ascontiguousarray(values.reshape(spec.shape))


@dataclass(frozen=True)
class PixelPlacement:
    """Where a picture sits inside the model input it was fitted into (``fit_input``), in pixels.

    Sizes in pixels: the picture (upright, as ``ImageInfo`` gives it), the model's input, and the
    part of the input the scaled picture covers, from its top left corner. A detector's boxes are
    mapped back with these whole numbers, exactly as the input was made. What a result keeps for
    its mask or keypoints is ``core.tasks.placement.Placement``: the same place as shares of the
    input, which is what a result file stores (the pixels of the input do not matter to a reader,
    and shares map a point the same at any output size); boxes are not mapped through it so that
    their numbers stay those of the whole-pixel fit.
    """

    picture_width: int
    picture_height: int
    input_width: int
    input_height: int
    content_width: int
    content_height: int

    def to_picture(self, ymin: float, xmin: float, ymax: float,
                   xmax: float) -> tuple[float, float, float, float]:
        """A box normalised to the model input (the model's order: ymin, xmin, ymax, xmax) as
        (xmin, ymin, xmax, ymax) in the picture's pixels, inside the picture (a box reaching
        into the padding ends at the picture's edge)."""
        sx = self.input_width * self.picture_width / self.content_width
        sy = self.input_height * self.picture_height / self.content_height

        def clamp(value: float, high: int) -> float:
            return min(max(value, 0.0), float(high))

        return (clamp(xmin * sx, self.picture_width), clamp(ymin * sy, self.picture_height),
                clamp(xmax * sx, self.picture_width), clamp(ymax * sy, self.picture_height))

    def to_dict(self) -> dict[str, int]:
        return {"picture_width": self.picture_width, "picture_height": self.picture_height,
                "input_width": self.input_width, "input_height": self.input_height,
                "content_width": self.content_width, "content_height": self.content_height}


def fit_input(image: Image.Image, model: ModelInfo) -> tuple[np.ndarray, PixelPlacement]:
    """The input tensor of a picture fitted into the model's input keeping its aspect ratio.

    The side that limits the scale fills the input exactly; the other is truncated to whole
    pixels, as Coral's example does, and is at least one pixel.
    """
    if not model.is_image_model:
        raise ValueError(f"{model.path.name} takes no picture: {model.not_image}")
    target = "L" if model.channels == 1 else "RGB"
    pixels = to_mode(image, target)
    width, height = pixels.size
    if model.width * height <= model.height * width:  # the width limits the scale
        size = (model.width, min(model.height, max(1, model.width * height // width)))
    else:
        size = (min(model.width, max(1, model.height * width // height)), model.height)
    if size != pixels.size:
        pixels = pixels.resize(size, RESAMPLE)
    canvas = Image.new(target, (model.width, model.height), 0)
    canvas.paste(pixels, (0, 0))
    placement = PixelPlacement(width, height, model.width, model.height, *size)
    return make_input_tensor(canvas, model), placement


@dataclass(frozen=True)
class PixelMapping:
    """How pixels become the input: ``(pixel - mean) / std``, then quantised when it is.

    ``source`` says where mean and std came from: ``metadata`` (the model's own), ``default``
    (the usual values for its input type) or ``none`` (an integer input without quantisation
    takes the pixels). ``raw`` is True when the raw pixels (``pixel - 128`` for int8) are fed
    because the mapping moves none of them by more than one step.
    """

    mean: tuple[float, ...]
    std: tuple[float, ...]
    source: str
    raw: bool

    def to_dict(self) -> dict[str, Any]:
        return {"mean": list(self.mean), "std": list(self.std), "source": self.source,
                "raw_pixels": self.raw}


def pixel_mapping(model: ModelInfo) -> PixelMapping:
    """The mapping ``make_input_tensor`` applies to this model's input."""
    spec = model.input
    source = "metadata" if model.mean and model.std else "default"
    if spec.dtype in ("float32", "float16"):
        mean, std = _normalisation(model, FLOAT_DEFAULT)
        return PixelMapping(_floats(mean), _floats(std), source, False)
    if spec.scale <= 0:
        return PixelMapping((float(-_RAW_OFFSET.get(spec.dtype, 0)),), (1.0,), "none", True)
    mean, std = _normalisation(model, QUANTISED_DEFAULT)
    return PixelMapping(_floats(mean), _floats(std), source, _quantised_table(model)[1])


def _floats(values: np.ndarray) -> tuple[float, ...]:
    return tuple(float(v) for v in values)


def _quantised_table(model: ModelInfo) -> tuple[np.ndarray, bool]:
    """Per-channel table of pixel -> stored value, and whether it is the raw pixels."""
    spec = model.input
    mean, std = _normalisation(model, QUANTISED_DEFAULT)
    low, high = _RANGES[spec.dtype]
    levels = np.arange(256, dtype=np.float64)
    table = np.rint((levels[None, :] - mean[:, None]) / (std[:, None] * spec.scale)
                    + spec.zero_point)
    table = np.clip(table, low, high)
    offset = _RAW_OFFSET.get(spec.dtype, 0)
    raw = spec.dtype in _RAW_OFFSET and bool(np.abs(table - (levels + offset)).max() <= 1)
    return table, raw


def _to_input_type(array: np.ndarray, model: ModelInfo) -> np.ndarray:
    spec = model.input
    if spec.dtype in ("float32", "float16"):
        mean, std = _normalisation(model, FLOAT_DEFAULT)
        return ((array.astype(np.float32) - mean) / std).astype(spec.dtype)
    offset = _RAW_OFFSET.get(spec.dtype, 0)
    if spec.scale <= 0:  # an integer input without quantisation: give it the pixels
        return (array.astype(np.int32) + offset).astype(spec.dtype)
    table, raw = _quantised_table(model)
    if raw:
        return (array.astype(np.int16) + offset).astype(spec.dtype)
    table = table.astype(spec.dtype)
    if table.shape[0] == 1:
        return table[0][array]
    return table[np.arange(array.shape[-1]), array]


def _normalisation(model: ModelInfo, default: tuple[float, float]) -> tuple[np.ndarray, np.ndarray]:
    """Per-channel (mean, std) as arrays of one value or one per channel."""
    if model.mean and model.std:
        mean = np.asarray(model.mean, dtype=np.float64)
        std = np.asarray(model.std, dtype=np.float64)
        count = max(mean.size, std.size)
        return np.broadcast_to(mean, (count,)).copy(), np.broadcast_to(std, (count,)).copy()
    return np.array([default[0]]), np.array([default[1]])


def to_mode(image: Image.Image, target: str) -> Image.Image:
    """Convert any Pillow mode to ``RGB`` or ``L``: alpha onto white, deep pictures to 8 bit."""
    mode = image.mode
    if mode in ("La", "RGBa"):  # premultiplied: over white is colour + (255 - alpha)
        values = np.asarray(image, dtype=np.int32)
        colour = np.clip(values[..., :-1] + (_WHITE - values[..., -1:]), 0, 255).astype(np.uint8)
        image = Image.fromarray(colour[..., 0] if mode == "La" else colour)
    elif mode.startswith("I") or mode == "F":
        image = Image.fromarray(_deep_to_8bit(np.asarray(image), mode))
    elif image.has_transparency_data:
        rgba = image.convert("RGBA")
        image = Image.alpha_composite(Image.new("RGBA", rgba.size, (255, 255, 255, 255)), rgba)
    if image.mode == target:
        return image
    if target == "L" and image.mode not in ("RGB", "RGBA", "1", "P", "LA", "PA"):
        image = image.convert("RGB")  # e.g. LAB and YCbCr have no direct route to L
    return image.convert(target)


def _deep_to_8bit(values: np.ndarray, mode: str) -> np.ndarray:
    """16-bit, 32-bit and float pictures scaled into 0..255 instead of clipped to white."""
    data = values.astype(np.float64)
    low, high = (float(data.min()), float(data.max())) if data.size else (0.0, 0.0)
    if mode.startswith("I;16") or (mode == "I" and low >= 0 and 255 < high <= 65535):
        data = data / 257.0
    elif mode == "F" and low >= 0 and high <= 1.0:
        data = data * 255.0
    elif low < 0 or high > 255:
        data = (data - low) * (255.0 / (high - low)) if high > low else data * 0
    return np.clip(np.rint(data), 0, 255).astype(np.uint8)
