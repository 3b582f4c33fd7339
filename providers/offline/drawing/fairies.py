"""A fairy (a pixie, a sprite): a tiny winged person, not a bird. A slim figure in a petal-hemmed dress (its body
colour), see-through insect wings from its shoulders, pointed ears, hair flowing back (its accent colour), a wand
with a glowing star in its near hand; hovering in flight (any moving pose), its toes pointed down. A side view
facing right in figure units (100 tall, up to 160 across); it returns its head's unit box."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from providers.offline.drawing.bodies import HeadBox, person_head
from providers.offline.drawing.colour import RGB, darker, lighter, mix
from providers.offline.drawing.insects import gossamer, leaf
from providers.offline.drawing.pen import Pen, star_points

if TYPE_CHECKING:
    from providers.offline.drawing.creatures import CreatureLook

_GLOW: Final = (255, 226, 120)
_WAND: Final = (214, 176, 96)


def fairy(pen: Pen, look: CreatureLook, mood: str, pose: str = "stand") -> HeadBox:
    """A fairy standing (or hovering, `pose` "fly"), wings spread behind it, wand raised."""
    flying = pose == "fly"
    tint = lighter(mix(look.belly, (196, 228, 255), 0.55), 0.35)
    flap = -8.0 if flying else 0.0
    for far in (True, False):  # two pairs of wings, the far pair behind and fainter
        dx = 7.0 if far else 0.0
        alpha = 95 if far else 140
        gossamer(pen, leaf((80 + dx, 36), (34 + dx, 2 + flap), 26), tint, alpha)
        gossamer(pen, leaf((80 + dx, 40), (46 + dx, 72 + flap / 2), 18), tint, alpha)
        if not far:  # veins from the root
            for tip in ((46, 12 + flap), (56, 62 + flap / 2)):
                pen.line([(80, 38), tip], 0.5, darker(tint, 0.35))
    _legs(pen, look, flying)
    dress = look.body
    far_arm = darker(look.skin, 0.15)
    pen.line([(78, 34), (72, 46), (70, 56)], 2.4, far_arm)  # the far arm, hanging
    pen.circle(70, 57, 2.2, far_arm)
    hem = [(98, 72), (92, 68), (87, 74), (81, 68), (75, 74), (70, 68), (64, 72)]  # petal points
    pen.poly([(76, 48), (90, 48), *hem], dress)  # the skirt
    pen.rrect(76, 28, 91, 52, 6, dress)  # the bodice
    pen.line([(76, 49), (91, 49)], 1.4, darker(dress, 0.3))  # a sash at the waist
    _wand(pen, look)
    box = person_head(pen, look, 87, 18, 9, mood)
    pen.poly([(83.5, 20), (78, 11), (86, 16.5)], look.skin)  # a pointed ear, over the hair
    return box


def _legs(pen: Pen, look: CreatureLook, flying: bool) -> None:
    """Slim legs under the skirt in slippers of its accent colour: standing apart, or dangling, toes down."""
    leg = look.skin
    if flying:
        ends = ((74, 88), (82, 90))
    else:
        ends = ((78, 93), (88, 93))
    for i, (fx, fy) in enumerate(ends):
        shade = darker(leg, 0.15) if i == 0 else leg
        pen.line([(80 + i * 6, 64), (fx, fy)], 2.6, shade)
        slipper: RGB = darker(look.accent, 0.1 if i else 0.3)
        if flying:  # pointed down
            pen.poly([(fx - 2.5, fy - 2), (fx + 2.5, fy - 1), (fx - 1, fy + 5)], slipper)
        else:
            pen.poly([(fx - 3, fy - 1.5), (fx + 6, fy + 1), (fx - 3, fy + 3.5)], slipper)


def _wand(pen: Pen, look: CreatureLook) -> None:
    """The near arm raised forward holding a wand, a glowing star on its tip and sparkles about it."""
    pen.line([(88, 33), (98, 42), (106, 34)], 2.4, look.skin)
    pen.circle(106, 34, 2.4, look.skin)
    pen.line([(105, 36), (118, 14)], 1.3, _WAND)
    pen.poly(star_points(119, 12, 8.5, 4, 5), lighter(_GLOW, 0.6), ink=False)  # the glow about it
    pen.poly(star_points(119, 12, 5.5, 2.4, 5), _GLOW)
    for sx, sy, r in ((130, 8, 2.2), (126, 22, 1.6), (110, 4, 1.8)):  # sparkles
        pen.poly(star_points(sx, sy, r, r * 0.35, 4), _GLOW, ink=False)
