"""Where the picture sits inside the model's input, to map a model's answer back onto it.

A model that finds places (keypoints, a mask) answers in the coordinates of its input. The
picture was either stretched to fill that input (Coral's classification, segmentation and pose
examples) or scaled keeping its shape and placed in the top-left corner with the rest padded
(Coral's detection example). In the second case only a part of the input holds the picture; a
coordinate is divided by that part before it is scaled to the picture's pixels, and the padding
is cut off a mask before it is scaled.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

MAX_SIDE = 100_000  # pixels: no picture this program reads is wider or taller


@dataclass(frozen=True)
class Placement:
    """The picture's size in pixels and the share of the input's width and height it fills.

    What a mask's or keypoints' result keeps and a result file stores. The fit a detector's input
    was made with is kept in whole pixels instead (``core.inputs.preprocess.PixelPlacement``), so
    that its boxes map back through the very numbers the input was made with."""

    picture_width: int
    picture_height: int
    filled_width: float = 1.0  # 1.0 when stretched; less when the right side is padding
    filled_height: float = 1.0

    def __post_init__(self) -> None:
        if self.picture_width < 1 or self.picture_height < 1:
            raise ValueError(f"picture of {self.picture_width}x{self.picture_height} pixels")
        if not (0.0 < self.filled_width <= 1.0 and 0.0 < self.filled_height <= 1.0):
            raise ValueError(f"filled share {self.filled_width}x{self.filled_height} "
                             "outside (0, 1]")

    @classmethod
    def stretched(cls, width: int, height: int) -> Placement:
        """The picture resized to the input's exact size."""
        return cls(width, height)

    @classmethod
    def fitted(cls, width: int, height: int, input_width: int, input_height: int) -> Placement:
        """The picture scaled to fit the input keeping its shape, top-left, the rest padded."""
        if min(width, height, input_width, input_height) < 1:
            raise ValueError(f"picture {width}x{height} into input {input_width}x{input_height}")
        scale = min(input_width / width, input_height / height)
        return cls(width, height, min(1.0, width * scale / input_width),
                   min(1.0, height * scale / input_height))

    def to_dict(self) -> dict[str, Any]:
        return {"picture_width": self.picture_width, "picture_height": self.picture_height,
                "filled_width": self.filled_width, "filled_height": self.filled_height}

    @classmethod
    def from_dict(cls, data: Any) -> Placement:
        """A saved placement; ValueError for anything but the numbers ``to_dict`` writes."""
        if not isinstance(data, dict):
            raise ValueError("placement is not an object")
        sizes: list[Any] = [data.get("picture_width"), data.get("picture_height")]
        shares: list[Any] = [data.get("filled_width"), data.get("filled_height")]
        if not all(type(n) is int and 1 <= n <= MAX_SIDE for n in sizes):
            raise ValueError(f"picture size {sizes} is not two whole numbers from 1 to {MAX_SIDE}")
        if not all(type(x) in (int, float) and math.isfinite(x) for x in shares):
            raise ValueError(f"filled shares {shares} are not two numbers")
        return cls(int(sizes[0]), int(sizes[1]), float(shares[0]), float(shares[1]))

    def to_picture(self, x: float, y: float) -> tuple[float, float]:
        """Input-normalised (x, y) as picture-normalised, clamped to the picture."""
        return (min(max(x / self.filled_width, 0.0), 1.0),
                min(max(y / self.filled_height, 0.0), 1.0))

    def filled_pixels(self, width: int, height: int) -> tuple[int, int]:
        """How many columns and rows of a ``width`` x ``height`` output cover the picture."""
        return (max(1, min(width, round(width * self.filled_width))),
                max(1, min(height, round(height * self.filled_height))))
