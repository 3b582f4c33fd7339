"""Robots drawn as machines: a humanoid look in metal colours, with a boxy head, a visor whose lit eyes carry the
expression, an antenna, a chest panel and rivets (humanoids.py draws the limbs)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Final

from providers.offline.drawing.colour import INK, RGB, darker, lighter, mix
from providers.offline.drawing.pen import Pen

if TYPE_CHECKING:
    from providers.offline.drawing.humanoids import HumanLook

ROBOT_WORDS: Final = ("robot", "android", "automaton", "droid", "cyborg", "mech", "mechanical man", "clockwork man")

_STEEL: Final[RGB] = (168, 176, 188)
_VISOR: Final[RGB] = (36, 44, 58)
_GLOW: Final[RGB] = (132, 236, 255)


def robot_colours(look: HumanLook, palette: Sequence[RGB]) -> HumanLook:
    """The look as a robot: casing in the palette's first colour toward steel, no hair, hat, cape or beard."""
    casing = mix(palette[0], _STEEL, 0.45)
    return replace(
        look,
        skin=lighter(_STEEL, 0.25),
        hair=darker(_STEEL, 0.3),
        top=casing,
        bottom=darker(casing, 0.22),
        shoes=darker(_STEEL, 0.45),
        hat=None,
        cape=False,
        scarf=False,
        glasses=False,
        beard=False,
        hair_style=0,
        robot=True,
    )


def robot_chest(pen: Pen, look: HumanLook, body: float, turn: float, back: bool) -> None:
    """A boxy torso with rivets at its corners and, in front, a panel of indicator lights."""
    w = 12 * body
    pen.rrect(-w - 1, 28, w + 1, 62, 2.5, look.top)
    pen.rrect(-w - 1.6, 55, w + 1.6, 59, 1, look.accent)
    for x in (-w + 1.8, w - 1.8):
        for y in (31, 52):
            pen.circle(x, y, 0.8, darker(look.top, 0.35), ink=False)
    if back:
        pen.rrect(-w * 0.55, 34, w * 0.55, 48, 1.5, darker(look.top, 0.12))  # a service hatch
        return
    cx = 4 * turn
    pen.rrect(cx - 6 * body, 35, cx + 6 * body, 48, 1.5, darker(look.top, 0.3))
    for i, light in enumerate(((255, 92, 84), (255, 214, 102), (120, 220, 140))):
        pen.circle(cx - 3.6 * body + i * 3.6 * body, 39, 1.1, light, ink=False)
    pen.line([(cx - 4 * body, 44), (cx + 4 * body, 44)], 0.5)


def robot_head(pen: Pen, look: HumanLook, turn: float, back: bool, face: str) -> None:
    """A box head with an antenna and ear bolts; in front a visor whose eyes show `face`, and a speaker grille."""
    casing = lighter(look.top, 0.12)
    ax = -3 * turn
    pen.line([(ax, 3), (ax, -1)], 0.9)
    pen.circle(ax, -2, 1.7, look.accent)  # the figure's layer starts 4 units above the head
    pen.rrect(-11.5 + 2.5 * turn, 1.5, 11.5 - 1 * turn, 26.5, 3, casing)
    for x in (-12.5, 12.5) if turn == 0 else (-6 + 2 * turn,):
        pen.rrect(x - 1.6, 12, x + 1.6, 19, 0.8, darker(casing, 0.3))  # ear bolts
    for x in (-9 + 2.5 * turn, 9 - turn):
        for y in (4.2, 23.8):
            pen.circle(x, y, 0.7, darker(casing, 0.35), ink=False)
    if back:
        return
    fx = 6.5 * turn
    pen.rrect(fx - 8.5 + 3 * turn, 10.5, fx + 8.5 - 3 * turn, 18.5, 2.2, _VISOR)
    eyes = [fx - 4, fx + 4] if turn == 0 else ([fx - 2.2, fx + 3.4] if turn == 0.5 else [fx + 1.8])
    for ex in eyes:
        _visor_eye(pen, ex, fx, face)
    _grille(pen, fx + 1.2 * turn, face)


def _visor_eye(pen: Pen, ex: float, fx: float, face: str) -> None:
    """A lit eye on the visor; its shape is the robot's expression."""
    toward = 1 if ex < fx else -1
    if face in ("smile", "grin"):  # ^ ^
        pen.line([(ex - 1.8, 15.6), (ex, 13.4), (ex + 1.8, 15.6)], 0.8, _GLOW)
    elif face in ("scowl", "stern"):  # a bar slanting down to the nose
        pen.line([(ex - 1.9 * toward, 13.2), (ex + 1.9 * toward, 15.6)], 0.9, _GLOW)
    elif face in ("sad", "worried"):  # slanting up to the nose
        pen.line([(ex - 1.9 * toward, 15.6), (ex + 1.9 * toward, 13.4)], 0.9, _GLOW)
    elif face == "wince":
        pen.line([(ex - 1.9 * toward, 13.2), (ex + 1.2 * toward, 14.6), (ex - 1.9 * toward, 16)], 0.7, _GLOW)
    elif face == "shock":
        pen.circle(ex, 14.6, 2.3, _GLOW, ink=False)
        pen.circle(ex, 14.6, 0.9, _VISOR, ink=False)
    else:
        pen.circle(ex, 14.6, 1.5, _GLOW, ink=False)


def _grille(pen: Pen, mx: float, face: str) -> None:
    """The speaker grille under the visor, curved up or down with the expression."""
    bend = {"smile": 1.2, "grin": 1.6, "scowl": -1.2, "sad": -1.0, "worried": -0.5}.get(face, 0.0)
    if face == "shock":
        pen.ellipse(mx - 2, 20.2, mx + 2, 24.6, INK)
        return
    pen.line([(mx - 4, 21.4 - bend * 0.4), (mx, 21.4 + bend), (mx + 4, 21.4 - bend * 0.4)], 0.7)
    pen.line([(mx - 3.4, 23.4 - bend * 0.4), (mx, 23.4 + bend), (mx + 3.4, 23.4 - bend * 0.4)], 0.5)
