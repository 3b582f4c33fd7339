"""Beasts on four legs told apart by their heads, tails and builds (creatures.py draws the legs and body, beasts.py
the fox's kind): a lion's great mane and tufted tail, a goat's swept-back horns and beard, a boar's tusks, snout and
bristled back, a pig's round snout, floppy ear and curly tail, a sheep's woolly fleece and dark face, a bull's wide
horns over a heavy hump of shoulder. In the beast's figure units, facing right."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Final

from providers.offline.drawing.bodies import HeadBox, eye, mouth
from providers.offline.drawing.coats import mane_shade
from providers.offline.drawing.colour import INK, RGB, WHITE, darker, lighter, mix
from providers.offline.drawing.pen import Pen, smooth_path, star_points

if TYPE_CHECKING:
    from providers.offline.drawing.creatures import CreatureLook

# Each one's body box and a standing leg's half width: a lion's a big cat's, a goat slight on long legs, a boar
# deep-bodied on short ones, a bull massive.
BUILDS: Final = {
    "lion": ((36, 34, 120, 70), 5.0),
    "goat": ((42, 36, 112, 64), 3.2),
    "boar": ((34, 32, 120, 80), 5.2),
    "bull": ((30, 26, 124, 76), 7.0),
    "pig": ((34, 36, 118, 80), 5.0),
    "sheep": ((38, 32, 116, 72), 3.2),
}
_HORN: Final = (236, 226, 200)
_PINK: Final = (226, 150, 150)


def _mane(look: CreatureLook) -> RGB:
    """A mane's colour: the one its words name, else a darker tawny of its coat (not its palette's accent)."""
    return look.mane_colour or mane_shade(look.body)


def tail(pen: Pen, look: CreatureLook, moving: bool) -> bool:
    """The species' tail (False for none of these): a lion's and a bull's long with a dark tuft, a boar's thin and
    short with a tuft, a goat's a short upturned flag."""
    species = look.species
    if species == "goat":
        pen.poly([(46, 45), (40, 36), (46, 35), (52, 41)], look.body)
        return True
    if species == "sheep":  # a woolly stub
        pen.circle(38, 44, 6, lighter(look.body, 0.35))
        return True
    if species == "pig":  # a curly tail
        curl = smooth_path([(36, 50), (28, 46), (26, 38), (32, 36), (34, 42), (28, 44)], 8)
        pen.tube(curl, [1.4] * len(curl), look.body)
        return True
    shapes = {"lion": [(40, 46), (28, 54), (22, 70), (16, 80)], "bull": [(32, 36), (26, 50), (24, 66), (24, 80)],
              "boar": [(36, 44), (28, 48), (24, 58)]}  # fmt: skip
    if species not in shapes:
        return False
    points = shapes[species] if not moving else [(40, 46), (28, 44), (16, 42), (6, 38)]
    path = smooth_path(points, 8)
    pen.tube(path, [1.8 if species == "boar" else 2.2] * len(path), look.body)
    tuft = _mane(look) if species == "lion" else darker(look.body, 0.4)
    tx, ty = path[-1]
    pen.ellipse(tx - 4, ty - 3, tx + 4, ty + 7, tuft)
    return True


def head(pen: Pen, look: CreatureLook, mood: str) -> HeadBox:
    """The species' head and neck (creatures.py's beast draws the rest)."""
    heads = {"lion": _lion, "goat": _goat, "boar": _boar, "bull": _bull, "pig": _pig, "sheep": _sheep}
    return heads[look.species](pen, look, mood)


def _lion(pen: Pen, look: CreatureLook, mood: str) -> HeadBox:
    """A great ragged mane about a cat's broad face, small round ears, a heavy muzzle."""
    x, y = 108.0, 16.0
    mane = _mane(look)
    pen.poly([(96, 44), (108, 26), (124, 34), (118, 60)], look.body)  # the neck
    pen.poly(star_points(x + 12, y + 16, 29, 19, 13), mane)  # the mane, round the whole head
    pen.poly(star_points(x + 10, y + 17, 21, 15, 11), darker(mane, 0.12), ink=False)
    for cx in (x + 4, x + 16):  # small round ears in the mane
        pen.circle(cx, y - 1, 4.5, look.body)
        pen.circle(cx, y - 1, 2.2, darker(look.body, 0.3), ink=False)
    pen.ellipse(x, y + 1, x + 30, y + 31, look.body)
    pen.ellipse(x + 18, y + 13, x + 38, y + 30, look.belly)  # the muzzle
    pen.poly([(x + 32, y + 13), (x + 38, y + 14), (x + 35, y + 19)], darker(_PINK, 0.25))  # the nose
    for dy in (-2, 2):
        pen.line([(x + 30, y + 22), (x + 44, y + 20 + dy * 2)], 0.4)
    eye(pen, look, x + 20, y + 10, 3.2, mood)
    mouth(pen, mood, x + 26, y + 24, 12)
    return (x - 18, y - 14, x + 42, y + 46)


def _goat(pen: Pen, look: CreatureLook, mood: str) -> HeadBox:
    """Horns sweeping back from the crown, ears out sideways, a long face down to a narrow muzzle, a beard."""
    x, y = 110.0, 12.0
    pen.poly([(100, 42), (110, 20), (124, 24), (116, 56)], look.body)  # the neck, up
    horn = smooth_path([(x + 10, y + 4), (x + 4, y - 8), (x - 6, y - 10), (x - 12, y - 2)], 8)
    pen.tube(horn, [3.2 - 2.2 * i / (len(horn) - 1) for i in range(len(horn))], _HORN)
    for k in (2, 4, 6):  # ridges across the horn
        hx, hy = horn[k]
        pen.line([(hx - 2, hy - 2), (hx + 2, hy + 2)], 0.5, darker(_HORN, 0.4))
    pen.poly([(x + 4, y + 10), (x - 10, y + 12), (x + 4, y + 15)], look.body)  # the ear, out sideways
    pen.ellipse(x, y, x + 22, y + 22, look.body)
    pen.poly([(x + 12, y + 4), (x + 34, y + 22), (x + 30, y + 32), (x + 14, y + 22)], look.body)  # the long face
    pen.ellipse(x + 24, y + 22, x + 34, y + 32, lighter(look.body, 0.12))
    pen.poly([(x + 20, y + 28), (x + 28, y + 32), (x + 22, y + 44), (x + 18, y + 34)], lighter(look.accent, 0.2))
    pen.circle(x + 31, y + 25, 1.0, INK, ink=False)  # a nostril
    eye(pen, look, x + 14, y + 9, 3.0, mood)
    pen.rrect(x + 12.6, y + 8.2, x + 16.4, y + 9.8, 0.6, INK, ink=False)  # a goat's bar of a pupil
    mouth(pen, mood, x + 24, y + 30, 8)
    return (x - 14, y - 12, x + 36, y + 46)


def _boar(pen: Pen, look: CreatureLook, mood: str) -> HeadBox:
    """A bristled crest down the back, a great wedge of a head held low, a flat snout, tusks curving up."""
    bristle = darker(look.body, 0.4)
    spikes = [(40 + k * 8.5, 34 - 10 * (1 - abs(k - 6) / 8)) for k in range(13)]
    for sx, sy in spikes:  # the crest along the spine, the body drawn over its roots
        pen.poly([(sx - 5, sy + 7), (sx + 1, sy - 5), (sx + 5, sy + 7)], bristle, ink=False)
    x, y = 108.0, 30.0
    pen.poly([(100, 40), (118, 30), (128, 42), (118, 72)], look.body)  # the thick neck
    pen.poly([(x + 4, y + 2), (x + 6, y - 10), (x + 14, y + 1)], look.body)  # a small pointed ear
    pen.poly([(x - 2, y + 2), (x + 22, y - 2), (x + 42, y + 16), (x + 40, y + 30), (x + 8, y + 38)], look.body)
    pen.ellipse(x + 36, y + 13, x + 46, y + 31, mix(look.body, _PINK, 0.4))  # the flat snout
    for dy in (18, 25):
        pen.circle(x + 42, y + dy, 1.1, INK, ink=False)
    pen.poly([(x + 30, y + 28), (x + 36, y + 14), (x + 38, y + 16), (x + 34, y + 30)], WHITE)  # the tusk
    eye(pen, look, x + 16, y + 10, 2.6, mood)
    mouth(pen, mood, x + 22, y + 32, 10)
    return (x - 4, y - 12, x + 48, y + 40)


def _bull(pen: Pen, look: CreatureLook, mood: str) -> HeadBox:
    """A hump of shoulder, a broad short head held low and forward, wide horns curving up, a ring in its nose."""
    pen.ellipse(82, 18, 118, 56, look.body)  # the heavy shoulders' hump
    x, y = 110.0, 22.0
    pen.poly([(96, 32), (116, 26), (126, 46), (112, 64)], look.body)  # the thick neck
    for dx, shade in ((-6, darker(_HORN, 0.15)), (6, _HORN)):  # the horns, the far one behind
        horn = smooth_path([(x + 10 + dx * 0.2, y + 8), (x + 2 + dx, y + 2), (x - 4 + dx, y - 8), (x + 4 + dx, y - 16)],
                           8)  # fmt: skip
        pen.tube(horn, [3.4 - 2.6 * i / (len(horn) - 1) for i in range(len(horn))], shade)
    pen.poly([(x + 6, y + 14), (x - 8, y + 16), (x + 4, y + 20)], look.body)  # the ear
    pen.ellipse(x, y + 4, x + 30, y + 34, look.body)
    pen.rrect(x + 16, y + 16, x + 40, y + 38, 8, mix(look.body, _PINK, 0.3))  # the broad muzzle
    pen.circle(x + 34, y + 24, 1.4, INK, ink=False)
    pen.arc(x + 30, y + 28, x + 40, y + 40, 300, 140, 1.1)  # the ring
    pen.line([(x + 6, y + 8), (x + 20, y + 12)], 1.0, darker(look.body, 0.3))  # the brow
    eye(pen, look, x + 14, y + 14, 2.8, mood)
    mouth(pen, mood, x + 22, y + 34, 10)
    return (x - 10, y - 18, x + 44, y + 42)


def _pig(pen: Pen, look: CreatureLook, mood: str) -> HeadBox:
    """A round head low on the body, an ear flopping forward, a round flat snout with two nostrils."""
    x, y = 110.0, 32.0
    pen.poly([(102, 42), (116, 34), (124, 46), (114, 70)], look.body)  # the neck
    pen.ellipse(x - 4, y, x + 30, y + 32, look.body)
    pen.ellipse(x + 24, y + 12, x + 38, y + 28, mix(look.body, _PINK, 0.5))  # the snout
    for dy in (17, 23):
        pen.ellipse(x + 32, y + dy - 1.6, x + 35, y + dy + 1.6, INK, ink=False)
    pen.poly([(x + 2, y + 4), (x + 8, y - 8), (x + 20, y + 2), (x + 18, y + 12)], darker(look.body, 0.1))  # the ear
    eye(pen, look, x + 18, y + 12, 2.6, mood)
    mouth(pen, mood, x + 22, y + 28, 10)
    return (x - 6, y - 10, x + 40, y + 34)


def _sheep(pen: Pen, look: CreatureLook, mood: str) -> HeadBox:
    """A woolly fleece in puffs over the body and its crown, a dark narrow face, ears out sideways."""
    wool = lighter(look.body, 0.35)
    (x0, y0, x1, y1), _ = BUILDS["sheep"]
    cx, cy, rx, ry = (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2, (y1 - y0) / 2
    for k in range(14):  # puffs all round the fleece's edge
        a = 2 * math.pi * k / 14
        pen.circle(cx + rx * 0.92 * math.cos(a), cy + ry * 0.88 * math.sin(a), 8, wool)
    pen.ellipse(x0 + 4, y0 + 4, x1 - 4, y1 - 4, wool, ink=False)
    face = darker(look.accent, 0.35)
    x, y = 110.0, 16.0
    pen.poly([(100, 40), (110, 24), (122, 28), (116, 54)], wool)  # the woolly neck
    pen.poly([(x + 4, y + 10), (x - 8, y + 14), (x + 4, y + 16)], face)  # the ear
    pen.poly([(x + 2, y + 2), (x + 18, y), (x + 32, y + 18), (x + 28, y + 28), (x + 10, y + 24)], face)  # the face
    for dx, dy in ((0, 0), (8, -4), (14, 0)):  # the wool on its crown
        pen.circle(x + 4 + dx, y + 2 + dy, 5, wool)
    eye(pen, look, x + 14, y + 10, 2.8, mood)
    mouth(pen, mood, x + 20, y + 24, 8)
    return (x - 10, y - 8, x + 34, y + 30)
