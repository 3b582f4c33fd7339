"""Expressions drawn on a face: eyes, brows and mouth shapes beyond the sheet's resting smile or stern look.

Coordinates are head units as humanoids.py draws the face: eyes at y 13.5-18, brows above them, the mouth near
y 22; `fx` is the middle of the face (it moves toward the nose as the head turns).
"""

from __future__ import annotations

from providers.offline.drawing.colour import INK, WHITE
from providers.offline.drawing.pen import Pen

_MOUTH_DARK = (110, 32, 44)


def draw_eye(pen: Pen, ex: float, fx: float, w: float, face: str) -> bool:
    """The eye at `ex` for faces whose eyes differ from the open resting eye; False leaves that one to draw."""
    if face == "wince":  # squeezed shut: a chevron pointing at the nose
        toward = 1 if ex < fx else -1
        pen.line([(ex - 1.9 * toward, 14), (ex + 1.4 * toward, 15.8), (ex - 1.9 * toward, 17.6)], 0.75)
        return True
    if face == "shock":  # wide, white all round a small pupil
        pen.ellipse(ex - w - 0.7, 12.9, ex + w + 0.7, 18.7, WHITE)
        pen.circle(ex, 15.8, 0.95, INK, ink=False)
        return True
    return False


def draw_brow(pen: Pen, ex: float, fx: float, face: str) -> None:
    """The brow over the eye at `ex`: knitted down to the nose in a scowl, raised at the nose when worried, sad or
    wincing, arched high in shock; the resting smile has none."""
    inner, outer = (ex + 2.3, ex - 2.3) if ex < fx else (ex - 2.3, ex + 2.3)
    if face == "scowl":
        pen.line([(outer, 10.4), (inner, 13.2)], 1.05)
    elif face in ("worried", "sad", "wince"):
        pen.line([(outer, 12.6), (inner, 10.6)], 0.75)
    elif face == "shock":
        pen.arc(ex - 2.6, 9.4, ex + 2.6, 12.6, 200, 340, 0.7)
    elif face == "grin":
        pen.arc(ex - 2.4, 10.4, ex + 2.4, 12.8, 210, 330, 0.6)


def draw_mouth(pen: Pen, mx: float, face: str) -> None:
    """The mouth centred at `mx` for every face but the resting smile and stern line."""
    if face == "grin":  # open and laughing
        pen.chord(mx - 3.4, 18.6, mx + 3.4, 24.6, 0, 180, _MOUTH_DARK)
        pen.line([(mx - 2.6, 21.8), (mx + 2.6, 21.8)], 0.55, WHITE)
    elif face in ("scowl", "sad"):  # turned down
        top = 21.2 if face == "scowl" else 21.6
        pen.arc(mx - 2.8, top, mx + 2.8, top + 3.6, 205, 335, 0.8)
    elif face == "worried":  # a wobbly line
        pen.line([(mx - 2.4, 22.4), (mx - 1.2, 21.7), (mx, 22.4), (mx + 1.2, 21.7), (mx + 2.4, 22.4)], 0.6)
    elif face == "wince":  # clenched teeth
        pen.rrect(mx - 3, 20.8, mx + 3, 23.6, 0.8, WHITE)
        pen.line([(mx - 2.6, 22.2), (mx + 2.6, 22.2)], 0.45)
    elif face == "shock":  # an O
        pen.ellipse(mx - 1.7, 20.4, mx + 1.7, 24.8, _MOUTH_DARK)
    else:  # anything else reads as calm
        pen.line([(mx - 2, 22.2), (mx + 2, 22.2)], 0.7)
