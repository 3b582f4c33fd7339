"""Creature body plans unlike a beast's or a bird's (creatures.py draws those): a mermaid, a penguin, an octopus, a
giant, a ghost, a spider, a turtle and a frog, each a side view facing right in figure units (100 tall, up to 160
across), and the eye and mouth every plan shares. Each painter returns its head's unit box."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from providers.offline.drawing.colour import INK, RGB, WHITE, darker, lighter, mix
from providers.offline.drawing.pen import Pen, smooth_path

if TYPE_CHECKING:
    from providers.offline.drawing.creatures import CreatureLook

HeadBox = tuple[float, float, float, float]


def eye(pen: Pen, look: CreatureLook, x: float, y: float, r: float, mood: str = "sheet") -> None:
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


def mouth(pen: Pen, mood: str, x: float, y: float, size: float) -> None:
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


def person_head(pen: Pen, look: CreatureLook, x: float, y: float, r: float, mood: str) -> HeadBox:
    """A person's head in profile facing right at (x, y), its hair flowing back (a mermaid's, a centaur's)."""
    pen.poly([(x - r * 0.9, y - r * 0.6), (x - r * 2.2, y + r * 1.6), (x - r * 1.4, y + r * 2.6),
              (x - r * 0.2, y + r * 0.8)], look.accent)  # fmt: skip
    pen.circle(x, y, r, look.skin)
    pen.chord(x - r * 1.1, y - r * 1.1, x + r * 0.7, y + r * 0.9, 150, 300, look.accent)  # hair over the crown
    nose = [(x + r * 0.96, y + r * 0.02), (x + r * 1.14, y + r * 0.32), (x + r * 0.92, y + r * 0.38)]
    pen.poly(nose, look.skin)
    _person_face(pen, x + r * 0.5, y, r, mood)
    return (x - r * 1.4, y - r * 1.4, x + r * 1.4, y + r * 1.4)


def _person_face(pen: Pen, ex: float, y: float, r: float, mood: str) -> None:
    """A face in profile big enough to read at page size: the eye at (ex, y) (white, a pupil toward the front; a
    smile's closed arc), the mood's brow over it and its mouth below (a calm one a gentle smile), as a person's."""
    if mood == "happy":
        pen.arc(ex - r * 0.24, y - r * 0.16, ex + r * 0.24, y + r * 0.24, 200, 340, r * 0.1)
    else:
        wide = 1.3 if mood == "shock" else 1.0
        pen.ellipse(ex - r * 0.26 * wide, y - r * 0.24 * wide, ex + r * 0.3 * wide, y + r * 0.24 * wide, WHITE)
        pen.circle(ex + r * 0.13, y + r * 0.02, r * (0.08 if mood == "shock" else 0.11), INK, ink=False)
    brows = {"roar": [(ex - r * 0.3, y - r * 0.5), (ex + r * 0.35, y - r * 0.22)],
             "sad": [(ex - r * 0.3, y - r * 0.3), (ex + r * 0.35, y - r * 0.5)]}  # fmt: skip
    if mood in brows:
        pen.line(brows[mood], r * 0.1)
    elif mood == "shock":
        pen.arc(ex - r * 0.3, y - r * 0.65, ex + r * 0.32, y - r * 0.3, 200, 340, r * 0.08)
    mx, my = ex - r * 0.12, y + r * 0.58  # the mouth's near corner, inside the cheek's curve
    if mood == "happy":
        pen.arc(mx - r * 0.05, my - r * 0.25, mx + r * 0.4, my + r * 0.15, 20, 160, r * 0.1)
    elif mood in ("sad", "roar"):
        pen.arc(mx - r * 0.05, my - r * 0.02, mx + r * 0.4, my + r * 0.3, 200, 340, r * 0.1)
    elif mood == "shock":
        pen.ellipse(mx + r * 0.1, my - r * 0.1, mx + r * 0.36, my + r * 0.26, (110, 32, 44))
    else:
        pen.arc(mx, my - r * 0.16, mx + r * 0.34, my + r * 0.06, 30, 150, r * 0.08)  # a person's resting smile


def merfolk(pen: Pen, look: CreatureLook, mood: str, pose: str = "stand") -> HeadBox:
    """A person from the waist up on a fish's tail, curled along the ground behind; surging flat when moving."""
    anchors = [(84, 52), (88, 70), (80, 84), (64, 92), (48, 88)]
    if pose != "stand":
        anchors = [(84, 52), (76, 68), (56, 74), (34, 70), (14, 62)]
    path = smooth_path(anchors, 8)
    radii = [12 - 9 * i / (len(path) - 1) for i in range(len(path))]
    tx, ty = path[-1]
    pen.poly([(tx + 2, ty), (tx - 14, ty - 12), (tx - 8, ty), (tx - 14, ty + 10)], look.accent)  # the fluke
    pen.tube(path, radii, look.body)
    for i in range(3, len(path) - 4, 4):  # scales
        (sx, sy), r = path[i], radii[i]
        pen.arc(sx - r * 0.5, sy - r * 0.5, sx + r * 0.5, sy + r * 0.5, 200, 340, 0.5)
    pen.rrect(74, 24, 94, 56, 8, look.skin)  # the torso, its waist sunk into the tail's top
    pen.chord(72, 44, 96, 66, 180, 360, look.body)
    pen.line([(90, 30), (104, 42), (112, 36)], 2.6, look.skin)  # the near arm, reaching forward
    pen.circle(113, 35, 2.4, look.skin)
    pen.ellipse(78, 30, 90, 38, lighter(look.accent, 0.3))  # a shell top
    return person_head(pen, look, 86, 14, 10, mood)


def penguin(pen: Pen, look: CreatureLook, mood: str, pose: str = "stand") -> HeadBox:
    """An upright bird, white-fronted, flippers at its sides, beak to the right."""
    lean = 6 if pose != "stand" else 0  # waddling forward
    for x in (70, 84):
        pen.ellipse(x - 2, 90, x + 12, 97, (236, 150, 50))
    pen.ellipse(56 + lean, 10, 104 + lean, 94, look.body)
    pen.ellipse(78 + lean, 28, 104 + lean, 90, WHITE, ink=False)
    pen.arc(56 + lean, 10, 104 + lean, 94, 290, 70, 0.8)
    pen.poly([(64 + lean, 40), (52 + lean, 72), (62 + lean, 70), (74 + lean, 50)], darker(look.body, 0.2))
    pen.poly([(100 + lean, 20), (116 + lean, 24), (100 + lean, 28)], (236, 150, 50))
    eye(pen, look, 92 + lean, 20, 3.2, mood)
    return (64 + lean, 6, 112 + lean, 40)


def octopus(pen: Pen, look: CreatureLook, mood: str, pose: str = "stand") -> HeadBox:
    """A round head over eight curling tentacles spread along the ground."""
    far = darker(look.body, 0.25)
    for k in range(8):
        near = k % 2 == 1
        root_x = 58 + k * 6.5
        out = (k - 3.5) * 12 + (10 if pose != "stand" else 0)
        anchors = [(root_x, 48), (root_x + out * 0.3, 70), (root_x + out * 0.8, 86), (root_x + out, 94),
                   (root_x + out * 1.15, 88)]  # fmt: skip
        path = smooth_path(anchors, 6)
        radii = [5.5 - 4.5 * i / (len(path) - 1) for i in range(len(path))]
        pen.tube(path, radii, look.body if near else far)
        if near:
            for (x, y), r in list(zip(path, radii, strict=True))[3:-3:3]:
                pen.circle(x, y + r * 0.5, r * 0.35, look.belly, ink=False)
    pen.ellipse(54, 2, 112, 58, look.body)
    pen.ellipse(60, 8, 78, 22, lighter(look.body, 0.25), ink=False)  # a sheen on the dome
    eye(pen, look, 96, 38, 5, mood)
    mouth(pen, mood, 100, 48, 8)
    return (52, 0, 114, 60)


def biped(pen: Pen, look: CreatureLook, mood: str, pose: str = "stand") -> HeadBox:
    """A hulking figure on two legs (a giant, a troll, a yeti), long arms hanging, its head forward."""
    far = darker(look.body, 0.25)
    stride = 10 if pose != "stand" else 0
    pen.rrect(62 - stride, 64, 76 - stride, 94, 5, far)  # far leg
    pen.ellipse(60 - stride, 90, 82 - stride, 98, darker(far, 0.2))
    _limb(pen, [(64, 34), (58 - stride, 58), (60 - stride, 80)], 6, far)  # far arm
    pen.ellipse(50, 24, 104, 76, look.body)
    pen.ellipse(74, 34, 100, 72, look.belly)
    pen.rrect(78 + stride, 64, 92 + stride, 94, 5, look.body)  # near leg
    pen.ellipse(76 + stride, 90, 100 + stride, 98, darker(look.body, 0.35))
    if look.mane:  # shaggy: tufts along the back
        for y in (30, 44, 58):
            pen.poly([(54, y), (46, y + 6), (54, y + 10)], look.body)
    _limb(pen, [(88, 34), (98 + stride, 56), (102 + stride, 78)], 6.5, look.body)  # near arm
    pen.circle(102 + stride, 81, 6.5, look.body)
    if look.horns:
        pen.poly([(86, 10), (84, -4), (94, 8)], lighter(look.accent, 0.3))
    pen.ellipse(82, 4, 114, 34, look.body)
    pen.line([(96, 12), (112, 14)], 1.6)  # a heavy brow
    eye(pen, look, 104, 17, 3, mood)
    pen.poly([(110, 18), (117, 24), (110, 26)], darker(look.body, 0.15))  # the nose
    mouth(pen, mood, 102, 27, 11)
    return (80, 0, 118, 36)


def _limb(pen: Pen, anchors: list[tuple[float, float]], r: float, fill: RGB) -> None:
    """A thick arm through `anchors`, outlined."""
    path = smooth_path(anchors, 12)  # close steps: a smooth outline, not a string of beads
    pen.tube(path, [r] * len(path), fill)


def ghost(pen: Pen, look: CreatureLook, mood: str, pose: str = "stand") -> HeadBox:
    """A sheet-like spirit floating over the ground, its hem in waves trailing back, dark hollow eyes."""
    pale = lighter(mix(look.body, WHITE, 0.5), 0.2)
    trail = 14 if pose != "stand" else 4
    dome = [(80 + 26 * math.cos(a), 30 - 26 * math.sin(a)) for a in (math.pi * i / 12 for i in range(13))]
    points = [*dome, (52 - trail * 0.5, 60), (44 - trail, 84), (56 - trail * 0.5, 78), (66, 88), (76, 80),
              (88, 90), (98, 80), (106, 60)]  # fmt: skip
    pen.poly(points, pale)
    pen.poly([(100, 44), (116, 54), (102, 58)], pale)  # an arm held out
    for x in (84, 96):
        pen.ellipse(x - 3.5, 20, x + 3.5, 32, INK, ink=False)
    if mood == "roar" or mood == "shock":
        pen.ellipse(86, 36, 96, 48, INK, ink=False)
    elif mood == "happy":
        pen.arc(84, 34, 98, 42, 20, 160, 1.2)
    else:
        pen.ellipse(88, 38, 94, 44, INK, ink=False)
    return (54, 2, 108, 50)


def spider(pen: Pen, look: CreatureLook, mood: str, pose: str = "stand") -> HeadBox:
    """A round body on eight jointed legs, its small head and many eyes to the right."""
    far = darker(look.body, 0.3)
    for k in range(8):  # four legs reaching forward, four back, from under the head; the near ones in front
        near = k % 2 == 1
        side = 1 if k < 4 else -1
        reach = (k // 2 % 2) * 14 + (4 if near else 0)
        hip = (96.0, 64.0)
        knee = (hip[0] + side * (12 + reach * 0.5), 30 + reach * 0.3)
        foot = (hip[0] + side * (26 + reach), 94.0)
        pen.line([hip, knee, foot], 2.4 if near else 1.8, look.body if near else far)
    pen.ellipse(44, 40, 92, 82, look.body)  # the abdomen
    pen.ellipse(54, 50, 78, 64, look.accent, ink=False)
    pen.ellipse(84, 50, 112, 76, look.body)
    for x, y in ((104, 56), (108, 60), (100, 58)):
        pen.circle(x, y, 2.2, look.eye)
    if mood == "roar":
        pen.poly([(108, 68), (116, 74), (108, 74)], WHITE)
    return (82, 46, 116, 80)


def turtle(pen: Pen, look: CreatureLook, mood: str, pose: str = "stand") -> HeadBox:
    """A domed shell on four stubby legs, its head and neck out in front, a short tail behind."""
    step = 6 if pose != "stand" else 0
    pen.poly([(40, 78), (28, 82), (40, 84)], look.body)  # the tail
    for x, d in ((52, -step), (96, step), (62, step), (106, -step)):  # stubby legs, the near ones last
        pen.rrect(x - 6 + d, 74, x + 6 + d, 94, 4, look.body if x in (62, 106) else darker(look.body, 0.25))
    pen.rrect(104, 56, 124, 72, 7, look.body)  # the neck
    pen.chord(34, 32, 122, 116, 180, 360, look.accent)  # the shell, its rim along the belly
    pen.rrect(36, 70, 120, 80, 4, darker(look.accent, 0.2))
    for x0, x1 in ((52, 70), (70, 88), (88, 106)):  # its plates
        pen.arc(x0, 44, x1, 70, 200, 340, 0.8)
    pen.ellipse(114, 46, 142, 68, look.body)
    eye(pen, look, 130, 54, 2.8, mood)
    mouth(pen, mood, 132, 62, 9)
    return (110, 40, 146, 72)


def frog(pen: Pen, look: CreatureLook, mood: str, pose: str = "stand") -> HeadBox:
    """A squat body on folded hind legs, eyes bulging on top of its head, a wide mouth."""
    lean = 8 if pose != "stand" else 0  # springing forward
    pen.ellipse(30 - lean, 88, 64 - lean, 97, darker(look.body, 0.3))  # the hind foot, flat on the ground
    pen.rrect(104, 76, 112, 95, 3, look.body)  # a front leg
    pen.ellipse(100, 91, 118, 97, darker(look.body, 0.3))
    pen.ellipse(44, 48, 120, 90, look.body)
    pen.chord(60, 60, 120, 94, 0, 180, look.belly)
    pen.ellipse(38 - lean / 2, 58, 74 - lean / 2, 92, look.body)  # the folded haunch
    pen.arc(44 - lean / 2, 64, 68 - lean / 2, 88, 200, 320, 0.7)
    for x in (96, 112):  # the bulging eyes on top
        pen.circle(x, 48, 7, look.body)
        eye(pen, look, x + 1, 47, 4, mood)
    pen.arc(96, 56, 126, 72, 20, 150, 0.9)  # the wide mouth
    mouth(pen, mood, 110, 66, 10)
    return (86, 38, 126, 76)
