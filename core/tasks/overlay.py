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
from core.tasks.pose import PoseResult
from core.tasks.segmentation import SegmentationResult, overlay_on

# Distinct, colour-blind-safe hues (Okabe and Ito), one per class id in turn.
PALETTE = ((230, 159, 0), (86, 180, 233), (0, 158, 115), (240, 228, 66), (0, 114, 178),
           (213, 94, 0), (204, 121, 167), (255, 255, 255))
SKELETON_COLOUR = (0, 158, 115)
KEYPOINT_COLOUR = (240, 228, 66)
MAX_SIDE = 1600  # a larger picture is drawn scaled down: the overlay is for eyes, not pixels


def class_colour(class_id: int) -> tuple[int, int, int]:
    return PALETTE[class_id % len(PALETTE)]


def draw_detections(picture: Image.Image, detections: Detections,
                    max_side: int = MAX_SIDE, scale: float = 1.0) -> Image.Image:
    """A copy of ``picture`` (upright, as the boxes' pixels are) with each box and its label
    and score; lines and text scale with the picture so they read at any size, and ``scale``
    times more where the picture is seen from afar (booth mode)."""
    canvas, factor = _scaled(picture.convert("RGB"), max_side)
    draw = ImageDraw.Draw(canvas)
    side = max(canvas.width, canvas.height)
    line = max(2, int(side * scale) // 200)
    font = ImageFont.load_default(size=max(10, int(side * scale) // 40))
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


def draw_pose(picture: Image.Image, result: PoseResult,
              max_side: int = MAX_SIDE, scale: float = 1.0) -> Image.Image:
    """A copy of ``picture`` with the skeleton's lines and the keypoints scored above the
    threshold; a guessed keypoint is left out, as Coral's examples leave it."""
    canvas, _ = _scaled(picture.convert("RGB"), max_side)
    draw = ImageDraw.Draw(canvas)
    line = max(2, int(max(canvas.width, canvas.height) * scale) // 150)
    for a, b in result.edges():
        draw.line([(a.x * canvas.width, a.y * canvas.height),
                   (b.x * canvas.width, b.y * canvas.height)], fill=SKELETON_COLOUR, width=line)
    radius = line * 1.6
    for k in result.sure():
        x, y = k.x * canvas.width, k.y * canvas.height
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=KEYPOINT_COLOUR,
                     outline=(0, 0, 0), width=max(1, line // 2))
    return canvas


def compose(picture: Image.Image, result: Detections | SegmentationResult | PoseResult,
            max_side: int = MAX_SIDE, scale: float = 1.0) -> Image.Image:
    """The picture with any task's result drawn: boxes, the mask over it, or the skeleton;
    ``scale`` makes lines and labels thicker and larger than the picture's size alone would."""
    if isinstance(result, Detections):
        return draw_detections(picture, result, max_side, scale)
    if isinstance(result, PoseResult):
        return draw_pose(picture, result, max_side, scale)
    return _scaled(overlay_on(picture, result), max_side)[0]


def _scaled(picture: Image.Image, max_side: int) -> tuple[Image.Image, float]:
    """A copy of ``picture`` no larger than ``max_side`` on its longer side, and the factor."""
    factor = min(1.0, max_side / max(picture.width, picture.height, 1))
    if factor < 1.0:
        return picture.resize((max(1, round(picture.width * factor)),
                               max(1, round(picture.height * factor)))), factor
    return picture.copy(), factor


def png_bytes(picture: Image.Image) -> bytes:
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return buffer.getvalue()
