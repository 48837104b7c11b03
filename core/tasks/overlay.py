"""A backend's result drawn on its own copy of the picture, composed once per result.

One drawing for every place a result is shown as a picture: the ``--save-outputs`` overlay, the
window's and booth mode's panels, the HTML report and the screenshot all show this image, so
they cannot disagree about where a box is. It is made when a result arrives (or a file is
opened), never per live frame: a panel only scales the finished picture.
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

from core.tasks.detection import Detections
from core.tasks.segmentation import SegmentationResult, overlay_on

# Distinct, colour-blind-safe hues (Okabe and Ito), one per class id in turn.
PALETTE = ((230, 159, 0), (86, 180, 233), (0, 158, 115), (240, 228, 66), (0, 114, 178),
           (213, 94, 0), (204, 121, 167), (255, 255, 255))
MAX_SIDE = 1600  # a larger picture is drawn scaled down: the overlay is for eyes, not pixels


def class_colour(class_id: int) -> tuple[int, int, int]:
    return PALETTE[class_id % len(PALETTE)]


def draw_detections(picture: Image.Image, detections: Detections,
                    max_side: int = MAX_SIDE) -> Image.Image:
    """A copy of ``picture`` (upright, as the boxes' pixels are) with each box and its label
    and score; lines and text scale with the picture so they read at any size."""
    canvas = picture.convert("RGB")
    factor = min(1.0, max_side / max(canvas.width, canvas.height, 1))
    if factor < 1.0:
        canvas = canvas.resize((max(1, round(canvas.width * factor)),
                                max(1, round(canvas.height * factor))))
    else:
        canvas = canvas.copy()
    draw = ImageDraw.Draw(canvas)
    side = max(canvas.width, canvas.height)
    line = max(2, side // 200)
    font = ImageFont.load_default(size=max(10, side // 40))
    for d in sorted(detections.items, key=lambda item: item.score):  # the best on top
        colour = class_colour(d.class_id)
        box = [v * factor for v in d.box.to_list()]
        draw.rectangle(box, outline=colour, width=line)
        text = f"{d.label} {d.score:.2f}"
        left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
        x = min(max(box[0], 0.0), max(canvas.width - (right - left) - 2 * line, 0))
        y = box[1] - (bottom - top) - 2 * line
        if y < 0:
            y = box[1]  # no room above the box: inside it, at its top
        draw.rectangle([x, y, x + right - left + 2 * line, y + bottom - top + 2 * line],
                       fill=colour)
        draw.text((x + line - left, y + line - top), text, fill=(0, 0, 0), font=font)
    return canvas


def compose(picture: Image.Image, result: Detections | SegmentationResult,
            max_side: int = MAX_SIDE) -> Image.Image:
    """The picture with any task's result drawn: boxes, or the mask over it."""
    if isinstance(result, Detections):
        return draw_detections(picture, result, max_side)
    drawn = overlay_on(picture, result)
    factor = max_side / max(drawn.width, drawn.height, 1)
    if factor < 1.0:
        drawn = drawn.resize((max(1, round(drawn.width * factor)),
                              max(1, round(drawn.height * factor))))
    return drawn


def png_bytes(picture: Image.Image) -> bytes:
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return buffer.getvalue()
