"""Insects on six legs (a spider, bodies.py, keeps its eight): a beetle under its domed wing cases, a ladybird's red
dome with black spots, an ant's three parts on long legs, a striped bee on glassy wings, a butterfly's great wings
folded up over its back (spread in flight). Each has a head with two feelers; a side view facing right in figure
units (100 tall, up to 160 across), returning its head's unit box. gossamer() draws the see-through wing a bee's and
a fairy's share."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

from providers.offline.drawing.bodies import HeadBox, eye, mouth
from providers.offline.drawing.colour import INK, RGB, WHITE, darker, lighter, mix
from providers.offline.drawing.pen import Pen, Point, has_any, smooth_path

if TYPE_CHECKING:
    from providers.offline.drawing.creatures import CreatureLook

_WINGED: Final = ("bee", "bumblebee", "wasp", "hornet", "butterfly", "butterflies", "moth", "dragonfly", "firefly")


def winged(kind: str, text: str) -> bool:
    """Whether a creature of body plan `kind` is an insect whose words name one that flies on wings a reader sees (a
    bee, a butterfly; a beetle's are folded under its shell; a fox that chases butterflies has none)."""
    return kind == "insect" and has_any(text, _WINGED)


def gossamer(pen: Pen, points: Sequence[Point], tint: RGB, alpha: int = 130) -> None:
    """A see-through wing: `tint` at `alpha` over whatever is behind it, outlined in ink (Pen fills are opaque)."""
    pixels = [pen.p(x, y) for x, y in points]
    pen.draw.polygon(pixels, fill=(*tint, alpha), outline=INK, width=max(1, pen.ink_width - 1))


def leaf(root: Point, tip: Point, width: float, steps: int = 10) -> list[Point]:
    """A wing's outline from `root` to `tip`: round, `width` units across at its widest, a little past the middle."""
    (x0, y0), (x1, y1) = root, tip
    length = math.hypot(x1 - x0, y1 - y0) or 1.0
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    out: list[Point] = []
    for side in (1, -1):
        ts = [i / steps for i in range(steps + 1)]
        for t in ts if side == 1 else ts[::-1]:
            half = width / 2 * math.sin(math.pi * t**0.8)
            out.append((x0 + ux * length * t - uy * half * side, y0 + uy * length * t + ux * half * side))
    return out


def insect(pen: Pen, look: CreatureLook, mood: str, pose: str = "stand") -> HeadBox:
    """The insect the look's species names (a beetle for any other), on six jointed legs: the far three first,
    darker, the near three over its body; walking (any moving pose) they step in a tripod."""
    species = look.species if look.species in _BODIES else "beetle"
    hips, reach, head = _FRAMES[species]
    flying = pose == "fly" and look.wings
    step = 5.0 if pose != "stand" else 0.0
    far, legs = darker(look.body, 0.3), darker(look.body, 0.15)
    if species in ("ladybird", "bee", "butterfly"):  # dark legs whatever their body's colour
        far, legs = (90, 80, 74), INK if species == "ladybird" else (60, 50, 44)
    width = 1.4 if species == "butterfly" else 2.0
    if species == "butterfly":  # its wings above it, behind the body and legs
        _butterfly_wings(pen, look, flying)
    for k, (hx, hy) in enumerate(hips):  # the far legs, a little behind the near ones
        _leg(pen, (hx + 4, hy - 2), k, reach, -step if k != 1 else step, far, width * 0.8, flying)
    if species == "bee":
        _bee_wings(pen, look, far=True, flying=flying)
    _BODIES[species](pen, look)
    for k, (hx, hy) in enumerate(hips):
        _leg(pen, (hx, hy), k, reach, step if k != 1 else -step, legs, width, flying)
    if species == "bee":
        _bee_wings(pen, look, far=False, flying=flying)
    return _head(pen, look, mood, species, head)


# Each insect's frame: its three hips (front, middle, hind), how far its legs reach, and its head (centre, radius).
_FRAMES: Final[dict[str, tuple[tuple[Point, ...], float, tuple[float, float, float]]]] = {
    "beetle": (((108, 80), (96, 82), (84, 82)), 1.0, (126, 72, 10)),
    "ladybird": (((106, 84), (94, 86), (82, 86)), 0.8, (124, 76, 9)),
    "ant": (((120, 74), (112, 75), (104, 74)), 1.35, (136, 60, 10)),
    "bee": (((106, 74), (98, 76), (90, 74)), 0.9, (122, 56, 10)),
    "butterfly": (((104, 86), (99, 87), (94, 86)), 0.55, (114, 76, 7)),
}


def _leg(pen: Pen, hip: Point, k: int, reach: float, step: float, colour: RGB, width: float, flying: bool) -> None:
    """Leg `k` (0 front, 1 middle, 2 hind) from `hip`: up to a knee, then down to its foot on the ground (dangling
    under it in flight)."""
    hx, hy = hip
    spread = (18, 2, -20)[k] * reach  # the front leg reaches forward, the hind one back
    knee = (hx + spread * 0.6, hy - 8 * reach)
    foot = (hx + spread + step, 96.0) if not flying else (hx + spread * 0.5 - 6, hy + 12)
    pen.line([hip, knee, foot], width, colour)
    pen.line([foot, (foot[0] + (3 if k == 0 else -3), foot[1])], width * 0.8, colour)  # a foot turned out


def _head(pen: Pen, look: CreatureLook, mood: str, species: str, head: tuple[float, float, float]) -> HeadBox:
    """A round head with two feelers rising forward (a beetle's and a butterfly's clubbed, an ant's elbowed) and a
    big eye; a ladybird's black with two white cheeks."""
    x, y, r = head
    colour = INK if species == "ladybird" else darker(look.body, 0.2) if species != "bee" else INK
    for dx in (-2.0, 2.0):  # the two feelers, the far one behind
        shade = colour if colour != INK else (60, 56, 60)
        if species == "ant":  # elbowed: up, then sharply forward
            joints = [(x + dx, y - r * 0.8), (x + dx + 2, y - r * 2.4), (x + dx + r * 1.6, y - r * 2.9)]
        else:
            joints = [(x + dx, y - r * 0.8), (x + dx + r * 0.6, y - r * 2.2), (x + dx + r * 1.5, y - r * 2.9)]
        pen.line(joints, 1.3, shade)
        if species in ("beetle", "ladybird", "butterfly"):
            pen.circle(*joints[-1], 2.0, shade)
    pen.circle(x, y, r, colour)
    if species == "ladybird":
        for cy in (y - r * 0.35, y + r * 0.35):
            pen.circle(x - r * 0.1, cy, r * 0.28, WHITE, ink=False)
    if species in ("beetle", "ant"):  # mandibles, a pair of pincers at the front
        pen.poly([(x + r * 0.8, y + r * 0.2), (x + r * 1.6, y + r * 0.5), (x + r * 0.9, y + r * 0.7)], colour)
    eye(pen, look, x + r * 0.35, y - r * 0.15, r * 0.38, mood)
    mouth(pen, mood, x + r * 0.2, y + r * 0.55, r * 0.7)
    return (x - r * 1.6, y - r * 2.2, x + r * 2.2, y + r * 1.6)  # the head and its feelers' roots


def _beetle(pen: Pen, look: CreatureLook) -> None:
    """Domed wing cases (elytra) over the body, their seam and a shine along the top, a shield (pronotum) ahead."""
    shell = look.body
    pen.ellipse(42, 66, 114, 88, darker(shell, 0.35))  # the underside
    pen.chord(36, 40, 114, 104, 180, 360, shell)  # the elytra, a dome
    pen.arc(40, 46, 110, 100, 195, 345, 0.8)  # the seam where the two wing cases meet
    pen.arc(46, 44, 88, 70, 200, 260, 1.6)  # and a glint of shine
    pen.line([(50, 49), (66, 45)], 1.4, lighter(shell, 0.55))
    pen.chord(104, 58, 124, 90, 180, 360, darker(shell, 0.15))  # the pronotum between shell and head


def _ladybird(pen: Pen, look: CreatureLook) -> None:
    """A round red dome (its body colour) with black spots and a seam, a black shield with white patches ahead."""
    pen.ellipse(46, 72, 112, 92, INK)  # the black underside
    pen.chord(40, 36, 116, 120, 180, 360, look.body)  # the dome
    pen.arc(44, 42, 112, 116, 200, 340, 0.8)  # the seam
    for sx, sy, r in ((58, 66, 5.0), (76, 50, 5.5), (96, 56, 5.0), (86, 70, 4.0), (66, 52, 3.5), (104, 70, 3.5)):
        pen.circle(sx, sy, r, INK, ink=False)
    pen.line([(52, 52), (60, 46)], 1.6, lighter(look.body, 0.5))  # its shine
    pen.chord(104, 60, 124, 92, 180, 360, INK)  # the pronotum
    pen.circle(112, 70, 2.6, WHITE, ink=False)


def _ant(pen: Pen, look: CreatureLook) -> None:
    """Three parts on a thin waist: a big round abdomen (gaster) behind, a node, a long thorax ahead."""
    body = look.body
    pen.ellipse(40, 54, 90, 86, body)  # the gaster
    pen.arc(48, 58, 84, 82, 200, 250, 1.4)
    pen.circle(94, 70, 5, body)  # the waist's node (petiole)
    pen.ellipse(98, 62, 128, 78, body)  # the thorax
    pen.line([(46, 62), (54, 58)], 1.4, lighter(body, 0.45))  # a shine on the gaster


def _bee(pen: Pen, look: CreatureLook) -> None:
    """A fuzzy round thorax and a striped abdomen ending in a sting."""
    body = look.body
    pen.poly([(46, 70), (34, 74), (46, 76)], INK)  # the sting
    pen.ellipse(44, 52, 100, 90, body)  # the abdomen
    for x in (56, 70, 84):  # its dark bands, each a slice of the abdomen's ellipse
        xs = [x - 4 + 7 * i / 4 for i in range(5)]
        half = [19 * math.sqrt(max(0.0, 1 - ((v - 72) / 28) ** 2)) for v in xs]
        pen.poly([*((v, 71 - h) for v, h in zip(xs, half, strict=True)),
                  *((v, 71 + h) for v, h in zip(xs[::-1], half[::-1], strict=True))], INK, ink=False)  # fmt: skip
    pen.ellipse(44, 52, 100, 90, None)  # the abdomen's outline over its bands
    pen.ellipse(92, 52, 118, 80, mix(body, (90, 60, 30), 0.35))  # the fuzzy thorax
    for a in range(0, 360, 40):  # its fuzz
        fx, fy = 105 + 13 * math.cos(math.radians(a)), 66 + 14 * math.sin(math.radians(a))
        pen.line([(fx, fy), (fx + 1.5 * math.cos(math.radians(a)), fy + 1.5 * math.sin(math.radians(a)))], 0.8)


def _bee_wings(pen: Pen, look: CreatureLook, far: bool, flying: bool) -> None:
    """A bee's two clear wings over its back (the far one behind it), raised higher in flight."""
    tint = lighter(mix(look.belly, (200, 230, 255), 0.6), 0.4)
    lift = -14 if flying else 0
    dx = 6 if far else 0
    gossamer(pen, leaf((98 + dx, 54), (62 + dx, 22 + lift), 20), tint, 90 if far else 130)
    gossamer(pen, leaf((96 + dx, 56), (70 + dx, 40 + lift / 2), 12), tint, 90 if far else 130)


def _butterfly(pen: Pen, look: CreatureLook) -> None:
    """A slender body under its wings."""
    pen.ellipse(62, 76, 106, 86, darker(look.body, 0.5))  # the abdomen
    pen.ellipse(94, 72, 112, 88, darker(look.body, 0.4))  # the thorax


def _butterfly_wings(pen: Pen, look: CreatureLook, flying: bool) -> None:
    """Two great wings folded up together over the back (swung back in flight): a forewing with a straight leading
    edge to a pointed tip, a rounded hindwing under it, in its body colour with a dark border and eyespots."""
    wing, spot = look.body, look.accent if abs(sum(look.accent) - sum(look.body)) > 60 else WHITE
    swing = -32.0 if flying else 0.0
    for root, anchors, (sx, sy) in (
        ((97.0, 78.0), [(97, 78), (80, 54), (62, 46), (50, 56), (54, 72), (72, 82), (97, 78)], (64, 62)),
        ((100.0, 74.0), [(100, 74), (99, 42), (103, 8), (94, 4), (76, 14), (64, 34), (70, 50), (100, 74)], (82, 30)),
    ):
        outline = _turned(smooth_path(anchors, 5), root, swing)
        pen.poly(outline, darker(wing, 0.4))
        inner = [(root[0] + (x - root[0]) * 0.86, root[1] + (y - root[1]) * 0.86) for x, y in outline]
        pen.poly(inner, wing, ink=False)
        (cx, cy), r = _turned([(sx, sy)], root, swing)[0], 6.0
        pen.circle(cx, cy, r, spot)  # an eyespot
        pen.circle(cx, cy, r * 0.45, INK, ink=False)


def _turned(points: Sequence[Point], about: Point, degrees: float) -> list[Point]:
    """`points` turned `degrees` about `about` (positive: clockwise on the page)."""
    a = math.radians(degrees)
    cos, sin = math.cos(a), math.sin(a)
    ox, oy = about
    return [(ox + (x - ox) * cos - (y - oy) * sin, oy + (x - ox) * sin + (y - oy) * cos) for x, y in points]


_BODIES: Final = {"beetle": _beetle, "ladybird": _ladybird, "ant": _ant, "bee": _bee, "butterfly": _butterfly}
