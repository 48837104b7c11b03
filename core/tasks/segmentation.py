"""Segmentation: a class for every pixel, drawn over the picture and compared pixel by pixel.

A model gives either the class map itself (Coral's DeepLab models end in ARG_MAX: int64
``[1,H,W]``) or a score per class and pixel (``[1,H,W,C]``, U-Net style), of which the class with
the highest score is taken. Backends are compared as Coral's tests compare a class map with a
reference mask: pixel agreement = same / (2N - same), where ``same`` counts the pixels with the
same class and N the pixels of one map (a map equal to the other scores 1, one that shares no
pixel 0); the value 255, which Pascal VOC masks use for "border, not judged", counts as class 0.
The per-class intersection over union says which class the disagreement is about.

The overlay is composed once per result, at the picture's size, from a fixed palette (Pascal
VOC's: the lowest three bits of class ``c`` set the highest bit of its red, green and blue, the
next three the next bit, and so on), background transparent, so that the same class has the
same colour in every panel, report and saved picture.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from core.errors import fail
from core.inputs.labels import Labels
from core.io.outputs import Output
from core.tasks.output_files import output_path
from core.tasks.placement import Placement
from core.tasks.sentence import Sentence

MAX_CLASSES = 65536  # ids up to 65535: a 16-bit picture holds them
MAX_MAP_PIXELS = 4096 * 4096
IGNORED = 255  # Pascal VOC's "border" value in reference masks
MAX_SAVED_MAP_CHARS = 64 * 1024 * 1024  # base64 of a PNG: a result file's own cap
OVERLAY_ALPHA = 150  # of 255: the picture stays readable under the colours


# The sentences' English templates, for the window's translations.
AGREEMENT = "pixel agreement {agreement:.3f}"
AGREEMENT_WORST_CLASS = "pixel agreement {agreement:.3f}, {label} IoU {iou:.2f}"
SENTENCES = (AGREEMENT, AGREEMENT_WORST_CLASS)


def _palette() -> np.ndarray:
    ids = np.arange(MAX_CLASSES, dtype=np.int64)
    rgb = np.zeros((MAX_CLASSES, 3), dtype=np.int64)
    rest = ids.copy()
    for shift in range(7, -1, -1):
        for channel in range(3):
            rgb[:, channel] |= ((rest >> channel) & 1) << shift
        rest >>= 3
    return rgb.astype(np.uint8)


PALETTE = _palette()  # class id -> (r, g, b); PALETTE[0] is black, drawn transparent
_RGBA_256 = np.concatenate(
    [PALETTE[:256], np.full((256, 1), OVERLAY_ALPHA, dtype=np.uint8)], axis=1)
_RGBA_256[0, 3] = 0


def colour(class_id: int) -> tuple[int, int, int]:
    r, g, b = (int(v) for v in PALETTE[class_id % MAX_CLASSES])
    return r, g, b


def class_map(output: np.ndarray) -> np.ndarray:
    """The ``[H, W]`` int32 class map of a segmentation output; ``unsupported_model`` if none."""
    values = np.asarray(output)
    shape = list(values.shape)
    if values.ndim == 4 and shape[0] == 1 and shape[3] > 1:
        if values.dtype.kind == "f":
            values = np.where(np.isnan(values), -np.inf, values)
        return _checked(np.argmax(values[0], axis=-1), shape)
    if values.ndim == 4 and shape[0] == 1 and shape[3] == 1:
        values = values[0, :, :, 0]
    elif values.ndim == 3 and shape[0] == 1:
        values = values[0]
    elif values.ndim != 2:
        raise _not_a_map(shape, "is not a class map ([1,H,W]) or class scores ([1,H,W,C])")
    if values.dtype.kind == "f":
        if not np.all(np.isfinite(values)) or not np.all(values == np.rint(values)):
            raise _not_a_map(shape, "holds numbers that are not class ids")
    elif values.dtype.kind not in "iub":
        raise _not_a_map(shape, f"holds {values.dtype} values, not class ids")
    return _checked(values, shape)


def _checked(values: np.ndarray, shape: list[int]) -> np.ndarray:
    if values.size == 0 or values.size > MAX_MAP_PIXELS:
        raise _not_a_map(shape, "is not a class map of a size this program can show")
    low, high = int(values.min()), int(values.max())
    if low < 0 or high >= MAX_CLASSES:
        raise _not_a_map(shape, f"holds class ids from {low} to {high}, outside 0 to "
                         f"{MAX_CLASSES - 1}")
    return np.ascontiguousarray(values, dtype=np.int32)


def _not_a_map(shape: list[int], why: str) -> Exception:
    return fail("unsupported_model", f"The model's output of shape {shape} {why}.",
                "Choose a segmentation model that gives a class per pixel or a score per class.")


@dataclass(frozen=True)
class ClassShare:
    """One line of the legend: a class present in the map and its share of the pixels."""

    class_id: int
    label: str
    pixels: int
    share: float
    colour: tuple[int, int, int]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.class_id, "label": self.label, "pixels": self.pixels,
                "share": self.share, "colour": list(self.colour)}


def legend(classes: np.ndarray, labels: Labels | None = None) -> tuple[ClassShare, ...]:
    """The classes present, largest share first (ties by id)."""
    ids, counts = np.unique(classes, return_counts=True)
    total = int(classes.size)
    rows = [ClassShare(int(i), _label(labels, int(i)), int(n), int(n) / total, colour(int(i)))
            for i, n in zip(ids, counts, strict=True)]
    return tuple(sorted(rows, key=lambda row: (-row.pixels, row.class_id)))


def _label(labels: Labels | None, class_id: int) -> str:
    return labels.name(class_id) if labels is not None else f"class {class_id}"


@dataclass(frozen=True)
class SegmentationResult:
    """One backend's class map, its legend and where the picture sat in the input."""

    classes: np.ndarray = field(repr=False)  # [H, W] int32, at the model's output size
    legend: tuple[ClassShare, ...]
    placement: Placement

    @cached_property
    def overlay(self) -> Image.Image:
        """The mask as an RGBA picture of the picture's size: made once, then reused."""
        return overlay_image(self.classes, self.placement)

    def to_dict(self) -> dict[str, Any]:
        """For a result file: the legend to read, and the map itself as a base64 PNG."""
        height, width = self.classes.shape
        return {"size": [width, height], "placement": self.placement.to_dict(),
                "classes": [row.to_dict() for row in self.legend],
                "map_png": base64.b64encode(classes_png(self.classes)).decode("ascii")}

    @classmethod
    def from_dict(cls, data: Any, labels: Labels | None = None) -> SegmentationResult:
        """A saved result, its map checked like any foreign picture; ``invalid_results``."""
        try:
            placement = Placement.from_dict(data.get("placement"))
            values = _saved_map(data.get("map_png"))
        except Exception as exc:  # any fault in a foreign file is one plain error
            raise fail("invalid_results", "The class map saved with a segmentation result is "
                       "damaged.", detail=f"{type(exc).__name__}: {exc}") from None
        return decode_segmentation(values, placement, labels)


def _saved_map(text: Any) -> np.ndarray:
    if not isinstance(text, str) or len(text) > MAX_SAVED_MAP_CHARS:
        raise ValueError("map_png is not a string of a possible length")
    with Image.open(io.BytesIO(base64.b64decode(text, validate=True))) as picture:
        if picture.format != "PNG" or picture.mode not in ("L", "I;16"):
            raise ValueError(f"a {picture.format} picture of mode {picture.mode}")
        if picture.width * picture.height > MAX_MAP_PIXELS:
            raise ValueError(f"a map of {picture.width}x{picture.height}")
        return np.asarray(picture)


def decode_segmentation(output: np.ndarray, placement: Placement,
                        labels: Labels | None = None) -> SegmentationResult:
    classes = class_map(output)
    return SegmentationResult(classes, legend(classes, labels), placement)


def overlay_image(classes: np.ndarray, placement: Placement) -> Image.Image:
    """Each class in its palette colour, background transparent, scaled to the picture."""
    height, width = classes.shape
    used_width, used_height = placement.filled_pixels(width, height)
    used = np.ascontiguousarray(classes[:used_height, :used_width])
    size = (placement.picture_width, placement.picture_height)
    if int(used.max()) < 256:  # the usual case, in Pillow's C code: 3 to 7 times faster
        index = Image.fromarray(used.astype(np.uint8)).resize(size, Image.Resampling.NEAREST)
        coloured = index.convert("P")  # the same numbers, now palette indices
        coloured.putpalette(_RGBA_256.tobytes(), "RGBA")
        return coloured.convert("RGBA")
    ids = np.asarray(Image.fromarray(used).resize(size, Image.Resampling.NEAREST))
    rgba = np.empty((*ids.shape, 4), dtype=np.uint8)
    rgba[..., :3] = PALETTE[ids]
    rgba[..., 3] = np.where(ids == 0, 0, OVERLAY_ALPHA)
    return Image.fromarray(rgba)


def overlay_on(picture: Image.Image, result: SegmentationResult) -> Image.Image:
    """The picture with the mask over it, as an RGB picture to save or show."""
    base = picture.convert("RGBA")
    if base.size != result.overlay.size:
        raise ValueError(f"picture {base.size} is not the result's {result.overlay.size}")
    return Image.alpha_composite(base, result.overlay).convert("RGB")


@dataclass(frozen=True)
class ClassIoU:
    """How well two maps agree on one class: intersection over union of its pixels."""

    class_id: int
    label: str
    iou: float
    baseline_pixels: int
    other_pixels: int

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.class_id, "label": self.label, "iou": self.iou,
                "baseline_pixels": self.baseline_pixels, "other_pixels": self.other_pixels}


@dataclass(frozen=True)
class SegmentationAgreement:
    """Pixel agreement of a backend's class map with the baseline's, and IoU per class."""

    pixel_agreement: float
    same_pixels: int
    pixels: int
    classes: tuple[ClassIoU, ...]  # every class in either map, by id

    @property
    def worst_class(self) -> ClassIoU | None:
        """The class (not the background) the maps agree least on."""
        found = [c for c in self.classes if c.class_id != 0]
        return min(found, key=lambda c: (c.iou, c.class_id)) if found else None

    def sentence(self) -> Sentence:
        worst = self.worst_class
        if worst is None:
            return Sentence(AGREEMENT,
                            {"agreement": self.pixel_agreement})
        return Sentence(AGREEMENT_WORST_CLASS,
                        {"agreement": self.pixel_agreement, "label": worst.label,
                         "iou": worst.iou})

    def to_dict(self) -> dict[str, Any]:
        return {"pixel_agreement": self.pixel_agreement, "same_pixels": self.same_pixels,
                "pixels": self.pixels, "classes": [c.to_dict() for c in self.classes],
                "sentence": self.sentence().to_dict()}


def pixel_agreement(baseline: np.ndarray, other: np.ndarray) -> float:
    """same / (2N - same), 255 counted as 0: Coral's measure of two class maps."""
    return compare_class_maps(baseline, other).pixel_agreement


def compare_class_maps(baseline: np.ndarray, other: np.ndarray,
                       labels: Labels | None = None) -> SegmentationAgreement:
    """Agreement of two class maps of one size (resize a reference mask with NEAREST first)."""
    if baseline.shape != other.shape:
        raise fail("unsupported_model", f"The class maps have different sizes "
                   f"({_size(baseline)} and {_size(other)}), so they cannot be compared.",
                   "Run the same model (or its Edge TPU twin) on every backend.")
    a = np.where(baseline == IGNORED, 0, baseline).astype(np.int64).ravel()
    b = np.where(other == IGNORED, 0, other).astype(np.int64).ravel()
    equal = a == b
    same, total = int(equal.sum()), int(a.size)
    ids = np.union1d(np.unique(a), np.unique(b))
    size = int(ids.max()) + 1 if ids.size else 1
    in_a = np.bincount(a, minlength=size)
    in_b = np.bincount(b, minlength=size)
    both = np.bincount(a[equal], minlength=size)
    rows = tuple(
        ClassIoU(int(i), _label(labels, int(i)),
                 float(both[i] / (in_a[i] + in_b[i] - both[i])), int(in_a[i]), int(in_b[i]))
        for i in ids)
    return SegmentationAgreement(same / (2 * total - same), same, total, rows)


def _size(values: np.ndarray) -> str:
    return "x".join(str(n) for n in values.shape[::-1])


def classes_png(classes: np.ndarray) -> bytes:
    """The class map as a greyscale PNG, one value per class id, at the model's output size.

    8-bit, as image tools expect; a map with class ids above 255 is written with 16 bits so
    that no id is lost.
    """
    if int(classes.max(initial=0)) <= 255:
        picture = Image.fromarray(classes.astype(np.uint8))
    else:
        picture = Image.fromarray(classes.astype(np.uint16))
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return buffer.getvalue()


def classes_output(folder: Path | str, backend_id: str, result: SegmentationResult) -> Output:
    """``DIR/<backend id>-classes.png``, for ``core.io.outputs.plan_outputs``/``write_all``."""
    return Output("--save-outputs", output_path(folder, backend_id, "classes.png"),
                  lambda: classes_png(result.classes))

