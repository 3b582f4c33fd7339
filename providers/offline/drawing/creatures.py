"""Creatures: a body plan and colours from the profile, drawn as a side view facing right."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final

from PIL import Image

from providers.offline.drawing import beasts, birds, bodies, fairies, insects, sea_beasts, small_beasts
from providers.offline.drawing.bodies import HeadBox, eye, mouth
from providers.offline.drawing.coats import coat, mane_shade, named_mane, of_nature
from providers.offline.drawing.colour import INK, RGB, WHITE, darker, lighter, luminance, mix, rng
from providers.offline.drawing.pen import Pen, first_match, has_any, smooth_path, star_points
from providers.offline.drawing.tables import CREATURE_KINDS, SKIN_TONES


def creature_kind(text: str, name: str) -> str:
    """The body plan named by the profile's keywords, else one picked from the name's hash."""
    lowered = re.sub(r"\bfairy[ -]?tales?\b", "tale", text.lower().replace("sea lion", "seal"))  # no lion, no fairy
    found = [(kind, at) for kind, words in CREATURE_KINDS.items() if (at := first_match(lowered, words)) is not None]
    if found and found[0][0] in ("fairy", "insect"):  # "a bear who loves bees": the creature named first
        return min(found, key=lambda kind_at: kind_at[1])[0]
    if found:
        return found[0][0]
    planned = beasts.species_plan(lowered)  # a rat, a pig, an ox: a beast the kinds do not name
    return planned or rng("creature", name).choice(("quadruped", "serpent", "bird", "dragon"))


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
    wings: bool = False  # a dragon's, a griffin's, a pegasus's
    skin: RGB = (234, 189, 150)  # a mermaid's or a centaur's person half
    species: str = ""  # a fox, wolf, dog, cat or bear on four legs, a whale or shark on a fish's plan (beasts.py)
    aquatic: bool = False  # it lives in the sea: by the sea it is drawn in the water (waters.py)
    mane_colour: RGB | None = None  # the colour the words give its mane ("a black mane"), else a shade of its coat


# Words for eyes that shine (drawn amber): "eyes like lanterns", "ember eyes", "a menacing glare".
_GLOWING: Final = ("glow", "fiery", "golden eye", "yellow eye", "amber eye", "menacing", "eyes like lantern",
                   "eyes like lamp", "ember", "burning eye", "blazing eye")  # fmt: skip


def creature_look(name: str, palette: Sequence[RGB], text: str) -> CreatureLook:
    """A creature look from the palette and the keywords of the profile."""
    lowered = text.lower().replace("sea lion", "seal")  # no lion, nor its mane
    kind = creature_kind(lowered, name)
    body, second, accent = palette[0], palette[1], palette[2]
    belly = second if abs(luminance(second) - luminance(body)) > 25 else lighter(body, 0.45)
    coated = coat(lowered, name)  # "a fat pink pig", "a sleek grey hide"; else a pig's own pink, a crow's black
    if coated is not None:  # an animal's belly a paler shade of it (a pink pig's was the palette's green)
        body = coated
        apart = abs(luminance(second) - luminance(body)) > 25 and not of_nature(lowered)  # a dragon's any colour
        belly = second if apart else lighter(body, 0.45)
    return CreatureLook(
        kind=kind,
        body=body,
        belly=belly,
        accent=accent,
        eye=(255, 206, 64) if has_any(lowered, _GLOWING) else WHITE,
        pointy_ears=kind != "reptile" and not has_any(lowered, ("bear", "round ear", "mouse")),
        bushy_tail=has_any(lowered, ("wolf", "fox", "dog", "hound", "squirrel")),
        horns=kind == "dragon" or has_any(lowered, ("horn", "antler", "demon", "unicorn")),
        mane=kind in ("horse", "centaur") or has_any(lowered, ("lion", "mane", "yeti", "shaggy")),
        wings=kind in ("dragon", "griffin", "fairy") or has_any(lowered, _WINGED) or insects.winged(kind, lowered),
        skin=rng("skin", name).choice(SKIN_TONES),
        species=beasts.species_of(kind, lowered),
        aquatic=kind in _SEA_PLANS or (kind == "serpent" and has_any(lowered, _SEA_SERPENT)),
        mane_colour=named_mane(lowered),
    )


# Body plans that live in the sea, and the words that make a serpent a sea serpent (not a snake on the sand). A
# mermaid is not one of them: by the sea she sits on the shore on her tail, a hand free for what she holds.
_SEA_PLANS: Final = ("fish", "octopus")
_SEA_SERPENT: Final = ("sea", "ocean", "eel", "leviathan", "kraken", "deep", "tide", "wave", "lake", "loch", "water")


# A creature with these has wings whatever its body plan (a dinosaur has none, a pegasus has).
_WINGED: Final = ("wing", "pegasus", "winged", "alicorn")


# Where a body plan with a person's arms has its near hand, reaching forward: across and down its side view's ink
# box facing right (fractions). Panels put a hand-held thing there.
HANDS: Final = {"merfolk": (0.98, 0.36), "centaur": (0.95, 0.3), "biped": (0.86, 0.8), "monkey": (0.88, 0.7)}


def hand(look: CreatureLook) -> tuple[float, float] | None:
    """Where the creature's near hand is (HANDS) by the plan it is drawn on (a monkey's own, upright with a free
    hand, though its kind is the four-legged one), None if it has none to hold a thing in."""
    return HANDS.get(body_plan(look))


MOVING: Final = frozenset({"run", "fly", "charge"})  # poses drawn in motion, with speed lines behind


def drawn_pose(kind: str, pose: str, wings: bool = False) -> str:
    """How a creature of `kind` is drawn in `pose`: a bird or a fairy flies whenever it moves, a dragon when it runs
    or flies (it charges at a gallop), anything else with `wings` (a pegasus, a bee) when it flies, else runs; a
    pose that is not moving stands."""
    if pose not in MOVING:
        return "stand"
    if kind in ("bird", "fairy") or (kind == "dragon" and pose != "charge") or (wings and pose == "fly"):
        return "fly"
    return "run"


def draw_creature(
    look: CreatureLook, height: int, mood: str = "sheet", pose: str = "stand"
) -> tuple[Image.Image, tuple[int, int, int, int]]:
    """A side view facing right on a transparent layer `height` pixels tall (a moving one a little larger, room for
    its legs, wings and speed lines), and the head's pixel box.

    `mood` is the face: "sheet" (its sheet's calm face), "roar" (jaws open, brow down), "happy" (eyes closed in a
    smile, mouth up), "sad" (brow raised, a tear, mouth down) or "shock" (eyes wide). `pose` "run" or "charge"
    stretches a beast's legs in a gallop and a serpent's body in flat waves; "fly" (and a bird's or dragon's run or
    charge) spreads the wings and tucks the legs; any other pose stands.
    """
    moving = pose in MOVING
    pad_x, pad_y = (0.2, 0.14) if moving else (0.0, 0.0)
    image = Image.new("RGBA", (round(height * (1.6 + pad_x)), round(height * (1 + pad_y))), (0, 0, 0, 0))
    pen = Pen(image, (height * pad_x, height * pad_y), height / 100)
    if moving:
        for y, x in ((40, -6), (54, -14), (68, -8)):  # speed lines trailing behind it
            pen.line([(x - 12, y), (x, y)], 1.1)
    pose = drawn_pose(look.kind, pose, look.wings)
    painter = _PAINTERS.get(body_plan(look), _quadruped)
    hx0, hy0, hx1, hy1 = painter(pen, look, mood, pose)
    box = pen.box(hx0, hy0, hx1, hy1)
    return image, (round(box[0]), round(box[1]), round(box[2]), round(box[3]))


def body_plan(look: CreatureLook) -> str:
    """The name of the plan the creature is drawn on: its species' own where it has one (a rabbit sitting up, a
    mouse, a monkey upright; a lion, goat, boar or bull on four legs with its own head, tail and build), else its
    kind's (a whale and a fox are their kind's plan with their own parts)."""
    return look.species if look.species in _SPECIES_PLANS else look.kind


_SERPENT_PATHS: Final = {
    "stand": [(8, 70), (26, 58), (44, 76), (66, 82), (86, 64), (104, 76), (120, 62), (126, 40), (134, 30)],
    # surging ahead: flatter, tighter waves, stretched out behind the head
    "run": [(2, 58), (20, 50), (38, 62), (56, 54), (74, 64), (92, 56), (110, 58), (124, 44), (134, 30)],
}


def _serpent(pen: Pen, look: CreatureLook, mood: str, pose: str = "stand") -> tuple[float, float, float, float]:
    path = smooth_path(_SERPENT_PATHS.get(pose, _SERPENT_PATHS["stand"]), 10)
    n = len(path)
    radii = [1.5 + 9.5 * math.sin(math.pi * min(1.0, (i / (n - 1)) * 1.15)) ** 0.7 for i in range(n)]
    radii = [max(r, 6.5) if i > n * 0.8 else r for i, r in enumerate(radii)]
    for i in range(8, n - 14, 9) if look.species != "snake" else ():  # dorsal fins (a snake has none) under the body
        (x, y), r = path[i], radii[i]
        pen.poly([(x - r * 0.6, y - r * 0.7), (x + r * 0.2, y - r * 1.7), (x + r * 0.7, y - r * 0.6)], look.accent)
    (tx, ty) = path[0]
    if look.species != "snake":  # a sea serpent's forked tail fin
        pen.poly([(tx - 4, ty), (tx - 9, ty - 10), (tx + 4, ty - 3)], look.accent)
        pen.poly([(tx - 4, ty), (tx - 9, ty + 10), (tx + 4, ty + 3)], look.accent)
    pen.tube(path, radii, look.body)
    for (x, y), r in zip(path[4:-8], radii[4:-8], strict=True):
        pen.circle(x, y + r * 0.45, r * 0.45, look.belly, ink=False)
    for i in range(6, n - 12, 6):  # scale marks along the back
        (x, y), r = path[i], radii[i]
        pen.arc(x - r * 0.4, y - r * 0.6, x + r * 0.4, y + r * 0.1, 200, 340, 0.5)
    return _serpent_head(pen, look, mood)


def _serpent_head(pen: Pen, look: CreatureLook, mood: str) -> tuple[float, float, float, float]:
    if look.species == "snake":  # no crest: a forked tongue flickering
        pen.line([(154, 34), (162, 35), (165, 32)], 0.9, (200, 40, 60))
        pen.line([(162, 35), (165, 38)], 0.9, (200, 40, 60))
    else:
        pen.poly([(124, 24), (116, 12), (130, 20)], look.accent)
        pen.poly([(128, 22), (126, 8), (136, 19)], look.accent)
    pen.ellipse(122, 18, 156, 40, look.body)
    pen.chord(128, 22, 157, 42, 20, 170, look.belly)
    pen.line([(138, 33), (154, 32)], 0.6)
    pen.circle(153, 27, 0.9, INK, ink=False)
    eye(pen, look, 140, 26, 3.3, mood)
    mouth(pen, mood, 138, 33, 18)
    return (112, 4, 160, 46)


# Leg angles (degrees from straight down, toward the head) and lengths by pose: far back, far front, near back,
# near front. A gallop reaches out both ways; in flight the legs trail, tucked back.
_GAITS: Final = {"run": ((-52, 46, -36, 60), 32), "fly": ((-68, -56, -76, -62), 24)}


def _leg(pen: Pen, x: float, y: float, angle: float, length: float, fill: RGB, hoof: RGB) -> None:
    """A straight leg from the hip or shoulder at (x, y), `angle` degrees from straight down toward +x."""
    a = math.radians(angle)
    dx, dy = math.sin(a), math.cos(a)
    fx, fy, ax, ay = x + length * dx, y + length * dy, dy, -dx
    pen.poly([(x - 4.5 * ax, y - 4.5 * ay), (x + 4.5 * ax, y + 4.5 * ay), (fx + 4 * ax, fy + 4 * ay),
              (fx - 4 * ax, fy - 4 * ay)], fill)  # fmt: skip
    pen.circle(fx, fy, 4.6, hoof)


def _quadruped(
    pen: Pen,
    look: CreatureLook,
    mood: str = "sheet",
    pose: str = "stand",
    tail: bool = True,
    wing: bool = False,
    head: Callable[[Pen, CreatureLook, str], HeadBox] | None = None,
) -> HeadBox:
    """Four legs (galloping or tucked in flight), a tail, wings if `wing`, and `head` (its own neck too; else a
    beast's neck and head)."""
    far = darker(look.body, 0.25)
    gait = _GAITS.get(pose)
    if tail and look.kind in ("horse", "centaur"):  # a horse's: long hair, the mane's colour, hanging or streaming
        hair = [(40, 44), (26, 46), (12, 44), (0, 38)] if gait else [(40, 44), (30, 52), (28, 70), (24, 84)]
        path = smooth_path(hair, 8)
        pen.tube(path, [3 + 3.5 * math.sin(math.pi * (0.2 + 0.7 * i / len(path))) for i in range(len(path))],
                 look.mane_colour or look.accent)  # fmt: skip
    elif tail and beasts.tail(pen, look, gait is not None):
        pass
    elif tail:
        bushy = look.bushy_tail
        streaming = [(44, 50), (30, 47), (18, 45), (6, 40)]  # flying out behind it
        path = smooth_path(streaming if gait else [(44, 50), (30, 48), (20, 38), (16, 24)], 8)
        n = len(path)
        if bushy:  # thick in the middle, a pale tip
            radii = [2.5 + 5.5 * math.sin(math.pi * (0.15 + 0.8 * i / n)) for i in range(n)]
            pen.tube(path, radii, look.body)
            pen.tube(path[-7:], [r * 0.8 for r in radii[-7:]], look.belly)
        else:
            pen.tube(path, [2.2] * n, look.body)
            pen.circle(*path[-1], 4, look.accent)
    if wing and gait and pose == "fly":
        _wing(pen, look, spread=True, far=True)
    (bx0, by0, bx1, by1), w = beasts.BUILDS.get(look.species, ((38, 36, 118, 72), 4.0))
    for i, x in enumerate((58, 104)):  # far legs
        if gait:
            _leg(pen, x, 60, gait[0][i], gait[1], far, darker(far, 0.2))
            continue
        pen.rrect(x - w, 58, x + w, 91, 3, far)
        pen.ellipse(x - w - 1, 87, x + w + 2, 93, darker(far, 0.2))
    pen.ellipse(bx0, by0, bx1, by1, look.body)
    pen.chord(bx0 + 6, by0 + 8, bx1 - 4, by1 + 2, 20, 160, look.belly)
    for i, x in enumerate((50, 96)):  # near legs
        if gait:
            _leg(pen, x, 62, gait[0][2 + i], gait[1], look.body, darker(look.body, 0.35))
            continue
        pen.rrect(x - w - 0.5, 60, x + w + 0.5, 93, 3, look.body)
        pen.ellipse(x - w - 1.5, 89, x + w + 3, 96, darker(look.body, 0.35))
    if head is None and look.species:
        head = beasts.head
    elif head is None:
        pen.poly([(100, 42), (112, 30), (124, 36), (116, 58)], look.body)
    if wing:
        _wing(pen, look, spread=pose == "fly")
    return head(pen, look, mood) if head is not None else _beast_head(pen, look, 106, 14, mood)


def _horse(pen: Pen, look: CreatureLook, mood: str, pose: str = "stand") -> HeadBox:
    """A horse: a long neck and muzzle, a mane, a hair tail; a unicorn's horn, a pegasus's wings."""
    return _quadruped(pen, look, mood, pose, wing=look.wings, head=_horse_head)


def _horse_head(pen: Pen, look: CreatureLook, mood: str) -> HeadBox:
    pen.poly([(96, 44), (108, 22), (124, 20), (118, 60)], look.body)  # the neck, up and forward
    for k in range(5):  # the mane down the back of the neck
        y = 16 + k * 7
        pen.poly([(108 - k * 2.2, y), (98 - k * 2.2, y + 8), (105 - k * 2.2, y + 10)], look.mane_colour or look.accent)
    pen.poly([(112, 16), (113, 4), (120, 14)], look.body)  # an ear
    pen.ellipse(106, 10, 130, 32, look.body)
    pen.poly([(118, 14), (142, 30), (144, 40), (132, 44), (114, 30)], look.body)  # the long muzzle
    pen.ellipse(130, 30, 146, 44, lighter(look.body, 0.15))
    pen.circle(140, 35, 1.2, INK, ink=False)  # a nostril
    if look.horns:  # a unicorn's: one long spiral horn from the forehead, kept on the canvas
        pen.poly([(117, 14), (133, 0.5), (124, 14)], lighter(look.accent, 0.5))
        for t in (0.3, 0.6):  # the spiral's turns across it
            cx, cy, w = 120.5 + 12.5 * t, 14 - 13.5 * t, 3.4 * (1 - t)
            pen.line([(cx - w, cy - w * 0.1), (cx + w * 0.6, cy + w * 0.9)], 0.5)
    eye(pen, look, 122, 20, 2.8, mood)
    mouth(pen, mood, 134, 41, 10)
    return (100, 2, 148, 48)


def _griffin(pen: Pen, look: CreatureLook, mood: str, pose: str = "stand") -> HeadBox:
    """A lion's body and tail with an eagle's wings and head."""
    return _quadruped(pen, look, mood, pose, wing=True, head=_eagle_head)


def _eagle_head(pen: Pen, look: CreatureLook, mood: str) -> HeadBox:
    pen.poly([(100, 42), (110, 26), (124, 30), (116, 58)], look.belly)  # a feathered neck
    for y in (30, 38, 46):  # its ruff
        pen.poly([(104, y), (98, y + 6), (108, y + 6)], look.belly)
    pen.poly([(110, 14), (104, 2), (114, 10), (116, 0), (120, 12)], look.accent)  # ear tufts
    pen.ellipse(106, 8, 136, 36, look.belly)
    beak = (240, 170, 50)
    if mood == "roar":  # the beak gapes
        pen.poly([(132, 16), (150, 20), (132, 24)], beak)
        pen.poly([(132, 26), (146, 32), (132, 30)], beak)
    else:
        pen.poly([(132, 16), (150, 24), (144, 30), (132, 28)], beak)
    eye(pen, look, 124, 19, 3, mood)
    return (100, 0, 152, 40)


def _centaur(pen: Pen, look: CreatureLook, mood: str, pose: str = "stand") -> HeadBox:
    """A horse's body and legs with a person's torso, arms and head rising where its neck would be."""
    return _quadruped(pen, look, mood, pose, head=_rider_half)


def _rider_half(pen: Pen, look: CreatureLook, mood: str) -> HeadBox:
    pen.rrect(98, 18, 120, 56, 8, look.skin)  # the torso from the horse's withers
    pen.line([(102, 24), (92, 40), (98, 50)], 2.6, darker(look.skin, 0.15))  # the far arm
    pen.poly([(98, 26), (104, 22), (120, 44), (114, 48)], look.accent)  # a sash across the chest
    pen.line([(116, 24), (128, 36), (138, 30)], 2.6, look.skin)  # the near arm, reaching forward
    pen.circle(139, 29, 2.4, look.skin)
    return bodies.person_head(pen, look, 112, 10, 9, mood)  # its crown inside the layer


def _beast_head(pen: Pen, look: CreatureLook, x: float, y: float, mood: str) -> tuple[float, float, float, float]:
    if look.pointy_ears:
        pen.poly([(x + 6, y + 10), (x + 8, y - 6), (x + 16, y + 6)], look.body)
        pen.poly([(x + 8.5, y + 6), (x + 9, y - 1), (x + 13, y + 5)], look.accent, ink=False)
    else:
        pen.circle(x + 10, y + 3, 5, look.body)
    if look.horns:
        pen.poly([(x + 14, y + 4), (x + 18, y - 10), (x + 20, y + 4)], lighter(look.accent, 0.3))
    if look.mane:  # a shaggy beast's, a shade of its coat (the palette's accent was a green mane on a brown bear)
        pen.poly(star_points(x + 14, y + 14, 22, 15, 11), look.mane_colour or mane_shade(look.body))
    pen.ellipse(x, y, x + 30, y + 26, look.body)
    pen.ellipse(x + 20, y + 10, x + 44, y + 26, look.belly)
    pen.ellipse(x + 39, y + 11, x + 45, y + 16, INK, ink=False)
    pen.arc(x + 28, y + 16, x + 40, y + 24, 20, 120, 0.6)
    eye(pen, look, x + 20, y + 9, 3.2, mood)
    mouth(pen, mood, x + 28, y + 19, 16)
    return (x - 6, y - 12, x + 48, y + 32)


def _dragon(pen: Pen, look: CreatureLook, mood: str, pose: str = "stand") -> tuple[float, float, float, float]:
    tail = [(46, 54), (30, 56), (14, 52), (0, 50)] if pose == "fly" else [(46, 54), (30, 62), (16, 58), (6, 44)]
    path = smooth_path(tail, 8)
    radii = [4.5 - 3.3 * i / len(path) for i in range(len(path))]
    pen.tube(path, radii, look.body)
    tx, ty = tail[-1]
    pen.poly([(tx, ty), (tx - 6, ty - 6), (tx - 3, ty - 12), (tx + 2, ty - 6), (tx + 6, ty - 8)], look.accent)
    for i in range(5):  # back spikes, bases hidden under the body drawn next
        x = 48 + i * 11
        top = 54 - 18 * math.sqrt(max(0.0, 1 - ((x + 4 - 78) / 40) ** 2))
        pen.poly([(x, top + 4), (x + 4, top - 6), (x + 8, top + 4)], look.accent)
    return _quadruped(pen, look, mood, pose, tail=False, wing=look.wings)


def _wing(pen: Pen, look: CreatureLook, spread: bool = False, far: bool = False) -> None:
    """The near wing folded up over the back, or `spread` high and wide in flight (the `far` one behind the body,
    darker and steeper)."""
    membrane = lighter(mix(look.accent, look.body, 0.4), 0.2)
    if far:
        membrane = darker(membrane, 0.3)
    if not spread:
        wrist, points = (70.0, 4.0), [(88, 44), (70, 4), (30, 0), (40, 14), (48, 12), (52, 26), (60, 22), (66, 44)]
    elif far:
        wrist, points = (96.0, -10.0), [(100, 42), (96, -10), (70, -14), (76, 2), (84, 4), (86, 18), (92, 20)]
    else:
        wrist, points = (74.0, -12.0), [(90, 46), (74, -12), (18, -8), (34, 8), (44, 4), (50, 22), (60, 16), (66, 44)]
    if look.kind in ("horse", "centaur", "griffin"):  # a feathered wing: its trailing edge in feather tips
        return _feathered(pen, points, mix(membrane, WHITE, 0.35))
    pen.poly(points, membrane)
    for tip in (points[3], points[5]):
        pen.line([wrist, tip], 0.9, darker(membrane, 0.45))
    pen.circle(*wrist, 1.6, darker(membrane, 0.3))


def _feathered(pen: Pen, points: Sequence[tuple[float, float]], colour: RGB) -> None:
    """A bird's wing on a bat wing's outline (root, wrist, tip ... end): the trailing edge from the tip back to
    the end in rounded feather tips, a quill line to each."""
    root, wrist, tip, end = points[0], points[1], points[2], points[-1]
    feathers = [(tip[0] + (end[0] - tip[0]) * t, tip[1] + (end[1] - tip[1]) * t) for t in (0.2, 0.4, 0.6, 0.8)]
    edge = [p for f in feathers for p in ((f[0] - 3, f[1] + 5), f)]
    pen.poly([root, wrist, tip, *edge, end], colour)
    for f in feathers:
        pen.line([wrist, (f[0] - 1.5, f[1] + 3)], 0.6, darker(colour, 0.4))


def _bird(pen: Pen, look: CreatureLook, mood: str, pose: str = "stand") -> tuple[float, float, float, float]:
    flying = pose == "fly"
    for i, dy in enumerate((-7, 0, 7)):
        pen.poly([(48, 52), (16, 44 + dy * 1.6), (20, 52 + dy * 1.6)], darker(look.accent, 0.1 * i))
    feather = darker(look.body, 0.2)
    if flying:  # the far wing raised behind the body, the feet tucked back under it
        pen.poly([(70, 46), (98, 44), (94, 2), (80, -8), (74, 10)], darker(feather, 0.25))
        for x in (70, 78):
            pen.line([(x, 72), (x - 14, 80)], 1.3, (214, 150, 60))
    for x in (74, 84) if not flying else ():
        pen.line([(x, 72), (x + 1, 90)], 1.3, (214, 150, 60))
        pen.line([(x - 4, 92), (x + 1, 90), (x + 6, 92)], 1.1, (214, 150, 60))
    pen.ellipse(42, 34, 110, 78, look.body)
    pen.chord(52, 44, 112, 80, 0, 150, look.belly)
    if flying:  # the near wing spread up and back, its feathers fanned at the tip
        pen.poly([(60, 50), (94, 46), (84, 20), (66, -2), (38, -12), (42, -2), (30, 0), (38, 10), (28, 14), (38, 22),
                  (34, 30), (50, 36)], feather)  # fmt: skip
        for a, b in (((84, 40), (46, 2)), ((76, 44), (40, 16))):
            pen.line([a, b], 0.6)
    else:
        pen.poly([(56, 46), (92, 42), (100, 50), (86, 62), (62, 66), (40, 60)], feather)
        for x in (60, 70, 80):
            pen.arc(x - 6, 50, x + 6, 64, 30, 150, 0.6)
    pen.ellipse(92, 16, 126, 48, look.body)
    pen.poly([(104, 16), (100, 4), (108, 12), (110, 2), (114, 15)], look.accent)
    if mood == "roar":  # the beak gapes
        pen.poly([(124, 26), (142, 24), (124, 32)], (240, 170, 50))
        pen.poly([(124, 34), (140, 42), (124, 38)], (240, 170, 50))
    else:
        pen.poly([(124, 26), (142, 32), (124, 38)], (240, 170, 50))
    eye(pen, look, 113, 28, 3.6, mood)
    return (86, 0, 146, 52)


def _fish(pen: Pen, look: CreatureLook, mood: str, pose: str = "stand") -> tuple[float, float, float, float]:
    if look.species in ("whale", "shark"):
        return beasts.whale(pen, look, mood, pose) if look.species == "whale" else beasts.shark(pen, look, mood, pose)
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
    eye(pen, look, 124, 44, 4, mood)
    mouth(pen, mood, 128, 56, 12)
    return (96, 22, 142, 78)


# Species drawn on a plan of their own, named for them.
_SPECIES_PLANS: Final[dict[str, Callable[[Pen, CreatureLook, str, str], HeadBox]]] = {
    "rabbit": small_beasts.rabbit,
    "mouse": small_beasts.mouse,
    "monkey": small_beasts.monkey,
    "lion": _quadruped,
    "goat": _quadruped,
    "boar": _quadruped,
    "bull": _quadruped,
    "pig": _quadruped,
    "sheep": _quadruped,
    "crab": small_beasts.crab,
    "owl": birds.owl,
    "swan": birds.swan,
    "dolphin": sea_beasts.dolphin,
    "seal": sea_beasts.seal,
}
# Each body plan's painter (any other kind is a beast on four legs).
_PAINTERS: Final[dict[str, Callable[[Pen, CreatureLook, str, str], HeadBox]]] = {
    "serpent": _serpent,
    "dragon": _dragon,
    "reptile": _dragon,
    "bird": _bird,
    "fish": _fish,
    "horse": _horse,
    "centaur": _centaur,
    "griffin": _griffin,
    "turtle": bodies.turtle,
    "frog": bodies.frog,
    "merfolk": bodies.merfolk,
    "penguin": bodies.penguin,
    "octopus": bodies.octopus,
    "biped": bodies.biped,
    "ghost": bodies.ghost,
    "spider": bodies.spider,
    "fairy": fairies.fairy,
    "insect": insects.insect,
    **_SPECIES_PLANS,
}
