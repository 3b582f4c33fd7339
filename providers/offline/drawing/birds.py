"""Birds not built like the generic one (creatures.py draws that, side-on): an owl, upright and facing the reader
with its great round eyes in a pale facial disc, ear tufts and a hooked beak, its wings spread wide in flight; and a
swan (or a goose) with a long curved neck. In figure units (100 tall, up to 160 across); each painter returns its
head's unit box."""

from __future__ import annotations

from typing import TYPE_CHECKING

from providers.offline.drawing.bodies import HeadBox, eye, mouth
from providers.offline.drawing.colour import darker, lighter, mix
from providers.offline.drawing.pen import Pen, smooth_path

if TYPE_CHECKING:
    from providers.offline.drawing.creatures import CreatureLook

_BEAK = (240, 170, 50)


def owl(pen: Pen, look: CreatureLook, mood: str, pose: str = "stand") -> HeadBox:
    """An owl facing the reader: a round body with a barred breast, a big head with tufts, eyes in a facial disc."""
    feather = darker(look.body, 0.2)
    x = 84.0
    if pose == "fly":  # both wings spread wide, their tips fanned
        for side in (-1, 1):
            tip = x + side * 70
            pen.poly([(x + side * 14, 44), (x + side * 40, 22), (tip, 18), (tip - side * 6, 30), (tip, 36),
                      (tip - side * 10, 44), (tip - side * 4, 52), (x + side * 30, 66), (x + side * 14, 70)],
                     feather)  # fmt: skip
            for k in (0.4, 0.7):
                pen.line([(x + side * 22, 46), (x + side * 70 * k + side * 8, 30 + 10 * k)], 0.6, darker(feather, 0.4))
    for dx in (-8, 8):  # talons, gripping
        pen.line([(x + dx, 88), (x + dx, 96)], 1.6, _BEAK)
        for t in (-3, 0, 3):
            pen.line([(x + dx, 95), (x + dx + t, 98)], 1.0, _BEAK)
    pen.ellipse(x - 26, 34, x + 26, 94, look.body)  # the body
    pen.ellipse(x - 16, 46, x + 16, 90, look.belly)  # the breast, barred
    for row in range(4):
        y = 54 + row * 9
        for dx in (-8, 0, 8):
            pen.arc(x + dx - 4, y - 2, x + dx + 4, y + 4, 20, 160, 0.6)
    if pose != "fly":  # the folded wings at its sides
        for side in (-1, 1):
            pen.ellipse(x + side * 26 - 9, 44, x + side * 26 + 9, 86, feather)
    for side in (-1, 1):  # ear tufts
        pen.poly([(x + side * 10, 12), (x + side * 24, -0.0 + 1), (x + side * 20, 16)], feather)
    pen.ellipse(x - 24, 6, x + 24, 50, look.body)  # the head
    disc = lighter(mix(look.belly, look.body, 0.3), 0.25)
    for side in (-1, 1):  # the facial disc round each eye
        pen.circle(x + side * 10, 26, 11, disc)
    for side in (-1, 1):
        eye(pen, look, x + side * 10, 26, 6.5, mood)
    pen.poly([(x - 4, 32), (x + 4, 32), (x, 42)], _BEAK)  # the hooked beak
    mouth(pen, mood, x - 6, 44, 12)
    return (x - 26, 0, x + 26, 52)


def swan(pen: Pen, look: CreatureLook, mood: str, pose: str = "stand") -> HeadBox:
    """A swan or a goose: a long low body, its tail up, a long neck curving up to a small head and a broad bill;
    in flight its wings raised over its back."""
    feather = darker(look.body, 0.12)
    if pose == "fly":  # the far wing raised behind
        pen.poly([(64, 50), (96, 48), (80, 4), (60, -4), (56, 16)], darker(feather, 0.2))
    else:
        for x in (66, 80):  # short legs, webbed feet
            pen.line([(x, 76), (x, 92)], 1.6, _BEAK)
            pen.poly([(x - 3, 92), (x + 9, 92), (x + 3, 96)], _BEAK)
    pen.poly([(30, 52), (40, 42), (50, 52)], look.body)  # the upturned tail
    pen.ellipse(34, 44, 108, 82, look.body)
    pen.chord(42, 56, 106, 84, 10, 170, look.belly)
    if pose == "fly":  # the near wing spread up and back
        pen.poly([(52, 56), (92, 52), (80, 14), (48, -6), (44, 8), (34, 10), (44, 24), (36, 30)], feather)
    else:
        pen.poly([(48, 52), (90, 50), (96, 62), (74, 72), (44, 66)], feather)
        for x in (56, 68, 80):
            pen.arc(x - 6, 54, x + 6, 66, 30, 150, 0.6)
    neck = smooth_path([(96, 56), (106, 40), (100, 24), (106, 12), (118, 12)], 8)
    pen.tube(neck, [6.0 - 2 * i / (len(neck) - 1) for i in range(len(neck))], look.body)
    pen.ellipse(106, 4, 126, 20, look.body)  # the head
    pen.poly([(122, 9), (138, 13), (136, 17), (122, 17)], _BEAK)  # the broad bill
    pen.ellipse(121, 8, 126, 14, darker(_BEAK, 0.6), ink=False)  # its dark base
    eye(pen, look, 116, 11, 2.6, mood)
    mouth(pen, mood, 124, 17, 8)
    return (102, 0, 140, 24)
