"""A sheet's person drawn again for a panel: in the panel's pose and expression, facing its way, at the size it
takes there (a close-up stays crisp: it is drawn at that size, not enlarged from the sheet)."""

from __future__ import annotations

import math
from functools import lru_cache

from PIL import Image

from domain.style import Style
from providers.offline.drawing.creatures import MOVING, CreatureLook, draw_creature, drawn_pose
from providers.offline.drawing.humanoids import HumanLook, draw_humanoid, headroom
from providers.offline.drawing.objects import ObjectLook, draw_object_view
from providers.offline.drawing.paper import SS
from providers.offline.drawing.styles import drawing_in, finish
from providers.offline.drawing.waters import diving_helmet

WIDTH_PER_HEIGHT = 0.62  # about how wide a standing figure's ink is, for fitting it to a slot
_FALLEN_TILT = 78  # degrees: a fallen figure lies nearly flat, head away from the way it faced


def posed_figure(
    look: HumanLook,
    style: Style,
    pose: str,
    expression: str,
    view: str,
    mirror: bool,
    height: int,
    rows: int | None = None,
    diver: bool = False,
) -> Image.Image:
    """The figure `height` pixels tall (a tall hat above that), cropped to its ink, in `style`; or, given `rows`,
    only its top `rows` of a figure whose hat and all are `height` tall, cropped at its sides only (placed `height`
    above its feet, a close-up's cut edge then stays on the frame's, and its face where a bareheaded one's is).

    `diver` puts a diver's glass helmet on it (under the sea, waters.py).

    Cached per process: a comic's panels repeat figures (one speaker in several panels, two in a dialogue), and the
    same arguments always draw the same pixels. Callers never modify the returned image in place.
    """
    return _posed(look, style, pose, expression, view, mirror, height, rows, diver)[0]


def posed_face(
    look: HumanLook,
    style: Style,
    pose: str,
    expression: str,
    view: str,
    mirror: bool,
    height: int,
    rows: int | None = None,
    diver: bool = False,
) -> tuple[float, float, float, float] | None:
    """Where posed_figure's figure (the same arguments) has its face, the head's round from the hairline to the
    chin, as a box in that image's pixels; None for a fallen one (tilted: its head is at the end it fell toward)."""
    return _posed(look, style, pose, expression, view, mirror, height, rows, diver)[1]


def clear_posed() -> None:
    """Forget the people posed_figure has drawn."""
    _posed.cache_clear()


# The head's round in figure units (a figure is 104 tall, its pen 4.2 of them below its layer's top, hat aside).
_FACE_UNITS = (-12.5, 1.0, 12.5, 27.5)


@lru_cache(maxsize=48)
def _posed(
    look: HumanLook,
    style: Style,
    pose: str,
    expression: str,
    view: str,
    mirror: bool,
    height: int,
    rows: int | None = None,
    diver: bool = False,
) -> tuple[Image.Image, tuple[float, float, float, float] | None]:
    if rows:  # a hat shares the height with the figure: in a close-up the face stays in the frame, under the hat
        height = round(height / (1 + headroom(look)))
    with drawing_in(style):
        big = draw_humanoid(look, view, height * SS, pose, expression, mirror, rows * SS if rows else None)
        if diver:
            diving_helmet(big, look, view, height * SS, mirror)
    figure, (ox, oy) = _reduced(big, whole_height=bool(rows))
    unit = height / 104
    across, down = big.width / SS / 2, height * 0.04 + round(height * SS * headroom(look)) / SS
    x0, y0, x1, y1 = _FACE_UNITS
    face: tuple[float, float, float, float] | None = (
        across + x0 * unit - ox,
        down + y0 * unit - oy,
        across + x1 * unit - ox,
        down + y1 * unit - oy,
    )
    if pose == "fall":  # tilted once reduced: at SS times the size, the rotation cost more than the rest together
        figure = figure.rotate(_FALLEN_TILT if mirror else -_FALLEN_TILT, Image.Resampling.BICUBIC, expand=True)
        face = None
    figure = finish(figure, style)
    bbox = figure.getchannel("A").getbbox()
    if bbox is None:
        return figure, None
    left, top = bbox[0], 0 if rows else bbox[1]
    if face is not None:
        face = (face[0] - left, face[1] - top, face[2] - left, face[3] - top)
    if rows:  # a cut-off figure keeps its cut edge, and its top where it is placed
        return figure.crop((bbox[0], 0, bbox[2], figure.height)), face
    return figure.crop(bbox), face


# Degrees up at the head end: rearing up, head hung low, or lowered to charge.
_CREATURE_TILT = {"rear": 14.0, "low": -8.0, "charge": -7.0}
_LIFT = {"fly": 0.3}  # clear air under a flying creature, over its height: it flies above its shadow


@lru_cache(maxsize=12)
def drawn_creature(
    look: CreatureLook,
    style: Style,
    height: float,
    max_w: float,
    mirror: bool,
    pose: str = "stand",
    mood: str = "sheet",
) -> tuple[Image.Image, tuple[float, float], float]:
    """The creature's side view with its ink `height` pixels tall (at most `max_w` wide), facing left if `mirror`,
    in `style`, cropped to its ink; drawn at that size (crisp where an enlarged sheet cut-out was soft); and the
    centre of its head in fractions of that image (lettering keeps balloons off it), and half its head's width in
    fractions of the image's (staging keeps it clear of the people in front). Cached like posed_figure.

    `pose` "rear" tilts it up at the head end (rising, looming), "low" hangs its head, "charge" lowers it to run at
    something; "run", "fly" and "charge" draw it moving (creatures.draw_creature), "fly" with clear air under it (in
    the image: it stands where a standing one would, above its shadow); `mood` is its face."""
    tilt = _CREATURE_TILT.get(pose, 0.0) * (-1 if mirror else 1)
    lift = _LIFT.get(drawn_pose(look.kind, pose, look.wings), 0.0)
    height = height / (1 + lift)
    share_w, share_h = _ink_share(look, pose, _CREATURE_TILT.get(pose, 0.0))  # as tilted: no resizing after
    if pose in MOVING:  # the same size as standing: a gallop or a surge is lower and longer, not larger
        share_h = max(share_h, _ink_share(look, "stand", 0.0)[1])  # keyed as a standing one is, one sample
    canvas_h = max(8, round(min(height / share_h, max_w / share_w)))
    with drawing_in(style):
        big, (hx0, hy0, hx1, hy1) = draw_creature(look, canvas_h * SS, mood, pose)
    head_x, head_y, head_half = (hx0 + hx1) / 2 / SS, (hy0 + hy1) / 2 / SS, (hx1 - hx0) / 2 / SS
    figure, (ox, oy) = _reduced(big)
    head_x, head_y = head_x - ox, head_y - oy
    if mirror:  # once reduced: a quarter of the pixels to flip
        figure = figure.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
        head_x = figure.width - head_x
    if tilt:  # after reducing (cheaper); the head turns with the body about the centre
        cx, cy = figure.width / 2, figure.height / 2
        figure = figure.rotate(tilt, Image.Resampling.BILINEAR, expand=True)
        angle = math.radians(tilt)
        dx, dy = head_x - cx, head_y - cy
        head_x = dx * math.cos(angle) + dy * math.sin(angle) + figure.width / 2
        head_y = -dx * math.sin(angle) + dy * math.cos(angle) + figure.height / 2
    figure = finish(figure, style)
    x0, y0, x1, y1 = figure.getchannel("A").getbbox() or (0, 0, figure.width, figure.height)
    figure = figure.crop((x0, y0, x1, y1))
    head_x, head_y = head_x - x0, head_y - y0
    fit = min(1.0, height / figure.height, max_w / figure.width)
    if fit < 0.98:  # tilted, it still grew taller or wider than its room
        figure = figure.resize((max(1, round(figure.width * fit)), max(1, round(figure.height * fit))),
                               Image.Resampling.LANCZOS)  # fmt: skip
        head_x, head_y = head_x * fit, head_y * fit
    if lift:
        aloft = Image.new("RGBA", (figure.width, round(figure.height * (1 + lift))), (0, 0, 0, 0))
        aloft.paste(figure, (0, 0))
        figure = aloft
    head = (min(max(head_x / figure.width, 0.0), 1.0), min(max(head_y / figure.height, 0.0), 1.0))
    return figure, head, head_half * fit / figure.width


@lru_cache(maxsize=8)
def drawn_object(look: ObjectLook, style: Style, height: int, fallen: bool) -> Image.Image:
    """The object's hero view with its ink `height` pixels tall (tilted flat if `fallen`, as a fallen cut-out is),
    in `style`, cropped to its ink: drawn at that size, where its sheet's cut-out enlarged would be soft."""
    share = _object_share(look)
    with drawing_in(style):
        big = draw_object_view(look.kind, look.palette, "hero", max(8, round(height / share)) * SS)
    figure, _ = _reduced(big)
    figure = finish(figure, style)
    figure = figure.crop(figure.getchannel("A").getbbox() or (0, 0, figure.width, figure.height))
    if fallen:
        figure = figure.rotate(-78, Image.Resampling.BICUBIC, expand=True)
    return figure


@lru_cache(maxsize=16)
def _object_share(look: ObjectLook) -> float:
    """How much of its layer's height an object's hero view spans."""
    sample = draw_object_view(look.kind, look.palette, "hero", 200)
    _, y0, _, y1 = sample.getchannel("A").getbbox() or (0, 0, 200, 200)
    return max(0.05, (y1 - y0) / 200)


def creature_aspect(look: CreatureLook, pose: str) -> float:
    """How much wider than tall the creature is drawn in `pose` (as drawn_creature tilts it)."""
    share_w, share_h = _ink_share(look, pose, _CREATURE_TILT.get(pose, 0.0))
    if pose in MOVING:
        share_h = max(share_h, _ink_share(look, "stand", 0.0)[1])
    return share_w / share_h


def _reduced(image: Image.Image, whole_height: bool = False) -> tuple[Image.Image, tuple[int, int]]:
    """The supersampled layer averaged down SS times (the anti-aliasing the sheets get), and where that starts in
    the whole layer reduced. Without premultiplied alpha (a tenth of resize's cost): where an edge averages with the
    transparent black around it, it is ink anyway.

    Only its ink's box is averaged, at edges on the SS grid so the pixels are those of the whole layer reduced:
    about half of a figure's layer is empty, and averaging it cost more than drawing. `whole_height` keeps the top
    and bottom (a close-up's cut edge)."""
    box = image.getbbox()  # of the alpha: where anything is drawn
    if box is None:
        return image.reduce(SS), (0, 0)  # nothing drawn: its average is as empty
    x0, x1 = box[0] // SS * SS, min(image.width, -(-box[2] // SS) * SS)
    y0, y1 = (0, image.height) if whole_height else (box[1] // SS * SS, min(image.height, -(-box[3] // SS) * SS))
    # The core's box average over the box in place (no copy of it): Image.reduce would premultiply the alpha (two
    # conversions of the whole layer, costing more than the average itself), and the figure is ink wherever its
    # edge meets the transparent ground anyway.
    return image._new(image.im.reduce((SS, SS), (x0, y0, x1, y1))), (x0 // SS, y0 // SS)


@lru_cache(maxsize=64)
def _ink_share(look: CreatureLook, pose: str = "stand", tilt: float = 0.0) -> tuple[float, float]:
    """How much of draw_creature's canvas height the creature's ink spans, across and down (by its body plan and
    `pose`), tilted by `tilt` degrees (up at the head end) as drawn_creature tilts it."""
    sample, _ = draw_creature(look, 200, pose=pose)
    if tilt:
        sample = sample.rotate(tilt, Image.Resampling.BILINEAR, expand=True)
    x0, y0, x1, y1 = sample.getchannel("A").getbbox() or (0, 0, sample.width, sample.height)
    return (x1 - x0) / 200, (y1 - y0) / 200
