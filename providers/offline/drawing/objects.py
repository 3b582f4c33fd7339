"""Objects: a shape from the profile (lathe-turned, long, box, disc or a small thing as itself), drawn in hero, top and
side views."""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from PIL import Image

from providers.offline.drawing.colour import INK, RGB, WHITE, darker, lighter, mix, rng
from providers.offline.drawing.humanoids import draw_humanoid, plain_look
from providers.offline.drawing.pen import Pen, has_any, star_points
from providers.offline.drawing.tables import HAND_HELD, LATHE, OBJECT_FAMILY, OBJECT_KINDS
from providers.offline.drawing.trinkets import draw_trinket


@dataclass(frozen=True)
class ObjectLook:
    """What an object's sheet draws it from (its kind and palette): panels draw it again at the size it takes."""

    kind: str
    palette: tuple[RGB, ...]

    def __post_init__(self) -> None:  # colours read back from JSON are lists: tuples keep the look hashable
        object.__setattr__(self, "palette", tuple(tuple(c) for c in self.palette))


# Where a description's head noun phrase ends: what follows compares or adds to it.
_HEAD: Final = re.compile(r",|;|\b(?:as|with|like|of|that|which|from|in|on)\b", re.IGNORECASE)


def object_kind(text: str, name: str) -> str:
    """The object named by the profile's keywords, else one picked from the name's hash."""
    return named_kind(text, name) or rng("object", name).choice(_UNNAMED)


def named_kind(text: str, name: str) -> str | None:
    """The object the profile's keywords name, or None: its name's keywords first, then those of the description's
    head (before "as", "with", "of" or a comma), so that a diamond "as large as a hen's egg" is a gem, not an egg."""
    for words in (name, _HEAD.split(text, maxsplit=1)[0], text):
        found = next((kind for kind, keys in OBJECT_KINDS.items() if has_any(words, keys)), None)
        if found:
            return found
    return None


# Hand-held kinds: how tall panels draw them over a person's height, about as big as they are and a little bigger
# to be seen (a ring, a coin or a diamond in a palm, a key a hand long, a letter or a book in both hands, a sword
# held out); panels hold them up.
_HAND_SIZES: Final = {"coin": 0.07, "ring": 0.08, "pearl": 0.08, "gem": 0.1, "egg": 0.1, "disc": 0.1, "shell": 0.1,
                      "key": 0.12, "crown": 0.12, "letter": 0.13, "goblet": 0.13, "potion": 0.13, "orb": 0.14,
                      "feather": 0.14, "bottle": 0.15, "scroll": 0.15, "map": 0.15, "book": 0.16, "lantern": 0.2,
                      "blade": 0.29}  # fmt: skip
# What an object none of the keywords name is drawn as (by its name's hash): the sturdy shapes, not a ring or a
# letter, which would stand as tall as a chest.
_UNNAMED: Final = ("lantern", "bottle", "goblet", "chest", "disc", "gem")
_SMALLER: Final = ("tiny", "small", "little", "pocket", "miniature")
_OTHER_HAND_SIZE: Final = 0.12  # anything else the size words make hand-held (a small music box)
# Kinds too big to hold, standing on the ground at their height over a person's: a chest to the knee, a statue on
# its plinth over a person's head, a ship (drawn whole, as beached or in dock) towering behind the cast.
_GROUND_SIZES: Final = {"chest": 0.3, "statue": 1.3, "ship": 2.5}


def object_scale(text: str, name: str) -> float | None:
    """An object's height over a person's: a hand-held one's by the kind its profile names (times 0.75 if it says
    small), any other the size words call hand-held (data/looks.toml) 0.12, a chest, statue or ship its size on the
    ground; None for the rest (panels draw those at about half a person's height)."""
    kind = named_kind(text, name)
    lowered = f"{name} {text}".lower()
    if kind in _HAND_SIZES and not (kind in ("disc", "gem") and has_any(lowered, ("shield", "clock", "boulder"))):
        return round(_HAND_SIZES[kind] * (0.75 if has_any(lowered, _SMALLER) else 1.0), 3)
    if has_any(lowered, HAND_HELD):
        return _OTHER_HAND_SIZE
    return _GROUND_SIZES.get(kind or object_kind(text, name))


def _lathe_colour(slot: int, palette: Sequence[RGB]) -> RGB:
    return (255, 214, 102) if slot < 0 else palette[slot]


def draw_object_view(kind: str, palette: Sequence[RGB], view: str, size: int) -> Image.Image:
    """One view ('hero', 'side' or 'top') of a stylised object on a transparent layer `size` pixels square."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    pen = Pen(image, (size / 2, size / 2), size / 100)
    family = OBJECT_FAMILY.get(kind, "disc")
    if family == "lathe":
        _lathe_view(pen, LATHE.get(kind, LATHE["bottle"]), palette, view)
    elif family == "long":
        if view == "hero":
            layer = draw_object_view(kind, palette, "side", size)
            return layer.rotate(40, resample=Image.Resampling.BICUBIC)
        _long_view(pen, kind, palette, view)
    elif family == "box":
        _box_view(pen, kind, palette, view)
    elif family == "flat":
        _letter_view(pen, palette, view)
    elif family == "figure":
        _statue_view(image, pen, palette, view)
    elif family == "ship":
        _ship_view(pen, palette, view)
    elif family == "trinket":
        draw_trinket(pen, kind, palette, view)
    else:
        _disc_view(pen, kind, palette, view)
    return image


def _lathe_view(pen: Pen, profile: list[tuple[float, float, int]], palette: Sequence[RGB], view: str) -> None:
    scale = 1.15
    top = max(h for h, _, _ in profile) * scale
    if view == "top":
        for _h, r, slot in sorted(profile, key=lambda p: -p[1]):
            if r > 0:
                pen.circle(0, 0, r * scale * 1.6, _lathe_colour(slot, palette))
        pen.circle(0, 0, 3, INK, ink=False)
        return
    base = top / 2
    for (h0, r0, slot), (h1, r1, _) in itertools.pairwise(profile):
        y0, y1 = base - h0 * scale, base - h1 * scale
        colour = _lathe_colour(slot, palette)
        pen.poly([(-r0 * scale, y0), (r0 * scale, y0), (r1 * scale, y1), (-r1 * scale, y1)], colour)
        if view == "hero":  # a pale highlight and a shaded edge suggest volume
            pen.poly(
                [(-r0 * 0.7, y0), (-r0 * 0.35, y0), (-r1 * 0.35, y1), (-r1 * 0.7, y1)], lighter(colour, 0.45), ink=False
            )
            pen.poly(
                [(r0 * 0.7, y0), (r0 * scale - 1, y0), (r1 * scale - 1, y1), (r1 * 0.7, y1)],
                darker(colour, 0.2),
                ink=False,
            )
            if slot < 0:
                pen.circle(0, (y0 + y1) / 2, min(r0, r1) * 0.5, (255, 246, 190), ink=False)
    if view == "hero":
        r = profile[0][1] * scale
        pen.ellipse(-r, base - 3, r, base + 3, darker(_lathe_colour(profile[0][2], palette), 0.25))


def _long_view(pen: Pen, kind: str, palette: Sequence[RGB], view: str) -> None:
    a, b, c = palette[0], palette[1], palette[2]
    if view == "top":
        pen.rrect(-44, -2.5, 44, 2.5, 1.5, a)
        pen.rrect(-20, -4, -16, 4, 1, c)
        return
    if kind == "blade":
        pen.poly([(-16, -3.5), (38, -3.5), (46, 0), (38, 3.5), (-16, 3.5)], (214, 222, 232))
        pen.line([(-14, 0), (38, 0)], 0.6, (170, 180, 192))
        pen.rrect(-20, -12, -16, 12, 1.5, c)
        pen.rrect(-38, -3, -20, 3, 1.5, a)
        pen.circle(-41, 0, 4, c)
    elif kind == "key":
        pen.circle(-30, 0, 13, c)
        pen.circle(-30, 0, 6, None)
        pen.rrect(-18, -3, 38, 3, 1.5, c)
        pen.poly([(26, 3), (26, 12), (31, 12), (31, 3)], c)
        pen.poly([(34, 3), (34, 9), (38, 9), (38, 3)], c)
    else:
        pen.rrect(-42, -2.5, 32, 2.5, 1.5, (140, 96, 58))
        pen.rrect(-6, -3.5, 0, 3.5, 1, b)
        pen.circle(38, 0, 8, a)
        pen.circle(36, -2, 2.5, lighter(a, 0.6), ink=False)


def _box_view(pen: Pen, kind: str, palette: Sequence[RGB], view: str) -> None:
    a, b, c = palette[0], palette[1], palette[2]
    book = kind == "book"
    w, h, d = (36, 10 if book else 22, 26)
    if view == "top":
        pen.rrect(-w, -d, w, d, 2, a)
        pen.rrect(-w, -3, w, 3, 0, c) if not book else pen.rrect(-w + 4, -d + 4, w - 4, d - 4, 1, lighter(a, 0.2))
        return
    if view == "side":
        pen.rrect(-d, -h, d, h, 2, a)
        if book:
            pen.rrect(-d + 3, -h + 2.5, d, h - 2.5, 0.5, (250, 244, 228))
        else:
            pen.rrect(-d, -h + 8, d, -h + 11, 0, c)
        return
    dx, dy = 16, -12  # oblique depth
    y0 = 6
    pen.poly([(-w, y0 - h), (w, y0 - h), (w + dx, y0 - h + dy), (-w + dx, y0 - h + dy)], lighter(a, 0.25))
    pen.poly(
        [(w, y0 - h), (w + dx, y0 - h + dy), (w + dx, y0 + h + dy), (w, y0 + h)],
        darker(a, 0.25) if not book else (250, 244, 228),
    )
    pen.rrect(-w, y0 - h, w, y0 + h, 1, a)
    if book:
        pen.rrect(-w + 5, y0 - h + 3, -w + 9, y0 + h - 3, 0.5, c)
        pen.poly(star_points(4, y0, 6, 3, 5), c)
    else:
        pen.rrect(-w, y0 - h + 8, w, y0 - h + 12, 0, c)
        for x in (-w + 8, w - 8):
            pen.rrect(x - 2, y0 - h, x + 2, y0 + h, 0, b)
        pen.rrect(-5, y0 - h + 6, 5, y0 - h + 16, 1.5, c)
        pen.circle(0, y0 - h + 11, 1.3, INK, ink=False)


def _letter_view(pen: Pen, palette: Sequence[RGB], view: str) -> None:
    """A sealed envelope: its flap's folds and a wax seal (seen edge-on from the side, a thin card)."""
    paper, seal = (246, 238, 216), palette[0]
    if view == "side":
        pen.rrect(-40, -2, 40, 2, 0.5, paper)
        return
    tilt = 8 if view == "hero" else 0  # the hero view turns it a little, as if held up to be read
    corners = [(-40, -26 + tilt), (40, -26 - tilt), (40, 26 - tilt), (-40, 26 + tilt)]
    pen.poly(corners, paper)
    pen.line([corners[0], (0, 6), corners[1]], 0.8)  # the flap
    pen.line([corners[3], (-8, 0)], 0.5, darker(paper, 0.3))
    pen.line([corners[2], (8, 0)], 0.5, darker(paper, 0.3))
    pen.poly(star_points(0, 6, 8, 6, 7), seal)
    if view == "hero":
        for y in (14, 18):  # the address
            pen.line([(12, y - tilt * 0.4), (32, y - tilt * 0.6)], 0.6, darker(paper, 0.45))


def _statue_view(image: Image.Image, pen: Pen, palette: Sequence[RGB], view: str) -> None:
    """A figure in one colour of stone or bronze on a stepped plinth (from above, the plinth and its head)."""
    stone = mix(palette[0], (168, 164, 156), 0.55)
    if view == "top":
        pen.rrect(-30, -30, 30, 30, 2, darker(stone, 0.15))
        pen.rrect(-22, -22, 22, 22, 2, stone)
        pen.circle(0, 0, 9, lighter(stone, 0.15))
        return
    pen.rrect(-30, 32, 30, 46, 1.5, darker(stone, 0.2))  # the plinth's base and block
    pen.rrect(-22, 14, 22, 33, 1, darker(stone, 0.1))
    pen.line([(-12, 22), (12, 22)], 0.5, darker(stone, 0.45))  # its inscription
    pen.line([(-8, 26), (8, 26)], 0.5, darker(stone, 0.45))
    tall = round(pen.unit * 60)
    figure = draw_humanoid(plain_look(stone), "front" if view == "hero" else "side", tall, expression="stern")
    figure = figure.crop(figure.getchannel("A").getbbox())  # standing on the plinth, not on its layer's margin
    x, y = pen.p(0, 14.5)
    image.alpha_composite(figure, (round(x - figure.width / 2), max(0, round(y - figure.height))))


def _ship_view(pen: Pen, palette: Sequence[RGB], view: str) -> None:
    """A sailing ship: a hull with a row of ports, two masts under white sails and a pennant (from above, its deck)."""
    hull, trim, flag = palette[0], palette[1], palette[2]
    if view == "top":
        pen.poly([(-40, -10), (30, -10), (46, 0), (30, 10), (-40, 10)], hull)
        pen.poly([(-36, -6), (28, -6), (40, 0), (28, 6), (-36, 6)], (196, 150, 100))
        for x in (-14, 12):
            pen.circle(x, 0, 2.5, (140, 96, 58))
        return
    pen.poly([(-44, 14), (44, 10), (36, 34), (-36, 34)], hull)  # the hull, its bow raised to the right
    pen.rrect(-44, 12, 44, 16, 1, trim)
    for x in range(-28, 30, 12):
        pen.circle(x, 23, 2.2, darker(hull, 0.5))
    for x, top, width in ((-14, -40, 17), (14, -30, 15)):
        pen.rrect(x - 1.2, top, x + 1.2, 13, 0.8, (140, 96, 58))
        pen.poly([(x - width, top + 6), (x + width, top + 6), (x + width + 3, top + 24), (x - width - 3, top + 24)],
                 (250, 246, 232))  # fmt: skip
        pen.poly([(x - width - 2, top + 28), (x + width + 2, top + 28), (x + width + 4, 6), (x - width - 4, 6)],
                 (250, 246, 232))  # fmt: skip
    pen.poly([(-14, -40), (2, -37), (-14, -34)], flag)
    pen.line([(44, 10), (48, -4), (12, -30)], 0.6)  # the bowsprit's rigging


def _disc_view(pen: Pen, kind: str, palette: Sequence[RGB], view: str) -> None:
    a, b, c = palette[0], palette[1], palette[2]
    if kind == "ring":  # a gold band with a stone set on top (a band seen from its edge in side view)
        gold = (236, 188, 72)
        if view == "side":
            pen.rrect(-30, -9, 30, -1, 3, gold)
        else:  # the hero view sees it a little from above: a flatter oval
            top, bottom, inset = (-16, 34, 8) if view == "hero" else (-30, 30, 8)
            pen.ellipse(-30, top, 30, bottom, gold)
            hole = pen.box(-30 + inset, top + inset, 30 - inset, bottom - inset)
            pen.draw.ellipse(hole, fill=(0, 0, 0, 0), outline=INK, width=pen.ink_width)  # see through the band
            pen.arc(-26, top + 3, 26, bottom - 3, 200, 250, 1.2)  # a glint
        pen.poly([(-12, -16), (-7, -26), (7, -26), (12, -16), (0, -6)], a)
        pen.poly([(-7, -26), (0, -20), (7, -26)], lighter(a, 0.4), ink=False)
        return
    if view == "side":
        pen.rrect(-34, -5, 34, 5, 3, a) if kind == "disc" else pen.poly([(-30, -8), (30, -8), (0, 34), (-30, -8)], a)
        return
    if kind == "gem":
        facets = (
            star_points(0, 0, 34, 34, 4, phase=-90)
            if view == "top"
            else [(-30, -8), (-18, -22), (18, -22), (30, -8), (0, 34)]
        )
        pen.poly(facets, a)
        if view != "top":
            pen.poly([(-30, -8), (30, -8), (0, 34)], darker(a, 0.2))
            pen.poly([(-18, -22), (-6, -8), (6, -8), (18, -22)], lighter(a, 0.35))
            pen.poly([(-16, -16), (-10, -20), (-8, -12)], WHITE, ink=False)
        return
    pen.circle(0, 0, 36, c)
    pen.circle(0, 0, 30, lighter(b, 0.6))
    for i in range(12):
        angle = math.radians(i * 30)
        pen.line([(24 * math.cos(angle), 24 * math.sin(angle)), (28 * math.cos(angle), 28 * math.sin(angle))], 1.2)
    pen.poly([(0, -22), (4, 0), (0, 22), (-4, 0)], a)
    pen.poly([(0, 22), (4, 0), (-4, 0)], darker(a, 0.4))
    pen.circle(0, 0, 2.5, c)
    if view == "hero":
        pen.rrect(-5, -44, 5, -36, 2, c)
