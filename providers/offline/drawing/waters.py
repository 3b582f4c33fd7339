"""Who is drawn in the water: a sea creature (a whale, a shark, a fish, an octopus, a sea serpent) in a scene by the
sea swims there, sunk to the waterline behind the shore, the dock or the rail, not standing on the sand; anywhere
without water (a market, a room, a street) it swims in a glass tank standing on the ground; a person under the sea
wears a diver's glass helmet, floating a little over the sea floor (staging.py and posed.py call
these)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Final

from PIL import Image, ImageDraw

from providers.offline.drawing.colour import INK
from providers.offline.drawing.creatures import CreatureLook
from providers.offline.drawing.humanoids import HumanLook, headroom
from providers.offline.drawing.pen import Pen

if TYPE_CHECKING:
    from providers.offline.drawing.scenery import Scene

# Where the water meets what the cast stands on, in fractions of the panel's height (scenes.py's floor, at 0.8):
# the sand's or the dock's edge; aboard a ship, the bulwark's rail; on a lighthouse gallery, its railing's top.
SHORE: Final = 0.81
_SHIP_RAIL: Final = 0.68
_GALLERY_RAIL: Final = 0.642
# How much of a swimmer's height shows above the water, by body plan: a whale's back, eye and mouth, a shark's fin
# and jaws, an octopus's dome and the roots of its arms, a serpent's humps.
_ABOVE: Final = {"fish": 0.75, "octopus": 0.62, "serpent": 0.7}
_SHARK_WHALE: Final = {"whale": 0.8, "shark": 0.8, "dolphin": 0.8, "seal": 0.7}
_FOAM: Final = (246, 250, 252)
_SEA: Final = (96, 152, 196)


def waterline(look: object, scene: Scene | None) -> float | None:
    """Where a creature of the sea swims in `scene` (fractions of the panel's height), or None where it stands
    (anyone else, or anywhere but by the sea: under it, it swims at its own depth)."""
    if scene is None or scene.setting != "sea" or not isinstance(look, CreatureLook) or not look.aquatic:
        return None
    if "ship-deck" in scene.features:  # aboard, whatever else the words say ("on deck" is a railing's word too)
        return _SHIP_RAIL
    return _GALLERY_RAIL if "railing" in scene.features else SHORE


def tanked(look: object, scene: Scene | None) -> bool:
    """Whether a creature of the sea is drawn in a glass tank: in a scene with no water for it (not by the sea nor
    under it), where it would lie on the floor like a landed fish."""
    wet = scene is None or scene.setting in ("sea", "underwater")
    if wet or not isinstance(look, CreatureLook) or not look.aquatic:
        return False
    return look.kind in ("fish", "octopus") and look.species != "seal"  # a seal hauls out, a serpent slithers


# A tank's glass round the swimmer, over its height: a margin each side, the water's surface a little under its top
# (its back and blowhole out of the water), and a wooden stand under it.
TANK_GROWTH: Final = 1.2
_TANK_WATER: Final = (112, 172, 214, 150)
_TANK_GLASS: Final = (214, 240, 250, 70)
_TANK_STAND: Final = (122, 86, 58)


def in_a_tank(
    figure: Image.Image, head: tuple[float, float] | None, half: float
) -> tuple[Image.Image, tuple[float, float] | None, float]:
    """The swimmer's figure in a glass tank of water on a wooden stand, TANK_GROWTH times as tall as the figure,
    and its head's centre and half its head's width in fractions of the tank (as drawn_creature gives them for the
    figure)."""
    width, height = figure.size
    box = figure.getbbox() or (0, 0, width, height)
    inked = figure.crop(box)
    pad = max(6, round(inked.height * 0.08))
    stand = max(6, round(inked.height * 0.1))
    glass_w, glass_h = inked.width + 2 * pad, inked.height + pad
    tank = Image.new("RGBA", (glass_w, round(inked.height * TANK_GROWTH) + stand), (0, 0, 0, 0))
    top = tank.height - stand - glass_h  # the glass's top edge
    surface = top + round(inked.height * 0.18)  # the water's, its back above it
    line = max(2, round(glass_h * 0.012))
    draw = ImageDraw.Draw(tank)
    draw.rectangle((0, surface, glass_w - 1, top + glass_h), fill=_TANK_WATER)
    tank.alpha_composite(inked, (pad, top + pad // 2))
    front = Image.new("RGBA", tank.size, (0, 0, 0, 0))
    ImageDraw.Draw(front).rectangle((0, surface, glass_w - 1, top + glass_h), fill=_TANK_GLASS)
    tank.alpha_composite(front)
    draw = ImageDraw.Draw(tank)
    waves = [(x, surface + line * 1.5 * math.sin(x / glass_w * 9 * math.pi)) for x in range(0, glass_w, 4)]
    draw.line(waves, fill=INK, width=line)  # the water's surface
    edge = line + 1  # the glass's sides and bottom (open at the top: its spout clear of the frame)
    draw.line([(edge // 2, top), (edge // 2, top + glass_h), (glass_w - 1 - edge // 2, top + glass_h),
               (glass_w - 1 - edge // 2, top)], fill=INK, width=edge, joint="curve")  # fmt: skip
    for k in (0.08, 0.12):  # a gleam down the glass
        x = round(glass_w * k)
        draw.line([(x, surface + glass_h * 0.15), (x + glass_w * 0.03, surface + glass_h * 0.45)],
                  fill=(255, 255, 255, 200), width=line + 1)  # fmt: skip
    draw.rectangle((0, top + glass_h, glass_w - 1, tank.height - 1), fill=_TANK_STAND, outline=INK, width=line + 1)
    dx, dy = pad - box[0], top + pad // 2 - box[1]  # where the figure's pixels went
    if head is not None:
        head = ((head[0] * width + dx) / tank.width, (head[1] * height + dy) / tank.height)
    return tank, head, half * width / tank.width


def whole_height(look: CreatureLook, shown: float, room: float) -> float:
    """How tall to draw the whole swimmer for `shown` of it to rise above the water (at most `room`)."""
    return min(shown, room) / _above(look)


def _above(look: CreatureLook) -> float:
    return _SHARK_WHALE.get(look.species, _ABOVE.get(look.kind, 0.65))


def in_the_water(
    figure: Image.Image, look: CreatureLook, head: tuple[float, float] | None, half: float, line: float, panel_h: int
) -> tuple[Image.Image, tuple[float, float] | None, float, int]:
    """The swimmer's figure cut at the water, a ripple of foam along the cut where the water shows (not behind a
    rail), its head's centre and half its head's width in fractions of the cut figure (as drawn_creature gives them
    for the whole), and the panel row its cut edge stands on."""
    rows = max(2, round(figure.height * _above(look)))
    cut = figure.crop((0, 0, figure.width, rows))
    if line == SHORE:
        cut = _foam(cut)
    shift, across = (cut.width - figure.width) / 2, figure.width / cut.width
    if head is not None:
        head = ((head[0] * figure.width + shift) / cut.width, min(1.0, head[1] * figure.height / rows))
    return cut, head, half * across, round(panel_h * line)


def _foam(figure: Image.Image) -> Image.Image:
    """The figure, a little wider, the sea's surface lapping across its lowest rows: blue water under a white crest
    with an ink line along its waves, running a little past the body either side."""
    width, height = figure.size
    pad = max(6, round(width * 0.06))
    band = max(5, round(height * 0.07))
    out = Image.new("RGBA", (width + 2 * pad, height), (0, 0, 0, 0))
    out.paste(figure, (pad, 0))
    draw = ImageDraw.Draw(out)
    waves = max(3, round(out.width / max(8, band * 2.2)))
    crest = [
        (x, height - band + band * 0.25 * math.sin(x / out.width * waves * 2 * math.pi))
        for x in (out.width * i / (waves * 6) for i in range(waves * 6 + 1))
    ]
    draw.polygon([*crest, (out.width, height), (0, height)], fill=(*_SEA, 255))
    foam = [(x, y + band * 0.35) for x, y in crest]
    draw.polygon([*crest, *foam[::-1]], fill=(*_FOAM, 255))
    draw.line(crest, fill=INK, width=max(2, band // 4))
    return out


# A diver's helmet in a person's figure units (humanoids.py: 104 tall, the head from 2 to 27, its crown at 0): a
# glass dome over the head (and its hat), a brass collar on the shoulders, bubbles rising beside it.
_BRASS: Final = (200, 152, 70)
_GLASS: Final = (176, 222, 240, 86)


def diving_helmet(layer: Image.Image, look: HumanLook, view: str, height: float, mirror: bool) -> None:
    """Draw the helmet on a person's figure layer from draw_humanoid (`height` its figure's pixels): the glass over
    what is drawn (a tall hat and all), the collar and bubbles in ink."""
    room = round(height * headroom(look))  # as draw_humanoid leaves above the head for a tall hat
    top = -(headroom(look) * 104 + 4.2) if room else 0.0  # the hat's crown, in figure units
    unit = height / 104
    pen = Pen(layer, (layer.width / 2, height * 0.04 + room), unit, mirror=mirror)
    turn = {"front": 0.0, "three-quarter": 0.5, "side": 1.0}.get(view, 0.0)
    crown = max(-4.2 - room / unit + 0.6, min(-3.5, top - 3.0))  # over the hat, inside the layer
    r = (32 - crown) / 2
    cx, cy = 1.5 * turn, crown + r
    pen.rrect(-14, 26.5, 14, 33, 2.5, _BRASS)  # the collar on the shoulders
    for x in (-9, 0, 9):
        pen.circle(x, 29.8, 0.9, INK, ink=False)
    x0, y0, x1, y1 = (round(v) for v in pen.box(cx - r, cy - r, cx + r, cy + r))
    glass = Image.new("RGBA", (x1 - x0 + 1, y1 - y0 + 1), (0, 0, 0, 0))
    ImageDraw.Draw(glass).ellipse((0, 0, glass.width - 1, glass.height - 1), fill=_GLASS)
    layer.alpha_composite(glass, (max(0, x0), max(0, y0)), (max(0, -x0), max(0, -y0)))
    pen.circle(cx, cy, r, None)  # its rim
    gleam = [(cx + r * 0.72 * math.cos(a), cy - r * 0.72 * math.sin(a)) for a in (2.0, 2.25, 2.5, 2.75)]
    pen.line(gleam, max(1.0, r * 0.09), (255, 255, 255))  # a gleam on the glass
    for bx, by, br in ((r + 3, cy - r * 0.3, 2.2), (r + 6, cy - r * 0.7, 1.6), (r + 4, cy - r + 1, 1.2)):
        if by - br > -4.2 - room / unit:  # inside the layer
            pen.circle(cx + bx, by, br, (226, 244, 252))
