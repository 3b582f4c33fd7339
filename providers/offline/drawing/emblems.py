"""Concepts: a radiant emblem around a motif named by the profile."""

from __future__ import annotations

import math
from collections.abc import Sequence

from PIL import Image

from providers.offline.drawing.colour import INK, RGB, WHITE, lighter, rng
from providers.offline.drawing.pen import Pen, has_any, smooth_path, star_points
from providers.offline.drawing.tables import MOTIFS


def concept_motif(text: str, name: str) -> str:
    """The motif named by the profile's keywords, else a star or spiral from the name's hash."""
    lowered = f"{name} {text}".lower()
    for motif, words in MOTIFS.items():
        if has_any(lowered, words):
            return motif
    return rng("motif", name).choice(("star", "spiral"))


def draw_emblem(palette: Sequence[RGB], motif: str, size: int) -> Image.Image:
    """A radiant round emblem with rings and a central motif, on a transparent layer `size` pixels square."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    pen = Pen(image, (size / 2, size / 2), size / 100)
    a, b, c = palette[0], palette[1], palette[2]
    pen.poly(star_points(0, 0, 49, 30, 12), lighter(a, 0.35))
    pen.poly(star_points(0, 0, 44, 28, 12, phase=-75), b)
    pen.circle(0, 0, 33, a)
    for i in range(24):
        angle = math.radians(i * 15)
        pen.circle(28 * math.cos(angle), 28 * math.sin(angle), 1.6, lighter(c, 0.4), ink=False)
    ground = lighter(b, 0.55)
    pen.circle(0, 0, 24, ground)
    _motif(pen, motif, c, ground)
    return image


def _motif(pen: Pen, motif: str, colour: RGB, ground: RGB) -> None:
    if motif == "heart":
        pen.poly([(0, 8), (-13, -4), (-10, -13), (-3, -13), (0, -8), (3, -13), (10, -13), (13, -4)], colour)
    elif motif == "flame":
        pen.poly(
            smooth_path([(0, 10), (-10, 2), (-6, -10), (-2, -6), (0, -18), (5, -6), (9, -9), (10, 2), (0, 10)], 5),
            colour,
        )
        pen.poly([(0, 8), (-4, 2), (0, -5), (4, 2)], lighter(colour, 0.5))
    elif motif == "moon":
        pen.circle(0, -3, 12, colour)
        pen.circle(6, -6, 10, ground, ink=False)  # the cut-out that leaves a crescent
    elif motif == "sun":
        pen.poly(star_points(0, -3, 16, 10, 10), colour)
        pen.circle(0, -3, 8, lighter(colour, 0.4))
    elif motif == "eye":
        pen.poly(smooth_path([(-16, -3), (0, -13), (16, -3), (0, 7), (-16, -3)], 6), WHITE)
        pen.circle(0, -3, 6, colour)
        pen.circle(0, -3, 2.5, INK, ink=False)
    elif motif == "hourglass":
        pen.poly([(-9, -16), (9, -16), (1.5, -3), (9, 10), (-9, 10), (-1.5, -3)], lighter(colour, 0.3))
        pen.poly([(-5, 10), (5, 10), (0, 4)], colour, ink=False)
        pen.rrect(-11, -18, 11, -15, 1, colour)
        pen.rrect(-11, 9, 11, 12, 1, colour)
    elif motif == "wave":
        for dy in (-8, 0):
            pen.line(smooth_path([(-15, dy), (-8, dy - 5), (0, dy), (8, dy - 5), (15, dy)], 6), 2.6, colour)
    elif motif == "leaf":
        pen.poly(smooth_path([(-12, 8), (-10, -6), (4, -16), (12, -14), (8, 0), (-12, 8)], 6), colour)
        pen.line([(-12, 8), (6, -10)], 0.8)
    elif motif == "bolt":
        pen.poly([(3, -18), (-9, 0), (-1, 0), (-4, 12), (9, -5), (1, -5)], colour)
    elif motif == "skull":
        pen.circle(0, -6, 11, (240, 236, 226))
        pen.rrect(-6, 0, 6, 8, 2, (240, 236, 226))
        for x in (-4.5, 4.5):
            pen.circle(x, -6, 3, INK, ink=False)
    elif motif == "spiral":
        pts = [(1.2 * t * math.cos(t), -3 + 1.2 * t * math.sin(t)) for t in (i / 4 for i in range(1, 52))]
        pen.line(pts, 2.2, colour)
    else:
        pen.poly(star_points(0, -3, 15, 6.5, 5), colour)
