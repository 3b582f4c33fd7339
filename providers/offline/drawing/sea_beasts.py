"""Sea beasts on a fish's plan but not a fish's shape (beasts.py draws the whale and the shark): a dolphin, sleek
and grey with a beak, a curved fin and a smile, leaping in an arc when it moves; and a seal, plump and whiskered,
its head raised on a spotted body. Side views facing right in figure units; each returns its head's unit box."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from providers.offline.drawing.bodies import HeadBox, eye, mouth
from providers.offline.drawing.colour import INK, darker, lighter
from providers.offline.drawing.pen import Pen, smooth_path

if TYPE_CHECKING:
    from providers.offline.drawing.creatures import CreatureLook


def dolphin(pen: Pen, look: CreatureLook, mood: str, pose: str = "stand") -> HeadBox:
    """A dolphin: a sleek body tapering to horizontal flukes, a curved dorsal fin, a pale belly, a rounded forehead
    over a short beak, and a smile; leaping (any moving pose) it arches, head up."""
    rise = 6 if pose != "stand" else 0
    pen.poly([(30, 54), (10, 40), (4, 46), (18, 56), (4, 68), (12, 72), (30, 60)], look.body)  # the flukes
    pen.poly([(70, 38 - rise), (80, 12 - rise), (84, 14 - rise), (94, 38 - rise)], look.body)  # the dorsal fin
    top = [(30 + 98 * t, 54 - 20 * math.sin(math.pi * t**0.9) - rise * math.sin(math.pi * t)) for t in
           (i / 16 for i in range(17))]  # fmt: skip
    bottom = [(30 + 98 * t, 60 + 16 * math.sin(math.pi * t**0.9) - rise * math.sin(math.pi * t)) for t in
              (i / 16 for i in range(16, -1, -1))]  # fmt: skip
    pen.poly([*top, (132, 50), (150, 52), (150, 57), (128, 60), *bottom], look.body)  # the body, the beak ahead
    pen.poly([(44, 62), (126, 60), (148, 57), (128, 66), (96, 72), (60, 70)], look.belly, ink=False)
    pen.arc(124, 52, 150, 62, 30, 150, 0.7)  # its smiling mouth line
    pen.poly([(88, 66), (74, 84), (96, 72)], darker(look.body, 0.15))  # a flipper
    pen.circle(104, 41 - rise, 1.4, INK, ink=False)  # the blowhole
    eye(pen, look, 122, 48, 2.8, mood)
    mouth(pen, mood, 132, 58, 12)
    return (108, 32, 152, 70)


def seal(pen: Pen, look: CreatureLook, mood: str, pose: str = "stand") -> HeadBox:
    """A seal: a plump body lying along the ground, its head raised, rear flippers behind, a fore flipper under it,
    spots along its back, a dark nose and whiskers."""
    lift = 6 if pose != "stand" else 0  # humping forward
    pen.poly([(34, 84), (10, 74), (14, 86), (8, 96), (34, 92)], darker(look.body, 0.2))  # the rear flippers
    body = smooth_path([(30, 86), (60, 80 - lift), (92, 66), (112, 42)], 8)
    pen.tube(body, [10 + 8 * math.sin(math.pi * min(1.0, 0.2 + i / len(body))) for i in range(len(body))],
             look.body)  # fmt: skip
    pen.chord(40, 78, 104, 98, 180, 360, look.belly)
    for x, y in ((50, 74), (64, 68), (78, 62), (88, 56)):  # spots
        pen.circle(x, y, 2.2, darker(look.body, 0.25), ink=False)
    pen.poly([(88, 74), (104, 94), (84, 90)], darker(look.body, 0.15))  # the fore flipper
    pen.ellipse(100, 20, 132, 48, look.body)  # the head
    pen.ellipse(118, 30, 138, 46, lighter(look.body, 0.15))  # the muzzle
    pen.circle(136, 34, 2.4, INK, ink=False)  # the nose
    for dy in (-2, 2, 6):  # whiskers
        pen.line([(130, 40), (148, 38 + dy)], 0.4)
    eye(pen, look, 118, 30, 3.4, mood)
    mouth(pen, mood, 124, 44, 10)
    return (96, 14, 144, 50)
