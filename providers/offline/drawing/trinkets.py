"""Small things drawn as what they are: a pearl, an egg, an orb, a coin, a crown, a shell, a feather, a scroll or a
map, each in object units (about 90 across, centred) in hero, side and top views."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from typing import Final

from providers.offline.drawing.colour import RGB, WHITE, darker, lighter, mix
from providers.offline.drawing.pen import Pen, star_points

_GOLD: Final = (236, 188, 72)
_PARCHMENT: Final = (238, 222, 184)


def draw_trinket(pen: Pen, kind: str, palette: Sequence[RGB], view: str) -> None:
    """One view of the small thing `kind` names (a scroll for any kind this module does not draw)."""
    _PAINTERS.get(kind, _scroll)(pen, kind, palette, view)


def _sphere(pen: Pen, r: float, colour: RGB, y: float = 0) -> None:
    """A lit sphere: its shaded lower side and a bright highlight up and to the left."""
    pen.circle(0, y, r, darker(colour, 0.16))
    pen.circle(-r * 0.12, y - r * 0.12, r * 0.86, colour, ink=False)  # lit: the shade left as a crescent
    pen.circle(-r * 0.35, y - r * 0.38, r * 0.22, WHITE, ink=False)


def _pearl(pen: Pen, kind: str, palette: Sequence[RGB], view: str) -> None:
    lustre = mix((244, 240, 232), palette[0], 0.08)  # white, with a hint of its palette's sheen
    _sphere(pen, 26, lustre)
    pen.circle(9, 11, 8, mix(lustre, (246, 196, 208), 0.3), ink=False)  # a rosy iridescent glint in the shade
    pen.circle(-6, -14, 2.2, lighter(lustre, 0.6), ink=False)


def _egg(pen: Pen, kind: str, palette: Sequence[RGB], view: str) -> None:
    shell = mix((246, 236, 214), palette[0], 0.12)
    if view == "top":
        pen.circle(0, 0, 24, shell)
    else:
        pen.ellipse(-24, -34, 24, 30, darker(shell, 0.12))
        pen.ellipse(-21, -32, 21, 26, lighter(shell, 0.3), ink=False)  # lit: a shaded rim below and right
        pen.ellipse(-14, -24, -6, -12, WHITE, ink=False)
    for x, y in ((8, -14), (-10, 6), (12, 10), (0, 20), (-4, -6)):  # speckles
        pen.circle(x, y, 1.6, darker(shell, 0.35), ink=False)


def _orb(pen: Pen, kind: str, palette: Sequence[RGB], view: str) -> None:
    """A crystal ball on a brass stand, a mist swirling inside."""
    glass = mix(lighter(palette[0], 0.55), (220, 236, 250), 0.4)
    if view != "top":
        pen.poly([(-18, 30), (18, 30), (24, 42), (-24, 42)], _GOLD)
    _sphere(pen, 30, glass, -4)
    pen.arc(-16, -16, 14, 12, 200, 330, 1.4)  # the mist inside
    pen.arc(-8, -12, 20, 8, 20, 150, 1.0)


def _coin(pen: Pen, kind: str, palette: Sequence[RGB], view: str) -> None:
    if view == "side":
        pen.rrect(-30, -4, 30, 4, 2, _GOLD)
        return
    squash = 0.8 if view == "hero" else 1.0  # seen a little from above
    pen.ellipse(-30, -30 * squash, 30, 30 * squash, _GOLD)
    pen.ellipse(-23, -23 * squash, 23, 23 * squash, lighter(_GOLD, 0.25))
    pen.poly(star_points(0, 0, 12, 5, 5), darker(_GOLD, 0.15))
    pen.arc(-27, -27 * squash, 27, 27 * squash, 200, 250, 1.2)


def _crown(pen: Pen, kind: str, palette: Sequence[RGB], view: str) -> None:
    jewels = (palette[1], palette[0], palette[1])
    if view == "top":
        pen.circle(0, 0, 32, _GOLD)
        pen.circle(0, 0, 24, darker(palette[1], 0.35))
        for k in range(5):
            a = math.radians(k * 72 - 90)
            pen.circle(28 * math.cos(a), 28 * math.sin(a), 3.5, jewels[k % 3])
        return
    tips = [(-32, 18), (-32, -18), (-20, 0), (-10, -26), (0, -4), (10, -26), (20, 0), (32, -18), (32, 18)]
    pen.poly(tips, _GOLD)
    for x, y in ((-32, -18), (-10, -26), (10, -26), (32, -18)):  # a pearl on each point
        pen.circle(x, y, 3, (246, 242, 232))
    pen.rrect(-32, 6, 32, 20, 2, darker(_GOLD, 0.12))
    for x, colour in zip((-18, 0, 18), jewels, strict=True):
        pen.ellipse(x - 4, 9, x + 4, 17, colour)


def _shell(pen: Pen, kind: str, palette: Sequence[RGB], view: str) -> None:
    """A scallop: ribs fanning from the hinge to a scalloped edge, two ears at the hinge."""
    colour = mix(palette[0], (250, 222, 200), 0.8)
    hinge = (0.0, 26.0)
    pen.poly([(-12, 32), (-12, 22), (12, 22), (12, 32)], darker(colour, 0.1))  # the ears
    edge = []
    for k in range(15):
        a = math.radians(200 + k * 10)
        r = 42 if k % 2 == 0 else 38
        edge.append((hinge[0] + r * math.cos(a), hinge[1] + r * math.sin(a)))
    pen.poly([hinge, *edge], colour)
    for k in range(2, 14, 2):
        a = math.radians(200 + k * 10)
        pen.line([hinge, (hinge[0] + 36 * math.cos(a), hinge[1] + 36 * math.sin(a))], 0.7, darker(colour, 0.3))


def _feather(pen: Pen, kind: str, palette: Sequence[RGB], view: str) -> None:
    """A curved plume: its vane either side of a quill, a few splits in the barbs."""
    vane = palette[0]
    spine = [(-34 + 68 * t, 34 - 68 * t - 14 * math.sin(math.pi * t)) for t in (i / 8 for i in range(9))]
    left = [(x - 11 * math.sin(math.pi * min(1, t * 1.15)), y - 6 * math.sin(math.pi * t))
            for (x, y), t in zip(spine, (i / 8 for i in range(9)), strict=True)]  # fmt: skip
    right = [(x + 9 * math.sin(math.pi * min(1, t * 1.15)), y + 8 * math.sin(math.pi * t))
             for (x, y), t in zip(spine, (i / 8 for i in range(9)), strict=True)]  # fmt: skip
    pen.poly([*left[1:], *right[::-1][:-1]], vane)
    pen.line(spine, 1.2, darker(vane, 0.45))
    for i in (3, 5):  # splits in the barbs
        pen.line([spine[i], right[i + 1]], 0.6, darker(vane, 0.3))
    pen.line([(-40, 40), spine[0]], 1.4, darker(vane, 0.45))  # the bare quill


def _scroll(pen: Pen, kind: str, palette: Sequence[RGB], view: str) -> None:
    """Parchment between two rolls (a map: a dotted route to a red cross; else lines of writing)."""
    if view == "side":  # rolled up: a tube tied with a ribbon
        pen.rrect(-34, -8, 34, 8, 8, _PARCHMENT)
        pen.rrect(-4, -9, 4, 9, 1, palette[1])
        return
    half = 24 if view == "hero" else 30
    pen.rrect(-30, -half, 30, half, 0.5, _PARCHMENT)
    for x in (-34, 34):
        pen.rrect(x - 6, -half - 4, x + 6, half + 4, 5, darker(_PARCHMENT, 0.12))
        pen.ellipse(x - 3, -half - 4, x + 3, -half + 1, darker(_PARCHMENT, 0.3))
    if kind == "map":
        route = [(-22, 14), (-12, 4), (-2, 10), (8, -2), (16, -10)]
        for (x0, y0), (x1, y1) in itertools.pairwise(route):
            pen.line([(x0, y0), ((x0 + x1) / 2, (y0 + y1) / 2)], 0.8, darker(_PARCHMENT, 0.5))
        pen.line([(14, -16), (22, -8)], 1.6, (190, 40, 40))
        pen.line([(22, -16), (14, -8)], 1.6, (190, 40, 40))
        pen.poly([(-20, -14), (-14, -20), (-8, -12)], mix(palette[0], _PARCHMENT, 0.4))  # a mountain
        return
    for y in range(-half + 8, half - 4, 7):
        pen.line([(-22, y), (22, y)], 0.6, darker(_PARCHMENT, 0.45))
    pen.circle(0, half - 2, 4, palette[1], ink=False)  # its seal
    pen.circle(0, half - 2, 4, None)


_Painter = Callable[[Pen, str, Sequence[RGB], str], None]
_PAINTERS: Final[dict[str, _Painter]] = {
    "pearl": _pearl,
    "egg": _egg,
    "orb": _orb,
    "coin": _coin,
    "crown": _crown,
    "shell": _shell,
    "feather": _feather,
    "scroll": _scroll,
    "map": _scroll,
}
