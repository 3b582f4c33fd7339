"""How big each kind of balloon is: the lettering size and the shape that holds the text.

The order is always the same: the largest lettering size whose text fits the preferred balloon (half the panel
wide, under a third of it tall), trying smaller sizes down to the minimum; then, at the minimum size, a balloon
grown up to the hard maximum; then the hard maximum with the text cut short by an ellipsis.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from comics import fonts, textfit
from comics.textfit import Area, EllipseArea, Fitted, RectArea, Token

RATIO = 1.9  # preferred width-to-height of a balloon
SFX_ANGLE = 7.0  # degrees a sound effect is turned


@dataclass(frozen=True)
class Metrics:
    """Sizes for one panel, in pixels of its art: lettering sizes, outline width, margin and balloon limits."""

    width: int
    height: int
    largest: int
    smallest: int
    outline: int
    margin: int
    gap: float
    hard: tuple[float, float]
    preferred: tuple[float, float]

    @classmethod
    def of(
        cls, width: int, height: int, scale: float, sizes: tuple[int, int], shares: tuple[float, float]
    ) -> "Metrics":
        """Metrics for a panel whose page sizes (largest, smallest) are scaled by `scale` into art pixels."""
        largest = max(6, round(sizes[0] * scale))
        outline = max(2, round(3 * scale))
        margin = max(outline + 4, round(0.025 * min(width, height)))
        room = (width - 2 * margin, height - 2 * margin)
        hard = (min(room[0], shares[0] * width), min(room[1], shares[1] * height))
        return cls(width=width, height=height, largest=largest, smallest=min(largest, max(6, round(sizes[1] * scale))),
                   outline=outline, margin=margin, gap=10 * scale, hard=hard,
                   preferred=(min(hard[0], 0.5 * width), min(hard[1], 0.3 * height)))  # fmt: skip


def pad(size: int, m: Metrics) -> float:
    """Room between a balloon's outline and its text."""
    return m.outline + 0.35 * size


def bump(size: int) -> float:
    """Radius of a thought cloud's bumps."""
    return 0.45 * size


def _shrink_then_grow(
    m: Metrics,
    attempt: Callable[[int, tuple[float, float]], tuple[float, float, Fitted] | None],
    preferred: tuple[float, float] | None = None,
) -> tuple[float, float, Fitted] | None:
    wide, tall = preferred or m.preferred
    for size in textfit.sizes(m.largest, m.smallest):
        result = attempt(size, (wide, tall))
        if result is not None:
            return result
    # Grow wider first, keeping the preferred height (what is below is more likely a face), then taller.
    steps = [(wide + (m.hard[0] - wide) * k / 8, tall) for k in range(1, 9)]
    steps += [(m.hard[0], tall + (m.hard[1] - tall) * k / 8) for k in range(1, 9)]
    for limit in steps:
        result = attempt(m.smallest, limit)
        if result is not None:
            return result
    return None


@lru_cache(maxsize=1024)  # a panel laid out again (captions moved, smaller lettering) fits the same balloons again
def fit_ellipse(
    items: tuple[Token, ...], m: Metrics, extra: float, room_above: float | None = None, widest: float | None = None
) -> tuple[float, float, Fitted]:
    """Semi-axes and lines of the smallest ellipse holding the text; `extra` is drawn around it (cloud bumps).

    `room_above` is the height above the speaker's head: the preferred balloon is kept within it (and may be
    wider, up to 0.65 of the panel, to make up for it), so the font shrinks before the balloon covers a face.
    `widest` caps the preferred width instead (a narrower, taller balloon for a gap beside another one).
    """

    def axes(t: float, size: int, limit: tuple[float, float]) -> tuple[float, float]:
        room = pad(size, m)
        b_low = textfit.line_height(size) / 2 + room
        a_low = max(1.6 * size + room, b_low)
        # The limit wins over the minimum: in a tiny panel the balloon shrinks rather than spill out of it.
        a_high, b_high = max(1.0, limit[0] / 2 - extra), max(1.0, limit[1] / 2 - extra)
        a_low, b_low = min(a_low, a_high), min(b_low, b_high)
        a = a_low + (a_high - a_low) * t
        return a, min(b_high, max(b_low, a / RATIO))

    def inner(a: float, b: float, size: int) -> EllipseArea:
        return EllipseArea(max(1.0, a - pad(size, m)), max(1.0, b - pad(size, m)))

    def attempt(size: int, limit: tuple[float, float]) -> tuple[float, float, Fitted] | None:
        found = textfit.smallest_fit(items, size, lambda t: inner(*axes(t, size, limit), size))
        if found is None:
            return None
        a, b = axes(found[0], size, limit)
        b_low = min(b, textfit.line_height(size) / 2 + pad(size, m))
        for k in range(11):  # a flatter ellipse of the same width if the text still fits: one-liners stay slim
            flatter = b_low + (b - b_low) * k / 10
            fitted = textfit.fit_in(items, size, inner(a, flatter, size))
            if fitted is not None:
                return a, flatter, fitted
        return a, b, found[1]

    preferred = m.preferred
    if room_above is not None:
        tallest = max(textfit.line_height(m.smallest) * 2 + 2 * pad(m.smallest, m), room_above)
        preferred = (min(m.hard[0], 0.65 * m.width), min(m.preferred[1], tallest))
    if widest is not None:
        preferred = (min(preferred[0], widest), max(preferred[1], m.preferred[1]))
    result = _shrink_then_grow(m, attempt, preferred)
    if result is not None:
        return result
    a, b = axes(1.0, m.smallest, m.hard)
    return a, b, textfit.truncate(items, m.smallest, inner(a, b, m.smallest))


@lru_cache(maxsize=1024)
def fit_rect(items: tuple[Token, ...], m: Metrics) -> tuple[float, float, Fitted]:
    """Width, height and lines of a caption box: the fewest lines the width allows, then as narrow as they stay."""

    def area(width: float, size: int, limit: tuple[float, float]) -> Area:
        return RectArea(width - 2 * pad(size, m), limit[1] - 2 * pad(size, m))

    def attempt(size: int, limit: tuple[float, float]) -> tuple[float, float, Fitted] | None:
        widest = textfit.fit_in(items, size, area(limit[0], size, limit))
        if widest is None:
            return None
        low = min(limit[0], 3 * size + 2 * pad(size, m))
        for k in range(21):
            width = low + (limit[0] - low) * k / 20
            fitted = textfit.fit_in(items, size, area(width, size, limit))
            if fitted is not None and len(fitted.lines) <= len(widest.lines):
                return _snug(fitted, m)
        return _snug(widest, m)

    result = _shrink_then_grow(m, attempt)
    if result is not None:
        return result
    return _snug(textfit.truncate(items, m.smallest, area(m.hard[0], m.smallest, m.hard)), m)


def _snug(fitted: Fitted, m: Metrics) -> tuple[float, float, Fitted]:
    widest = max((fonts.width(line, fitted.size) for line in fitted.lines), default=0.0)
    room = pad(fitted.size, m)
    return widest + 2 * room, len(fitted.lines) * textfit.line_height(fitted.size) + 2 * room, fitted


@dataclass(frozen=True)
class Effect:
    """A sound effect's size: its line, the text block, and the bounds of the block once turned and stroked."""

    fitted: Fitted
    stroke: int
    block: tuple[float, float]
    turned: tuple[float, float]


def fit_sfx(items: list[Token], m: Metrics) -> Effect:
    """One big line, as large as fits in half the panel's width (up to four times the lettering size)."""
    stroke = max(2, round(m.outline * 1.3))
    limit = 0.5 * m.width - 4 * stroke
    size = max(m.smallest, min(round(0.16 * m.height), m.largest * 4))
    while size > m.smallest and fonts.width(textfit.join(items), size) > limit:
        size = max(m.smallest, round(size * 0.92))
    one_line = RectArea(limit, textfit.line_height(size))
    fitted = textfit.fit_in(items, size, one_line)
    fitted = fitted or textfit.truncate(items, size, RectArea(m.hard[0] - 4 * stroke, textfit.line_height(size)))
    w = max((fonts.width(line, size) for line in fitted.lines), default=0.0)
    h = textfit.line_height(size)
    # What balloons.py pastes: the block padded by twice the stroke, turned, so its bounds grow.
    turn = math.radians(SFX_ANGLE)
    pw, ph = math.ceil(w) + 4 * stroke, math.ceil(h) + 4 * stroke
    turned = (pw * math.cos(turn) + ph * math.sin(turn) + 2, pw * math.sin(turn) + ph * math.cos(turn) + 2)
    return Effect(fitted=fitted, stroke=stroke, block=(w, h), turned=turned)
