"""Humanoid figures: a look from the profile, drawn the same in four turnaround views."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from PIL import Image

from providers.offline.drawing.colour import INK, RGB, WHITE, darker, lighter, luminance, mix, rng
from providers.offline.drawing.faces import draw_brow, draw_eye, draw_mouth
from providers.offline.drawing.features import (
    BALD,
    bearded,
    cloudy_eye,
    eye_patch,
    hair_colour,
    hair_style,
    moustached,
    scarred,
    sex,
    worn_colour,
)
from providers.offline.drawing.pen import Pen, Point, first_match, has_any
from providers.offline.drawing.robots import ROBOT_WORDS, robot_chest, robot_colours, robot_head
from providers.offline.drawing.tables import HATS, PROPS, SKIN_TONES

HUMAN_VIEWS = ("front", "three-quarter", "side", "back")


@dataclass(frozen=True)
class HumanLook:
    """What a humanoid figure wears, drawn the same in every view."""

    skin: RGB
    hair: RGB
    top: RGB
    bottom: RGB
    accent: RGB
    hat_colour: RGB
    shoes: RGB
    hair_style: int
    hat: str | None
    prop: str | None
    cape: bool
    scarf: bool
    glasses: bool
    beard: bool
    stern: bool
    robot: bool = False  # drawn mechanical: boxy head with a visor and antenna, metal casing, rivets
    called: str = ""  # what the words may call it besides its name: its form's noun ("keeper", "chef")
    scar: bool = False  # a scar across the left brow
    patch: bool = False  # a patch over one eye
    cloudy: bool = False  # one pale, clouded eye
    mask: RGB | None = None  # a mask across the eyes ("a mask of polished silver"), in its colour
    moustache: bool = False  # a moustache without a beard
    prop_colour: RGB | None = None  # the colour the words give the prop ("a blue umbrella"), else the accent's


# Arm angles (degrees out from hanging straight down; left arm, right arm) and leg angles (back, front) by pose;
# None keeps the standing sheet's own geometry.
_ARMS: dict[str, tuple[float | None, float | None]] = {
    "stand": (None, None),
    "point": (None, 98),
    "celebrate": (150, 150),
    "fight": (40, 128),
    "run": (42, 58),
    "fall": (135, 120),
    "slump": (2, 2),
}
_LEGS: dict[str, tuple[float, float] | None] = {"run": (-26, 30), "fall": (-14, 18), "celebrate": (-7, 7),
                                                "fight": (-12, 12)}  # fmt: skip


def hand_height(pose: str, front: bool = True) -> float:
    """About where a figure's hand is in `pose`, down from the top of its head over its height: its shoulder's
    height and its arm swung out by the pose's angle (the front hand is the pose's second, raised to point or
    strike)."""
    angle = _ARMS.get(pose, (None, None))[1 if front else 0] or 0.0
    return 0.3 + 0.27 * math.cos(math.radians(angle))


# A relative clause tells what someone did or was, not what they wear.
_RELATIVE_RE = re.compile(
    r"\b(?:who|whom|whose|which|that) (?:had|has|was|were|is|once|knew|outlived|served|ruled)\b[^,.;]*"
)


def human_look(name: str, palette: Sequence[RGB], text: str, demeanor: str) -> HumanLook:
    """A look from the palette and the keywords of the profile (markers, form, brief): the hair, beard and eyes it
    gives ("a silver braid", "red hair", "a white beard", "one cloudy eye"), the hair worn as it says or as becomes
    a he or a she (features.py)."""
    r = rng("human", name)
    text = _unnamed(text.lower(), name)
    worn = _RELATIVE_RE.sub(",", text)  # "who had outlived three kings" crowns no one
    hat = next((kind for kind, words in HATS.items() if has_any(worn, words)), None)
    hat_colour = next((c for c in map(worn_colour, _marker_words(text, HATS.get(hat or "", ()))) if c), None)
    said_hat = _HAT_COLOUR_RE.search(text) if hat else None  # "with a purple hat", though a witch's robe is yellow
    said_colours = [worn_colour(w) for w in (said_hat.group(2) or "", said_hat.group(1)) if w] if said_hat else []
    hat_colour = next((c for c in said_colours if c), None) or hat_colour
    prop = _first_prop(text)
    prop_colour = next((c for c in map(worn_colour, _marker_words(text, PROPS.get(prop or "", ()))) if c), None)
    if hat == "helmet":  # steel, or the colour of the armour the words give ("in black armour")
        armour = re.search(r"\b([a-z-]+) (?:armou?r|helmet|helm|plate)\b", text)
        hat_colour = (worn_colour(armour.group(1)) if armour else None) or _STEEL
    # Natural hair unless the palette itself has a near-black or dark brown to reuse.
    darkest = min(palette[:4], key=luminance)
    natural = [(60, 40, 30), (120, 72, 40), (214, 170, 92), (40, 34, 40), (160, 70, 40)]
    hair = darkest if luminance(darkest) < 55 else r.choice(natural)
    if hair == darkest and max(hair) - min(hair) > 70:  # a deep blue or purple of the coat is no hair colour
        hair = natural[3]
    if has_any(text, ("grey", "gray", "old", "elder", "white hair", "silver hair", *_ELDERS)):
        hair = (200, 200, 205)
    said_hair, _ = hair_colour(text)
    hair = said_hair or hair
    skin = r.choice(SKIN_TONES)
    shoes = r.choice(((84, 56, 40), (52, 44, 48), (110, 70, 44)))  # leather tones: palette shoes looked odd
    look = HumanLook(
        skin=skin,
        hair=hair,
        top=palette[0],
        bottom=palette[1],
        accent=palette[2],
        hat_colour=hat_colour or darker(palette[2], 0.15),
        shoes=shoes,
        hair_style=hair_style(text, r.randrange(3), sex(name, text), hat not in (None, "hood")),
        hat=hat,
        prop=prop,
        cape=has_any(text, ("cape", "cloak", "mantle")),
        scarf=has_any(text, ("scarf", "bandana", "neckerchief", "shawl")),
        glasses=has_any(text, ("glasses", "spectacles", "goggles", "monocle")),
        beard=bearded(text),
        stern=has_any(
            demeanor.lower(), ("stern", "grumpy", "angry", "cold", "menacing", "cruel", "gruff", "brood", "fierce")
        ),
        scar=scarred(text),
        patch=eye_patch(text),
        cloudy=cloudy_eye(text),
        mask=_mask(text),
        moustache=moustached(text) and not bearded(text),
        prop_colour=prop_colour,
    )
    return robot_colours(look, palette) if has_any(text, ROBOT_WORDS) else look


def _first_prop(text: str) -> str | None:
    """The prop the words name first ("a satchel full of hand-drawn maps" is a satchel, not a book of maps); the
    table's order between two at one place."""
    found = [
        (at, order, kind)
        for order, (kind, words) in enumerate(PROPS.items())
        if (at := first_match(text, words)) is not None
    ]
    return min(found)[2] if found else None


def _mask(text: str) -> RGB | None:
    """The colour of a mask the text gives ("a mask of polished silver": silver; black if it names none), or None."""
    if re.search(r"\bmask\b", text) is None:
        return None
    said = next((c for c in map(worn_colour, _marker_words(text, ("mask",))) if c), None)
    return said or (44, 40, 48)


def _unnamed(text: str, name: str) -> str:
    """The text without the words of the name but its title ('Beard Greyworth' has no beard, 'Captain Oskra Saltwell'
    a captain's hat; a name of three words or more begins with its title)."""
    words = name.lower().split()
    titled = len(words) >= 3 or (len(words) == 2 and any(words[0] in kws for kws in HATS.values()))  # "King Cole"
    words = words[1:] if titled else words
    if not words:
        return text
    return re.sub(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", " ", text)


_HAT_COLOUR_RE = re.compile(r"\b([a-z-]+) (?:([a-z'-]+) )?(?:hat|cap|beret|bonnet|fedora|bowler|hood|cowl|topper)\b")
_STEEL = (176, 184, 196)  # a helmet's, when the words give its armour no colour

# A grandparent's hair is grey whatever the writer gave.
_ELDERS = ("granny", "grandmother", "grandma", "grandfather", "grandpa", "grandad", "granddad")


def plain_look(colour: RGB) -> HumanLook:
    """A bare, single-colour figure: the base for silhouettes and stand-ins."""
    c = colour
    return HumanLook(c, c, c, c, c, c, c, 0, None, None, False, False, False, False, False)


def _marker_words(text: str, keywords: Iterable[str]) -> list[str]:
    """Single words of the marker phrase naming this item ('yellow sou'wester hat' -> yellow, sou'wester, hat)."""
    words: list[str] = []
    for phrase in text.replace(",", ".").split("."):
        if has_any(phrase, keywords):
            words += phrase.split()
    return words


def draw_humanoid(
    look: HumanLook,
    view: str,
    height: int,
    pose: str = "stand",
    expression: str | None = None,
    mirror: bool = False,
    rows: int | None = None,
) -> Image.Image:
    """A figure `height` pixels tall on a transparent layer (facing right in three-quarter and side views, left if
    `mirror`), in `pose` with `expression` (None: the look's resting face, stern or smiling), with `headroom(look)`
    times `height` more above it for a tall hat. `rows` draws only the top rows of it (a close-up's head and
    shoulders, drawn at full size without the rest)."""
    width = round(height * (0.7 if pose == "stand" else 0.96))  # raised or pointing arms reach further out
    room = round(height * headroom(look))  # above the usual top: a tall hat's crown
    image = Image.new("RGBA", (width, min(height + room, rows or height + room)), (0, 0, 0, 0))
    pen = Pen(image, (width / 2, height * 0.04 + room), height / 104, mirror=mirror)
    turn = {"front": 0.0, "three-quarter": 0.5, "side": 1.0, "back": 0.0}[view]
    back = view == "back"
    body = 1 - 0.38 * turn
    face = expression or ("stern" if look.stern else "smile")
    left, right = _ARMS.get(pose, (None, None))
    legs = _LEGS.get(pose)

    if look.cape and not back:
        _cape(pen, look, body)
    if look.hair_style == 1 and not back:
        _long_hair(pen, look, turn)
    if turn > 0:
        _arm(pen, look, x=-11 * body + 2 * turn, swing=-1, far=True, angle=left)
    _legs(pen, look, body, turn, legs)
    if look.robot:
        robot_chest(pen, look, body, turn, back)
    else:
        _torso(pen, look, body, turn, back)
    if look.prop == "satchel":
        _satchel(pen, look, body, back)
    elif look.prop == "pendant" and not back:
        _pendant(pen, look, turn)
    if turn == 0:
        _arm(pen, look, x=-12.5, swing=-1, holding=None, angle=left)
    holding = look.prop if not back and look.prop not in _WORN else None
    _arm(pen, look, x=12.5 * body if turn < 1 else 1, swing=1, holding=holding, angle=right)
    if look.scarf:
        pen.rrect(-8 * body, 25.5, 8 * body, 31, 2.5, look.accent)
        if not back:
            pen.rrect(-5 + 6 * turn, 29, -1 + 6 * turn, 42, 1.5, look.accent)
    else:
        pen.rrect(-3 + turn, 24, 3 + turn, 30, 1, look.skin)
    if look.robot:
        robot_head(pen, look, turn, back, face)
    else:
        _head(pen, look, turn, back, face)
    if back and look.cape:
        _cape(pen, look, body, front=True)
    return image


# How high each hat reaches, in figure units (a figure is 104 tall; its layer starts 4.2 above the head's top at 0).
_HAT_TOPS: dict[str, float] = {"wizard": -26.0, "tophat": -23.0, "toque": -24.0, "hat": -10.0, "crown": -8.0}


def headroom(look: HumanLook) -> float:
    """How much taller than its height the figure's layer is, over the height: room for a tall hat's crown (or a
    bun of hair)."""
    top = _HAT_TOPS.get(look.hat or "", -6.0 if look.hair_style == 2 and not look.hat else 0.0)
    top = min(top, -20.0) if look.prop == "umbrella" else top  # held up over the head
    return max(0.0, -top - 4.2) / 104


def _torso(pen: Pen, look: HumanLook, body: float, turn: float, back: bool) -> None:
    w = 12 * body
    pen.poly([(-w + 2, 28), (w - 2, 28), (w + 0.5, 31), (w + 2, 62), (-w - 2, 62), (-w - 0.5, 31)], look.top)
    pen.rrect(-w - 1.6, 55, w + 1.6, 59, 1, look.accent)
    if back:
        return
    pen.poly([(-3.5 + 4 * turn, 28.3), (3.5 + 4 * turn, 28.3), (4 * turn, 34)], look.skin)
    for y in (39, 46) if turn < 1 else ():
        pen.circle(4 * turn, y, 1.1, look.accent)


def _cape(pen: Pen, look: HumanLook, body: float, front: bool = False) -> None:
    top = 28 if not front else 27
    pen.poly([(-12 * body, top), (12 * body, top), (20 * body, 86), (0, 89), (-20 * body, 86)], look.accent)
    if front:
        pen.line([(0, top + 4), (0, 86)], 0.6, darker(look.accent, 0.4))


def _long_hair(pen: Pen, look: HumanLook, turn: float) -> None:
    pen.rrect(-14 + 11 * turn, 6, 14 - 9 * turn, 40, 7, look.hair)


def _legs(pen: Pen, look: HumanLook, body: float, turn: float, angles: tuple[float, float] | None = None) -> None:
    spread = 5.5 * body * (1 - 0.55 * turn)
    for i, cx in enumerate((-spread, spread)):
        fill = darker(look.bottom, 0.25) if turn > 0 and i == 0 else look.bottom
        toe = 3.5 * turn
        if angles is None:
            pen.poly([(cx - 4.3, 58), (cx + 4.3, 58), (cx + 3.8, 91), (cx - 3.8, 91)], fill)
            pen.ellipse(cx - 5 + toe * 0.4, 88.5, cx + 5 + toe, 96, look.shoes)
            continue
        (fx, fy), ((ax, ay), (bx, by)) = _limb(cx, 58, angles[i], 33)
        pen.poly([(cx - 4.3 * ax, 58 - 4.3 * ay), (cx + 4.3 * ax, 58 + 4.3 * ay), (fx + 3.8 * bx, fy + 3.8 * by),
                  (fx - 3.8 * bx, fy - 3.8 * by)], fill)  # fmt: skip
        pen.ellipse(fx - 5 + toe * 0.4, fy - 2.5, fx + 5 + toe, fy + 5, look.shoes)
        if look.robot:
            pen.circle((cx + fx) / 2, (58 + fy) / 2, 2.6, darker(fill, 0.2))  # knee joint


def _limb(x: float, y: float, angle: float, length: float) -> tuple[Point, tuple[Point, Point]]:
    """The far end of a limb from (x, y) at `angle` degrees from straight down (toward +x), and its across
    direction at both ends (the same: limbs are straight)."""
    a = math.radians(angle)
    dx, dy = math.sin(a), math.cos(a)
    across = (dy, -dx)
    return (x + length * dx, y + length * dy), (across, across)


def _arm(
    pen: Pen,
    look: HumanLook,
    x: float,
    swing: int,
    far: bool = False,
    holding: str | None = None,
    angle: float | None = None,
) -> None:
    """An arm from the shoulder at `x`; `swing` is its outward side, `angle` how far it is raised that way."""
    sleeve = darker(look.top, 0.35) if far else darker(look.top, 0.1)
    out = 3.5 * swing
    pen.circle(x, 31.5, 3.3, sleeve)
    if angle is None:
        pen.poly([(x - 3.3, 31.5), (x + 3.3, 31.5), (x + 3 + out, 54), (x - 3 + out, 54)], sleeve)
        hx, hy = x + out, 56.5
    else:
        (hx, hy), ((ax, ay), _) = _limb(x, 31.5, angle * swing, 25)
        pen.poly([(x - 3.3 * ax, 31.5 - 3.3 * ay), (x + 3.3 * ax, 31.5 + 3.3 * ay), (hx + 3 * ax, hy + 3 * ay),
                  (hx - 3 * ax, hy - 3 * ay)], sleeve)  # fmt: skip
    if holding:
        _prop(pen, look, holding, hx, hy)
    pen.circle(hx, hy, 3.3, look.skin)


def _prop(pen: Pen, look: HumanLook, kind: str, hx: float, hy: float) -> None:
    if kind == "lantern":
        pen.line([(hx, hy), (hx, hy + 6)], 0.6)
        pen.rrect(hx - 4, hy + 6, hx + 4, hy + 17, 1.5, (255, 214, 102))
        pen.rrect(hx - 5, hy + 5, hx + 5, hy + 7, 1, darker(look.accent, 0.3))
        pen.rrect(hx - 5, hy + 16, hx + 5, hy + 18, 1, darker(look.accent, 0.3))
    elif kind == "sword":
        pen.poly(
            [(hx - 1.4, hy - 34), (hx, hy - 37), (hx + 1.4, hy - 34), (hx + 1.4, hy - 4), (hx - 1.4, hy - 4)],
            (215, 222, 230),
        )
        pen.rrect(hx - 5, hy - 5, hx + 5, hy - 2.5, 1, look.accent)
    elif kind == "staff":
        pen.rrect(hx - 1.2, hy - 40, hx + 1.2, hy + 36, 1, (140, 96, 58))
        pen.circle(hx, hy - 42, 3.5, look.accent)
    elif kind == "book":
        pen.rrect(hx - 1, hy - 6, hx + 9, hy + 7, 1, look.accent)
        pen.line([(hx + 1.5, hy - 4), (hx + 1.5, hy + 5)], 0.5, lighter(look.accent, 0.5))

    elif kind == "umbrella":  # open, held up over the head: a shaft, a scalloped canopy, a hooked handle
        canopy = look.prop_colour or look.accent
        pen.line([(hx, hy + 2), (hx, hy - 72)], 0.9, (70, 56, 48))
        pen.chord(hx - 19, hy - 73, hx + 19, hy - 45, 180, 360, canopy)
        for i in range(4):  # the scallops of its rim between the ribs
            pen.chord(hx - 19 + 9.5 * i, hy - 62, hx - 9.5 + 9.5 * i, hy - 56, 0, 180, canopy)
        pen.line([(hx, hy - 73), (hx, hy - 76)], 0.9, (70, 56, 48))
        pen.arc(hx - 3.4, hy, hx, hy + 5, 0, 180, 0.9)
    elif kind == "spyglass":  # a brass telescope, drawn out in its three tubes
        brass = look.prop_colour or (196, 150, 72)
        for i, (length, half) in enumerate(((8, 1.8), (8, 2.4), (8.5, 3.0))):
            x0 = hx - 4 + 7.5 * i
            pen.rrect(x0, hy - half, x0 + length, hy + half, 0.8, darker(brass, 0.1 * i))


# Props worn on the body, not held in the hand.
_WORN = ("satchel", "pendant")


def _pendant(pen: Pen, look: HumanLook, turn: float) -> None:
    """A coin or locket on a chain round the neck, on the chest."""
    cx = 4.5 * turn
    pen.line([(cx - 4.5, 27.5), (cx, 36.5), (cx + 4.5, 27.5)], 0.45, (150, 130, 90))
    pen.circle(cx, 38, 2.4, look.prop_colour or (206, 160, 70))


def _satchel(pen: Pen, look: HumanLook, body: float, back: bool) -> None:
    pen.line([(-11 * body, 29), (10 * body, 53)], 1.6, darker(look.accent, 0.3))
    if not back:
        pen.rrect(7 * body, 49, 16 * body + 2, 59, 2, mix(look.accent, (130, 90, 50), 0.5))


# Hairlines per view, in head units: the outer edge follows the skull from the first angle to the second, then
# comes back along these points (temples, behind the ear, nape), so no pie-slice seams cross the face.
_HAIRLINES: dict[float, tuple[tuple[float, float], list[Point]]] = {
    0.0: ((165, 375), [(12.4, 13), (9, 10), (-9, 10), (-12.4, 13)]),
    0.5: ((115, 350), [(12.2, 9), (7, 9.5), (-1, 10), (-5.5, 13), (-6.5, 20), (-5.2, 24.5)]),
    1.0: ((95, 335), [(10.8, 5.5), (5, 8.5), (-0.5, 10.5), (-3.5, 13), (-4, 21), (-1.5, 26.3)]),
}


def _head(pen: Pen, look: HumanLook, turn: float, back: bool, face: str) -> None:
    hooded = look.hat in ("hood", "helmet", "crown", "wizard", "hat", "cap", "toque", "tophat")
    if look.hat == "hood":
        pen.ellipse(-15, -1, 15, 30, look.accent)
    elif look.hair_style == 2 and not hooded:
        pen.circle(-6 * turn, 1, 5.5, look.hair)
    pen.ellipse(-12, 2, 12, 27, look.skin)
    bald = look.hair_style == BALD
    if back:
        cover = look.accent if look.hat == "hood" else look.skin if bald else look.hair
        pen.ellipse(-12.5, 1, 12.5, 24, cover)
        if bald:  # a fringe of hair round the back of a bald head
            pen.chord(-12.5, 6, 12.5, 24, 20, 160, look.hair)
        if look.hair_style == 1 and look.hat != "hood":  # long hair falls from the round of the head to the shoulders
            pen.rrect(-12.2, 10, 12.2, 38, 6, cover)
            pen.ellipse(-11.6, 1.9, 11.6, 23.1, cover, ink=False)  # no seam where it leaves the head
    elif bald and look.hat != "hood":  # the crown bare; a little hair over the ear
        if turn > 0:
            pen.ellipse(-12.8, 10.5, -6.5, 19.5, look.hair)
            if turn == 1:
                pen.ellipse(-5.5, 13.5, -1.5, 20, look.skin)  # ear
        else:
            for side in (-1, 1):
                pen.ellipse(side * 12.6 - 2.4, 11, side * 12.6 + 2.4, 18, look.hair)
    elif look.hat != "hood":
        (start, end), hairline = _HAIRLINES[turn]
        outer = [
            (12.8 * math.cos(math.radians(a)), 12.3 + 12 * math.sin(math.radians(a)))
            for a in range(round(start), round(end) + 1, 5)
        ]
        pen.poly(outer + hairline, look.hair)
        if turn == 1:
            pen.ellipse(-5.5, 13.5, -1.5, 20, look.skin)  # ear, in front of the hair that frames it
            pen.arc(-4.6, 15, -2.6, 18.5, 90, 270, 0.45)
        for i in range(4 if turn == 0 else 3):  # fringe
            pen.circle(-6 + 4 * i + 5 * turn, 10.3, 2.5, look.hair, ink=False)
    if not back:
        _face(pen, look, turn, face)
    if look.hat and look.hat != "hood":
        _hat(pen, look, look.hat)


def _face(pen: Pen, look: HumanLook, turn: float, face: str) -> None:
    fx = 6.5 * turn
    eyes = [fx - 4.5, fx + 4.5] if turn == 0 else ([fx - 3, fx + 4] if turn == 0.5 else [fx + 1.5])
    if look.beard:
        pen.chord(-12 + 11 * turn, 4, 12 + turn, 30.5, 15, 165, look.hair)
    if look.mask:  # a band across the eyes, the eyes showing through
        pen.rrect(-11.6 + 9 * turn, 11.6, 11.6 + 2.2 * turn, 19.4, 3.5, look.mask)
    for i, ex in enumerate(eyes):
        w = 1.15 if (turn == 0.5 and i == 1) else 1.6
        if not draw_eye(pen, ex, fx, w, face):
            pen.ellipse(ex - w, 13.5, ex + w, 18, INK, ink=False)
            pen.circle(ex + 0.5, 14.6, 0.55, WHITE, ink=False)
        if face == "stern":
            inner = ex > fx - 0.5 if turn == 0 else True
            lift = (11.2, 12.8) if inner else (12.8, 11.2)
            pen.line([(ex - 2.2, lift[0] if ex > fx else lift[1]), (ex + 2.2, lift[1] if ex > fx else lift[0])], 0.7)
        else:
            draw_brow(pen, ex, fx, face)
    # Under the eyes and inside the face's outline (at the three-quarter view's far edge one poked out past it).
    cheeks = [fx - 7, fx + 7] if turn == 0 else ([fx - 4.5, fx + 5.5] if turn == 0.5 else [fx + 0.5])
    for bx in cheeks if face != "scowl" else []:  # a scowl is not rosy
        pen.ellipse(bx - 2.2, 18.2, bx + 2.2, 20.4, mix(look.skin, (240, 110, 120), 0.45), ink=False)
    if turn == 1:
        pen.poly([(11.6, 14.5), (14, 18.3), (11.6, 19.2)], look.skin, ink=False)
        pen.line([(11.8, 14.8), (14, 18.3), (11.8, 19.2)], 0.5)
    elif turn == 0.5:
        pen.line([(fx + 1.8, 17.8), (fx + 2.6, 19.3), (fx + 1.4, 19.6)], 0.5)
    mx = fx + (1.5 * turn)
    if look.moustache and not look.beard:  # two lobes over the lip, one in profile
        for side in (-1, 1) if turn < 1 else (1,):
            pen.ellipse(mx + (0.2 if side > 0 else -3.8), 19.4, mx + (3.8 if side > 0 else -0.2), 21.4, look.hair)
    if face == "stern":
        pen.line([(mx - 2, 22.2), (mx + 2, 21.8)], 0.7)
    elif face == "smile":
        pen.arc(mx - 2.8, 19, mx + 2.8, 23, 20, 160, 0.7)
    else:
        draw_mouth(pen, mx, face)
    if look.cloudy or look.patch:  # the far (or only) eye: clouded pale, or under a patch on a strap
        ex = eyes[0]
        if look.patch:
            pen.ellipse(ex - 2.6, 13, ex + 2.6, 18.6, INK)
            strap = [(ex - 2.2, 14), (-11.8, 9.5)] if turn < 1 else [(ex, 13), (-2, 7.5)]
            pen.line(strap, 0.6)
        else:
            pen.ellipse(ex - 1.6, 13.5, ex + 1.6, 18, (214, 220, 226))
    if look.scar:  # across the near brow: a short slash, stitched
        sx = eyes[-1]
        pen.line([(sx - 1.6, 10.4), (sx + 1.8, 17.8)], 0.55, darker(look.skin, 0.45))
        for t in (0.35, 0.65):
            x, y = sx - 1.6 + 3.4 * t, 10.4 + 7.4 * t
            pen.line([(x - 0.9, y + 0.3), (x + 0.9, y - 0.3)], 0.35, darker(look.skin, 0.45))
    if look.glasses:
        for ex in eyes:
            pen.circle(ex, 15.8, 3.2, None)
        if len(eyes) == 2:
            pen.line([(eyes[0] + 3.2, 15.6), (eyes[1] - 3.2, 15.6)], 0.6)
        else:
            pen.line([(eyes[0] - 3.2, 15.6), (-3, 15)], 0.6)


def _hat(pen: Pen, look: HumanLook, kind: str) -> None:
    colour = look.hat_colour
    if kind == "crown":
        pen.poly([(-9, 5), (-10, -4), (-5, 1), (0, -6), (5, 1), (10, -4), (9, 5)], (245, 196, 66))
    elif kind == "wizard":
        pen.poly([(-11, 4), (11, 4), (3, -22), (-1, -24)], colour)
        pen.ellipse(-17, 2, 17, 8, colour)
    elif kind == "helmet":
        pen.pieslice(-13.5, -1, 13.5, 22, 180, 360, colour)
        pen.rrect(-13.5, 9, 13.5, 12, 1, darker(colour, 0.2) if luminance(colour) > 60 else lighter(colour, 0.25))
    elif kind == "toque":  # a chef's tall white hat: a pleated band under a crown that puffs out at the top
        white = (248, 248, 242)
        pen.poly([(-9, 4), (9, 4), (11.5, -11), (-11.5, -11)], white)
        for x, y, r in ((-7.5, -13, 6), (7.5, -13, 6), (0, -15.5, 6.5)):
            pen.circle(x, y, r, white)
        pen.poly([(-8.5, 2), (8.5, 2), (10.5, -11), (-10.5, -11)], white, ink=False)  # hides the puffs' lower rims
        pen.rrect(-10, 1.5, 10, 7, 1.5, white)
        for x in (-5, 0, 5):
            pen.line([(x, 2.5), (x, 6)], 0.4, darker(white, 0.25))
            pen.line([(x * 1.3, -4), (x * 1.5, -11)], 0.35, darker(white, 0.12))  # the crown's folds
    elif kind == "tophat":  # a tall crown with a band, on a narrow brim
        pen.rrect(-8.5, -21, 8.5, 5, 1.5, colour)
        pen.rrect(-8.5, -1, 8.5, 3, 0.5, darker(colour, 0.45))
        pen.ellipse(-15, 2.5, 15, 8.5, colour)
    elif kind == "cap":
        pen.pieslice(-12.5, -1, 12.5, 19, 180, 360, colour)
        pen.ellipse(4, 7, 19, 11, darker(colour, 0.2))
    else:
        pen.rrect(-9.5, -8, 9.5, 7, 2, colour)
        pen.rrect(-9.5, 2.5, 9.5, 5.5, 0.5, darker(colour, 0.3))
        pen.ellipse(-17, 4.5, 17, 10, colour)
