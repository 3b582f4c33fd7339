"""Vehicles a panel's background names (scenery.py records them as landmarks): a rowing boat, a canoe or a raft on
the water, a sledge on the ice, a cart on a country road, a hot-air balloon in the sky, a car, a bus or a bicycle in
a street. Where the words put the cast in it ("rowed out past the last buoy", "drove a sledge", "hid them in the hay
cart") it is drawn round them after they are staged (aboard.py); otherwise it stands by in the scene
(`Vehicles._vehicles`)."""

from __future__ import annotations

import itertools
import math
import re
from functools import lru_cache

from PIL import ImageDraw

from providers.offline.drawing.colour import INK, RGB, darker, lighter
from providers.offline.drawing.scenery import Scene, SceneCanvas

# What each vehicle is called (as data/scenes.toml names it), for reading whether the cast is in it.
_WORDS: dict[str, str] = {
    "rowing-boat": r"rowing boat|rowboat|rowing-boat|dinghy|skiff|boat",
    "canoe": r"canoe|dugout|kayak",
    "raft": r"raft",
    "sledge": r"sledge|sled|sleigh|toboggan",
    "cart": r"cart|haywain|wagon",
    "balloon": r"balloon",
    "car": r"car|taxi|jeep",
    "bus": r"bus|coach",
    "bicycle": r"bicycle|bike|cycle",
}
# Vehicles one rides in, the cast aboard: the first the words put them in, as these verbs and prepositions say.
_RIDDEN = tuple(_WORDS)
_INTO = (
    r"\b(?:rowed|rowing|paddled|paddling|drove|driving|steered|rode|riding|sailed|floated"
    r"|in|into|aboard|on|onto|inside)"
)
# Not a place named after one: "in the car park", "at the bus stop".
_NOT_PLACE = r"(?! (?:park|stop|station|shelter|depot|lane|shed|rack|wash))"
_ABOARD = {
    kind: re.compile(rf"{_INTO} (?:[\w'-]+ ){{0,3}}?(?:{words})(?:e?s)?\b{_NOT_PLACE}")
    for kind, words in _WORDS.items()
}
# A rower or a paddler is in the boat by the verb alone, a cyclist on the bicycle; who flies a balloon is in its
# basket, who takes the bus is on it.
_VERBS = {
    "rowing-boat": re.compile(r"\brow(?:ed|ing|s)\b"),
    "canoe": re.compile(r"\bpaddl(?:ed|ing|es)\b"),
    "balloon": re.compile(r"\b(?:fl(?:y|ies|ew|ying|own)|pilot(?:ed|ing|s)?) (?:[\w'-]+ ){0,3}?balloons?\b"),
    "bus": re.compile(
        rf"\b(?:t(?:ook|ake|akes|aking)|caught|catch(?:es|ing)?|board(?:ed|ing|s)?) (?:the |a )?bus\b{_NOT_PLACE}"
    ),
    "bicycle": re.compile(r"\b(?:pedal(?:l?ed|l?ing|s)|cycl(?:ed|ing|es))\b"),
}
WATERBORNE = frozenset({"rowing-boat", "canoe", "raft"})


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
        if riding == "balloon":  # high up: the land a patchwork far below (aboard.py rigs the envelope over them)
            self._patchwork()
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
        cart_wheel(self.draw, self.px(x - 0.03 * k, base - 0.06 * k), 0.06 * k * self.w, darker(wood, 0.25))

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

    def _balloon(self, x: float, y: float, rad: float) -> None:
        """A hot-air balloon standing by in the sky: a striped envelope, its ropes from the envelope's rim down to
        the corners of its wicker basket."""
        cx, cy, r = x * self.w, y * self.h, rad * self.w
        envelope = (cx, cy, r, r)
        draw_envelope(self.draw, envelope, max(2, self.w // 400), self.lit((220, 60, 50)), self.lit((250, 200, 60)))
        half, by = r * 0.25, cy + r * 1.55
        for corner in (cx - half, cx + half):
            self.draw.line((*rim_point(envelope, corner + (corner - cx)), corner, by), fill=INK, width=2)
        self.draw.rectangle((cx - half, by, cx + half, by + r * 0.35), fill=self.lit((170, 120, 70)), outline=INK,
                            width=2)  # fmt: skip


def draw_envelope(draw: ImageDraw.ImageDraw, envelope: tuple[float, float, float, float], line: int,
                  red: RGB = (220, 60, 50), gold: RGB = (250, 200, 60)) -> None:  # fmt: skip
    """A balloon's striped envelope, the ellipse (centre x, y, radii across and down; the draw's pixels)."""
    cx, cy, rx, ry = envelope
    for k in range(6, 0, -1):  # gores, narrowing toward the middle
        half = rx * k / 6
        draw.ellipse((cx - half, cy - ry, cx + half, cy + ry), fill=(red, gold)[k % 2])
    draw.ellipse((cx - rx, cy - ry, cx + rx, cy + ry), outline=INK, width=line)


def rim_point(envelope: tuple[float, float, float, float], x: float) -> tuple[float, float]:
    """Where a rope meets the envelope's lower rim above `x` (kept inside its outer fifth, where a rope is tied)."""
    cx, cy, rx, ry = envelope
    dx = min(max(x - cx, -0.8 * rx), 0.8 * rx)
    return (cx + dx, cy + ry * math.sqrt(1 - (dx / rx) ** 2))


def cart_wheel(draw: ImageDraw.ImageDraw, centre: tuple[float, float], rad: float, wood: RGB, line: int = 3) -> None:
    """A cart wheel (centre and radius: the draw's pixels): an iron-shod rim, eight spokes and a hub."""
    cx, cy = centre
    draw.ellipse((cx - rad, cy - rad, cx + rad, cy + rad), outline=INK, width=max(line, round(rad * 0.16)))
    draw.ellipse((cx - rad * 0.88, cy - rad * 0.88, cx + rad * 0.88, cy + rad * 0.88), outline=wood,
                 width=max(line, round(rad * 0.1)))  # fmt: skip
    for a in range(0, 180, 45):
        dx, dy = math.cos(math.radians(a)) * rad * 0.85, math.sin(math.radians(a)) * rad * 0.85
        draw.line((cx - dx, cy - dy, cx + dx, cy + dy), fill=wood, width=max(line, round(rad * 0.08)))
    draw.ellipse((cx - rad * 0.16, cy - rad * 0.16, cx + rad * 0.16, cy + rad * 0.16), fill=darker(wood, 0.2),
                 outline=INK, width=line)  # fmt: skip
