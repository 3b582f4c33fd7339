"""A pen in figure units (shapes outlined in ink on a transparent layer), paths, stars and keyword matching."""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Iterable, Sequence
from functools import lru_cache

from PIL import Image, ImageDraw

from providers.offline.drawing.colour import INK, RGB
from providers.offline.drawing.styles import line_weight

Point = tuple[float, float]


class Pen:
    """Draws in figure units (a figure is 100 units tall) with ink outlines; mirror=True flips left and right."""

    def __init__(self, image: Image.Image, origin: Point, unit: float, mirror: bool = False) -> None:
        self.draw = ImageDraw.Draw(image)
        self.ox, self.oy = origin
        self.unit = unit
        self.sign = -1.0 if mirror else 1.0
        weight = line_weight()  # the style's: 1 in the house style
        self.weight = weight
        self.ink_width = max(2 if weight >= 1 else 1, round(unit * 0.9 * weight))

    def p(self, x: float, y: float) -> Point:
        """Unit coordinates to pixels."""
        return (self.ox + self.sign * x * self.unit, self.oy + y * self.unit)

    def box(self, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
        """A unit box to a pixel box, ordered for Pillow whatever the mirroring."""
        (a, b), (c, d) = self.p(x0, y0), self.p(x1, y1)
        return (min(a, c), min(b, d), max(a, c), max(b, d))

    def ellipse(self, x0: float, y0: float, x1: float, y1: float, fill: RGB | None, ink: bool = True) -> None:
        """An ellipse in a unit box."""
        self.draw.ellipse(self.box(x0, y0, x1, y1), fill=fill, outline=INK if ink else None, width=self.ink_width)

    def circle(self, x: float, y: float, r: float, fill: RGB | None, ink: bool = True) -> None:
        """A circle of radius r units."""
        self.ellipse(x - r, y - r, x + r, y + r, fill, ink)

    def poly(self, points: Sequence[Point], fill: RGB | None, ink: bool = True) -> None:
        """A filled polygon with an ink outline."""
        pts = [self.p(x, y) for x, y in points]
        if ink and self.ink_width > 1:
            outlined_polygon(self.draw, pts, fill, INK, self.ink_width)
        else:
            self.draw.polygon(pts, fill=fill, outline=INK if ink else None, width=1)

    def rrect(
        self, x0: float, y0: float, x1: float, y1: float, radius: float, fill: RGB | None, ink: bool = True
    ) -> None:
        """A rounded rectangle; radius in units."""
        self.draw.rounded_rectangle(
            self.box(x0, y0, x1, y1),
            radius=max(1, round(radius * self.unit)),
            fill=fill,
            outline=INK if ink else None,
            width=self.ink_width,
        )

    def line(self, points: Sequence[Point], width: float, fill: RGB = INK) -> None:
        """A polyline; width in units."""
        self.draw.line(
            [self.p(x, y) for x, y in points],
            fill=fill,
            width=max(1, round(width * self.unit * (self.weight if fill == INK else 1.0))),
            joint="curve",
        )

    def arc(self, x0: float, y0: float, x1: float, y1: float, start: float, end: float, width: float = 0.8) -> None:
        """An ink arc; angles in degrees, clockwise from 3 o'clock (mirroring reflects them)."""
        if self.sign < 0:
            start, end = 180 - end, 180 - start
        width_px = max(1, round(width * self.unit * self.weight))
        self.draw.arc(self.box(x0, y0, x1, y1), start, end, fill=INK, width=width_px)

    def pieslice(self, x0: float, y0: float, x1: float, y1: float, start: float, end: float, fill: RGB) -> None:
        """A filled pie slice of an ellipse, outlined; angles as for arc."""
        if self.sign < 0:
            start, end = 180 - end, 180 - start
        self.draw.pieslice(self.box(x0, y0, x1, y1), start, end, fill=fill, outline=INK, width=self.ink_width)

    def chord(self, x0: float, y0: float, x1: float, y1: float, start: float, end: float, fill: RGB) -> None:
        """A filled chord of an ellipse, outlined; angles as for arc."""
        if self.sign < 0:
            start, end = 180 - end, 180 - start
        self.draw.chord(self.box(x0, y0, x1, y1), start, end, fill=fill, outline=INK, width=self.ink_width)

    def tube(self, points: Sequence[Point], radii: Sequence[float], fill: RGB) -> None:
        """A smooth body along a path: an ink pass of wider discs, then the fill discs on top."""
        for (x, y), r in zip(points, radii, strict=True):
            self.circle(x, y, r + self.ink_width / self.unit, INK, ink=False)
        for (x, y), r in zip(points, radii, strict=True):
            self.circle(x, y, r, fill, ink=False)


def outlined_polygon(
    draw: ImageDraw.ImageDraw, points: Sequence[Point], fill: RGB | None, outline: RGB, width: int
) -> None:
    """draw.polygon(points, fill, outline, width), the same pixels, without a new mask per call.

    For an outline wider than a pixel Pillow masks it by the polygon's fill, on a mask as large as the whole image
    that it allocates every time (on a supersampled figure's layer that cost more than the drawing): here one mask
    per thread and size is kept, and the polygon drawn on it is cleared again after use."""
    if width <= 1 or draw.im is None:
        draw.polygon(points, fill=fill, outline=outline, width=width)
        return
    ink, fill_ink = draw._getink(outline, fill)
    if fill_ink is not None:
        draw.draw.draw_polygon(points, fill_ink, 1)
    if ink is None or ink == fill_ink:
        return
    mask, mask_draw = _mask(draw.im.size)
    mask_draw.draw.draw_polygon(points, 1, 1)
    draw.draw.draw_polygon(points, ink, 0, width * 2 - 1, mask.im)
    mask_draw.draw.draw_polygon(points, 0, 1)  # the same pixels unset: the mask is blank again


_MASKS = threading.local()


def _mask(size: tuple[int, int]) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    """A blank 1-bit mask of `size` for this thread (the last size asked for is kept: a figure's layer draws many
    outlined polygons in a row), with its draw."""
    kept: tuple[tuple[int, int], Image.Image, ImageDraw.ImageDraw] | None = getattr(_MASKS, "kept", None)
    if kept is None or kept[0] != size:
        mask = Image.new("1", size)
        kept = (size, mask, ImageDraw.Draw(mask))
        _MASKS.kept = kept
    return kept[1], kept[2]


def smooth_path(anchors: Sequence[Point], steps: int = 12) -> list[Point]:
    """A Catmull-Rom curve through anchors (at least two), sampled `steps` times per segment."""
    pts = [anchors[0], *anchors, anchors[-1]]
    out: list[Point] = []
    for i in range(1, len(pts) - 2):
        p0, p1, p2, p3 = pts[i - 1], pts[i], pts[i + 1], pts[i + 2]
        for s in range(steps):
            t = s / steps
            out.append(
                tuple(  # type: ignore[arg-type]
                    0.5
                    * (
                        2 * p1[k]
                        + (-p0[k] + p2[k]) * t
                        + (2 * p0[k] - 5 * p1[k] + 4 * p2[k] - p3[k]) * t * t
                        + (-p0[k] + 3 * p1[k] - 3 * p2[k] + p3[k]) * t**3
                    )
                    for k in (0, 1)
                )
            )
    out.append(anchors[-1])
    return out


def star_points(cx: float, cy: float, outer: float, inner: float, spikes: int, phase: float = -90) -> list[Point]:
    """Vertices of a star polygon."""
    pts: list[Point] = []
    for i in range(spikes * 2):
        r = outer if i % 2 == 0 else inner
        a = math.radians(phase + i * 180 / spikes)
        pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return pts


def has_any(text: str, words: Iterable[str]) -> bool:
    """Whether any of the words occurs in text as a whole word, allowing common endings (storm -> stormy)."""
    lowered, pattern = _pattern_for(text, words)
    return pattern is not None and pattern.search(lowered) is not None


def first_match(text: str, words: Iterable[str]) -> int | None:
    """Where the first of the words occurs in text (as has_any finds them), or None."""
    lowered, pattern = _pattern_for(text, words)
    found = pattern.search(lowered) if pattern is not None else None
    return found.start() if found else None


def match_starts(text: str, words: Iterable[str]) -> list[int]:
    """Where each occurrence of the words is in text (as has_any finds them), in order."""
    lowered, pattern = _pattern_for(text, words)
    return [found.start() for found in pattern.finditer(lowered)] if pattern is not None else []


def _pattern_for(text: str, words: Iterable[str]) -> tuple[str, re.Pattern[str] | None]:
    """The text lower-cased, and the pattern of those of the words it contains (None: it contains none of them).

    A word that is nowhere in the text cannot match anywhere in it, so leaving it out of the alternation changes no
    match (the others keep their order), and a pattern of the few words present compiles in a fraction of the time
    of the whole list's: compiling the lists cost a process's first panels ~5 ms each."""
    lowered = text.lower()
    present = tuple(word for word in words if word in lowered)
    return lowered, _word_pattern(present) if present else None


@lru_cache(maxsize=1024)
def _word_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    # Whole words only: "ice" must not fire on "voice", nor "cap" on "cape".
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})(?:s|es|y|ies|ing|ed|er|ers)?\b")
