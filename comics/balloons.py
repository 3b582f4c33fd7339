"""Drawing a lettering layout: balloon shapes as one outlined silhouette each, then the text over them.

Each balloon's parts (ellipse and tail, cloud core and bumps, bubbles) are drawn into two masks at three times the
size, a fill mask and an ink mask grown by the outline width, and downsampled: the outline then runs around the
union of the parts, with no seam where the tail joins the ellipse, and every edge is anti-aliased.
"""

import math
from typing import TYPE_CHECKING

from PIL import Image, ImageDraw

from comics import fonts

if TYPE_CHECKING:
    from comics.lettering import LetteringLayout, PlacedBalloon

RGB = tuple[int, int, int]
INK: RGB = (38, 32, 44)
PAPER: RGB = (255, 255, 255)
CAPTION: RGB = (255, 240, 188)
SFX: RGB = (255, 204, 58)
_SS = 3


# What is drawn over what: a tail that has to pass a caption goes behind it, never over its text.
_LAYERS = {"speech": 0, "thought": 0, "caption": 1, "sfx": 2}


def draw_layout(canvas: Image.Image, layout: "LetteringLayout") -> None:
    """Draw every balloon of the layout on an RGBA canvas of the layout's size: speech and thought balloons in
    reading order, then captions, then sound effects."""
    draw = ImageDraw.Draw(canvas)
    for placed in sorted(layout.balloons, key=lambda p: _LAYERS[p.kind]):
        if placed.kind == "sfx":
            _sound_effect(canvas, placed)
            continue
        _shape(canvas, placed)
        for line in placed.lines:
            fonts.draw_text(draw, (line.x, line.baseline), line.text, line.size, INK)


def _region(canvas: Image.Image, placed: "PlacedBalloon") -> tuple[int, int, int, int]:
    box = placed.extent.grown(2)
    return (max(0, math.floor(box.x0)), max(0, math.floor(box.y0)),
            min(canvas.width, math.ceil(box.x1)), min(canvas.height, math.ceil(box.y1)))  # fmt: skip


def _shape(canvas: Image.Image, placed: "PlacedBalloon") -> None:
    x0, y0, x1, y1 = _region(canvas, placed)
    if x1 <= x0 or y1 <= y0:
        return
    size = ((x1 - x0) * _SS, (y1 - y0) * _SS)
    fill, ink = Image.new("L", size, 0), Image.new("L", size, 0)
    fill_pen, ink_pen = ImageDraw.Draw(fill), ImageDraw.Draw(ink)
    grow = placed.outline * _SS

    def local(x: float, y: float) -> tuple[float, float]:
        return ((x - x0) * _SS, (y - y0) * _SS)

    body = (*local(placed.body.x0, placed.body.y0), *local(placed.body.x1, placed.body.y1))
    if placed.shape == "rect":
        fill_pen.rectangle(body, fill=255)
        ink_pen.rectangle(_grown(body, grow), fill=255)
    else:
        fill_pen.ellipse(body, fill=255)
        ink_pen.ellipse(_grown(body, grow), fill=255)
    if placed.tail:
        points = [local(x, y) for x, y in placed.tail]
        fill_pen.polygon(points, fill=255)
        ink_pen.polygon(points, fill=255)
        ink_pen.line(points, fill=255, width=2 * grow, joint="curve")
        for end in (points[0], points[-1]):  # round caps, hidden inside the ellipse
            ink_pen.ellipse(_grown((*end, *end), grow), fill=255)
    if placed.kind == "thought":
        radius = 0.45 * placed.font_size * _SS
        for cx, cy in _cloud_bumps(body, radius):
            fill_pen.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=255)
            ink_pen.ellipse(_grown((cx - radius, cy - radius, cx + radius, cy + radius), grow), fill=255)
    for bubble in placed.bubbles:
        circle = (*local(bubble.x0, bubble.y0), *local(bubble.x1, bubble.y1))
        fill_pen.ellipse(circle, fill=255)
        ink_pen.ellipse(_grown(circle, grow), fill=255)
    paper = CAPTION if placed.kind == "caption" else PAPER
    # reduce() is the box filter's integer case, four times as fast; the colours go straight through the masks.
    canvas.paste((*INK, 255), (x0, y0, x1, y1), ink.reduce(_SS))
    canvas.paste((*paper, 255), (x0, y0, x1, y1), fill.reduce(_SS))


def _grown(box: tuple[float, float, float, float], by: float) -> tuple[float, float, float, float]:
    return (box[0] - by, box[1] - by, box[2] + by, box[3] + by)


def _cloud_bumps(body: tuple[float, float, float, float], radius: float) -> list[tuple[float, float]]:
    """Centres of the bumps around a thought cloud: on its core ellipse, evenly spaced by arc length."""
    cx, cy = (body[0] + body[2]) / 2, (body[1] + body[3]) / 2
    a, b = (body[2] - body[0]) / 2, (body[3] - body[1]) / 2
    samples = [(cx + a * math.cos(2 * math.pi * k / 720), cy + b * math.sin(2 * math.pi * k / 720)) for k in range(720)]
    lengths = [0.0]
    for (px, py), (qx, qy) in zip(samples, [*samples[1:], samples[0]], strict=True):
        lengths.append(lengths[-1] + math.hypot(qx - px, qy - py))
    count = max(8, round(lengths[-1] / (1.5 * radius)))
    centres, k = [], 0
    for i in range(count):
        wanted = lengths[-1] * i / count
        while lengths[k + 1] < wanted:
            k += 1
        centres.append(samples[k])
    return centres


def _sound_effect(canvas: Image.Image, placed: "PlacedBalloon") -> None:
    """The effect's letters in a bright fill with a heavy ink stroke, tilted by the layout's angle."""
    stroke = placed.outline
    w = math.ceil(placed.body.width) + 4 * stroke
    h = math.ceil(placed.body.height) + 4 * stroke
    layer = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    pen = ImageDraw.Draw(layer)
    cx, cy = (placed.body.x0 + placed.body.x1) / 2, (placed.body.y0 + placed.body.y1) / 2
    for line in placed.lines:
        origin = (line.x - cx + w / 2, line.baseline - cy + h / 2)
        fonts.draw_text(pen, origin, line.text, line.size, (*SFX, 255), stroke_width=stroke, stroke_fill=(*INK, 255))
    turned = layer.rotate(placed.angle, resample=Image.Resampling.BICUBIC, expand=True)
    x, y = round(cx - turned.width / 2), round(cy - turned.height / 2)
    canvas.paste(turned, (x, y), turned)
