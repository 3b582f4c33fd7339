"""Creatures: a body plan and colours from the profile, drawn as a side view facing right."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PIL import Image

from providers.offline.drawing.colour import INK, RGB, WHITE, darker, lighter, luminance, mix, rng
from providers.offline.drawing.pen import Pen, has_any, smooth_path, star_points
from providers.offline.drawing.tables import CREATURE_KINDS


def creature_kind(text: str, name: str) -> str:
    """The body plan named by the profile's keywords, else one picked from the name's hash."""
    lowered = text.lower()
    for kind, words in CREATURE_KINDS.items():
        if has_any(lowered, words):
            return kind
    return rng("creature", name).choice(("quadruped", "serpent", "bird", "dragon"))


@dataclass(frozen=True)
class CreatureLook:
    """Body plan and colours of a creature."""

    kind: str
    body: RGB
    belly: RGB
    accent: RGB
    eye: RGB
    pointy_ears: bool
    bushy_tail: bool
    horns: bool
    mane: bool


def creature_look(name: str, palette: Sequence[RGB], text: str) -> CreatureLook:
    """A creature look from the palette and the keywords of the profile."""
    lowered = text.lower()
    kind = creature_kind(lowered, name)
    body, second, accent = palette[0], palette[1], palette[2]
    belly = second if abs(luminance(second) - luminance(body)) > 25 else lighter(body, 0.45)
    return CreatureLook(
        kind=kind,
        body=body,
        belly=belly,
        accent=accent,
        eye=(255, 206, 64) if has_any(lowered, ("glow", "fiery", "golden eye", "yellow eye", "menacing")) else WHITE,
        pointy_ears=not has_any(lowered, ("bear", "round ear", "mouse")),
        bushy_tail=has_any(lowered, ("wolf", "fox", "dog", "hound", "squirrel")),
        horns=kind == "dragon" or has_any(lowered, ("horn", "antler", "demon")),
        mane=has_any(lowered, ("lion", "mane", "horse")),
    )


def draw_creature(
    look: CreatureLook, height: int, mood: str = "sheet"
) -> tuple[Image.Image, tuple[int, int, int, int]]:
    """A side view facing right, `height` pixels tall, on a transparent layer, and the head's pixel box.

    `mood` is the face: "sheet" (its sheet's calm face), "roar" (jaws open, brow down), "happy" (eyes closed in a
    smile, mouth up), "sad" (brow raised, a tear, mouth down) or "shock" (eyes wide).
    """
    width = round(height * 1.6)
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    pen = Pen(image, (0, 0), height / 100)
    painter = {
        "serpent": _serpent,
        "dragon": _dragon,
        "bird": _bird,
        "fish": _fish,
    }.get(look.kind, _quadruped)
    hx0, hy0, hx1, hy1 = painter(pen, look, mood)
    box = pen.box(hx0, hy0, hx1, hy1)
    return image, (round(box[0]), round(box[1]), round(box[2]), round(box[3]))


def _eye(pen: Pen, look: CreatureLook, x: float, y: float, r: float, mood: str = "sheet") -> None:
    """An eye facing right at (x, y), and the brow its mood gives it."""
    if mood == "happy":  # closed in a smile: an upturned arc
        pen.arc(x - r, y - r * 0.6, x + r, y + r * 1.2, 200, 340, r * 0.35)
        return
    wide = 1.3 if mood == "shock" else 1.0
    pen.circle(x, y, r * wide, look.eye)
    pen.circle(x + r * 0.25, y, r * (0.35 if mood == "shock" else 0.55), INK, ink=False)
    pen.circle(x + r * 0.4, y - r * 0.3, r * 0.2, WHITE, ink=False)
    if mood == "roar":  # a heavy brow coming down toward the snout
        pen.line([(x - r * 1.3, y - r * 1.7), (x + r * 1.4, y - r * 0.5)], r * 0.55)
    elif mood == "sad":  # the brow raised toward the snout, a tear below
        pen.line([(x - r * 1.2, y - r * 0.9), (x + r * 1.2, y - r * 1.8)], r * 0.4)
        pen.circle(x - r * 0.2, y + r * 1.9, r * 0.35, (150, 200, 240))


def _mouth(pen: Pen, mood: str, x: float, y: float, size: float) -> None:
    """The mouth's mood at its corner (x, y), opening toward +x: jaws open with fangs, a smile or a frown."""
    if mood == "roar":
        pen.poly([(x, y), (x + size, y - size * 0.35), (x + size * 0.9, y + size * 0.55)], (150, 30, 40))
        for k in range(3):  # fangs along the upper jaw
            fx = x + size * (0.3 + 0.25 * k)
            pen.poly([(fx, y - size * (0.1 + 0.1 * k)), (fx + size * 0.1, y - size * (0.12 + 0.1 * k)),
                      (fx + size * 0.04, y + size * 0.1)], WHITE, ink=False)  # fmt: skip
    elif mood == "happy":
        pen.arc(x, y - size * 0.4, x + size, y + size * 0.3, 20, 160, size * 0.09)
    elif mood == "sad":
        pen.arc(x, y, x + size, y + size * 0.6, 200, 340, size * 0.08)


def _serpent(pen: Pen, look: CreatureLook, mood: str) -> tuple[float, float, float, float]:
    path = smooth_path(
        [(8, 70), (26, 58), (44, 76), (66, 82), (86, 64), (104, 76), (120, 62), (126, 40), (134, 30)], 10
    )
    n = len(path)
    radii = [1.5 + 9.5 * math.sin(math.pi * min(1.0, (i / (n - 1)) * 1.15)) ** 0.7 for i in range(n)]
    radii = [max(r, 6.5) if i > n * 0.8 else r for i, r in enumerate(radii)]
    for i in range(8, n - 14, 9):  # dorsal fins, drawn first so the body overlaps their base
        (x, y), r = path[i], radii[i]
        pen.poly([(x - r * 0.6, y - r * 0.7), (x + r * 0.2, y - r * 1.7), (x + r * 0.7, y - r * 0.6)], look.accent)
    pen.poly([(4, 70), (-1, 60), (12, 67)], look.accent)
    pen.poly([(4, 70), (-1, 80), (12, 73)], look.accent)
    pen.tube(path, radii, look.body)
    for (x, y), r in zip(path[4:-8], radii[4:-8], strict=True):
        pen.circle(x, y + r * 0.45, r * 0.45, look.belly, ink=False)
    for i in range(6, n - 12, 6):  # scale marks along the back
        (x, y), r = path[i], radii[i]
        pen.arc(x - r * 0.4, y - r * 0.6, x + r * 0.4, y + r * 0.1, 200, 340, 0.5)
    return _serpent_head(pen, look, mood)


def _serpent_head(pen: Pen, look: CreatureLook, mood: str) -> tuple[float, float, float, float]:
    pen.poly([(124, 24), (116, 12), (130, 20)], look.accent)
    pen.poly([(128, 22), (126, 8), (136, 19)], look.accent)
    pen.ellipse(122, 18, 156, 40, look.body)
    pen.chord(128, 22, 157, 42, 20, 170, look.belly)
    pen.line([(138, 33), (154, 32)], 0.6)
    pen.circle(153, 27, 0.9, INK, ink=False)
    _eye(pen, look, 140, 26, 3.3, mood)
    _mouth(pen, mood, 138, 33, 18)
    return (112, 4, 160, 46)


def _quadruped(
    pen: Pen, look: CreatureLook, mood: str = "sheet", tail: bool = True, wing: bool = False
) -> tuple[float, float, float, float]:
    far = darker(look.body, 0.25)
    if tail:
        bushy = look.bushy_tail
        path = smooth_path([(44, 50), (30, 48), (20, 38), (16, 24)], 8)
        n = len(path)
        if bushy:  # thick in the middle, a pale tip
            radii = [2.5 + 5.5 * math.sin(math.pi * (0.15 + 0.8 * i / n)) for i in range(n)]
            pen.tube(path, radii, look.body)
            pen.tube(path[-7:], [r * 0.8 for r in radii[-7:]], look.belly)
        else:
            pen.tube(path, [2.2] * n, look.body)
            pen.circle(16, 23, 4, look.accent)
    for x in (58, 104):  # far legs
        pen.rrect(x - 4, 58, x + 4, 91, 3, far)
        pen.ellipse(x - 5, 87, x + 6, 93, darker(far, 0.2))
    pen.ellipse(38, 36, 118, 72, look.body)
    pen.chord(44, 44, 114, 74, 20, 160, look.belly)
    for x in (50, 96):  # near legs
        pen.rrect(x - 4.5, 60, x + 4.5, 93, 3, look.body)
        pen.ellipse(x - 5.5, 89, x + 7, 96, darker(look.body, 0.35))
    pen.poly([(100, 42), (112, 30), (124, 36), (116, 58)], look.body)
    if wing:
        _wing(pen, look)
    return _beast_head(pen, look, 106, 14, mood)


def _beast_head(pen: Pen, look: CreatureLook, x: float, y: float, mood: str) -> tuple[float, float, float, float]:
    if look.pointy_ears:
        pen.poly([(x + 6, y + 10), (x + 8, y - 6), (x + 16, y + 6)], look.body)
        pen.poly([(x + 8.5, y + 6), (x + 9, y - 1), (x + 13, y + 5)], look.accent, ink=False)
    else:
        pen.circle(x + 10, y + 3, 5, look.body)
    if look.horns:
        pen.poly([(x + 14, y + 4), (x + 18, y - 10), (x + 20, y + 4)], lighter(look.accent, 0.3))
    if look.mane:
        pen.poly(star_points(x + 14, y + 14, 22, 15, 11), look.accent)
    pen.ellipse(x, y, x + 30, y + 26, look.body)
    pen.ellipse(x + 20, y + 10, x + 44, y + 26, look.belly)
    pen.ellipse(x + 39, y + 11, x + 45, y + 16, INK, ink=False)
    pen.arc(x + 28, y + 16, x + 40, y + 24, 20, 120, 0.6)
    _eye(pen, look, x + 20, y + 9, 3.2, mood)
    _mouth(pen, mood, x + 28, y + 19, 16)
    return (x - 6, y - 12, x + 48, y + 32)


def _dragon(pen: Pen, look: CreatureLook, mood: str) -> tuple[float, float, float, float]:
    path = smooth_path([(46, 54), (30, 62), (16, 58), (6, 44)], 8)
    radii = [4.5 - 3.3 * i / len(path) for i in range(len(path))]
    pen.tube(path, radii, look.body)
    pen.poly([(6, 44), (0, 38), (3, 32), (8, 38), (12, 36)], look.accent)
    for i in range(5):  # back spikes, bases hidden under the body drawn next
        x = 48 + i * 11
        top = 54 - 18 * math.sqrt(max(0.0, 1 - ((x + 4 - 78) / 40) ** 2))
        pen.poly([(x, top + 4), (x + 4, top - 6), (x + 8, top + 4)], look.accent)
    return _quadruped(pen, look, mood, tail=False, wing=True)


def _wing(pen: Pen, look: CreatureLook) -> None:
    membrane = lighter(mix(look.accent, look.body, 0.4), 0.2)
    wrist = (70.0, 4.0)
    pen.poly([(88, 44), wrist, (30, 0), (40, 14), (48, 12), (52, 26), (60, 22), (66, 44)], membrane)
    for tip in ((40, 14), (52, 26)):
        pen.line([wrist, tip], 0.9, darker(membrane, 0.45))
    pen.circle(*wrist, 1.6, darker(membrane, 0.3))


def _bird(pen: Pen, look: CreatureLook, mood: str) -> tuple[float, float, float, float]:
    for i, dy in enumerate((-7, 0, 7)):
        pen.poly([(48, 52), (16, 44 + dy * 1.6), (20, 52 + dy * 1.6)], darker(look.accent, 0.1 * i))
    for x in (74, 84):
        pen.line([(x, 72), (x + 1, 90)], 1.3, (214, 150, 60))
        pen.line([(x - 4, 92), (x + 1, 90), (x + 6, 92)], 1.1, (214, 150, 60))
    pen.ellipse(42, 34, 110, 78, look.body)
    pen.chord(52, 44, 112, 80, 0, 150, look.belly)
    pen.poly([(56, 46), (92, 42), (100, 50), (86, 62), (62, 66), (40, 60)], darker(look.body, 0.2))
    for x in (60, 70, 80):
        pen.arc(x - 6, 50, x + 6, 64, 30, 150, 0.6)
    pen.ellipse(92, 16, 126, 48, look.body)
    pen.poly([(104, 16), (100, 4), (108, 12), (110, 2), (114, 15)], look.accent)
    if mood == "roar":  # the beak gapes
        pen.poly([(124, 26), (142, 24), (124, 32)], (240, 170, 50))
        pen.poly([(124, 34), (140, 42), (124, 38)], (240, 170, 50))
    else:
        pen.poly([(124, 26), (142, 32), (124, 38)], (240, 170, 50))
    _eye(pen, look, 113, 28, 3.6, mood)
    return (86, 0, 146, 52)


def _fish(pen: Pen, look: CreatureLook, mood: str) -> tuple[float, float, float, float]:
    pen.poly([(30, 50), (4, 26), (12, 50), (4, 74)], look.accent)
    pen.poly([(60, 30), (78, 8), (96, 28)], look.accent)
    top = [(30 + 110 * t, 50 - 26 * math.sin(math.pi * t) ** 0.8) for t in (i / 20 for i in range(21))]
    bottom = [(30 + 110 * t, 50 + 24 * math.sin(math.pi * t) ** 0.8) for t in (i / 20 for i in range(20, -1, -1))]
    pen.poly(top + bottom, look.body)
    belly = [(36 + 100 * t, 50 + 22 * math.sin(math.pi * t) ** 0.8) for t in (i / 20 for i in range(21))]
    pen.poly([(36, 52), *belly[::-1][::-1], (136, 52)], look.belly, ink=False)
    for row, y in enumerate((40, 50)):
        for x in range(56 + row * 5, 104, 11):
            pen.arc(x - 5, y - 5, x + 5, y + 5, 100, 260, 0.5)
    pen.arc(104, 34, 122, 66, 110, 250, 0.9)
    pen.poly([(96, 60), (84, 74), (104, 66)], look.accent)
    pen.line([(132, 56), (138, 55)], 0.6)
    _eye(pen, look, 124, 44, 4, mood)
    _mouth(pen, mood, 128, 56, 12)
    return (96, 22, 142, 78)
