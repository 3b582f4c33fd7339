"""Vehicles a panel's background names (scenery.py records them as landmarks): a rowing boat, a canoe or a raft on
the water, a sledge on the ice, a cart on a country road, a hot-air balloon in the sky, a car, a bus or a bicycle in
a street. Where the words put the cast in it ("rowed out past the last buoy", "drove a sledge", "hid them in the hay
cart") it is drawn over them after they are staged (`draw_aboard`, called by panels.py): its side in front of their
legs, or, close up, its gunwale across the frame; otherwise it stands by in the scene (`Vehicles._vehicles`)."""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from PIL import Image, ImageDraw

from domain.style import Style
from providers.offline.drawing.colour import INK, RGB, darker, lighter, rng
from providers.offline.drawing.paper import SS
from providers.offline.drawing.scenery import Scene, SceneCanvas
from providers.offline.drawing.styles import finish

_At = Callable[[float, float], tuple[float, float]]  # panel pixels to the supersampled layer's
_Frame = tuple[float, float, float, float, float]  # a vehicle's span across (x0, x1), gunwale, feet, riders' height
# What each vehicle is called (as data/scenes.toml names it), for reading whether the cast is in it.
_WORDS: dict[str, str] = {
    "rowing-boat": r"rowing boat|rowboat|rowing-boat|dinghy|skiff|boat",
    "canoe": r"canoe|dugout|kayak",
    "raft": r"raft",
    "sledge": r"sledge|sled|sleigh|toboggan",
    "cart": r"cart|haywain|wagon",
    "balloon": r"balloon",
}
# Vehicles one rides in, the cast aboard: the first the words put them in, as these verbs and prepositions say.
_RIDDEN = tuple(_WORDS)
_INTO = (
    r"\b(?:rowed|rowing|paddled|paddling|drove|driving|steered|rode|riding|sailed|floated"
    r"|in|into|aboard|on|onto|inside)"
)
_ABOARD = {kind: re.compile(rf"{_INTO} (?:[\w'-]+ ){{0,3}}?(?:{words})s?\b") for kind, words in _WORDS.items()}
# A rower or a paddler is in the boat by the verb alone.
_VERBS = {"rowing-boat": re.compile(r"\brow(?:ed|ing|s)\b"), "canoe": re.compile(r"\bpaddl(?:ed|ing|es)\b")}
WATERBORNE = frozenset({"rowing-boat", "canoe", "raft"})
# Shots seen from aboard: close up the vehicle's near side crosses the frame's foot.
_NEAR_SHOTS = ("close-up", "over-the-shoulder")


@lru_cache(maxsize=64)
def aboard(scene: Scene) -> str | None:
    """The vehicle the cast is in or on (the scene names it and the words put them in it), or None."""
    text = scene.seed.lower()
    for kind in _RIDDEN:
        if kind in scene.features:
            verb = _VERBS.get(kind)
            if _ABOARD[kind].search(text) or (verb is not None and verb.search(text)):
                return kind
    return None


class Vehicles(SceneCanvas):
    """The vehicles that stand by in a scene, and the water under a boat the cast is in."""

    def _vehicles(self) -> None:
        s = self.scene
        riding = aboard(s)
        if riding in WATERBORNE and s.setting != "sea":  # a river under the canoe, the whole width
            water = self.lit((80, 130, 120) if s.setting.startswith("jungle") else (90, 160, 210))
            self.gradient((0, 0.74 * self.h, self.w, self.h), [lighter(water, 0.1), darker(water, 0.2)])
            for k in range(6):
                y = 0.77 + k * 0.04
                x0 = (k * 0.31) % 0.7
                self.draw.line((*self.px(x0, y), *self.px(x0 + 0.2, y)), fill=lighter(water, 0.35),
                               width=max(2, self.w // 400))  # fmt: skip
        if riding == "balloon":  # high up: the land a patchwork far below, the envelope over the riders' heads
            self._patchwork()
            self._balloon(0.5, -0.12, 0.3, basket=False)
        x = min(0.88, max(0.12, self.fire_x))
        base = self.floor / self.h - 0.02
        for kind in sorted(s.features & {"car", "bus", "bicycle", "cart", "sledge", "balloon", *WATERBORNE}):
            if kind == riding:
                continue
            if kind == "balloon":
                self._balloon(self.side, 0.22, 0.09)
            elif kind == "car":
                self._car(x, base, 0.7)
            elif kind == "bus":
                self._bus(min(0.83, max(0.17, x)), base - 0.01)
            elif kind == "bicycle":
                self._bicycle(x, base + 0.04, 0.08)
            elif kind == "cart":
                self._cart_side(x, base, 0.6)
            elif kind == "sledge":
                self._sledge_side(x, self.horizon / self.h + 0.12, 0.7)
            elif s.setting == "sea":  # a boat out on the water
                self._hull_side(x, self.horizon / self.h + 0.07, 0.35)

    def _car(self, x: float, base: float, k: float) -> None:
        """A little round-roofed car parked side-on: body, windows, wheels."""
        paint, glass = self.lit((200, 60, 50)), self.lit((150, 190, 220))
        self.draw.rounded_rectangle((*self.px(x - 0.12 * k, base - 0.09 * k), *self.px(x + 0.12 * k, base - 0.03 * k)),
                                    radius=round(0.02 * k * self.w), fill=paint, outline=INK, width=2)  # fmt: skip
        self.draw.chord((*self.px(x - 0.07 * k, base - 0.16 * k), *self.px(x + 0.07 * k, base - 0.02 * k)), 180, 360,
                        fill=paint, outline=INK, width=2)  # fmt: skip
        for dx in (-0.045, 0.015):
            self.rect((x + dx * k, base - 0.13 * k, x + (dx + 0.04) * k, base - 0.095 * k), glass)
        for dx in (-0.075, 0.075):
            self.dot(x + dx * k, base - 0.03 * k, 0.024 * k, (40, 40, 44))
            self.dot(x + dx * k, base - 0.03 * k, 0.01 * k, self.lit((190, 190, 196)), outline=False)

    def _bus(self, x: float, base: float) -> None:
        """A red double-decker bus side-on, two rows of windows, behind the cast to one side."""
        paint, glass = self.lit((204, 40, 40)), self.lit((160, 196, 220))
        self.draw.rounded_rectangle((*self.px(x - 0.15, base - 0.26), *self.px(x + 0.15, base - 0.03)),
                                    radius=round(0.015 * self.w), fill=paint, outline=INK, width=2)  # fmt: skip
        for row in (0.23, 0.13):
            for k in range(5):
                wx = x - 0.135 + k * 0.055
                self.rect((wx, base - row, wx + 0.045, base - row + 0.055), glass)
        for dx in (-0.09, 0.09):
            self.dot(x + dx, base - 0.03, 0.024, (40, 40, 44))
            self.dot(x + dx, base - 0.03, 0.01, self.lit((190, 190, 196)), outline=False)

    def _bicycle(self, x: float, base: float, rad: float) -> None:
        """A bicycle leaning on its stand: two spoked wheels, a diamond frame, saddle and handlebars."""
        frame, line = self.lit((40, 110, 170)), max(3, self.w // 300)
        wheel = rad * 0.5
        back, front = (x - rad * 0.65, base - wheel), (x + rad * 0.65, base - wheel)
        for cx, cy in (back, front):
            box = (
                *self.px(cx - wheel, cy - wheel * self.w / self.h),
                *self.px(cx + wheel, cy + wheel * self.w / self.h),
            )
            self.draw.ellipse(box, outline=INK, width=line)
            for a in range(0, 180, 45):  # spokes
                dx, dy = math.cos(math.radians(a)) * wheel, math.sin(math.radians(a)) * wheel * self.w / self.h
                self.draw.line((*self.px(cx - dx, cy - dy), *self.px(cx + dx, cy + dy)), fill=INK, width=1)
        seat, bars, crank = (x - rad * 0.2, base - rad * 1.35), (x + rad * 0.45, base - rad * 1.45), (x, base - wheel)
        for u, v in ((back, seat), (seat, crank), (crank, back), (seat, (bars[0] - rad * 0.05, seat[1])),
                     ((bars[0] - rad * 0.05, seat[1]), crank), (bars, front)):  # fmt: skip
            self.draw.line((*self.px(*u), *self.px(*v)), fill=frame, width=line)
        self.draw.line((*self.px(seat[0] - rad * 0.12, seat[1]), *self.px(seat[0] + rad * 0.1, seat[1])), fill=INK,
                       width=line * 2)  # fmt: skip
        self.draw.line((*self.px(bars[0] - rad * 0.08, bars[1]), *self.px(bars[0] + rad * 0.1, bars[1] - rad * 0.05)),
                       fill=INK, width=line)  # fmt: skip

    def _cart_side(self, x: float, base: float, k: float) -> None:
        """A farm cart standing by: plank sides, a big spoked wheel, shafts resting on the ground, hay in it."""
        wood = self.lit((150, 104, 62))
        self.poly([(x - 0.16 * k, base - 0.16 * k), (x + 0.08 * k, base - 0.2 * k), (x + 0.16 * k, base - 0.12 * k),
                   (x - 0.12 * k, base - 0.1 * k)], self.lit((222, 190, 100)))  # fmt: skip
        self.rect((x - 0.15 * k, base - 0.14 * k, x + 0.15 * k, base - 0.07 * k), wood)
        self.draw.line((*self.px(x + 0.15 * k, base - 0.09 * k), *self.px(x + 0.3 * k, base)), fill=darker(wood, 0.3),
                       width=max(3, self.w // 250))  # fmt: skip
        _wheel(self.draw, self.px(x - 0.03 * k, base - 0.06 * k), 0.06 * k * self.w, darker(wood, 0.25))

    def _sledge_side(self, x: float, base: float, k: float) -> None:
        """A dog sledge out on the ice: the sledge's bed on curling runners, a team of dogs pulling ahead."""
        wood = self.lit((140, 92, 56))
        self.rect((x - 0.1 * k, base - 0.06 * k, x + 0.1 * k, base - 0.03 * k), wood)
        self.draw.line((*self.px(x - 0.12 * k, base), *self.px(x + 0.12 * k, base)), fill=INK, width=3)
        self.draw.arc((*self.px(x + 0.1 * k, base - 0.06 * k), *self.px(x + 0.16 * k, base)), 270, 90, fill=INK,
                      width=3)  # fmt: skip
        fur = self.lit((120, 120, 130))
        for n in range(3):  # the team, in a line ahead
            dx = x + (0.22 + 0.12 * n) * k
            self.dot(dx, base - 0.04 * k, 0.025 * k, fur)
            self.dot(dx + 0.03 * k, base - 0.065 * k, 0.014 * k, fur)
            self.draw.line((*self.px(dx - 0.12 * k, base - 0.04 * k), *self.px(dx, base - 0.04 * k)), fill=INK, width=2)

    def _hull_side(self, x: float, base: float, k: float) -> None:
        """A rowing boat out on the water, side-on, its oars out."""
        paint = self.lit((60, 110, 160))
        self.draw.polygon([self.px(*p) for p in ((x - 0.16 * k, base - 0.07 * k), (x + 0.18 * k, base - 0.09 * k),
                           (x + 0.12 * k, base), (x - 0.13 * k, base))], fill=paint, outline=INK, width=2)  # fmt: skip
        for dx in (-0.05, 0.06):
            self.draw.line((*self.px(x + dx * k, base - 0.07 * k), *self.px(x + (dx + 0.1) * k, base + 0.02 * k)),
                           fill=INK, width=max(2, self.w // 400))  # fmt: skip

    def _patchwork(self) -> None:
        """The country seen from high above: fields in greens and golds, hedged, to the horizon."""
        r, top = self.r, self.horizon / self.h
        tones = [self.lit(c) for c in ((120, 170, 90), (150, 186, 96), (206, 190, 110), (96, 146, 80))]
        self.gradient((0, self.horizon, self.w, self.h), [tones[0], tones[3]])
        rows = [top + (1 - top) * (k / 6) ** 1.5 for k in range(7)]
        for y0, y1 in itertools.pairwise(rows):
            x = -0.1
            while x < 1.0:
                w = r.uniform(0.12, 0.25) * (0.5 + (y1 - top) / (1 - top))
                slant = 0.04 * (y1 - y0) / (1 - top) * 6
                self.draw.polygon([self.px(x, y0), self.px(x + w, y0), self.px(x + w + slant, y1),
                                   self.px(x + slant, y1)], fill=r.choice(tones), outline=darker(tones[3], 0.25),
                                  width=max(1, self.w // 500))  # fmt: skip
                x += w

    def _balloon(self, x: float, y: float, rad: float, basket: bool = True) -> None:
        """A hot-air balloon: a striped envelope, its ropes down to a wicker basket."""
        cx, cy, r = x * self.w, y * self.h, rad * self.w
        stripes = (self.lit((220, 60, 50)), self.lit((250, 200, 60)))
        for k in range(6, 0, -1):  # gores, narrowing toward the middle
            half = r * k / 6
            self.draw.ellipse((cx - half, cy - r, cx + half, cy + r * 0.95), fill=stripes[k % 2])
        self.draw.ellipse((cx - r, cy - r, cx + r, cy + r * 0.95), outline=INK, width=max(2, self.w // 400))
        bx, by = cx, cy + r * 1.55
        if not basket:
            return
        for side in (-1, 1):
            self.draw.line((cx + side * r * 0.55, cy + r * 0.75, bx + side * r * 0.22, by), fill=INK, width=2)
        self.draw.rectangle((bx - r * 0.25, by, bx + r * 0.25, by + r * 0.35), fill=self.lit((170, 120, 70)),
                            outline=INK, width=2)  # fmt: skip


def _wheel(draw: ImageDraw.ImageDraw, centre: tuple[float, float], rad: float, wood: RGB, line: int = 3) -> None:
    """A cart wheel: an iron-shod rim, eight spokes and a hub."""
    cx, cy = centre
    draw.ellipse((cx - rad, cy - rad, cx + rad, cy + rad), outline=INK, width=max(line, round(rad * 0.16)))
    draw.ellipse((cx - rad * 0.88, cy - rad * 0.88, cx + rad * 0.88, cy + rad * 0.88), outline=wood,
                 width=max(line, round(rad * 0.1)))  # fmt: skip
    for a in range(0, 180, 45):
        dx, dy = math.cos(math.radians(a)) * rad * 0.85, math.sin(math.radians(a)) * rad * 0.85
        draw.line((cx - dx, cy - dy, cx + dx, cy + dy), fill=wood, width=max(line, round(rad * 0.08)))
    draw.ellipse((cx - rad * 0.16, cy - rad * 0.16, cx + rad * 0.16, cy + rad * 0.16), fill=darker(wood, 0.2),
                 outline=INK, width=line)  # fmt: skip


def draw_aboard(
    canvas: Image.Image, scene: Scene, boxes: Sequence[tuple[int, int, int, int]], shot: str, style: Style
) -> None:
    """Draw the vehicle the cast is in over them (in place): its side in front of the people's legs (their boxes,
    pixels, feet at the bottom), or, close up and over a shoulder, its near side across the frame's foot."""
    kind = aboard(scene)
    if kind is None:
        return
    width, height = canvas.size
    if shot in _NEAR_SHOTS:  # seen from aboard (a creature close up beside the boat too)
        x0, x1, feet, tall = -0.06 * width, 1.06 * width, 1.04 * height, 0.6 * height
    elif not boxes:  # no one in it this panel: the vehicle alone, where they would be
        x0, x1, feet, tall = 0.3 * width, 0.7 * width, 0.9 * height, 0.45 * height
    else:
        x0, x1 = min(b[0] for b in boxes), max(b[2] for b in boxes)
        feet = max(b[3] for b in boxes)
        tall = sorted(b[3] - b[1] for b in boxes)[len(boxes) // 2]
        pad = max(0.07 * width, (0.42 * width - (x1 - x0)) / 2)
        x0, x1 = x0 - pad, x1 + pad
    cover = {"rowing-boat": 0.34, "canoe": 0.26, "raft": 0.08, "sledge": 0.3, "cart": 0.42, "balloon": 0.42}[kind]
    gunwale = feet - cover * tall
    if shot in _NEAR_SHOTS:  # seen from aboard: its near side well up the frame's foot, whichever it is
        gunwale = min(gunwale, 0.84 * height)
    top = max(0, math.floor(gunwale - 0.35 * tall))
    # Only as wide as it reaches (a handlebar behind, an oar or the traces ahead): less to fill and finish.
    left = max(0, math.floor(x0 - 0.12 * tall))
    right = min(width, math.ceil(x1 + 0.2 * (x1 - x0) + 0.55 * tall))
    layer = Image.new("RGBA", ((right - left) * SS, (height - top) * SS), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)

    def p(x: float, y: float) -> tuple[float, float]:
        return ((x - left) * SS, (y - top) * SS)

    line = max(2, round(width / 300)) * SS
    r = rng("aboard", scene.seed)
    water = _water_colour(canvas, (x0, x1), feet)
    if kind in WATERBORNE:
        _boat(draw, p, kind, (x0, x1, gunwale, feet, tall), line, water, r.random())
    elif kind == "sledge":
        _sledge(draw, p, (x0, x1, gunwale, feet, tall), line)
    elif kind == "cart":
        _cart(draw, p, (x0, x1, gunwale, feet, tall), line, "hay" in scene.seed.lower())
    else:
        _basket(draw, p, (x0, x1, gunwale, feet, tall), line)
    part = layer.reduce(SS)
    part = finish(part, style)  # finished as the figures are: it stands in front of them
    canvas.paste(part, (left, top), part)


def _water_colour(canvas: Image.Image, span: tuple[float, float], feet: float) -> RGB:
    """The water's colour beside the hull, where it floats (sampled from the scene at its side)."""
    width, height = canvas.size
    x = span[0] - 6 if span[0] > 12 else min(width - 1, span[1] + 6)
    pixel = canvas.getpixel((min(max(0, round(x)), width - 1), min(height - 1, round(feet))))
    assert isinstance(pixel, tuple)
    return (pixel[0], pixel[1], pixel[2])


def _boat(draw: ImageDraw.ImageDraw, p: _At, kind: str, frame: _Frame,
          line: int, water: RGB, pick: float) -> None:  # fmt: skip
    """A rowing boat's (or a dugout's, or a raft's) near side over the cast's legs, the water lapping along it and
    an oar (a paddle) dipped in it."""
    x0, x1, g, feet, tall = frame
    span = x1 - x0
    if kind == "raft":
        log = (150, 110, 70)
        for k in range(7):  # log ends, lashed side by side
            cx = x0 + span * (k + 0.5) / 7
            draw.rectangle((*p(cx - span / 14, g), *p(cx + span / 14, feet + 0.03 * tall)), fill=log, outline=INK,
                           width=line)  # fmt: skip
        draw.line((*p(x0, g + 0.05 * tall), *p(x1, g + 0.05 * tall)), fill=(90, 60, 40), width=line * 2)
    else:
        paints = ((60, 100, 160), (180, 60, 50), (60, 130, 96), (236, 230, 214))
        paint = (120, 78, 46) if kind == "canoe" else paints[int(pick * len(paints))]
        rise = (0.1 if kind == "rowing-boat" else 0.05) * tall * (0.5 if span > 2 * tall else 1.0)  # close, flatter
        keel = feet - 0.01 * tall  # above the name tags under the feet
        sheer = [(x0 + span * t, g - rise * ((2 * t - 1) ** 4) * (1.4 if t > 0.5 else 1.0)) for t in
                 (i / 16 for i in range(17))]  # fmt: skip
        stern = x0 + span * (0.03 if kind == "rowing-boat" else 0.1)
        hull = [*sheer, (x1 - span * 0.1, keel), (stern + span * 0.06, keel), (stern, sheer[0][1] + 0.5 * (keel - g))]
        draw.polygon([p(*q) for q in hull], fill=paint, outline=INK, width=line)
        for depth in (0.33, 0.66):  # strakes
            draw.line(
                [p(x, y + (keel - y) * depth * 0.9) for x, y in sheer[1:-1]], fill=darker(paint, 0.25), width=line
            )
        below = _below(hull, feet - 0.08 * tall)  # under the waterline, the hull seen through the water
        if len(below) >= 3:
            draw.polygon([p(*q) for q in below], fill=_mix(paint, water, 0.7))
        draw.line([p(*q) for q in sheer], fill=lighter(paint, 0.35) if kind == "rowing-boat" else darker(paint, 0.2),
                  width=line * 2)  # fmt: skip
    # The oar (the paddle) from the gunwale down into the water ahead, its blade under the surface.
    ox, oy = x0 + span * 0.72, g - 0.02 * tall
    ex, ey = x1 + 0.1 * span, feet - 0.03 * tall
    draw.line((*p(ox - 0.15 * (ex - ox), oy - 0.15 * (ey - oy)), *p(ex, ey)), fill=(170, 130, 80), width=line * 2)
    draw.ellipse((*p(ex - 0.05 * span, ey - 0.025 * tall), *p(ex + 0.03 * span, ey + 0.035 * tall)),
                 fill=(170, 130, 80), outline=INK, width=line)  # fmt: skip
    # A white crest of ripples along the waterline.
    wl = feet - 0.08 * tall
    crest = [(x0 - 0.02 * span + k * span * 1.04 / 24, wl + 0.012 * tall * math.sin(k * 1.3)) for k in range(25)]
    draw.line([p(*q) for q in crest], fill=(246, 250, 252), width=line * 2)


def _mix(a: RGB, b: RGB, t: float) -> RGB:
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))


def _below(polygon: Sequence[tuple[float, float]], y: float) -> list[tuple[float, float]]:
    """The part of a polygon below the row `y` (Sutherland-Hodgman against one edge)."""
    out: list[tuple[float, float]] = []
    for (ax, ay), (bx, by) in zip(polygon, [*polygon[1:], polygon[0]], strict=True):
        if ay >= y:
            out.append((ax, ay))
        if (ay >= y) != (by >= y):
            t = (y - ay) / (by - ay)
            out.append((ax + (bx - ax) * t, y))
    return out


def _sledge(draw: ImageDraw.ImageDraw, p: _At, frame: _Frame, line: int) -> None:
    """A dog sledge's side in front of the riders' legs: its load lashed under canvas on the bed, the stanchions
    down to the curling runner, the driver's handlebar at the back and the traces running ahead."""
    x0, x1, g, feet, tall = frame
    wood, dark, canvas = (164, 112, 66), (110, 72, 44), (214, 204, 178)
    bed = feet - 0.09 * tall
    draw.rounded_rectangle((*p(x0 + 0.02 * tall, g), *p(x1 - 0.02 * tall, bed)), radius=0.05 * tall * SS,
                           fill=canvas, outline=INK, width=line)  # fmt: skip
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


def _cart(draw: ImageDraw.ImageDraw, p: _At, frame: _Frame, line: int,
          hay: bool) -> None:  # fmt: skip
    """A farm cart's side over the riders to the waist: planked, a big wheel, hay heaped over its edge."""
    x0, x1, g, feet, tall = frame
    wood = (156, 106, 60)
    bottom = feet - 0.03 * tall
    if hay:
        bumps = [(x0 + (x1 - x0) * k / 12, g - 0.06 * tall * (1 + 0.5 * math.sin(k * 1.9))) for k in range(13)]
        draw.polygon([p(*q) for q in (*bumps, (x1, g + 0.05 * tall), (x0, g + 0.05 * tall))], fill=(226, 192, 96),
                     outline=INK, width=line)  # fmt: skip
        for x, y in bumps[1:-1]:
            draw.line((*p(x, y + 0.01 * tall), *p(x + 0.03 * tall, y - 0.05 * tall)), fill=(190, 150, 60), width=line)
    draw.rectangle((*p(x0, g), *p(x1, bottom)), fill=wood, outline=INK, width=line)
    for k in range(1, 3):
        y = g + (bottom - g) * k / 3
        draw.line((*p(x0, y), *p(x1, y)), fill=darker(wood, 0.3), width=line)
    rad = 0.2 * tall
    _wheel(draw, p(x0 + (x1 - x0) * 0.3, feet - rad + 0.02 * tall), rad * SS, darker(wood, 0.2), line)


def _basket(draw: ImageDraw.ImageDraw, p: _At, frame: _Frame, line: int) -> None:
    """A balloon's wicker basket over its riders to the waist, the ropes rising from its corners."""
    x0, x1, g, feet, tall = frame
    wicker = (186, 140, 84)
    draw.rectangle((*p(x0, g), *p(x1, feet)), fill=wicker, outline=INK, width=line)
    for k in range(1, 5):
        y = g + (feet - g) * k / 5
        draw.line((*p(x0, y), *p(x1, y)), fill=darker(wicker, 0.25), width=line)
    for k in range(1, round((x1 - x0) / (0.05 * tall))):  # the weave's uprights
        x = x0 + k * 0.05 * tall
        draw.line((*p(x, g), *p(x, feet)), fill=darker(wicker, 0.15), width=line)
    draw.rectangle((*p(x0 - 0.01 * tall, g - 0.02 * tall), *p(x1 + 0.01 * tall, g + 0.02 * tall)),
                   fill=darker(wicker, 0.3), outline=INK, width=line)  # fmt: skip
    for x in (x0, x1):
        draw.line((*p(x, g), *p(x + (0.1 if x == x0 else -0.1) * tall, g - 1.2 * tall)), fill=INK, width=line)
