"""Small beasts not built like a beast on four long legs (creatures.py draws that one): a rabbit sitting up on its
big hind feet (stretched out in a hop when it moves), a mouse low to the ground with round ears and a long thin tail,
a monkey upright with a long curled tail, and a crab, its claws raised. Each a side view facing right in figure
units (100 tall, up to 160 across); each painter returns its head's unit box."""

from __future__ import annotations

from typing import TYPE_CHECKING

from providers.offline.drawing.bodies import HeadBox, eye, mouth
from providers.offline.drawing.colour import INK, WHITE, darker, lighter, mix
from providers.offline.drawing.pen import Pen, smooth_path

if TYPE_CHECKING:
    from providers.offline.drawing.creatures import CreatureLook

_PINK = (230, 130, 150)


def rabbit(pen: Pen, look: CreatureLook, mood: str, pose: str = "stand") -> HeadBox:
    """A round body sitting on a big haunch and a long hind foot, a white puff of a tail, long upright ears; in a
    hop (any moving pose) stretched out, the hind feet kicked back and the ears laid back."""
    far = darker(look.body, 0.22)
    if pose != "stand":  # mid-hop: long and low, the hind feet trailing, the front paws reaching to land
        pen.ellipse(14, 66, 52, 76, far)  # the far hind foot, kicked back
        pen.ellipse(102, 70, 122, 80, far)
        pen.circle(38, 50, 7, WHITE)
        pen.ellipse(36, 34, 110, 74, look.body)
        pen.chord(44, 44, 108, 78, 10, 170, look.belly)
        pen.ellipse(34, 40, 74, 72, look.body)  # the haunch
        pen.ellipse(8, 70, 50, 80, darker(look.body, 0.1))  # the near hind foot
        pen.poly([(96, 60), (118, 80), (126, 78), (106, 56)], look.body)  # the near foreleg
        pen.ellipse(116, 76, 132, 84, darker(look.body, 0.1))
        return _rabbit_head(pen, look, mood, 114, 30, laid_back=True)
    pen.ellipse(86, 88, 106, 97, far)  # the far front paw
    pen.circle(40, 72, 8, WHITE)  # the tail, a white puff
    pen.ellipse(46, 36, 108, 94, look.body)  # the body, sitting up
    pen.chord(70, 44, 112, 96, 300, 100, look.belly)
    pen.ellipse(38, 52, 86, 94, look.body)  # the haunch, the big hind leg folded under it
    pen.arc(44, 58, 80, 90, 200, 320, 0.7)
    pen.ellipse(34, 86, 92, 97, darker(look.body, 0.1))  # the long hind foot, flat on the ground
    pen.rrect(94, 70, 104, 94, 4, look.body)  # the near foreleg
    pen.ellipse(92, 89, 112, 97, darker(look.body, 0.1))
    return _rabbit_head(pen, look, mood, 108, 28)


def _rabbit_head(pen: Pen, look: CreatureLook, mood: str, x: float, y: float, laid_back: bool = False) -> HeadBox:
    inner = lighter(look.accent, 0.45)
    for dx, shade in ((-5, darker(look.body, 0.2)), (3, look.body)):  # two long ears, the far one behind
        if laid_back:  # streaming back along the neck
            pen.poly([(x + dx + 2, y - 2), (x + dx - 30, y - 16), (x + dx - 32, y - 10), (x + dx + 6, y + 6)], shade)
            pen.poly([(x + dx, y - 1), (x + dx - 26, y - 12), (x + dx - 6, y + 1)], inner, ink=False)
            continue
        pen.ellipse(x + dx - 4, y - 28, x + dx + 6, y + 4, shade)
        pen.ellipse(x + dx - 1.5, y - 24, x + dx + 3.5, y - 2, inner, ink=False)
    pen.ellipse(x - 12, y - 6, x + 18, y + 22, look.body)
    pen.ellipse(x + 6, y + 6, x + 24, y + 20, look.belly)  # the muzzle
    pen.poly([(x + 21, y + 6), (x + 26, y + 7), (x + 23, y + 11)], _PINK)
    for dy in (-2, 2):  # whiskers
        pen.line([(x + 20, y + 13), (x + 34, y + 11 + dy * 2)], 0.35)
    eye(pen, look, x + 7, y + 4, 3.4, mood)
    mouth(pen, mood, x + 14, y + 16, 8)
    return (x - 14, y - 30, x + 30, y + 24)


def mouse(pen: Pen, look: CreatureLook, mood: str, pose: str = "stand") -> HeadBox:
    """A small pear-shaped body low on tiny feet, a long thin tail curling off behind, big round ears, a pointed
    snout with whiskers and a pink nose; scurrying (any moving pose) the tail streams out straight."""
    moving = pose != "stand"
    tail = [(52, 84), (30, 90), (14, 84), (8, 70), (16, 62)] if not moving else [(52, 82), (30, 80), (12, 76), (0, 70)]
    path = smooth_path(tail, 8)
    pen.tube(path, [2.0 - 1.2 * i / (len(path) - 1) for i in range(len(path))], mix(look.body, _PINK, 0.5))
    far = darker(look.body, 0.25)
    step = 6 if moving else 0
    for x, d in ((66, -step), (100, step)):  # the far feet
        pen.ellipse(x - 4 + d, 91, x + 8 + d, 97, far)
    pen.ellipse(44, 58, 118, 96, look.body)  # the body
    pen.chord(56, 70, 118, 98, 10, 170, look.belly)
    for x, d in ((60, step), (94, -step)):  # the near feet, little pink toes
        pen.ellipse(x - 5 + d, 91, x + 9 + d, 98, mix(look.body, _PINK, 0.6))
    pen.circle(104, 50, 13, darker(look.body, 0.1))  # the far ear
    pen.circle(114, 54, 13, look.body)  # the near ear, big and round
    pen.circle(115, 55, 8, mix(look.accent, _PINK, 0.5), ink=False)
    pen.poly([(102, 66), (118, 58), (148, 80), (112, 90)], look.body)  # the head, tapering to the snout
    pen.ellipse(104, 62, 132, 90, look.body)
    pen.circle(148, 80, 3.2, _PINK)
    for dy in (-4, 0, 4):  # whiskers
        pen.line([(142, 82), (158, 78 + dy * 1.5)], 0.35)
    eye(pen, look, 126, 72, 3.0, mood)
    mouth(pen, mood, 134, 86, 8)
    return (100, 40, 152, 94)


def monkey(pen: Pen, look: CreatureLook, mood: str, pose: str = "stand") -> HeadBox:
    """Upright on bent legs, long arms, a round head with a pale face and a big ear, and a long tail curling up
    behind it into a spiral; running (any moving pose) it leans forward, striding, the near arm swinging ahead."""
    lean = 8 if pose != "stand" else 0
    face = mix(look.belly, (236, 200, 160), 0.6)
    tail = smooth_path([(60, 74), (40, 84), (24, 76), (20, 56), (28, 40), (40, 38), (44, 48), (36, 52)], 10)
    pen.tube(tail, [3.2 - 1.4 * i / (len(tail) - 1) for i in range(len(tail))], look.body)
    far = darker(look.body, 0.25)
    pen.tube(smooth_path([(70, 68), (62 - lean, 82), (68 - lean, 94)], 6), [5.5] * 13, far)  # the far leg
    pen.ellipse(62 - lean, 91, 82 - lean, 98, darker(far, 0.2))
    pen.tube(smooth_path([(66 + lean, 40), (58 + lean, 58), (62 + lean, 76)], 6), [4.2] * 13, far)  # the far arm
    pen.ellipse(56 + lean * 1.5, 34, 92 + lean * 1.5, 82, look.body)  # the body
    pen.ellipse(74 + lean * 1.5, 44, 92 + lean * 1.5, 78, lighter(look.belly, 0.15), ink=False)
    pen.tube(smooth_path([(78, 70), (92 + lean, 80), (86 + lean, 94)], 6), [6.0] * 13, look.body)  # the near leg
    pen.ellipse(82 + lean, 90, 104 + lean, 98, darker(look.body, 0.3))
    reach = (96 + lean * 2, 70 - lean * 2)
    pen.tube(smooth_path([(84 + lean, 42), (96 + lean, 56), reach], 6), [4.6] * 13, look.body)  # the near arm
    pen.circle(reach[0], reach[1] + 2, 4.6, face)  # its hand
    x, y = 82 + lean * 2, 20.0
    pen.ellipse(x - 20, y - 4, x - 4, y + 12, look.body)  # the ear, at the side of the head
    pen.ellipse(x - 16, y, x - 8, y + 8, face, ink=False)
    pen.circle(x, y + 2, 16, look.body)  # the head
    pen.poly([(x - 2, y - 8), (x + 14, y - 8), (x + 18, y + 12), (x + 4, y + 14)], face, ink=False)  # the face
    pen.ellipse(x + 2, y - 10, x + 18, y + 6, face)
    pen.ellipse(x + 6, y + 4, x + 24, y + 18, face)  # the muzzle
    pen.circle(x + 20, y + 7, 1.0, INK, ink=False)  # a nostril
    pen.line([(x + 2, y - 7), (x + 16, y - 5)], 1.0, darker(look.body, 0.2))  # the brow ridge
    eye(pen, look, x + 11, y - 1, 3.0, mood)
    mouth(pen, mood, x + 12, y + 13, 10)
    return (x - 20, y - 16, x + 26, y + 20)


def crab(pen: Pen, look: CreatureLook, mood: str, pose: str = "stand") -> HeadBox:
    """A wide shell on four jointed legs each side, two big claws raised, eyes up on stalks; scuttling (any moving
    pose) its legs step out to one side."""
    far, shell = darker(look.body, 0.25), look.body
    step = 6 if pose != "stand" else 0
    for k in range(4):  # the legs, bent at the knee, the far ones first
        for side in (-1, 1):
            hip = (80 + side * (14 + k * 5), 70.0)
            knee = (80 + side * (34 + k * 8) + step, 62 + k * 2.0)
            foot = (80 + side * (40 + k * 9) + step, 96.0 - k)
            pen.line([hip, knee, foot], 2.6, far if k % 2 else darker(far, 0.1))
    for side in (-1, 1):  # the claws on their arms, raised high
        elbow, wrist = (80 + side * 38, 52), (80 + side * 46, 30)
        pen.line([(80 + side * 20, 64), elbow, wrist], 4.2, shell)
        cx, cy = wrist[0], wrist[1] - 8
        pen.ellipse(cx - 10, cy - 8, cx + 10, cy + 10, shell)
        pen.poly([(cx - 2, cy - 8), (cx + side * 2, cy - 22), (cx + side * 10, cy - 6)], lighter(shell, 0.1))
        pen.poly([(cx - 2 * side, cy - 4), (cx + side * 3, cy - 6), (cx, cy + 2)], INK, ink=False)  # the pincer's gap
    for dx in (-8, 8):  # eyes on stalks
        pen.line([(80 + dx * 0.6, 52), (80 + dx, 36)], 1.6, shell)
        eye(pen, look, 80 + dx, 34, 4.0, mood)
    pen.ellipse(44, 48, 116, 86, shell)  # the shell
    pen.chord(50, 58, 110, 90, 20, 160, look.belly)
    for x in (62, 80, 98):  # bumps along its rim
        pen.arc(x - 6, 50, x + 6, 60, 200, 340, 0.6)
    mouth(pen, mood, 74, 70, 12)
    return (60, 24, 100, 80)
