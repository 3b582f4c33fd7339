"""The vehicle the cast is in (vehicles.py reads which), drawn round them after they are staged (`draw_aboard`,
called by panels.py). Its inside (a boat's far gunwale, a basket's far wall, a balloon's envelope and ropes) goes
behind the people, where the staging drew nothing; its near side in front of them:

- in a line-up (an establishing or medium shot, or no one aboard) its side over their legs, a rower or a balloon's
  riders seen sitting or standing in it (from the waist, from the chest up), a rower's oars crossing the gunwale;
- close up, its gunwale across the chest, a boat's bow rising at the frame's side;
- over a shoulder, looking along it: the speaker at its far end (its side over their legs), its floor between, the
  near gunwale across the frame's foot in front of the listener.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PIL import Image, ImageChops, ImageDraw

from domain.style import Style
from providers.offline.drawing.aboard_road import ROAD, bicycle, cabin, car_body, door_close, glass, handlebars
from providers.offline.drawing.colour import INK, RGB, darker, lighter, rng
from providers.offline.drawing.paper import SS
from providers.offline.drawing.scenery import Scene
from providers.offline.drawing.styles import finish
from providers.offline.drawing.vehicles import WATERBORNE, aboard, cart_wheel, draw_envelope, rim_point

if TYPE_CHECKING:
    from providers.offline.drawing.staging import CastMember

Point = tuple[float, float]
Box = tuple[float, float, float, float]
_At = Callable[[float, float], Point]  # panel pixels to the supersampled layer's


@dataclass(frozen=True)
class Frame:
    """Where a vehicle's side is drawn (panel pixels): its span across, its gunwale (the side's top), the riders'
    feet (its keel) and the riders' height (a hat aside), which its parts are sized by."""

    x0: float
    x1: float
    gunwale: float
    feet: float
    tall: float


@dataclass(frozen=True)
class Rig:
    """A balloon's envelope (centre x, y and radii, panel pixels) and its ropes, each from a point on the
    envelope's lower rim down to a corner of the basket's rim."""

    envelope: tuple[float, float, float, float]
    ropes: tuple[tuple[Point, Point], ...]


# How much of a rider's height the side covers from the feet: a rower sits (the gunwale at the waist), a balloon's
# riders stand in the basket seen from the chest up, a raft's stand on it.
COVER = {"rowing-boat": 0.46, "canoe": 0.42, "raft": 0.08, "sledge": 0.3, "cart": 0.42, "balloon": 0.5}
# How far above the near gunwale the far one shows (of the riders' height): the inside seen from a little above.
_DEPTH = {"rowing-boat": 0.1, "canoe": 0.07, "raft": 0.05, "sledge": 0.0, "cart": 0.06, "balloon": 0.08}
_LENGTH = {"rowing-boat": 1.4, "canoe": 1.7}  # a boat's least length, of its riders' height
_CARS = ((200, 60, 50), (60, 110, 180), (236, 190, 60), (90, 150, 100))
_PAINTS = ((60, 100, 160), (180, 60, 50), (60, 130, 96), (236, 230, 214))
_WICKER = (186, 140, 84)
_WOOD = (156, 106, 60)


def draw_aboard(
    canvas: Image.Image, bare: Image.Image, scene: Scene, riders: Sequence[CastMember], shot: str, style: Style
) -> None:
    """Draw the vehicle the cast is in round `riders` as staged on `canvas` (in place): its inside behind them (where
    `canvas` is still `bare`, the scenery they were staged on), its sides in front (see the module's docstring)."""
    kind = aboard(scene)
    if kind is None:
        return
    width, height = canvas.size
    pick = rng("aboard", scene.seed).random()
    if kind in ROAD:
        return _road(canvas, bare, kind, riders, shot, style, pick)
    paint = (120, 78, 46) if kind == "canoe" else _PAINTS[int(pick * len(_PAINTS))]
    paint = {"balloon": _WICKER, "cart": _WOOD, "sledge": (164, 112, 66), "raft": (150, 110, 70)}.get(kind, paint)
    hay = "hay" in scene.seed.lower()
    near: Frame | None = None  # over a shoulder: its near side across the foot, the speaker at its far end
    listener: Box | None = None
    if shot == "over-the-shoulder" and len(riders) == 2:  # looking along it, from the listener's place
        far, near_one = sorted(riders, key=lambda m: m.box[3] - m.box[1])
        listener = near_one.box
        frame = line_frame(kind, [far], canvas.size, clear_of=listener)
        foot = 0.93 if kind == "raft" else 0.84  # a raft's logs underfoot, low; a boat's gunwale over the lap
        near = Frame(-0.06 * width, 1.06 * width, foot * height, 1.04 * height, 0.6 * height)
        rower: Box | None = far.box
        rider_top: float = far.box[1]
    elif shot in ("close-up", "over-the-shoulder"):  # seen from aboard: its gunwale across the chest
        frame = near_frame(kind, riders[0].face if riders else None, canvas.size)
        rower = riders[0].box if riders else None
        rider_top = min((m.box[1] for m in riders), default=0.0)
    else:
        frame = line_frame(kind, riders, canvas.size)
        rower = riders[0].box if riders else None
        rider_top = min((m.box[1] for m in riders), default=frame.gunwale - 0.9 * frame.tall)
    rig = None
    if kind == "balloon":
        corners = frame if shot != "close-up" else Frame(0.06 * width, 0.94 * width, *_rest(frame))
        rig = balloon_rig(corners, rider_top, canvas.size)
    # Each layer only as large as what goes on it (a full supersampled panel is costly to fill and reduce).
    sides = [_reach(frame), *([_reach(near)] if near else [])]
    # Behind: the inside over the gunwale (a boat's rises at its ends), a floor down to the near side, the rig.
    inside = (frame.x0 - 4, frame.gunwale - 0.3 * frame.tall, frame.x1 + 4, frame.gunwale + 0.02 * frame.tall)
    floor = [] if near is None else [(near.x0, frame.gunwale - 4, near.x1, near.feet)]
    behind = _Layer(canvas.size, _union([inside, *floor, *([_hull(rig)] if rig else [])]))
    front = _Layer(canvas.size, _union(sides[-1:]))
    if near is not None and kind not in ("balloon", "sledge"):  # a basket's, a sledge's floor is out of sight
        _floor(behind, kind, paint, near, frame)
    _inside(behind, kind, paint, frame)
    if rig is not None:
        _rig(behind, rig)
    _side(front, kind, paint, near or frame, canvas, hay)
    far_front = front if near is None else _Layer(canvas.size, sides[0])  # the far end: behind the listener
    if near is not None:
        _side(far_front, kind, paint, frame, canvas, hay)
    if kind == "rowing-boat" and rower is not None:
        for handle, blade in oars(rower, frame, shot == "close-up"):
            _oar(far_front, handle, blade, frame.tall)
    elif kind in ("canoe", "raft"):
        _paddle(far_front, frame)
    if listener is not None:  # pasted first: behind the listener alone
        far_front.paste(canvas, style, _staged(canvas, bare, [listener]))
    # Behind the riders (and the far end's side, pasted already), not behind a creature beside the vehicle.
    kept = [m.box for m in riders] + ([_reach(frame)] if listener is not None else [])
    behind.paste(canvas, style, _staged(canvas, bare, kept))
    front.paste(canvas, style, None)


def _road(canvas: Image.Image, bare: Image.Image, kind: str, riders: Sequence[CastMember], shot: str, style: Style,
          pick: float) -> None:  # fmt: skip
    """A car, a bus or a bicycle round its riders (aboard_road.py); close up, its door (its handlebars) across the
    chest; over a shoulder, the speaker's, the listener beside it in front."""
    size = width, height = canvas.size
    paint = {"car": _CARS[int(pick * len(_CARS))], "bus": (204, 40, 40), "bicycle": (40, 110, 170)}[kind]
    if shot == "close-up" or (shot == "over-the-shoulder" and len(riders) != 2):
        face = riders[0].face if riders else None
        gunwale = near_frame(kind, face, size).gunwale
        layer = _Layer(size, (0, 0 if kind != "bicycle" else gunwale - 0.1 * height, width, height))
        (handlebars if kind == "bicycle" else door_close)(layer.draw, layer.p, layer.line, face, size, gunwale, paint)
        layer.paste(canvas, style, None)
        return
    hide = None
    boxes: list[Box] = [m.box for m in riders]
    talls = sorted(m.drawn_h or (m.box[3] - m.box[1]) for m in riders)
    if shot == "over-the-shoulder":  # the speaker's beyond; the listener stands by it, in front
        far, near_one = sorted(riders, key=lambda m: m.box[3] - m.box[1])
        boxes, talls, hide = [far.box], [far.drawn_h or far.box[3] - far.box[1]], _staged(canvas, bare, [near_one.box])
    if not boxes:  # no one aboard this panel: it alone, where they would be
        boxes, talls = [(0.42 * width, 0.5 * height, 0.58 * width, 0.9 * height)], [0.4 * height]
    tall = talls[len(talls) // 2]
    if kind == "bicycle":
        reach = [(b[0] - 0.6 * tall, b[3] - 0.7 * tall, b[2] + 0.6 * tall, b[3] + 0.05 * tall) for b in boxes]
        layer = _Layer(size, _union(reach))
        ahead = [m.faces_left for m in riders] if len(riders) == len(boxes) else [False] * len(boxes)
        middles = [(b[0] + b[2]) / 2 for b in boxes]
        for box, left, middle in zip(boxes, ahead, middles, strict=True):
            room = min([abs(middle - other) / 2 for other in middles if other != middle] or [width])
            bicycle(layer.draw, layer.p, layer.line, box, tall, left, paint, room)
        layer.paste(canvas, style, hide)
        return
    body = cabin(kind, boxes, tall)
    bounds = (body[0] - 4, body[2] - 0.08 * tall, body[1] + 4, body[4] + 0.06 * tall)
    behind, front = _Layer(size, bounds), _Layer(size, bounds)
    glass(behind.draw, behind.p, kind, body, tall)
    middles = sorted((b[0] + b[2]) / 2 for b in boxes)
    gaps = [(a + b) / 2 for a, b in itertools.pairwise(middles)]
    car_body(front.draw, front.p, front.line, kind, body, tall, paint, gaps)
    behind.paste(canvas, style, _staged(canvas, bare, [m.box for m in riders]))
    front.paste(canvas, style, hide)


def _reach(frame: Frame) -> Box:
    """Where a vehicle's side (its oars, a paddle, a sledge's handlebar and traces) may draw, its inside too."""
    span = frame.x1 - frame.x0
    return (frame.x0 - 0.4 * frame.tall, frame.gunwale - 0.4 * frame.tall,
            frame.x1 + 0.2 * span + 0.6 * frame.tall, frame.feet + 0.05 * frame.tall)  # fmt: skip


def _hull(rig: Rig) -> Box:
    cx, cy, rx, ry = rig.envelope
    xs = [cx - rx, cx + rx, *(x for _, (x, _) in rig.ropes)]
    return (min(xs) - 4, cy - ry - 4, max(xs) + 4, max(y for _, (_, y) in rig.ropes) + 4)


def _union(boxes: Sequence[Box]) -> Box:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _rest(frame: Frame) -> tuple[float, float, float]:
    return frame.gunwale, frame.feet, frame.tall


def line_frame(kind: str, riders: Sequence[CastMember], size: tuple[int, int], clear_of: Box | None = None) -> Frame:
    """The side of a vehicle in front of a line of riders (their boxes, pixels, feet at the bottom), wide enough for
    one to sit in (or, no one aboard, where they would be); `clear_of`: a box it stops short of (a listener's)."""
    width, height = size
    if not riders:
        tall = 0.45 * height
        return Frame(0.3 * width, 0.7 * width, 0.9 * height - COVER[kind] * tall, 0.9 * height, tall)
    x0: float = min(m.box[0] for m in riders)
    x1: float = max(m.box[2] for m in riders)
    feet = max(m.box[3] for m in riders)
    heights = sorted(m.drawn_h or (m.box[3] - m.box[1]) for m in riders)  # a hat aside: it does not sit lower
    tall = heights[len(heights) // 2]
    least = (0.3 if clear_of else 0.42) * width
    if kind in _LENGTH and not clear_of:  # a boat longer than its rower is tall: a boat, not a tub
        least = max(least, _LENGTH[kind] * tall)
    pad = max(0.07 * width, (least - (x1 - x0)) / 2)
    x0, x1 = x0 - pad, x1 + pad
    if clear_of is not None:  # its far end stops short of the listener in front
        if clear_of[0] > (x0 + x1) / 2:
            x1 = min(x1, max(clear_of[0] - 0.02 * width, x1 - pad))
        else:
            x0 = max(x0, min(clear_of[2] + 0.02 * width, x0 + pad))
    return Frame(x0, x1, feet - COVER[kind] * tall, feet, tall)


def near_frame(kind: str, face: Box | None, size: tuple[int, int]) -> Frame:
    """The near side across a close-up's frame: its gunwale across the chest (under the face's chin by half the
    face), a boat's bow in the frame on the side away from the face."""
    width, height = size
    gunwale = 0.8 * height  # across the chest, a head and shoulders over it, not a band at the frame's foot
    if face is not None:
        gunwale = min(gunwale, face[3] + 0.45 * (face[3] - face[1]))
    if kind == "raft":  # stood on, not sat in: its logs at the frame's foot, under the chest
        gunwale = 0.93 * height
    x0, x1 = -0.06 * width, 1.06 * width
    if kind in WATERBORNE and kind != "raft":  # its bow rising in the frame, not a plank across it
        left = face is not None and (face[0] + face[2]) / 2 > width / 2
        x0, x1 = (-0.45 * width, 0.95 * width) if not left else (0.05 * width, 1.45 * width)
    return Frame(x0, x1, gunwale, 1.04 * height, 0.6 * height)


def balloon_rig(basket: Frame, top: float, size: tuple[int, int]) -> Rig:
    """The envelope over a basket, its lowest point above `top` (the riders' hats), wider than the basket, and the
    ropes from its lower rim to the basket rim's corners."""
    width, height = size
    cx = (basket.x0 + basket.x1) / 2
    rx = max(0.55 * (basket.x1 - basket.x0), 0.2 * width)
    ry = 1.05 * rx
    cy = min(top, basket.gunwale - 0.5 * basket.tall) - 0.04 * height - ry
    envelope = (cx, cy, rx, ry)
    ropes = tuple((rim_point(envelope, x), (x, basket.gunwale)) for x in (basket.x0, basket.x1))
    return Rig(envelope, ropes)


def oars(rower: Box, frame: Frame, close: bool) -> list[tuple[Point, Point]]:
    """A rower's two oars (handle, blade: pixels), from the hands at either side of the body down across the
    gunwale and out into the water."""
    x0, _, x1, _ = rower
    cx = (x0 + x1) / 2
    reach = (x1 - x0) * (0.5 if close else 0.9)
    g = frame.gunwale
    found = []
    for side in (-1, 1):
        handle = (cx + side * reach * 0.35, g - 0.06 * frame.tall)
        blade = (cx + side * reach * (1.6 if close else 1.4), frame.feet - (0.0 if close else 0.08) * frame.tall)
        found.append((handle, blade))
    return found


def _staged(canvas: Image.Image, bare: Image.Image, within: Sequence[Box]) -> Callable[[Box], Image.Image]:
    """Where the staging drew on the scenery inside the boxes `within` (the riders', their shadows and tags; not a
    creature beside them, which the vehicle is in front of), cut to a box: white on black."""

    def mask(box: Box) -> Image.Image:
        region = (round(box[0]), round(box[1]), round(box[2]), round(box[3]))
        drawn = ImageChops.difference(canvas.crop(region), bare.crop(region)).convert("L")
        drawn = drawn.point(lambda v: 255 if v > 10 else 0)
        keep = Image.new("L", drawn.size, 0)
        left, top = region[:2]
        for x0, y0, x1, y1 in within:
            keep.paste(255, (round(x0) - left, round(y0) - top, round(x1) - left, round(y1) - top))
        return ImageChops.multiply(drawn, keep)

    return mask


class _Layer:
    """A supersampled drawing over a part of the panel (`bounds`, panel pixels; made when first drawn on)."""

    def __init__(self, size: tuple[int, int], bounds: Box) -> None:
        self.left, self.top = max(0, math.floor(bounds[0])), max(0, math.floor(bounds[1]))
        self.right, self.bottom = min(size[0], math.ceil(bounds[2])), min(size[1], math.ceil(bounds[3]))
        self.line = max(2, round(size[0] / 300)) * SS
        self._image: Image.Image | None = None
        self._draw: ImageDraw.ImageDraw | None = None

    @property
    def draw(self) -> ImageDraw.ImageDraw:
        if self._draw is None:
            size = (max(1, self.right - self.left) * SS, max(1, self.bottom - self.top) * SS)
            self._image = Image.new("RGBA", size, (0, 0, 0, 0))
            self._draw = ImageDraw.Draw(self._image)
        return self._draw

    def p(self, x: float, y: float) -> Point:
        return ((x - self.left) * SS, (y - self.top) * SS)

    def paste(self, canvas: Image.Image, style: Style, hide: Callable[[Box], Image.Image] | None) -> None:
        """Onto `canvas`, finished as the figures are, but where `hide` (the mask of what stays in front of it,
        cut to a box) is white."""
        if self._image is None or self.right <= self.left or self.bottom <= self.top:
            return
        part = finish(self._image.reduce(SS), style)
        alpha = part.getchannel("A")
        if hide is not None:
            alpha = ImageChops.subtract(alpha, hide((self.left, self.top, self.right, self.bottom)))
        canvas.paste(part, (self.left, self.top), alpha)


def _sheer(kind: str, frame: Frame) -> list[Point]:
    """A boat's gunwale from stern to bow, rising at its ends (most at the bow), flatter seen close."""
    span = frame.x1 - frame.x0
    rise = (0.1 if kind == "rowing-boat" else 0.05) * frame.tall * (0.5 if span > 2 * frame.tall else 1.0)
    return [(frame.x0 + span * t, frame.gunwale - rise * ((2 * t - 1) ** 4) * (1.4 if t > 0.5 else 1.0))
            for t in (i / 16 for i in range(17))]  # fmt: skip


def _inside(layer: _Layer, kind: str, paint: RGB, frame: Frame) -> None:
    """The inside of its far side, above the near gunwale: seen from a little above, behind the riders."""
    depth = _DEPTH[kind] * frame.tall
    if depth <= 0:
        return
    p, line = layer.p, layer.line
    if kind in ("rowing-boat", "canoe"):
        near = _sheer(kind, frame)
        n = len(near) - 1
        far = [(x, y - depth * math.sin(math.pi * i / n) ** 0.5) for i, (x, y) in enumerate(near)]
        layer.draw.polygon([p(*q) for q in (*far, *reversed(near))], fill=darker(paint, 0.45), outline=INK, width=line)
        layer.draw.line([p(*q) for q in far], fill=lighter(paint, 0.25), width=line)
        return
    x0, x1, g = frame.x0, frame.x1, frame.gunwale
    top = g - depth
    if kind == "raft":  # the deck of logs the riders stand on
        layer.draw.rectangle((*p(x0, top), *p(x1, g)), fill=lighter(paint, 0.15), outline=INK, width=line)
        return
    layer.draw.rectangle((*p(x0, top), *p(x1, g)), fill=darker(paint, 0.35), outline=INK, width=line)
    layer.draw.line((*p(x0, top), *p(x1, top)), fill=darker(paint, 0.1), width=line * 2)  # the far rim


def _floor(layer: _Layer, kind: str, paint: RGB, near: Frame, far: Frame) -> None:
    """Its floor seen along it, from the near gunwale across the frame's foot up to its far end."""
    p = layer.p
    shape = [(near.x0, near.feet), (near.x1, near.feet), (near.x1, near.gunwale), (far.x1, far.gunwale),
             (far.x0, far.gunwale), (near.x0, near.gunwale)]  # fmt: skip
    layer.draw.polygon([p(*q) for q in shape], fill=darker(paint, 0.3), outline=INK, width=layer.line)
    for k in range(1, 6):  # boards running toward the far end
        t = k / 6
        bottom = (near.x0 + (near.x1 - near.x0) * t, near.feet)
        layer.draw.line((*p(*bottom), *p(far.x0 + (far.x1 - far.x0) * t, far.gunwale)), fill=darker(paint, 0.45),
                        width=layer.line)  # fmt: skip


def _side(layer: _Layer, kind: str, paint: RGB, frame: Frame, canvas: Image.Image, hay: bool) -> None:
    """The near side of the vehicle over the riders' legs."""
    if kind in WATERBORNE:
        _boat(layer, kind, paint, frame, _water_colour(canvas, frame))
    elif kind == "sledge":
        _sledge(layer, frame)
    elif kind == "cart":
        _cart(layer, frame, hay)
    else:
        _basket(layer, frame)


def _water_colour(canvas: Image.Image, frame: Frame) -> RGB:
    """The water's colour beside the hull, where it floats (sampled from the scene at its side)."""
    width, height = canvas.size
    x = frame.x0 - 6 if frame.x0 > 12 else min(width - 1, frame.x1 + 6)
    pixel = canvas.getpixel((min(max(0, round(x)), width - 1), min(height - 1, round(frame.feet))))
    assert isinstance(pixel, tuple)
    return (pixel[0], pixel[1], pixel[2])


def _boat(layer: _Layer, kind: str, paint: RGB, frame: Frame, water: RGB) -> None:
    """A rowing boat's (or a dugout's, or a raft's) near side over the cast's legs, the water lapping along it."""
    p, draw, line = layer.p, layer.draw, layer.line
    x0, x1, g, feet, tall = frame.x0, frame.x1, frame.gunwale, frame.feet, frame.tall
    span = x1 - x0
    if kind == "raft":
        for k in range(7):  # log ends, lashed side by side
            cx = x0 + span * (k + 0.5) / 7
            draw.rectangle((*p(cx - span / 14, g), *p(cx + span / 14, feet + 0.03 * tall)), fill=paint, outline=INK,
                           width=line)  # fmt: skip
        draw.line((*p(x0, g + 0.05 * tall), *p(x1, g + 0.05 * tall)), fill=(90, 60, 40), width=line * 2)
    else:
        keel = feet - 0.01 * tall  # above the name tags under the feet
        sheer = _sheer(kind, frame)
        stern = x0 + span * (0.03 if kind == "rowing-boat" else 0.1)
        # A raked stem curving down to the keel, and a transom slanting under the stern: a boat's lines, not a tub's.
        turns = [a * math.pi / 8 for a in range(1, 5)]
        stem = [(x1 - span * (0.03 + 0.17 * (1 - math.cos(a))), g + (keel - g) * math.sin(a)) for a in turns]
        hull = [*sheer, *stem, (stern + span * 0.12, keel), (stern, sheer[0][1] + 0.45 * (keel - g))]
        draw.polygon([p(*q) for q in hull], fill=paint, outline=INK, width=line)
        for depth in (0.33, 0.66):  # strakes
            draw.line([p(x, y + (keel - y) * depth * 0.9) for x, y in sheer[1:-1]], fill=darker(paint, 0.25),
                      width=line)  # fmt: skip
        below = _below(hull, feet - 0.08 * tall)  # under the waterline, the hull seen through the water
        if len(below) >= 3:
            draw.polygon([p(*q) for q in below], fill=_mix(paint, water, 0.7))
        draw.line([p(*q) for q in sheer], fill=lighter(paint, 0.35) if kind == "rowing-boat" else darker(paint, 0.2),
                  width=line * 2)  # fmt: skip
    wl = feet - 0.08 * tall  # a white crest of ripples along the waterline
    crest = [(x0 - 0.02 * span + k * span * 1.04 / 24, wl + 0.012 * tall * math.sin(k * 1.3)) for k in range(25)]
    draw.line([p(*q) for q in crest], fill=(246, 250, 252), width=line * 2)


def _oar(layer: _Layer, handle: Point, blade: Point, tall: float) -> None:
    """An oar from the rower's hand down over the gunwale, its blade in the water."""
    p, line = layer.p, layer.line
    layer.draw.line((*p(*handle), *p(*blade)), fill=(170, 130, 80), width=line * 2)
    bx, by = blade
    layer.draw.ellipse((*p(bx - 0.05 * tall, by - 0.025 * tall), *p(bx + 0.05 * tall, by + 0.025 * tall)),
                       fill=(170, 130, 80), outline=INK, width=line)  # fmt: skip


def _paddle(layer: _Layer, frame: Frame) -> None:
    """A paddle (a raft's pole) from the gunwale down into the water ahead, its blade under the surface."""
    span = frame.x1 - frame.x0
    ox, oy = frame.x0 + span * 0.72, frame.gunwale - 0.02 * frame.tall
    ex, ey = frame.x1 + 0.1 * span, frame.feet - 0.03 * frame.tall
    _oar(layer, (ox - 0.15 * (ex - ox), oy - 0.15 * (ey - oy)), (ex, ey), frame.tall)


def _mix(a: RGB, b: RGB, t: float) -> RGB:
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))


def _below(polygon: Sequence[Point], y: float) -> list[Point]:
    """The part of a polygon below the row `y` (Sutherland-Hodgman against one edge)."""
    out: list[Point] = []
    for (ax, ay), (bx, by) in zip(polygon, [*polygon[1:], polygon[0]], strict=True):
        if ay >= y:
            out.append((ax, ay))
        if (ay >= y) != (by >= y):
            t = (y - ay) / (by - ay)
            out.append((ax + (bx - ax) * t, y))
    return out


def _sledge(layer: _Layer, frame: Frame) -> None:
    """A dog sledge's side in front of the riders' legs: its load lashed under canvas on the bed, the stanchions
    down to the curling runner, the driver's handlebar at the back and the traces running ahead."""
    p, draw, line = layer.p, layer.draw, layer.line
    x0, x1, g, feet, tall = frame.x0, frame.x1, frame.gunwale, frame.feet, frame.tall
    wood, dark, cloth = (164, 112, 66), (110, 72, 44), (214, 204, 178)
    bed = feet - 0.09 * tall
    draw.rounded_rectangle((*p(x0 + 0.02 * tall, g), *p(x1 - 0.02 * tall, bed)), radius=0.05 * tall * SS,
                           fill=cloth, outline=INK, width=line)  # fmt: skip
    for k in range(5):  # the lashings over the load
        xa = x0 + (x1 - x0) * k / 5
        draw.line((*p(xa + 0.02 * tall, g), *p(xa + (x1 - x0) / 5, bed)), fill=dark, width=line)
    draw.rectangle((*p(x0, bed - 0.03 * tall), *p(x1, bed)), fill=wood, outline=INK, width=line)
    for k in range(7):  # stanchions down to the runner
        x = x0 + 0.02 * tall + (x1 - x0 - 0.04 * tall) * k / 6
        draw.line((*p(x, bed), *p(x, feet)), fill=dark, width=line * 2)
    draw.line((*p(x0 - 0.02 * tall, feet), *p(x1, feet)), fill=INK, width=line * 2)  # the runner
    rad = 0.08 * tall
    draw.arc((*p(x1 - rad, feet - 2 * rad), *p(x1 + rad, feet)), 270, 90, fill=INK, width=line * 2)
    draw.line((*p(x0, bed), *p(x0 - 0.05 * tall, g - 0.2 * tall)), fill=dark, width=line * 2)  # the handlebar
    draw.line((*p(x0 - 0.09 * tall, g - 0.2 * tall), *p(x0 - 0.01 * tall, g - 0.2 * tall)), fill=INK, width=line * 2)
    draw.line((*p(x1 + rad * 0.5, feet - 1.4 * rad), *p(x1 + 0.5 * tall, feet - 0.2 * tall)), fill=INK, width=line)


def _cart(layer: _Layer, frame: Frame, hay: bool) -> None:
    """A farm cart's side over the riders to the waist: planked, a big wheel, hay heaped over its edge."""
    p, draw, line = layer.p, layer.draw, layer.line
    x0, x1, g, feet, tall = frame.x0, frame.x1, frame.gunwale, frame.feet, frame.tall
    bottom = feet - 0.03 * tall
    if hay:
        bumps = [(x0 + (x1 - x0) * k / 12, g - 0.06 * tall * (1 + 0.5 * math.sin(k * 1.9))) for k in range(13)]
        draw.polygon([p(*q) for q in (*bumps, (x1, g + 0.05 * tall), (x0, g + 0.05 * tall))], fill=(226, 192, 96),
                     outline=INK, width=line)  # fmt: skip
        for x, y in bumps[1:-1]:
            draw.line((*p(x, y + 0.01 * tall), *p(x + 0.03 * tall, y - 0.05 * tall)), fill=(190, 150, 60), width=line)
    draw.rectangle((*p(x0, g), *p(x1, bottom)), fill=_WOOD, outline=INK, width=line)
    for k in range(1, 3):
        y = g + (bottom - g) * k / 3
        draw.line((*p(x0, y), *p(x1, y)), fill=darker(_WOOD, 0.3), width=line)
    rad = 0.2 * tall
    cart_wheel(draw, p(x0 + (x1 - x0) * 0.3, feet - rad + 0.02 * tall), rad * SS, darker(_WOOD, 0.2), line)


def _basket(layer: _Layer, frame: Frame) -> None:
    """A balloon's wicker basket over its riders to the chest, a padded rim along its top."""
    p, draw, line = layer.p, layer.draw, layer.line
    x0, x1, g, feet, tall = frame.x0, frame.x1, frame.gunwale, frame.feet, frame.tall
    draw.rectangle((*p(x0, g), *p(x1, feet)), fill=_WICKER, outline=INK, width=line)
    for k in range(1, 5):
        y = g + (feet - g) * k / 5
        draw.line((*p(x0, y), *p(x1, y)), fill=darker(_WICKER, 0.25), width=line)
    for k in range(1, round((x1 - x0) / (0.05 * tall))):  # the weave's uprights
        x = x0 + k * 0.05 * tall
        draw.line((*p(x, g), *p(x, feet)), fill=darker(_WICKER, 0.15), width=line)
    draw.rectangle((*p(x0 - 0.01 * tall, g - 0.02 * tall), *p(x1 + 0.01 * tall, g + 0.02 * tall)),
                   fill=darker(_WICKER, 0.3), outline=INK, width=line)  # fmt: skip


def _rig(layer: _Layer, rig: Rig) -> None:
    """The balloon's envelope over the riders and its ropes down to the basket, behind the riders."""
    cx, cy, rx, ry = rig.envelope
    p = layer.p
    for top, bottom in rig.ropes:
        layer.draw.line((*p(*top), *p(*bottom)), fill=INK, width=layer.line)
    scaled = (*p(cx, cy), rx * SS, ry * SS)
    draw_envelope(layer.draw, scaled, layer.line)
