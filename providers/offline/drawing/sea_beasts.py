"""Sea beasts on a fish's plan but not a fish's shape (beasts.py draws the whale and the shark): a dolphin, sleek
and grey with a beak, a curved fin and a smile, leaping in an arc when it moves; and a seal, plump and whiskered,
its head raised on a spotted body. Side views facing right in figure units; each returns its head's unit box."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from providers.offline.drawing.bodies import HeadBox, eye, mouth
from providers.offline.drawing.colour import INK, darker, lighter
from providers.offline.drawing.pen import Pen, smooth_path

if TYPE_CHECKING:
    from providers.offline.drawing.creatures import CreatureLook


def dolphin(pen: Pen, look: CreatureLook, mood: str, pose: str = "stand") -> HeadBox:
    """A dolphin, not a shark: an arched body, a darker cape along its back and a pale belly, a round melon of a
    forehead over a slender beak, a curved dorsal fin swept back, flat flukes (a shark's tail stands tall), a
    blowhole and a smile; leaping (any moving pose) it arches higher, head up."""
    rise = 10.0 if pose != "stand" else 4.0  # always a little arched, a shark never

    def arched(points: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
        return [(x, y - rise * math.sin(math.pi * min(1.0, max(0.0, (x - 30) / 100)))) for x, y in points]

    flukes = [(32, 56), (20, 52), (4, 49), (10, 54), (17, 57), (10, 60), (5, 64), (20, 62), (32, 60)]
    pen.poly(arched(flukes), darker(look.body, 0.1))  # flat and wide, seen edge on
    fin = arched([(98, 38), (92, 25), (84, 17), (70, 11), (78, 19), (81, 28), (80, 38)])  # swept back, curved
    pen.poly(fin, darker(look.body, 0.18))
    top = smooth_path([(30, 55), (50, 46), (72, 38), (96, 35), (112, 35), (124, 35), (133, 40), (137, 46),
                       (139, 52)], 6)  # the melon, a round bulge of a forehead  # fmt: skip
    bottom = smooth_path([(134, 60), (126, 65), (110, 71), (88, 76), (64, 73), (44, 65), (30, 60)], 6)
    beak = [(142, 52), (152, 54), (157, 56), (152, 59), (142, 60)]  # the slender beak (rostrum)
    pen.poly(arched([*top, *beak, *bottom]), look.body)
    cape = smooth_path([(44, 50), (72, 41), (96, 38), (114, 39), (124, 42)], 6)
    under = smooth_path([(124, 44), (110, 46), (90, 47), (66, 51), (44, 55)], 6)
    pen.poly(arched([*cape, *under]), darker(look.body, 0.22), ink=False)  # the darker cape along its back
    pale = lighter(look.body, 0.6)  # its belly pale whatever the palette's second colour
    belly = smooth_path([(152, 58), (136, 62), (122, 68), (104, 73), (84, 75), (62, 71), (46, 64)], 6)
    pen.poly(arched([(140, 58), (114, 62), (86, 66), (58, 63), (46, 62), *belly[::-1]]), pale, ink=False)
    pen.arc(*_arched_box(108, 33, 116, 39, rise), 200, 340, 0.9)  # the blowhole on its crown
    pen.line(arched([(155, 57), (144, 58.5), (135, 58), (129, 54)]), 1.1)  # the smile, turned up at its corner
    pen.poly(arched([(108, 68), (96, 84), (92, 82), (100, 68)]), darker(look.body, 0.15))  # a flipper
    eye(pen, look, 124, 52 - rise * 0.2, 2.8, mood)
    if mood != "sheet":
        mouth(pen, mood, 134, 58, 12)
    return (106, 30 - rise, 158, 70 - rise)


def _arched_box(x0: float, y0: float, x1: float, y1: float, rise: float) -> tuple[float, float, float, float]:
    """A unit box on the dolphin's front lifted as its leaping body is there."""
    lift = rise * math.sin(math.pi * min(1.0, (x0 - 30) / 100))
    return (x0, y0 - lift, x1, y1 - lift)


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
